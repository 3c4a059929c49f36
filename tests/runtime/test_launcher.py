"""The launcher's commands, files and process handling, without Rasa (tiny Python processes)."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest
import yaml

from runtime import launcher
from runtime.launcher import (
    CREDENTIALS,
    FIXED_NOW,
    RASA,
    ROOT,
    Server,
    StartupError,
    action_server,
    answers,
    isolated_env,
    launch,
    local_endpoints,
    port_in_use,
    rasa_server,
    stop_all,
    web_server,
)


def _python(code: str, name: str = "tiny", port: int = 9, health: str = "") -> Server:
    """A server running `code`, whose health URL never answers unless given one."""
    return Server(
        name=name,
        command=[sys.executable, "-c", code],
        port=port,
        health=health or "http://127.0.0.1:9/",
    )


def test_action_server_listens_on_loopback_only() -> None:
    server = action_server(15055)
    assert server.command == [
        str(RASA),
        "run",
        "actions",
        "--port",
        "15055",
        "--actions",
        "actions",
    ]
    assert server.env == {"SANIC_HOST": "127.0.0.1"}
    assert server.health == "http://127.0.0.1:15055/health"


def test_rasa_server_command() -> None:
    model, endpoints = Path("m.tar.gz"), Path("e.yml")
    plain = rasa_server(model, 15005, endpoints)
    assert plain.command[1:] == [
        "run",
        "--model",
        "m.tar.gz",
        "--port",
        "15005",
        "--endpoints",
        "e.yml",
        "--credentials",
        str(CREDENTIALS),
        "--interface",
        "127.0.0.1",
    ]
    assert plain.health == "http://127.0.0.1:15005/"
    full = rasa_server(
        model, 5005, endpoints, api_token="t", cors="http://localhost:8000", env={"A": "1"}
    )
    assert full.command[-4:] == [
        "--enable-api",
        "--auth-token=t",
        "--cors",
        "http://localhost:8000",
    ]
    assert full.env == {"A": "1"}


def test_a_token_that_begins_with_a_dash_reaches_rasa_whole() -> None:
    from rasa.__main__ import create_argument_parser

    server = rasa_server(Path("m.tar.gz"), 5005, Path("e.yml"), api_token="-Xy_9")
    arguments = create_argument_parser().parse_args(server.command[1:])
    assert arguments.auth_token == "-Xy_9"
    assert arguments.enable_api


def test_web_server_command() -> None:
    server = web_server(8000, "http://localhost:5005")
    assert server.command == [
        sys.executable,
        "-m",
        "web.server",
        "--port",
        "8000",
        "--socket-url",
        "http://localhost:5005",
    ]
    assert server.health == "http://127.0.0.1:8000/healthz"


def test_local_endpoints(tmp_path: Path) -> None:
    endpoints = yaml.safe_load(local_endpoints(tmp_path, 15055).read_text())
    assert endpoints["action_endpoint"] == {
        "url": "http://127.0.0.1:15055/webhook",
        "enable_selective_domain": True,  # the domain only to the actions that read it
    }
    assert endpoints["tracker_store"] == {
        "type": "runtime.tracker_store.IncrementalSQLTrackerStore",
        "dialect": "sqlite",
        "db": str(tmp_path / "tracker.db"),
    }


def test_isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIMABOT_NOW", raising=False)
    env = isolated_env(tmp_path, SANIC_BACKLOG="1024")
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'climabot.db'}"
    assert env["PYTHONPATH"] == str(ROOT)
    assert env["CLIMABOT_NOW"] == FIXED_NOW
    assert env["SANIC_BACKLOG"] == "1024"
    assert "CLIMABOT_NOW" not in isolated_env(tmp_path, now=None)  # the real clock


def test_nothing_answers_on_a_closed_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        assert not port_in_use(port)  # bound, not listening
        probe.listen()
        assert port_in_use(port)
    assert not answers(f"http://127.0.0.1:{port}/")


def test_a_server_that_exits_fails_its_start_with_its_log(tmp_path: Path) -> None:
    server = _python("print('no model here'); raise SystemExit(3)", name="broken")
    with pytest.raises(StartupError) as failure:
        launch([server], {}, tmp_path, timeout=30)
    assert failure.value.exited
    assert "no model here" in str(failure.value)
    assert server.log == tmp_path / "broken.log"


def test_a_silent_server_times_out_and_is_stopped(tmp_path: Path) -> None:
    first = _python("import time; time.sleep(60)", name="first")
    second = _python("import time; time.sleep(60)", name="second")
    with pytest.raises(StartupError) as failure:
        launch([first, second], {}, tmp_path, together=True, timeout=1)
    assert not failure.value.exited
    assert not first.running() and not second.running()  # launch cleans up after itself


def test_a_server_is_up_once_its_health_url_answers(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (
        "import http.server as h; "
        f"h.HTTPServer(('127.0.0.1', {port}), h.SimpleHTTPRequestHandler).serve_forever()"
    )
    server = _python(code, name="http", port=port, health=f"http://127.0.0.1:{port}/")
    launch([server], {}, tmp_path, timeout=30)
    try:
        assert server.running() and answers(server.health)
    finally:
        stop_all([server])
    assert not server.running()


def test_stop_all_kills_what_ignores_sigterm(tmp_path: Path) -> None:
    stubborn = _python(
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(60)",
        name="stubborn",
    )
    stubborn.start({}, tmp_path)
    deadline = time.monotonic() + 10
    while "ready" not in stubborn.log_tail() and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    stop_all([stubborn], timeout=0.5)
    assert not stubborn.running()
    assert time.monotonic() - started < 10


def test_a_restart_appends_to_the_log(tmp_path: Path) -> None:
    server = _python("print('run', flush=True)", name="twice")
    for _ in range(2):
        server.start({}, tmp_path, append=True)
        assert server.process is not None
        server.process.wait(timeout=10)
    assert server.log_tail().count("run") == 2


def test_make_actions_runs_the_action_server_in_the_foreground(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    called: list[tuple[str, list[str], dict[str, str]]] = []

    def execve(path: str, command: list[str], env: dict[str, str]) -> None:
        called.append((path, command, env))
        raise SystemExit(0)  # the real one never returns: the process becomes the server

    monkeypatch.setattr(launcher.os, "chdir", lambda path: None)
    monkeypatch.setattr(launcher.os, "execve", execve)
    with pytest.raises(SystemExit):
        launcher.main(["actions", "--port", "5056"])
    [(path, command, env)] = called
    assert command == action_server(5056).command and path == str(RASA)
    assert env["SANIC_HOST"] == "127.0.0.1" and env["PYTHONPATH"] == str(ROOT)


def test_free_port_keeps_a_free_port_and_replaces_a_busy_one() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        other = launcher.free_port(port)
        assert other != port and not port_in_use(other)
    assert launcher.free_port(port) == port
    assert launcher.free_port(port, avoid={port}) != port


def test_make_shell_runs_the_chat_over_rasa_and_the_actions_then_stops_both(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    launched: list[Server] = []
    stopped: list[Server] = []
    chats: list[str] = []

    def fake_launch(servers: list[Server], env: object, logs: Path, **options: object) -> None:
        assert options["own_session"]  # Ctrl-C reaches the chat, not the servers
        launched.extend(servers)
        endpoints = Path(servers[1].command[servers[1].command.index("--endpoints") + 1])
        assert yaml.safe_load(endpoints.read_text())["action_endpoint"]["url"] == (
            f"http://127.0.0.1:{servers[0].port}/webhook"
        )

    def fake_chat(url: str) -> int:
        chats.append(url)
        return 0

    monkeypatch.setattr(launcher, "launch", fake_launch)
    monkeypatch.setattr(launcher, "stop_all", lambda servers: stopped.extend(servers))
    monkeypatch.setattr(launcher, "chat", fake_chat)
    monkeypatch.setattr(launcher, "port_in_use", lambda port: False)
    code = launcher.main(
        ["shell", "--model", "m.tar.gz", "--port", "15055", "--rasa-port", "15005"]
    )
    actions, rasa = launched
    assert code == 0 and stopped == launched
    assert rasa.command[:2] == [str(RASA), "run"] and rasa.port == 15005 and actions.port == 15055
    assert chats == ["http://127.0.0.1:15005"]
    assert "climabot-" in capsys.readouterr().err
    workdir = Path(rasa.command[rasa.command.index("--endpoints") + 1]).parent
    assert not workdir.exists()  # the trackers of the session are removed


def test_make_shell_says_in_french_when_a_server_does_not_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing_launch(servers: list[Server], env: object, logs: Path, **options: object) -> None:
        servers[1].log = logs / "climabot-rasa.log"
        raise StartupError(servers[1], exited=True, timeout=1)

    monkeypatch.setattr(launcher, "launch", failing_launch)
    monkeypatch.setattr(launcher, "stop_all", lambda servers: None)
    monkeypatch.setattr(launcher, "chat", lambda url: pytest.fail("no chat without servers"))
    assert launcher.main(["shell", "--model", "m.tar.gz"]) == 1
    assert "climabot-rasa.log" in capsys.readouterr().err
