"""The scale test's cluster: ports, the services and replicas, and one conversation over REST."""

from __future__ import annotations

import itertools
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg2
import pytest
import requests

from runtime.launcher import (
    ROOT,
)
from tests.scale.services import (
    Postgres,
    Redis,
    missing_packages,
)

POSTGRES_PORT, REDIS_PORT = 25432, 26379
RASA_PORTS, ACTIONS_PORTS = (25005, 25006), (25055, 25056)
PROXY_PORT = 25080
TRACKER_DB, BUSINESS_DB = "rasa", "climabot"
AUTH_TOKEN = "scale-test-token"
DEPLOY = ROOT / "deploy"
ROUNDS = 4  # conversations of each kind
SIMULTANEOUS = 5  # conversations whose first two messages reach both replicas at once

# Every test of the folder needs Debian's packages (`make test-scale` installs them).
REQUIRES_PACKAGES = pytest.mark.skipif(
    bool(missing_packages()),
    reason=f"needs Debian's {', '.join(missing_packages())}: run `make test-scale`",
)


# --- the cluster ----------------------------------------------------------------------------


@dataclass
class Stats:
    """What the summary prints at the end."""

    started: float = field(default_factory=time.monotonic)
    ready: float = 0.0
    conversations: int = 0
    messages: int = 0
    flows_seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    tickets: str = "tickets non testés"


@dataclass
class Services:
    """PostgreSQL and Redis, shared by every replica."""

    postgres: Postgres
    redis: Redis
    workdir: Path
    stats: Stats

    def query(self, database: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        connection = psycopg2.connect(self.postgres.dsn(database))
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())
        finally:
            connection.close()


@dataclass
class Cluster(Services):
    """Two replicas, A and B, each with its own action server."""

    urls: tuple[str, str]


def summary_line(stats: Stats) -> str:
    total = time.monotonic() - stats.started
    rows = ", ".join(f"{n} {name}" for name, n in stats.rows.items()) or "non vérifiées"
    return (
        f"\nBilan test-scale : {stats.conversations} conversations, {stats.messages} messages "
        f"sur 2 répliques ({ROUNDS * len(FLOWS)} conversations simultanées en "
        f"{stats.flows_seconds:.1f} s) ; démarrage des serveurs {stats.ready:.0f} s, "
        f"total {total:.0f} s ; lignes en base : {rows} ; {stats.tickets}."
    )


# --- conversations ---------------------------------------------------------------------------


class Chat:
    """One conversation over REST; message n goes to replica (start + n) % 2."""

    def __init__(self, cluster: Cluster, kind: str, start: int) -> None:
        self.urls = cluster.urls
        self.kind = kind
        self.sender = f"scale-{kind}-{uuid.uuid4().hex[:12]}"
        self.start = start
        self.sent: list[str] = []
        self.transcript: list[str] = []
        self.reference: str | None = None
        self.comment: str | None = None

    def expect(self, message: str, *expected: str) -> str:
        """Sends `message` to the next replica; every `expected` text must be in the answer."""
        replica = (self.start + len(self.sent)) % 2
        answer = say(self.urls[replica], self.sender, message)
        self.sent.append(message)
        self.transcript.append(f"[{'AB'[replica]}] {message!r} -> {answer!r}")
        missing = [text for text in expected if text not in answer]
        if missing:
            raise AssertionError(
                f"{self.kind} {self.sender}: {missing} missing from the answer\n  "
                + "\n  ".join(self.transcript)
            )
        return answer


def say(url: str, sender: str, message: str) -> str:
    """All the bot's texts for one message, joined."""
    response = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120
    )
    response.raise_for_status()
    return "\n".join(m.get("text", "") for m in response.json())


def _reference(answer: str, prefix: str) -> str:
    found = re.search(rf"Votre référence : ({prefix}-[0-9A-Z]+)", answer)
    assert found, answer
    return found.group(1)


# Each appointment its own start: two customers at most may share one (the capacity).
APPOINTMENT_TIMES = ("9h30", "10h", "10h30", "11h", "11h30", "14h", "14h30", "15h", "15h30", "16h")
_next_appointment = itertools.count()


def appointment(chat: Chat) -> None:
    hour = APPOINTMENT_TIMES[next(_next_appointment) % len(APPOINTMENT_TIMES)]
    chat.expect("je voudrais prendre rendez-vous avec un commercial", "À quel nom")
    chat.expect("Jeanne Le Goff", "joindre")
    chat.expect("06 12 34 56 78", "Quel jour")
    chat.expect("demain", "heure")
    chat.reference = _reference(chat.expect(hour, "mardi 24 novembre"), "RDV")


def reservation(chat: Chat) -> None:
    chat.expect("je cherche la reference du filtre de ma clim aria 25", "CT-FIL-2035", "14,90")
    chat.expect('/reserve_part{"part_reference":"CT-FIL-2035"}', "Combien")
    chat.expect("2", "nom")
    chat.expect("Yann Morvan", "téléphone")
    chat.reference = _reference(chat.expect("0698765432", "Filtres à air Aria 25"), "CC")


def callback_then_cancel(chat: Chat) -> None:
    chat.expect("je veux etre rappele", "numéro")
    chat.expect("06 11 22 33 44", "Quel jour")
    chat.expect("demain", "Plutôt le matin")
    chat.reference = _reference(chat.expect("le matin"), "RAP")
    chat.expect(f"je veux annuler ma demande {chat.reference}", "annulée", chat.reference)


def survey(chat: Chat) -> None:
    chat.comment = f"Le technicien est arrivé à l'heure, merci ({chat.sender[-6:]})."
    chat.expect("je veux donner mon avis", "recommandiez Climatech")
    chat.expect("9", "Êtes-vous satisfait")
    chat.expect("Très satisfait", "Quel effort")
    chat.expect("2", "Un commentaire")
    chat.expect(chat.comment, "Merci pour vos réponses")


def course(chat: Chat) -> None:
    chat.expect("Bonjour", "Climabot")
    chat.expect("c'est quoi le NPS", "promoteurs")
    chat.expect("zkqjdh pqoeiru")
    chat.expect("/deny", "reformuler")  # the other replica knows what it suggested


FLOWS: dict[str, Callable[[Chat], None]] = {
    "appointment": appointment,
    "reservation": reservation,
    "callback": callback_then_cancel,
    "survey": survey,
    "course": course,
}
REQUEST_KINDS = {"appointment": "appointment", "reservation": "reservation", "callback": "callback"}


def tracker_events(cluster: Cluster, sender: str) -> list[tuple[str, dict[str, Any]]]:
    rows = cluster.query(
        TRACKER_DB, "SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", sender
    )
    return [(type_name, json.loads(data)) for type_name, data in rows]


def check_tracker(cluster: Cluster, sender: str, sent: list[str]) -> None:
    """One session start, each user message once in the order sent, no duplicated event."""
    events = tracker_events(cluster, sender)
    users = [data.get("text") for type_name, data in events if type_name == "user"]
    assert users == sent, f"{sender}: tracker has {users}, sent {sent}"
    starts = sum(type_name == "session_started" for type_name, _ in events)
    assert starts == 1, f"{sender}: {starts} session starts"
    keys = [json.dumps(data, sort_keys=True) for _, data in events]
    assert len(keys) == len(set(keys)), f"{sender}: duplicated events"
