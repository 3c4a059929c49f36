"""`make run` and `make class`: the bot's servers, supervised together.

    python scripts/run_all.py [--model models/climabot.tar.gz]            # make run
    python scripts/run_all.py --class [--replicas 2] [--address 10.0.0.5]  # make class

`make run`: the action server, the Rasa server and the web server, all on 127.0.0.1.
`make class` (runtime/classroom.py): Redis, the action server, several Rasa processes, the
web server, all on 127.0.0.1, and nginx on every interface, the only port students reach.
Starts the processes (logs in logs/), waits until each one answers, prints the URLs and the
dashboard token, then waits. Ctrl-C (or SIGTERM) stops them all, in reverse order; if one of
them dies, the others are stopped too and the exit code is 1.
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

from runtime.classroom import (  # noqa: E402  (run as a script from the Makefile)
    DEFAULT_REPLICAS,
    REDIS_PASSWORD_VARIABLE,
    ClassPorts,
    allowed_origins,
    class_servers,
    interface_addresses,
    network_address,
    qr_code,
    site_url,
)
from runtime.launcher import (  # noqa: E402
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


def class_ports(args: argparse.Namespace) -> ClassPorts:
    """`--web-port` is the public one; the web server itself listens on the next port."""
    return ClassPorts(
        public=args.web_port,
        web=args.web_port + 1,
        rasa=args.rasa_port,
        actions=args.actions_port,
        redis=args.redis_port,
    )


def services(args: argparse.Namespace, env: dict[str, str]) -> list[Server]:
    rasa_token = env[RASA_TOKEN_VARIABLE]
    if args.class_mode:
        return class_servers(
            args.model,
            class_ports(args),
            args.logs,
            endpoints=args.endpoints,
            replicas=args.replicas,
            public_url=site_url(args.address, args.web_port),
            redis_password=env[REDIS_PASSWORD_VARIABLE],
            rasa_token=rasa_token,
        )
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


def start_batches(servers: list[Server]) -> list[list[Server]]:
    """Each server alone, in order, but the Rasa processes together (each takes a minute)."""
    batches: list[list[Server]] = []
    for server in servers:
        if batches and server.name.startswith("rasa-") and batches[-1][0].name.startswith("rasa-"):
            batches[-1].append(server)
        else:
            batches.append([server])
    return batches


def class_notice(args: argparse.Namespace) -> str:
    """What the teacher shows the class: the address to type, and its QR code."""
    url = site_url(args.address, args.web_port)
    return (
        f"\nLes élèves ouvrent, sur le réseau de la salle : {url}\n{qr_code(url)}"
        f"Seul le port {args.web_port} (le site, via nginx) est ouvert sur le réseau ;"
        f" Rasa ({args.replicas} processus), les actions et Redis restent sur 127.0.0.1."
    )


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
    parser.add_argument(
        "--class", dest="class_mode", action="store_true", help="the site on the local network"
    )
    parser.add_argument("--replicas", type=int, default=DEFAULT_REPLICAS)
    parser.add_argument("--redis-port", type=int, default=6380)
    parser.add_argument("--address", default=None, help="the address students type")
    args = parser.parse_args(argv)
    if args.class_mode and args.address is None:
        args.address = network_address() or "localhost"
    return args


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
    if args.class_mode:
        # The pages come from the site's address on the network as much as from localhost.
        addresses = [args.address, *interface_addresses()]
        env["CLIMABOT_ALLOWED_ORIGINS"] = allowed_origins(addresses, args.web_port)
        env[REDIS_PASSWORD_VARIABLE] = secrets.token_urlsafe(18)
    tokens = {}
    for variable in ("DASHBOARD_TOKEN", RASA_TOKEN_VARIABLE):
        if not env.get(variable, "").strip():
            env[variable] = tokens[variable] = secrets.token_urlsafe(18)
    todo = services(args, env)
    busy = [s for s in todo if port_in_use(s.port)]
    if busy:
        names = ", ".join(f"{s.port} ({s.name})" for s in busy)
        print(f"Port déjà utilisé : {names}. Arrêtez l'autre instance d'abord.", file=sys.stderr)
        return 1
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    started: list[Server] = []
    try:
        for batch in start_batches(todo):
            for service in batch:
                print(f"Démarrage de {service.name} (port {service.port})…", flush=True)
            started.extend(batch)
            # Own session: Ctrl-C reaches this supervisor only, which stops them in order.
            launch(batch, env, args.logs, together=True, own_session=True)
        web = f"http://localhost:{args.web_port}"
        if args.class_mode:
            print(class_notice(args), flush=True)
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
