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
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runtime.launcher import (  # noqa: E402  (run as a script from the Makefile)
    Server,
    StartupError,
    action_server,
    launch,
    port_in_use,
    rasa_server,
    stop_all,
    web_server,
)

LOGS = ROOT / "logs"
# Rasa's HTTP API (/model/parse, /conversations/...) answers only with this token, and
# only on 127.0.0.1; the site's origin alone may call Rasa from a browser (CORS).
RASA_TOKEN_VARIABLE = "RASA_AUTH_TOKEN"


class Stop(Exception):
    """Ctrl-C or SIGTERM."""


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def services(args: argparse.Namespace, rasa_token: str) -> list[Server]:
    web_origin = f"http://localhost:{args.web_port}"
    socket_url = f"http://localhost:{args.rasa_port}"
    return [
        action_server(args.actions_port),
        rasa_server(
            args.model,
            args.rasa_port,
            args.endpoints,
            api_token=rasa_token,
            cors=web_origin,
        ),
        web_server(args.web_port, socket_url),
    ]


def startup_failure(error: StartupError) -> str:
    """The launcher's error, as `make run` tells it."""
    server = error.server
    if error.exited:
        return f"{server.name} s'est arrêté au démarrage ({server.log}) :\n{server.log_tail(2000)}"
    return f"{server.name} ne répond pas après {error.timeout:.0f} s ({server.log})"


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
    # CLIMABOT_ALLOWED_ORIGINS: the socket.io channel accepts the site's pages only.
    # (The launcher keeps the action server on 127.0.0.1.)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
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
    started: list[Server] = []
    try:
        for service in todo:
            print(f"Démarrage de {service.name} (port {service.port})…", flush=True)
            started.append(service)
            # Own session: Ctrl-C reaches this supervisor only, which stops them in order.
            launch([service], env, args.logs, own_session=True)
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
                if not service.running():
                    print(f"{service.name} s'est arrêté, voir {service.log}", file=sys.stderr)
                    return 1
            time.sleep(1)
    except Stop:
        print("\nArrêt demandé.", flush=True)
        return 0
    except StartupError as error:
        print(startup_failure(error), file=sys.stderr)
        return 1
    finally:
        # A second Ctrl-C must not cut the stop short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for service in reversed(started):
            if service.running():
                print(f"Arrêt de {service.name}…", flush=True)
        stop_all(started)
        print("Tout est arrêté.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
