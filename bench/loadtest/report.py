"""The load test's markdown report: figures computed here, laid out by a template.

The layout is bench/templates/loadtest.md (Jinja2).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from time import strftime
from typing import Any

from bench import rendering
from bench.loadstats import Latencies, Reconciliation, rate
from bench.loadtest.appointment import APPOINTMENT_TRIES
from bench.loadtest.database import DatabaseCheck
from bench.loadtest.results import EXAMPLES, Results

MAX_ERROR_RATE = 0.01
WINDOW_S = 10  # the time table's step


@dataclass(frozen=True)
class Measures:
    """What is measured around the load itself."""

    elapsed: float
    load_before: float
    rasa_memory: tuple[float, float]
    actions_memory: tuple[float, float]
    rasa_cpu: float
    actions_cpu: float
    locust_cpu: float  # the users themselves
    others_cpu: float  # every other process of the machine
    servers_alive: bool
    log_errors: tuple[str, ...] = ()


def ms(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def pct(value: float) -> str:
    return f"{value * 100:.2f} %"


def windows(answered: Iterable[tuple[float, float]], step: int) -> list[tuple[str, ...]]:
    """One row per `step` seconds: window, answers, throughput, p50, p95."""
    buckets: dict[int, list[float]] = {}
    for done, value in answered:
        buckets.setdefault(int(done // step), []).append(value)
    rows: list[tuple[str, ...]] = []
    for bucket in sorted(buckets):
        values = buckets[bucket]
        stats = Latencies.of(values)
        rows.append(
            (
                f"{bucket * step}–{(bucket + 1) * step} s",
                str(len(values)),
                f"{len(values) / step:.1f}",
                ms(stats.p50),
                ms(stats.p95),
            )
        )
    return rows


def _reconciliation(name: str, check: Reconciliation) -> tuple[str, ...]:
    return (
        name,
        str(check.expected),
        str(check.stored),
        str(len(check.lost)),
        str(len(check.duplicated)),
        str(len(check.unexpected)),
        str(check.uncertain),
        "OK" if check.ok else "**FAILED**",
    )


def faults(db: DatabaseCheck) -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, what, keys) of every failed part of the database check."""
    found = [
        (name, what, keys)
        for name, check in (("requests", db.requests), ("surveys", db.surveys))
        for what, keys in (
            ("lost", check.lost),
            ("duplicated", check.duplicated),
            ("unexpected", check.unexpected),
        )
    ]
    diary = db.appointments
    over = tuple(f"{s}: {n}" for s, n in diary.occupancy.overbooked)
    found += [
        ("appointments", "over-booked starts", over),
        ("appointments", "bad starts", diary.bad_starts),
        ("appointments", "unjustified refusals", diary.unjustified),
    ]
    return [(name, what, keys) for name, what, keys in found if keys]


def passed(results: Results, db: DatabaseCheck, measures: Measures) -> bool:
    """The database check holds and at most 1 % of the messages and conversations failed."""
    flows = sum(results.started.values())
    return (
        db.ok
        and measures.servers_alive
        and sum(results.completed.values()) > 0
        and rate(results.http_errors, results.sent) <= MAX_ERROR_RATE
        and rate(sum(results.wrong.values()), flows) <= MAX_ERROR_RATE
    )


