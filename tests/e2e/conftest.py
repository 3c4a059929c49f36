"""Starts the real action server and Rasa server once, on test ports, for the e2e tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("E2E_MODEL", ROOT / "models" / "climabot.tar.gz"))
RASA = Path(sys.executable).parent / "rasa"
RASA_PORT = int(os.environ.get("E2E_RASA_PORT", "15005"))
ACTIONS_PORT = int(os.environ.get("E2E_ACTIONS_PORT", "15055"))
STARTUP_TIMEOUT = 240
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


def wait_until_up(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = STARTUP_TIMEOUT
) -> None:
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


def start_servers(
    workdir: Path,
    env: dict[str, str],
    model: Path = MODEL,
    *,
    rasa_port: int = RASA_PORT,
    actions_port: int = ACTIONS_PORT,
    rasa_args: Sequence[str] = (),
) -> list[subprocess.Popen[bytes]]:
    """Action server then Rasa server, logs in workdir; returns once both answer.

    `rasa_args` are added to `rasa run` (the browser tests add `--cors <web origin>`).
    """
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://localhost:{actions_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{workdir / "tracker.db"}"\n'
    )
    actions_log, rasa_log = workdir / "actions.log", workdir / "rasa.log"
    actions = subprocess.Popen(
        [str(RASA), "run", "actions", "--port", str(actions_port), "--actions", "actions"],
        cwd=ROOT,
        env=env,
        stdout=actions_log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    wait_until_up(f"http://localhost:{actions_port}/health", actions, actions_log)
    rasa = subprocess.Popen(
        [
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
            *rasa_args,
        ],
        cwd=ROOT,
        env=env,
        stdout=rasa_log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    wait_until_up(f"http://localhost:{rasa_port}/", rasa, rasa_log)
    return [actions, rasa]


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
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
    database_url = f"sqlite:///{workdir / 'climabot.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        "CLIMABOT_NOW": FIXED_NOW,
    }
    processes = start_servers(workdir, env)
    try:
        yield Bot(url=f"http://localhost:{RASA_PORT}", database_url=database_url, workdir=workdir)
    finally:
        stop(processes)
