"""Throughput of the bot over the REST channel: one user, N users without pause, a long talk.

Not a test: figures are measured and written (markdown, --out), never asserted. Without
--rasa-url it starts its own action server and Rasa (ports 25055, 25005) with a throw-away
database; with --rasa-url (a comma-separated list of Rasa base URLs) it measures servers
already running, each user sticking to one URL (users are spread over the list), and
--pid NAME=PID names the processes whose CPU and memory are reported.

    python bench/throughput.py --model models/climabot.tar.gz
    python bench/throughput.py --rasa-url http://127.0.0.1:5006,http://127.0.0.1:5007 \
        --pid rasa1=1234 --pid rasa2=1235 --pid actions=1236

The messages are a fixed mix of course questions, after-sales questions and small talk
from the held-out and field files (never the training data).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadstats import percentile  # noqa: E402
from bench.proc import cpu_seconds, machine_cpu_seconds, memory_mib  # noqa: E402
from runtime.classroom import ClassPorts, launch_bot  # noqa: E402
from runtime.launcher import (  # noqa: E402
    LOOPBACK,
    Server,
    action_server,
    isolated_env,
    launch,
    local_endpoints,
    rasa_server,
    stop_all,
)
from scripts.check_course_data import examples_by_intent  # noqa: E402

RASA_PORT, ACTIONS_PORT, REDIS_PORT = 25005, 25055, 26380
WEBHOOK = "/webhooks/rest/webhook"
SINGLE_MESSAGES = 200
# The long talk: turns 2-8 and 197-203 get the same seven texts (the mix repeats every
# 195 turns), so that the two windows differ by the length of the conversation only.
LONG_PERIOD, EARLY, LATE = 195, range(2, 9), range(197, 204)
SMALL_TALK = {"greet", "thank", "bot_challenge", "help"}
AFTER_SALES = {
    "sav_part_lookup",
    "shop_info",
    "product_specs",
    "sav_news",
    "maintenance_contract",
    "credit_offer",
}
# Tracker stores of the started Rasa: Rasa's own, or the project's (runtime/tracker_store.py).
STORES = {"sql": "SQL", "project": "runtime.tracker_store.IncrementalSQLTrackerStore"}


def message_mix(seed: int = 14) -> list[str]:
    """Half course questions, a third after-sales questions, the rest small talk, shuffled."""
    files = sorted((ROOT / "tests/nlu").glob("*.yml"))
    files += [ROOT / "tests/field/customers.yml", ROOT / "tests/field/customers_2.yml"]
    examples = examples_by_intent(files)
    course = [t for i, ts in examples.items() if i.startswith("course/") for t in ts]
    sales = [t for i, ts in examples.items() if i in AFTER_SALES or "faq/" in i for t in ts]
    talk = [t for i, ts in examples.items() if i in SMALL_TALK for t in ts]
    rng = random.Random(seed)
    for texts in (course, sales, talk):
        rng.shuffle(texts)
    mix = course[:150] + sales[:100] + (talk * 10)[:50]
    rng.shuffle(mix)
    return mix


def send(session: requests.Session, url: str, sender: str, text: str) -> float:
    """One message; its latency in milliseconds (raises on an HTTP error)."""
    start = time.perf_counter()
    response = session.post(url + WEBHOOK, json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return (time.perf_counter() - start) * 1000


def conversation(url: str, texts: list[str]) -> list[float]:
    """One user sending `texts` one after the other: the latency of each turn."""
    sender = uuid.uuid4().hex
    with requests.Session() as session:
        return [send(session, url, sender, text) for text in texts]


def crowd(urls: list[str], texts: list[str], users: int, seconds: float) -> tuple[list[float], int]:
    """`users` users sending without pause for `seconds`: latencies and errors."""
    timings: list[float] = []
    errors: list[str] = []  # list.append is atomic: the users are threads
    deadline = time.monotonic() + seconds

    def user(index: int) -> None:
        url, sender = urls[index % len(urls)], uuid.uuid4().hex
        turn = index * 37  # each user starts elsewhere in the mix
        with requests.Session() as session:
            while time.monotonic() < deadline:
                try:
                    timings.append(send(session, url, sender, texts[turn % len(texts)]))
                except requests.RequestException as error:
                    errors.append(type(error).__name__)
                turn += 1

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, len(errors)


class Meter:
    """CPU seconds of each process (and of the whole machine) over one phase."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.start = self._read()

    def _read(self) -> dict[str, float]:
        figures = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        figures["machine"] = machine_cpu_seconds()
        return figures

    def used(self) -> dict[str, float]:
        end = self._read()
        return {name: end[name] - self.start[name] for name in end}