def _figures(
    args: argparse.Namespace, results: Results, measures: Measures, db: DatabaseCheck
) -> list[tuple[str, str]]:
    latencies = Latencies.of([value for _, value in results.answered])
    openers = Latencies.of(results.openers)
    trackers = Latencies.of(results.trackers)
    elapsed = measures.elapsed
    in_window = sum(1 for done, _ in results.answered if done <= args.duration)
    flows = sum(results.started.values())
    completed = sum(results.completed.values())
    failed = sum(results.wrong.values())
    events = results.events
    filled = db.appointments.occupancy
    diary = db.appointments
    problems = ", ".join(f"{name}: {len(keys)} {what}" for name, what, keys in faults(db))
    rasa_now, rasa_peak = measures.rasa_memory
    actions_now, actions_peak = measures.actions_memory
    return [
        (
            "users / load duration / total time",
            f"{args.users} / {args.duration:.0f} s / {elapsed:.0f} s",
        ),
        ("messages sent / answered", f"{results.sent} / {len(results.answered)}"),
        (
            f"throughput during the {args.duration:.0f} s",
            f"{in_window / args.duration:.1f} messages/s",
        ),
        (
            "throughput over the whole run",
            f"{len(results.answered) / elapsed:.1f} messages/s, "
            f"{completed / elapsed * 60:.0f} conversations/min",
        ),
        (
            "latency p50 / p95 / p99 / max",
            f"{ms(latencies.p50)} / {ms(latencies.p95)} / {ms(latencies.p99)} / "
            f"{ms(latencies.max)} ms",
        ),
        (
            "latency p50 / p95: first message of a conversation",
            f"{ms(openers.p50)} / {ms(openers.p95)} ms",
        ),
        (
            "tracker reads after each message: p50 / p95",
            f"{ms(trackers.p50)} / {ms(trackers.p95)} ms ({trackers.count} reads)",
        ),
        (
            f"HTTP errors (connection, status, timeout {args.timeout:.0f} s)",
            f"{results.http_errors} "
            f"({pct(rate(results.http_errors, results.sent))} of the messages)",
        ),
        (
            "functional errors (unexpected turn)",
            f"{failed} ({pct(rate(failed, flows))} of the conversations)",
        ),
        ("conversations started / confirmed", f"{flows} / {completed}"),
        (
            "appointments: slot full / day full / race (expected refusals)",
            f"{events['slot full']} / {events['day full']} / {events['race']}",
        ),
        (
            f"appointments given up, no slot left after {APPOINTMENT_TRIES} answers",
            str(sum(results.no_slot.values())),
        ),
        (
            f"appointments per start (capacity {filled.capacity}): max / over-booked starts",
            f"{filled.max_per_start} / {len(filled.overbooked)} "
            f"({filled.appointments} appointments on {filled.starts} starts)",
        ),
        (
            "refusals the final database does not back",
            f"{len(diary.unjustified)} of {diary.refusals}",
        ),
        ("database check", "OK" if db.ok else f"**FAILED**: {problems}"),
        (
            f"Rasa servers ({args.replicas}) RSS at the end (peak)",
            f"{rasa_now:.0f} MiB ({rasa_peak:.0f} MiB)",
        ),
        ("action server RSS at the end (peak)", f"{actions_now:.0f} MiB ({actions_peak:.0f} MiB)"),
        (
            f"CPU: Rasa servers ({args.replicas}) / action server / Locust users",
            f"{measures.rasa_cpu / elapsed:.0%} / {measures.actions_cpu / elapsed:.0%} / "
            f"{measures.locust_cpu / elapsed:.0%} of one core",
        ),
        (
            "CPU of the other processes of the machine",
            f"{measures.others_cpu / elapsed:.0%} of one core",
        ),
        ("servers still up at the end", "yes" if measures.servers_alive else "**no**"),
        ("error lines in the server logs", str(len(measures.log_errors))),
    ]


def context(
    args: argparse.Namespace, results: Results, measures: Measures, db: DatabaseCheck
) -> dict[str, Any]:
    """Every value the template shows."""
    kinds = sorted(results.started, key=lambda kind: -results.started[kind])
    per_kind = {kind: Latencies.of(results.by_kind.get(kind, [])) for kind in kinds}
    return {
        "measured_at": strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(),
        "locust_version": version("locust"),
        "backlog": args.backlog or "100 (Rasa's default)",
        "verdict": "PASSED" if passed(results, db, measures) else "FAILED",
        "args": args,
        "measures": measures,
        "figures": _figures(args, results, measures, db),
        "kinds": [
            (
                kind,
                *(str(c[kind]) for c in (results.started, results.completed, results.no_slot)),
                *(str(c[kind]) for c in (results.wrong, results.broken, results.cut)),
                f"{ms(per_kind[kind].p50)} / {ms(per_kind[kind].p95)}",
            )
            for kind in kinds
        ],
        "tries": APPOINTMENT_TRIES,
        "reconciliations": [
            _reconciliation("requests (appointments + reservations)", db.requests),
            _reconciliation("survey_responses", db.surveys),
        ],
        "occupancy": db.appointments.occupancy,
        "diary": db.appointments,
        "days": db.appointments.days,
        "faults": [
            f"{name} {what}: `{key}`" for name, what, keys in faults(db) for key in keys[:EXAMPLES]
        ],
        "windows": windows(results.answered, WINDOW_S),
        "examples": results.examples,
        "causes": results.causes.most_common(),
        "log_lines": [line[:240] for line in measures.log_errors[:EXAMPLES]],
    }


def render(values: dict[str, Any]) -> str:
    return rendering.render("loadtest.md", values)
