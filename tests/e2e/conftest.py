"""The real action server and Rasa server, started once on test ports by runtime/launcher.py."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from runtime.launcher import (
    ROOT,
    Server,
    action_server,
    isolated_env,
    launch,
    local_endpoints,
    rasa_server,
    stop_all,
)

MODEL = Path(os.environ.get("E2E_MODEL", ROOT / "models" / "climabot.tar.gz"))
RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "15005"))
ACTIONS_PORT = int(os.environ.get("E2E_ACTIONS_PORT", "15055"))


@dataclass
class Bot:
    """A client of the REST channel: one message in, the bot's messages out."""

    url: str
    database_url: str
    workdir: Path

    def say(
        self, text: str, sender: str | None = None, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": sender or uuid.uuid4().hex, "message": text}
        if metadata is not None:
            body["metadata"] = metadata  # what a page says about who is talking
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def text(
        self, text: str, sender: str | None = None, metadata: dict[str, Any] | None = None
    ) -> str:
        """All the bot's texts of one turn, joined: what a user reads."""
        return "\n".join(m.get("text", "") for m in self.say(text, sender, metadata))

    def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of a SQL query on the business database; none before the first write."""
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return [dict(row._mapping) for row in connection.execute(sa.text(query), params)]
        except sa.exc.OperationalError:  # nothing stored yet: the tables do not exist
            return []
        finally:
            engine.dispose()


def start_actions(workdir: Path, env: dict[str, str], port: int = ACTIONS_PORT) -> Server:
    """The action server, its log in workdir (appended: a restart keeps the first log)."""
    server = action_server(port)
    launch([server], env, workdir, append=True)
    return server


def start_rasa(
    workdir: Path,
    env: dict[str, str],
    model: Path = MODEL,
    *,
    rasa_port: int = RASA_PORT,
    actions_port: int = ACTIONS_PORT,
) -> Server:
    """The Rasa server, with a SQLite tracker store in workdir (kept across restarts)."""
    server = rasa_server(model, rasa_port, local_endpoints(workdir, actions_port))
    launch([server], env, workdir, append=True)
    return server


def server_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of test servers: a database in workdir and the fixed clock."""
    return isolated_env(workdir, **extra)


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    workdir = tmp_path_factory.mktemp("servers")
    env = server_env(workdir)
    servers = [start_actions(workdir, env)]
    try:
        servers.append(start_rasa(workdir, env))
        yield Bot(
            url=f"http://localhost:{RASA_PORT}", database_url=env["DATABASE_URL"], workdir=workdir
        )
    finally:
        stop_all(servers)