def measure(urls: list[str], pids: dict[str, int], users: int, seconds: float) -> list[str]:
    """Runs the three phases; the report's lines."""
    mix = message_mix()
    conversation(urls[0], mix[-20:])  # warm-up: the first calls load lazy parts of the graph
    lines = ["| phase | messages | msg/s | p50 ms | p95 ms | errors | CPU s " + _cpu_header(pids)]
    lines.append("|---" * (7 + len(pids)) + "|")

    meter, start = Meter(pids), time.perf_counter()
    single = conversation(urls[0], mix[:SINGLE_MESSAGES])
    lines.append(_row("1 user", single, 0, time.perf_counter() - start, meter.used(), pids))

    meter = Meter(pids)
    many, errors = crowd(urls, mix, users, seconds)
    lines.append(_row(f"{users} users", many, errors, seconds, meter.used(), pids))

    meter, start = Meter(pids), time.perf_counter()
    texts = [mix[(turn - 1) % LONG_PERIOD] for turn in range(1, LATE.stop)]
    long_talk = conversation(urls[0], texts)
    lines.append(_row("long talk", long_talk, 0, time.perf_counter() - start, meter.used(), pids))
    early = statistics.median(long_talk[t - 1] for t in EARLY)
    late = statistics.median(long_talk[t - 1] for t in LATE)
    lines += [
        "",
        f"Long talk: median {early:.0f} ms at turns {EARLY.start}-{EARLY.stop - 1}, "
        f"{late:.0f} ms at turns {LATE.start}-{LATE.stop - 1} ({late / early - 1:+.0%}).",
        "",
        "| process | RSS MiB | peak RSS MiB |",
        "|---|---|---|",
    ]
    for name, pid in pids.items():
        now, peak = memory_mib(pid)
        lines.append(f"| {name} | {now:.0f} | {peak:.0f} |")
    return lines


def _cpu_header(pids: dict[str, int]) -> str:
    """One column per process: its CPU time per message."""
    return "".join(f"| {name} CPU ms/msg " for name in pids) + "|"


def _row(
    phase: str,
    timings: list[float],
    errors: int,
    seconds: float,
    cpu: dict[str, float],
    pids: dict[str, int],
) -> str:
    count = len(timings)
    per_message = "".join(f"| {1000 * cpu[name] / max(count, 1):.1f} " for name in pids)
    return (
        f"| {phase} | {count} | {count / seconds:.1f} | {percentile(timings, 0.5):.0f} "
        f"| {percentile(timings, 0.95):.0f} | {errors} | {cpu['machine']:.1f} {per_message}|"
    )


def own_servers(workdir: Path, model: Path, store: str, replicas: int) -> list[Server]:
    """The action server and `replicas` Rasa processes on this benchmark's ports, trackers in
    `workdir`; several share a Redis lock store, as `make class` runs them."""
    endpoints = local_endpoints(workdir, ACTIONS_PORT, tracker_store=STORES[store])
    env = isolated_env(workdir, now=None)
    if replicas == 1:
        servers = [action_server(ACTIONS_PORT), rasa_server(model, RASA_PORT, endpoints)]
        launch(servers, env, workdir)
        return servers
    ports = ClassPorts(rasa=RASA_PORT, actions=ACTIONS_PORT, redis=REDIS_PORT)
    return launch_bot(model, ports, workdir, env, endpoints=endpoints, replicas=replicas)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "climabot.tar.gz")
    parser.add_argument("--rasa-url", help="comma-separated Rasa base URLs already running")
    parser.add_argument("--pid", action="append", default=[], help="NAME=PID to measure")
    parser.add_argument("--store", choices=sorted(STORES), default="project")
    parser.add_argument("--replicas", type=int, default=1, help="Rasa processes (2: make class)")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "throughput.md")
    args = parser.parse_args()
    pids = {name: int(pid) for name, pid in (item.split("=", 1) for item in args.pid)}

    title = f"# Throughput ({time.strftime('%Y-%m-%d %H:%M')})"
    if args.rasa_url:
        urls = [url.rstrip("/") for url in args.rasa_url.split(",")]
        lines = [title, "", f"Servers: {', '.join(urls)}.", ""]
        lines += measure(urls, pids, args.users, args.seconds)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            servers = own_servers(Path(tmp), args.model.resolve(), args.store, args.replicas)
            try:
                rasa = [server for server in servers if server.name.startswith("rasa")]
                pids = {server.name: server.pid for server in servers if server.name != "redis"}
                urls = [f"http://{LOOPBACK}:{server.port}" for server in rasa]
                processes = "One Rasa process" if len(rasa) == 1 else f"{len(rasa)} Rasa processes"
                lines = [title, "", f"{processes}, tracker store `{args.store}`.", ""]
                lines += measure(urls, pids, args.users, args.seconds)
            finally:
                stop_all(servers)
    lines += [
        "",
        "CPU s: the whole machine's during the phase (other work included: a measure of the "
        "noise); CPU ms/msg: each process's CPU time divided by the phase's messages.",
    ]
    report = "\n".join(lines) + "\n"
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
