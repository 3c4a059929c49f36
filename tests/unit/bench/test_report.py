"""The report is the template filled with the run's figures."""

from __future__ import annotations

import argparse

from bench.loadstats import reconcile
from bench.loadtest.database import DatabaseCheck, check_appointments
from bench.loadtest.report import Measures, context, passed, render, windows
from bench.loadtest.results import Results


def _run() -> tuple[argparse.Namespace, Results, Measures, DatabaseCheck]:
    args = argparse.Namespace(
        users=2,
        duration=20.0,
        think_min=0.5,
        think_max=1.5,
        seed=0,
        timeout=120.0,
        backlog=1024,
        replicas=2,
    )
    results = Results(answered=[(1.0, 100.0), (2.0, 300.0), (12.0, 200.0)], sent=3)
    results.started.update({"course": 1})
    results.completed.update({"course": 1})
    results.by_kind["course"] = [100.0, 300.0, 200.0]
    measures = Measures(
        elapsed=20,
        load_before=0.5,
        rasa_memory=(900.0, 950.0),
        actions_memory=(300.0, 310.0),
        rasa_cpu=10,
        actions_cpu=1,
        locust_cpu=1,
        others_cpu=0.5,
        servers_alive=True,
    )
    db = DatabaseCheck(reconcile([], []), reconcile([], []), check_appointments([], []))
    return args, results, measures, db


def test_windows_give_throughput_and_percentiles() -> None:
    rows = windows([(1.0, 100.0), (2.0, 300.0), (12.0, 200.0)], 10)
    assert rows == [("0–10 s", "2", "0.2", "100", "300"), ("10–20 s", "1", "0.1", "200", "200")]


def test_a_clean_run_passes_and_is_rendered() -> None:
    args, results, measures, db = _run()
    assert passed(results, db, measures)
    text = render(context(args, results, measures, db))
    assert text.startswith("# Load test\n")
    assert "**PASSED**: 2 users, 20 s" in text
    assert "| course | 1 | 1 | 0 | 0 | 0 | 0 | 200 / 300 |" in text
    assert "| database check | OK |" in text
    assert "| 0–10 s | 2 | 0.2 | 100 | 300 |" in text
    assert "{{" not in text and "{%" not in text


def test_a_dead_server_or_wrong_turns_fail_the_run() -> None:
    args, results, measures, db = _run()
    dead = Measures(**{**measures.__dict__, "servers_alive": False})
    assert not passed(results, db, dead)
    results.wrong["course"] += 1
    assert not passed(results, db, measures)
    assert "**FAILED**" in render(context(args, results, measures, db))
