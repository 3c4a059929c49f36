"""`make loadtest`: concurrent customers over the REST channel, then a check of the database.

Locust runs the users (bench/loadtest/users.py) against a Rasa server and an action server
started by the project's launcher on loopback, with a throw-away SQLite database and the
clock fixed. After the duration each user finishes its conversation under way (at most
`--grace` seconds more). Then the servers' memory and CPU are read from /proc, the
database is checked against the confirmations, and a markdown report is written.
Exits 1 when the database check fails, a server died, or more than 1 % of the messages
(HTTP) or of the conversations (turns) fail.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import tempfile
from dataclasses import replace
from pathlib import Path
from time import monotonic
from typing import Any

import gevent
from locust.env import Environment

from bench.loadtest.database import check_database
from bench.loadtest.report import Measures, context, passed, render
from bench.loadtest.results import Results
from bench.loadtest.users import Customer, Plan
from bench.proc import cpu_seconds, machine_cpu_seconds, memory_mib
from runtime.classroom import DEFAULT_REPLICAS, ClassPorts, launch_bot
from runtime.launcher import (
    LOOPBACK,
    ROOT,
    Server,
    isolated_env,
    local_endpoints,
    start_servers,
    stop_all,
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "climabot.tar.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "loadtest.md")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ramp-up", type=float, default=5, help="seconds to start every user")
    parser.add_argument("--think-min", type=float, default=0.5)
    parser.add_argument("--think-max", type=float, default=1.5)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per message")
    parser.add_argument(
        "--grace", type=float, default=300, help="seconds left to finish after the duration"
    )
    parser.add_argument("--rasa-port", type=int, default=35005)
    parser.add_argument("--actions-port", type=int, default=35055)
    parser.add_argument(
        "--backlog",
        type=int,
        default=1024,
        help="SANIC_BACKLOG of the Rasa server, as `make run` (0: Rasa's 100)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the servers' directory")
    parser.add_argument(
        "--replicas",
        type=int,
        default=DEFAULT_REPLICAS,
        help="Rasa processes sharing a Redis lock store, as `make class` (1: one, no Redis)",
    )
    parser.add_argument("--redis-port", type=int, default=36379)
    return parser.parse_args(argv)


def start_bot(workdir: Path, args: argparse.Namespace, token: str) -> list[Server]:
    """The action server then the Rasa server(s) (HTTP API on, for the trackers), logs in
    `workdir`; with several replicas, Redis first, as `make class` starts them."""
    rasa_env = {"SANIC_BACKLOG": str(args.backlog)} if args.backlog else {}
    if args.replicas == 1:
        return start_servers(
            workdir,
            isolated_env(workdir),
            args.model,
            rasa_port=args.rasa_port,
            actions_port=args.actions_port,
            api_token=token,
            rasa_env=rasa_env,
        )
    ports = ClassPorts(rasa=args.rasa_port, actions=args.actions_port, redis=args.redis_port)
    return launch_bot(
        args.model,
        ports,
        workdir,
        isolated_env(workdir),
        endpoints=local_endpoints(workdir, args.actions_port),
        replicas=args.replicas,
        rasa_token=token,
        rasa_env=rasa_env,
    )


def log_errors(*logs: Path) -> tuple[str, ...]:
    """The error lines of the servers' logs."""
    pattern = re.compile(r"\bERROR\b|Traceback|Exception")
    lines: list[str] = []
    for log in logs:
        if log.exists():
            text = log.read_text(encoding="utf-8", errors="replace")
            lines += [f"{log.name}: {line}" for line in text.splitlines() if pattern.search(line)]
    return tuple(lines)


def run_users(args: argparse.Namespace, plan: Plan, replicas: list[Server]) -> float:
    """Locust's users for the duration, then their last conversations; the elapsed time."""
    Customer.plan = plan
    Customer.network_timeout = Customer.connection_timeout = args.timeout
    # One class of users per Rasa process: each user keeps to one, as a widget would.
    users = [
        type(f"Customer{n}", (Customer,), {"host": f"http://{LOOPBACK}:{rasa.port}"})
        for n, rasa in enumerate(replicas)
    ]
    environment = Environment(user_classes=users, stop_timeout=args.grace)
    runner = environment.create_local_runner()
    plan.results.start = monotonic()
    runner.start(
        args.users, spawn_rate=args.users / args.ramp_up if args.ramp_up > 0 else args.users
    )
    gevent.sleep(args.duration)
    runner.stop()  # each user ends its conversation; killed after `stop_timeout`
    elapsed = monotonic() - plan.results.start
    for error in runner.exceptions.values():  # a bug of the users themselves: a failure
        plan.results.wrong["locust"] += error["count"]
        plan.results.example(f"Locust: {error['msg']} ({error['count']} times)")
    runner.quit()
    return elapsed


def _exit_on_sigterm(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # `kill` or a stopped CI job: the finally clause below still stops the servers.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="climabot-loadtest-"))
    token = secrets.token_urlsafe(18)
    database_url = isolated_env(workdir)["DATABASE_URL"]
    print(f"starting the servers in {workdir}…", flush=True)
    servers = start_bot(workdir, args, token)
    actions = next(server for server in servers if server.name == "actions")
    replicas = [server for server in servers if server.name.startswith("rasa")]
    results = Results()
    try:
        rasa_pids = [server.pid for server in replicas]
        pids = *rasa_pids, actions.pid, os.getpid()
        cpu_start = [cpu_seconds(pid) for pid in pids]
        machine_start = machine_cpu_seconds()
        print(f"{args.users} users for {args.duration:.0f} s…", flush=True)
        plan = Plan(
            results,
            token,
            database_url,
            seed=args.seed,
            think=(args.think_min, args.think_max),
        )
        elapsed = run_users(args, plan, replicas)
        used = [cpu_seconds(pid) - start for pid, start in zip(pids, cpu_start, strict=True)]
        memories = [memory_mib(pid) for pid in rasa_pids]
        measures = Measures(
            elapsed=elapsed,
            load_before=load_before,
            rasa_memory=(sum(m[0] for m in memories), sum(m[1] for m in memories)),
            actions_memory=memory_mib(actions.pid),
            rasa_cpu=sum(used[: len(rasa_pids)]),
            actions_cpu=used[-2],
            locust_cpu=used[-1],
            others_cpu=machine_cpu_seconds() - machine_start - sum(used),
            servers_alive=all(server.running() for server in servers),
        )
    finally:
        stop_all(servers)
    logs = [server.log for server in replicas] + [actions.log]
    measures = replace(measures, log_errors=log_errors(*logs))
    db = check_database(database_url, results)
    text = render(context(args, results, measures, db))
    args.out.write_text(text, encoding="utf-8")
    print(text)
    if args.keep:
        print(f"servers' directory kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if passed(results, db, measures) else 1
