"""Starts and stops the action server, the Rasa server(s) and the web server.

The one launcher of the project: `make run` (scripts/run_all.py), the e2e, browser and scale
tests and the benchmarks describe their servers with `action_server`, `rasa_server` and
`web_server`, then `launch` them and `stop_all` them. Each server writes its log to
`<logs>/<name>.log`; `launch` returns once every server answers on its health URL.

    python -m runtime.launcher actions [--port 5055]     # make actions
    python -m runtime.launcher shell --model M.tar.gz    # make shell (runtime/terminal.py)
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from logic.text.catalogue import say
from runtime.terminal import chat

ROOT = Path(__file__).resolve().parent.parent
RASA = Path(sys.executable).parent / "rasa"
CREDENTIALS = ROOT / "credentials.yml"
STARTUP_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 20.0
LOG_TAIL_CHARS = 3000
# The clock of the test and benchmark servers: Monday 23 November 2026, 15:00 in Guingamp
# (the showroom is open, tomorrow is a Tuesday).
FIXED_NOW = "2026-11-23T15:00:00+01:00"
LOOPBACK = "127.0.0.1"
TRACKER_STORE = "runtime.tracker_store.IncrementalSQLTrackerStore"  # as endpoints.yml


class StartupError(RuntimeError):
    """A server stopped during its start-up, or did not answer in time."""

    def __init__(self, server: Server, *, exited: bool, timeout: float) -> None:
        self.server = server
        self.exited = exited
        self.timeout = timeout
        if exited:
            reason = f"{server.name} exited during start-up, see {server.log}:\n{server.log_tail()}"
        else:
            reason = f"{server.name} not up after {timeout:.0f} s, see {server.log}"
        super().__init__(reason)


@dataclass
class Server:
    """One server process: its command, its port and the URL that answers once it is ready.

    `env` is added to the environment given to `start` (what this server alone needs).
    """

    name: str
    command: list[str]
    port: int
    health: str
    env: dict[str, str] = field(default_factory=dict)
    log: Path = field(default=Path("server.log"))
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError(f"{self.name} is not started")
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(
        self,
        env: Mapping[str, str],
        logs: Path,
        *,
        append: bool = False,
        own_session: bool = False,
    ) -> None:
        """Starts the process from the project's root, its output in `<logs>/<name>.log`.

        `append` keeps the log of an earlier run (a restarted server); `own_session` keeps
        the terminal's Ctrl-C away from it, so that a supervisor stops the servers in order.
        """
        logs.mkdir(parents=True, exist_ok=True)
        self.log = logs / f"{self.name}.log"
        with self.log.open("ab" if append else "wb") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env={**env, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=own_session,
            )

    def wait_until_up(self, timeout: float = STARTUP_TIMEOUT_S) -> None:
        """Returns once the health URL answers; StartupError if the process ends first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise StartupError(self, exited=True, timeout=timeout)
            if answers(self.health):
                return
            time.sleep(0.5)
        raise StartupError(self, exited=False, timeout=timeout)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM, then SIGKILL after `timeout` seconds."""
        if self.process is not None:
            stop_process(self.process, timeout)

    def kill(self) -> None:
        """SIGKILL: the server dies without a goodbye, as in a crash."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)

    def log_tail(self, chars: int = LOG_TAIL_CHARS) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def action_server(port: int, *, name: str = "actions") -> Server:
    """rasa_sdk's server of the `actions` package, listening on 127.0.0.1 only.

    SANIC_HOST: rasa_sdk would listen on 0.0.0.0, and anybody could then call an action
    with a forged tracker and skip the forms' validation.
    """
    return Server(
        name=name,
        command=[str(RASA), "run", "actions", "--port", str(port), "--actions", "actions"],
        port=port,
        health=f"http://{LOOPBACK}:{port}/health",
        env={"SANIC_HOST": LOOPBACK},
    )


