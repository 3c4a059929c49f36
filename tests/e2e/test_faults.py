"""Faults in the middle of a conversation: the customer is told, and nothing is lost.

These tests start their own servers (they kill and restart them), on their own ports.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from logic.storage.schema import sender_key
from logic.text.catalogue import say
from runtime.launcher import Server, stop_all
from tests.e2e.conftest import (
    MODEL,
    Bot,
    server_env,
    start_actions,
    start_rasa,
)

RASA_PORT = int(os.environ.get("FAULTS_RASA_PORT", "17005"))
ACTIONS_PORT = int(os.environ.get("FAULTS_ACTIONS_PORT", "17055"))
APOLOGY = say("technical_problem")
NOT_SAVED = "n'a pas pu être enregistrée"


@dataclass
class Servers:
    """An action server and a Rasa server that a test may kill and start again."""

    workdir: Path
    env: dict[str, str]
    actions: Server | None = None
    rasa: Server | None = None
    bot: Bot = field(init=False)

    def __post_init__(self) -> None:
        self.bot = Bot(
            url=f"http://localhost:{RASA_PORT}",
            database_url=self.env["DATABASE_URL"],
            workdir=self.workdir,
        )

    def start_actions(self) -> None:
        self.actions = start_actions(self.workdir, self.env, ACTIONS_PORT)

    def kill_actions(self) -> None:
        """SIGKILL: the action server dies without a goodbye, as in a crash."""
        assert self.actions is not None
        self.actions.kill()

    def start_rasa(self) -> None:
        self.rasa = start_rasa(
            self.workdir, self.env, MODEL, rasa_port=RASA_PORT, actions_port=ACTIONS_PORT
        )

    def stop_rasa(self) -> None:
        assert self.rasa is not None
        self.rasa.stop()

    def rows(self, sender: str) -> list[dict[str, Any]]:
        """The requests stored for this conversation."""
        return self.bot.rows("SELECT * FROM requests WHERE sender_key = :k", k=sender_key(sender))


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    workdir = tmp_path_factory.mktemp("faults")
    running = Servers(workdir, server_env(workdir))
    running.start_actions()
    running.start_rasa()
    try:
        yield running
    finally:
        stop_all([s for s in (running.actions, running.rasa) if s is not None])


def _start_appointment(bot: Bot, sender: str) -> None:
    assert "À quel nom" in bot.text("je voudrais prendre rendez-vous", sender)
    assert "joindre" in bot.text("Jeanne Le Goff", sender)


def test_action_server_killed_in_a_form(servers: Servers) -> None:
    bot, sender = servers.bot, uuid.uuid4().hex
    _start_appointment(bot, sender)

    servers.kill_actions()
    try:
        down = bot.text("06 12 34 56 78", sender)
        assert APOLOGY in down, down
        assert "Sorry" not in down
    finally:
        servers.start_actions()

    # The form goes on where it was: the name given before the crash is kept.
    assert "Quel jour" in bot.text("06 12 34 56 78", sender)
    assert "heure" in bot.text("demain", sender)
    assert "Votre référence : RDV-" in bot.text("11h", sender)
    [row] = servers.rows(sender)
    assert "Jeanne Le Goff" in str(row["details"]) and "2026-11-24" in str(row["details"])


def test_rasa_restart_keeps_the_conversation(servers: Servers) -> None:
    bot, sender = servers.bot, uuid.uuid4().hex
    _start_appointment(bot, sender)
    assert "Quel jour" in bot.text("06 12 34 56 78", sender)

    servers.stop_rasa()
    servers.start_rasa()  # the tracker comes back from the SQL tracker store

    assert "heure" in bot.text("demain", sender)
    assert "Votre référence : RDV-" in bot.text("14h", sender)
    [row] = servers.rows(sender)
    assert "Jeanne Le Goff" in str(row["details"])


def test_locked_database_then_retry(servers: Servers) -> None:
    bot, sender = servers.bot, uuid.uuid4().hex
    _start_appointment(bot, sender)
    assert "Quel jour" in bot.text("06 12 34 56 78", sender)
    assert "heure" in bot.text("demain", sender)

    # Another writer holds the SQLite file for longer than the action's busy timeout.
    database = servers.workdir / "climabot.db"
    blocker = sqlite3.connect(database, timeout=1, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        failed = bot.say("10h", sender)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    text = "\n".join(m.get("text", "") for m in failed)
    assert NOT_SAVED in text and "réessayez" in text, text
    assert servers.rows(sender) == []  # nothing half-written

    # The "Réessayer" button starts the form again; the answers were kept.
    [retry] = [b["payload"] for m in failed for b in m.get("buttons", [])][:1]
    assert "Votre référence : RDV-" in bot.text(retry, sender)
    [row] = servers.rows(sender)
    details = json.loads(row["details"])
    assert details["name"] == "Jeanne Le Goff" and details["appointment_time"] == "10:00"
