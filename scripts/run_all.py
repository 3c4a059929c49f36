"""`make run`: the action server, the Rasa server and the web server, supervised together.

    python scripts/run_all.py [--model models/climabot.tar.gz]

Starts the three processes (logs in logs/), waits until each one answers, prints the URLs
and the dashboard token, then waits. Ctrl-C (or SIGTERM) stops all three, the web server
first; if one of them dies, the others are stopped too and the exit code is 1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOGS = ROOT / "logs"
# Rasa's HTTP API (/model/parse, /conversations/...) answers only with this token, and
# only on 127.0.0.1; the site's origin alone may call Rasa from a browser (CORS).
RASA_TOKEN_VARIABLE = "RASA_AUTH_TOKEN"
STARTUP_TIMEOUT_S = 300
STOP_TIMEOUT_S = 20


@dataclass
class Service:
    name: str
    command: list[str]
    port: int
    health: str
    logs: Path = LOGS
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def log(self) -> Path:
        return self.logs / f"{self.name}.log"


class Stop(Exception):
    """Ctrl-C or SIGTERM."""


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status < 500)
    except (urllib.error.URLError, OSError):
        return False


def start(service: Service, env: dict[str, str]) -> None:
    service.logs.mkdir(parents=True, exist_ok=True)
    with service.log.open("wb") as log:
        # Own session: Ctrl-C reaches the supervisor only, which stops the children in order.
        service.process = subprocess.Popen(
            service.command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_up(service: Service) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    assert service.process is not None
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            tail = service.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(
                f"{service.name} s'est arrêté au démarrage ({service.log}) :\n{tail}"
            )
        if answers(service.health):
            return
        time.sleep(1)
    raise RuntimeError(f"{service.name} ne répond pas après {STARTUP_TIMEOUT_S} s ({service.log})")


def stop_all(services: list[Service]) -> None:
    """SIGTERM in reverse start order, then SIGKILL whatever is still there."""
    running = [s for s in reversed(services) if s.process and s.process.poll() is None]
    for service in running:
        assert service.process is not None
        print(f"Arrêt de {service.name}…", flush=True)
        service.process.terminate()
    for service in running:
        assert service.process is not None
        try:
            service.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait()


def services(args: argparse.Namespace, rasa_token: str) -> list[Service]:
    rasa = str(BIN / "rasa")
    web_origin = f"http://localhost:{args.web_port}"
    socket_url = f"http://localhost:{args.rasa_port}"
    return [
        Service(
            "actions",
            [rasa, "run", "actions", "--port", str(args.actions_port), "--actions", "actions"],
            args.actions_port,
            f"http://localhost:{args.actions_port}/health",
            args.logs,
        ),
        Service(
            "rasa",
            [
                rasa,
                "run",
                "--model",
                str(args.model),
                "--enable-api",
                "--auth-token",
                rasa_token,
                "-i",
                "127.0.0.1",
                "--cors",
                web_origin,
                "--port",
                str(args.rasa_port),
                "--credentials",
                "credentials.yml",
                "--endpoints",
                str(args.endpoints),
            ],
            args.rasa_port,
            f"{socket_url}/",
            args.logs,
        ),
        Service(
            "web",
            [
                sys.executable,
                "-m",
                "web.server",
                "--port",
                str(args.web_port),
                "--socket-url",
                socket_url,
            ],
            args.web_port,
            f"{web_origin}/healthz",
            args.logs,
        ),
    ]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "climabot.tar.gz")
    parser.add_argument("--actions-port", type=int, default=5055)
    parser.add_argument("--rasa-port", type=int, default=5005)
    parser.add_argument("--web-port", type=int, default=8000)
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--logs", type=Path, default=LOGS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # SANIC_HOST: the action server listens on 127.0.0.1 only (it would take 0.0.0.0), so
    # that nobody can call an action with a forged tracker and skip the forms' validation.
    # CLIMABOT_ALLOWED_ORIGINS: the socket.io channel accepts the site's pages only.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SANIC_HOST": "127.0.0.1",
        "CLIMABOT_ALLOWED_ORIGINS": f"http://localhost:{args.web_port}",
        # A whole class connecting at once overflows Rasa's listen backlog of 100.
        "SANIC_BACKLOG": os.environ.get("SANIC_BACKLOG", "1024"),
    }
    tokens = {}
    for variable in ("DASHBOARD_TOKEN", RASA_TOKEN_VARIABLE):
        if not env.get(variable, "").strip():
            env[variable] = tokens[variable] = secrets.token_urlsafe(18)
    todo = services(args, env[RASA_TOKEN_VARIABLE])
    busy = [s for s in todo if port_in_use(s.port)]
    if busy:
        names = ", ".join(f"{s.port} ({s.name})" for s in busy)
        print(f"Port déjà utilisé : {names}. Arrêtez l'autre instance d'abord.", file=sys.stderr)
        return 1
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    started: list[Service] = []
    try:
        for service in todo:
            print(f"Démarrage de {service.name} (port {service.port})…", flush=True)
            start(service, env)
            started.append(service)
            wait_until_up(service)
        web = f"http://localhost:{args.web_port}"
        print(
            "\nTout est prêt (Ctrl-C pour arrêter) :\n"
            f"  Site Climatech        {web}/\n"
            f"  Page de révision      {web}/revision\n"
            f"  Tableau de bord       {web}/dashboard\n"
            f"  API des indicateurs   {web}/api/indicators (Authorization: Bearer <jeton>)\n"
            f"  Serveur Rasa          http://localhost:{args.rasa_port} (REST et socketio ;"
            f" API HTTP avec ?token=<jeton Rasa>)\n"
            f"  Journaux              {args.logs}/",
            flush=True,
        )
        for variable, label in (
            ("DASHBOARD_TOKEN", "du tableau de bord"),
            (RASA_TOKEN_VARIABLE, "Rasa"),
        ):
            if variable in tokens:
                print(f"  Jeton {label} (généré) : {tokens[variable]}", flush=True)
            else:
                print(f"  Jeton {label} : celui de {variable}", flush=True)
        while True:
            for service in started:
                assert service.process is not None
                if service.process.poll() is not None:
                    print(f"{service.name} s'est arrêté, voir {service.log}", file=sys.stderr)
                    return 1
            time.sleep(1)
    except Stop:
        print("\nArrêt demandé.", flush=True)
        return 0
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        # A second Ctrl-C must not cut the stop short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_all(started)
        print("Tout est arrêté.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