def rasa_server(
    model: Path,
    port: int,
    endpoints: Path,
    *,
    name: str = "rasa",
    credentials: Path = CREDENTIALS,
    api_token: str | None = None,
    cors: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Server:
    """`rasa run` on 127.0.0.1: the channels of credentials.yml, the HTTP API with a token."""
    command = [
        str(RASA),
        "run",
        "--model",
        str(model),
        "--port",
        str(port),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        "--interface",
        LOOPBACK,
    ]
    if api_token is not None:
        # One argument: a token that begins with "-" (secrets.token_urlsafe, 1 in 64) would
        # otherwise be read by rasa's argument parser as an option.
        command += ["--enable-api", f"--auth-token={api_token}"]
    if cors is not None:
        command += ["--cors", cors]
    return Server(
        name=name,
        command=command,
        port=port,
        health=f"http://{LOOPBACK}:{port}/",
        env=dict(env or {}),
    )


def web_server(port: int, socket_url: str, *, name: str = "web", public_url: str = "") -> Server:
    """The site, the revision page and the dashboard (web/server.py), on 127.0.0.1.

    `socket_url` "" makes the widget connect to the page's own origin (a proxy in front);
    `public_url` is the address students type, shown on the dashboard.
    """
    command = [sys.executable, "-m", "web.server", "--port", str(port), "--socket-url", socket_url]
    if public_url:
        command += ["--public-url", public_url]
    return Server(name=name, command=command, port=port, health=f"http://{LOOPBACK}:{port}/healthz")


def launch(
    servers: Sequence[Server],
    env: Mapping[str, str],
    logs: Path,
    *,
    together: bool = False,
    append: bool = False,
    own_session: bool = False,
    timeout: float = STARTUP_TIMEOUT_S,
) -> None:
    """Starts `servers` in order, each once the previous one answers (or all `together`).

    On a StartupError the servers already started are stopped before it is raised.
    """
    started: list[Server] = []
    try:
        for server in servers:
            server.start(env, logs, append=append, own_session=own_session)
            started.append(server)
            if not together:
                server.wait_until_up(timeout)
        if together:
            for server in servers:
                server.wait_until_up(timeout)
    except BaseException:
        stop_all(started)
        raise


def stop_all(servers: Sequence[Server], timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM in reverse start order, then SIGKILL whatever is still there after `timeout`."""
    running = [s for s in reversed(servers) if s.running()]
    for server in running:
        assert server.process is not None
        server.process.terminate()
    for server in running:
        assert server.process is not None
        stop_process(server.process, timeout)


def stop_process(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM, then SIGKILL after `timeout` seconds."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_servers(
    workdir: Path,
    env: Mapping[str, str],
    model: Path,
    *,
    rasa_port: int,
    actions_port: int,
    append: bool = False,
    api_token: str | None = None,
    rasa_env: Mapping[str, str] | None = None,
) -> list[Server]:
    """An action server, then a Rasa server whose trackers are a SQLite file in `workdir`.

    `api_token` opens Rasa's HTTP API; `rasa_env` is added to Rasa's environment only.
    Logs in `workdir`; returns [actions, rasa] once both answer.
    """
    endpoints = local_endpoints(workdir, actions_port)
    servers = [
        action_server(actions_port),
        rasa_server(model, rasa_port, endpoints, api_token=api_token, env=rasa_env),
    ]
    launch(servers, env, workdir, append=append)
    return servers


def local_endpoints(
    workdir: Path, actions_port: int, *, tracker_store: str = TRACKER_STORE
) -> Path:
    """An endpoints.yml in `workdir`: the action server's port, a SQLite tracker store there
    (the project's own store unless `tracker_store` says another, e.g. Rasa's "SQL")."""
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://{LOOPBACK}:{actions_port}/webhook"\n'
        "  enable_selective_domain: true\n"
        f"tracker_store:\n  type: {tracker_store}\n"
        f'  dialect: "sqlite"\n  db: "{workdir / "tracker.db"}"\n',
        encoding="utf-8",
    )
    return endpoints


def isolated_env(workdir: Path, *, now: str | None = FIXED_NOW, **extra: str) -> dict[str, str]:
    """The environment of throw-away servers: a SQLite database in `workdir`, a fixed clock."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'climabot.db'}",
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    if now is not None:
        env["CLIMABOT_NOW"] = now
    return env


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex((LOOPBACK, port)) == 0


def answers(url: str) -> bool:
    """The URL answers with a success (an HTTP error or no connection: not yet).

    `tcp://host:port` (a server that does not speak HTTP, Redis): something listens there.
    """
    if url.startswith("tcp://"):
        host, _, port = url.removeprefix("tcp://").rpartition(":")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            return probe.connect_ex((host, int(port))) == 0
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status < 400)
    except (urllib.error.URLError, OSError):
        return False


def main(argv: list[str] | None = None) -> int:
    """`make actions`: the action server alone; `make shell`: a chat in the terminal."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    actions = commands.add_parser("actions", help="the action server, in the foreground")
    shell = commands.add_parser("shell", help="the terminal chat, over Rasa and the actions")
    for command in (actions, shell):
        command.add_argument("--port", type=int, default=5055, help="the action server's port")
    shell.add_argument("--model", type=Path, required=True)
    shell.add_argument("--rasa-port", type=int, default=5005, help="Rasa's port, if free")
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if args.command == "actions":
        server = action_server(args.port, name="climabot-actions")
        os.chdir(ROOT)
        os.execve(server.command[0], server.command, {**env, **server.env})
    return shell_chat(args.model, env, actions_port=args.port, rasa_port=args.rasa_port)


def shell_chat(model: Path, env: Mapping[str, str], *, actions_port: int, rasa_port: int) -> int:
    """`make shell`: the action server and `rasa run`, then the terminal chat in front.

    Each port is the one asked for when it is free, another one otherwise (`make run` may
    hold 5005 and 5055). Logs in the temporary folder; the trackers in a folder of their own,
    removed at the end. The servers run in their own session, so that a Ctrl-C reaches the
    chat only and the servers are stopped here, on any way out.
    """
    logs = Path(tempfile.gettempdir())
    workdir = Path(tempfile.mkdtemp(prefix="climabot-shell-"))
    actions_port = free_port(actions_port)
    rasa_port = free_port(rasa_port, avoid={actions_port})
    endpoints = local_endpoints(workdir, actions_port)
    servers = [
        action_server(actions_port, name="climabot-actions"),
        rasa_server(model.resolve(), rasa_port, endpoints, name="climabot-rasa"),
    ]
    # A closed terminal (SIGHUP) or a kill (SIGTERM) must not leave the two servers behind.
    hangups = (signal.SIGHUP, signal.SIGTERM)
    previous = {hangup: signal.signal(hangup, _stop_on_signal) for hangup in hangups}
    chatting = threading.Event()
    try:
        print(say("terminal_starting", logs=logs / "climabot-*.log"), file=sys.stderr)
        launch(servers, env, logs, together=True, own_session=True)
        chatting.set()
        if sys.stdin.isatty():
            watch = threading.Thread(target=_hang_up_if_terminal_closes, args=(chatting,))
            watch.daemon = True
            watch.start()
        return chat(f"http://{LOOPBACK}:{rasa_port}")
    except StartupError as error:
        print(say("terminal_start_failed", log=error.server.log), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except _Hangup as stop:
        return 128 + stop.signum
    finally:
        chatting.clear()
        # A second signal must not cut the stop short and leave a server behind.
        for hangup in hangups:
            signal.signal(hangup, signal.SIG_IGN)
        stop_all(servers)
        shutil.rmtree(workdir, ignore_errors=True)
        for hangup, handler in previous.items():
            signal.signal(hangup, handler)


def free_port(preferred: int, avoid: Collection[int] = ()) -> int:
    """`preferred` when nothing listens there, else a port the system says is free."""
    if preferred not in avoid and not port_in_use(preferred):
        return preferred
    while True:
        with socket.socket() as probe:
            probe.bind((LOOPBACK, 0))
            port = int(probe.getsockname()[1])
        if port not in avoid:
            return port


def _hang_up_if_terminal_closes(chatting: threading.Event) -> None:
    """Polls the terminal while `chatting`: a window closed must stop the servers too."""
    while chatting.is_set():
        if not _terminal_open():
            os.kill(os.getpid(), signal.SIGHUP)
            return
        time.sleep(1)


def _terminal_open() -> bool:
    """False once the terminal is gone: a closed window does not always send SIGHUP here."""
    try:
        os.tcgetpgrp(sys.stdin.fileno())
    except OSError:
        return False
    return True


class _Hangup(BaseException):
    """SIGHUP or SIGTERM: not a KeyboardInterrupt, which the chat takes as a plain goodbye."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signal(signum: int, frame: object) -> None:
    raise _Hangup(signum)


if __name__ == "__main__":
    sys.exit(main())
