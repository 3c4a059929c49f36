"""Starts the real action server and Rasa server once, on test ports, for the e2e tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("E2E_MODEL", ROOT / "models" / "climabot.tar.gz"))
RASA = Path(sys.executable).parent / "rasa"
RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "15005"))
ACTIONS_PORT = int(os.environ.get("E2E_ACTIONS_PORT", "15055"))
STARTUP_TIMEOUT = 240
Popen = subprocess.Popen[bytes]
# Monday 23 November 2026, 15:00 in Guingamp: the showroom is open, tomorrow is a Tuesday.
FIXED_NOW = "2026-11-23T15:00:00+01:00"


@dataclass
class Bot:
    """A client of the REST channel: one message in, the bot's messages out."""

    url: str
    database_url: str
    workdir: Path

    def say(self, text: str, sender: str | None = None) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender or uuid.uuid4().hex, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def text(self, text: str, sender: str | None = None) -> str:
        """All the bot's texts of one turn, joined: what a user reads."""
        return "\n".join(m.get("text", "") for m in self.say(text, sender))

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


def wait_until_up(url: str, process: Popen, log: Path, timeout: float = STARTUP_TIMEOUT) -> None:
    """Returns once `url` answers; fails with the end of the log if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early, see {log}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} not up after {timeout} s, see {log}")


def _spawn(command: list[str], workdir: Path, name: str, env: dict[str, str], health: str) -> Popen:
    """A server started from the project, its log in workdir (appended: a restart keeps the
    first log); returns once `health` answers."""
    log = workdir / f"{name}.log"
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )
    wait_until_up(health, process, log)
    return process


def start_actions(workdir: Path, env: dict[str, str], port: int = ACTIONS_PORT) -> Popen:
    """The action server."""
    command = [str(RASA), "run", "actions", "--port", str(port), "--actions", "actions"]
    return _spawn(command, workdir, "actions", env, f"http://localhost:{port}/health")


def write_endpoints(workdir: Path, actions_port: int) -> Path:
    """endpoints.yml for test servers: their action port, a SQLite tracker store in workdir."""
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://localhost:{actions_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{workdir / "tracker.db"}"\n'
    )
    return endpoints


def start_rasa(
    workdir: Path,
    env: dict[str, str],
    model: Path = MODEL,
    *,
    rasa_port: int = RASA_PORT,
    actions_port: int = ACTIONS_PORT,
) -> Popen:
    """The Rasa server, with a SQLite tracker store in workdir (kept across restarts)."""
    endpoints = write_endpoints(workdir, actions_port)
    command = [
        str(RASA),
        "run",
        "--model",
        str(model),
        "--port",
        str(rasa_port),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(ROOT / "credentials.yml"),
        "--interface",
        "127.0.0.1",
    ]
    return _spawn(command, workdir, "rasa", env, f"http://localhost:{rasa_port}/")


def start_servers(
    workdir: Path,
    env: dict[str, str],
    model: Path = MODEL,
    *,
    rasa_port: int = RASA_PORT,
    actions_port: int = ACTIONS_PORT,
) -> list[Popen]:
    """Action server then Rasa server, logs in workdir; returns once both answer."""
    actions = start_actions(workdir, env, actions_port)
    return [
        actions,
        start_rasa(workdir, env, model, rasa_port=rasa_port, actions_port=actions_port),
    ]


def server_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of test servers: a database in workdir and the fixed clock."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'climabot.db'}",
        "PYTHONPATH": str(ROOT),
        "CLIMABOT_NOW": FIXED_NOW,
        **extra,
    }


def stop(processes: list[Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    workdir = tmp_path_factory.mktemp("servers")
    env = server_env(workdir)
    processes = start_servers(workdir, env)
    try:
        yield Bot(
            url=f"http://localhost:{RASA_PORT}", database_url=env["DATABASE_URL"], workdir=workdir
        )
    finally:
        stop(processes)
