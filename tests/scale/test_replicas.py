"""Two Rasa replicas sharing a PostgreSQL tracker store and a Redis lock store (`make test-scale`).

Each conversation sends its messages alternately to replica A and replica B (each replica
with its own action server), about twenty conversations at once, with the business database
on PostgreSQL too. Every answer must be the one the flow expects (replica B answers the
second question of a form only if it saw the slot set through replica A), then every
request, survey and conversation must be stored exactly once, and every tracker must hold
each user message once. Two messages of one conversation sent at the same time to both
replicas must be handled one after the other (the Redis lock), without losing events.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from logic.storage.schema import sender_key
from runtime.proxy import nginx_main_config, nginx_test, site_config
from tests.scale.cluster import (
    AUTH_TOKEN,
    BUSINESS_DB,
    DEPLOY,
    FLOWS,
    REQUEST_KINDS,
    REQUIRES_PACKAGES,
    ROUNDS,
    SIMULTANEOUS,
    Chat,
    Cluster,
    check_tracker,
    say,
    tracker_events,
)

pytestmark = REQUIRES_PACKAGES


def test_deploy_nginx_conf_is_valid(tmp_path: Path) -> None:
    config = nginx_main_config(tmp_path, DEPLOY / "nginx.conf")
    result = nginx_test(config)
    assert result.returncode == 0, result.stderr


def test_the_class_configuration_is_valid(tmp_path: Path) -> None:
    """`make class`'s nginx: all interfaces, three replicas."""
    site = tmp_path / "site.conf"
    replicas = [f"127.0.0.1:{port}" for port in (5005, 5006, 5007)]
    site.write_text(site_config("8000", "127.0.0.1:8001", replicas))
    result = nginx_test(nginx_main_config(tmp_path / "nginx", site))
    assert result.returncode == 0, result.stderr


def test_conversations_alternate_between_the_replicas(cluster: Cluster) -> None:
    chats = [
        Chat(cluster, kind, start=n % 2)
        for n in range(ROUNDS)
        for kind in FLOWS  # interleaved kinds, half of them starting on replica B
    ]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(chats)) as pool:
        outcomes = list(pool.map(_run, chats))
    cluster.stats.flows_seconds = time.monotonic() - started
    cluster.stats.conversations += len(chats)
    cluster.stats.messages += sum(len(chat.sent) for chat in chats)
    failures = [outcome for outcome in outcomes if outcome]
    assert not failures, "\n\n".join(failures)

    for chat in chats:
        check_tracker(cluster, chat.sender, chat.sent)

    # The business rows: one per completed request and survey, one per conversation.
    requests_rows = cluster.query(
        BUSINESS_DB, "SELECT sender_key, reference, kind, status FROM requests"
    )
    expected_requests = {
        sender_key(chat.sender): (chat.reference, REQUEST_KINDS[chat.kind])
        for chat in chats
        if chat.kind in REQUEST_KINDS
    }
    by_key: dict[str, list[tuple[Any, ...]]] = {}
    for row in requests_rows:
        by_key.setdefault(row[0], []).append(row)
    assert len(requests_rows) == len(expected_requests), requests_rows
    for key, (reference, kind) in expected_requests.items():
        rows = by_key.get(key, [])
        assert len(rows) == 1, f"{kind}: {len(rows)} rows for one conversation"
        status = "cancelled" if kind == "callback" else "confirmed"
        assert rows[0][1:] == (reference, kind, status)

    surveys = cluster.query(
        BUSINESS_DB, "SELECT comment, nps, csat, ces, completed FROM survey_responses"
    )
    comments = sorted(chat.comment for chat in chats if chat.comment)
    assert sorted(row[0] for row in surveys) == comments
    assert {row[1:] for row in surveys} == {(9, "tres_satisfait", 2, True)}

    conversations = cluster.query(BUSINESS_DB, "SELECT sender_key FROM conversations")
    assert sorted(row[0] for row in conversations) == sorted(sender_key(c.sender) for c in chats)
    cluster.stats.rows = {
        "demandes": len(requests_rows),
        "questionnaires": len(surveys),
        "conversations": len(conversations),
    }


def _run(chat: Chat) -> str:
    """Plays the chat's flow; the failure as text, or "" (threads must not raise)."""
    try:
        FLOWS[chat.kind](chat)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def _send_together(cluster: Cluster, sender: str, messages: list[str]) -> list[str]:
    """Message n to replica n % 2, all released at the same instant; the answers."""
    barrier = threading.Barrier(len(messages))

    def send(n: int) -> str:
        barrier.wait()
        return say(cluster.urls[n % 2], sender, messages[n])

    with ThreadPoolExecutor(max_workers=len(messages)) as pool:
        return list(pool.map(send, range(len(messages))))


def test_simultaneous_messages_wait_for_the_lock(cluster: Cluster) -> None:
    """The first two messages of a conversation reach A and B at the same instant."""
    pairs = (("Bonjour", "Climabot"), ("c'est quoi le NPS", "promoteurs"))
    locks = cluster.redis.client(db=1)  # REDIS_DB of the replicas
    sets_before = _set_calls(cluster)
    for _ in range(SIMULTANEOUS):
        sender = f"scale-lock-{uuid.uuid4().hex[:12]}"
        answers = _send_together(cluster, sender, [message for message, _ in pairs])
        for answer, (_, expected) in zip(answers, pairs, strict=True):
            assert expected in answer, answer
        cluster.stats.conversations += 1
        cluster.stats.messages += 2

        # Both user messages are in the tracker, each followed by its own answers: one
        # message was handled entirely, then the other.
        events = tracker_events(cluster, sender)
        users = [data["text"] for type_name, data in events if type_name == "user"]
        assert sorted(users) == sorted(message for message, _ in pairs), f"{sender}: {users}"
        turns: dict[str, list[str]] = {}
        current = ""
        for type_name, data in events:
            if type_name == "user":
                current = data["text"]
            elif type_name == "bot" and current:
                turns.setdefault(current, []).append(data.get("text") or "")
        for message, expected in pairs:
            assert expected in "\n".join(turns.get(message, [])), (sender, message, turns)
        assert sum(type_name == "session_started" for type_name, _ in events) == 1, sender

    # The replicas did go through Redis (a ticket issued and returned per message), and
    # released every lock.
    assert _set_calls(cluster) - sets_before >= 4 * SIMULTANEOUS
    assert not locks.keys("*")


def _set_calls(cluster: Cluster) -> int:
    stats = cluster.redis.client().info("commandstats")
    return int(stats.get("cmdstat_set", {}).get("calls", 0))


def test_the_rasa_api_needs_the_token(cluster: Cluster) -> None:
    sender = f"scale-api-{uuid.uuid4().hex[:12]}"
    assert "Climabot" in say(cluster.urls[0], sender, "Bonjour")
    url = f"{cluster.urls[1]}/conversations/{sender}/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    tracker = requests.get(url, params={"token": AUTH_TOKEN}, timeout=10)
    assert tracker.ok
    assert [e["text"] for e in tracker.json()["events"] if e["event"] == "user"] == ["Bonjour"]
    cluster.stats.conversations += 1
    cluster.stats.messages += 1
