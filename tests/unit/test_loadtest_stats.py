"""The load test's figures: percentiles, rows against confirmations, appointment slots."""

from __future__ import annotations

import math
import random
import sys
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from bench.loadstats import (
    Latencies,
    free_times,
    french_list,
    french_time,
    occupancy,
    percentile,
    rate,
    reconcile,
)


def test_percentiles_use_the_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]  # 1..100, unsorted
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.07) == 7  # not 8: 0.07 * 100 is not exactly 7 in floats
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1.0) == 100
    assert percentile(values, 0.0) == 1
    assert percentile([7.0], 0.99) == 7


def test_percentiles_of_nothing_and_out_of_range() -> None:
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError):
        percentile([1.0], 95)


def test_latency_summary() -> None:
    summary = Latencies.of([10.0, 20.0, 30.0, 40.0])
    assert (summary.count, summary.p50, summary.p95, summary.max, summary.mean) == (
        4,
        20,
        40,
        40,
        25,
    )
    assert math.isnan(Latencies.of([]).p99)
    assert rate(1, 200) == 0.005 and rate(3, 0) == 0


def test_every_confirmation_stored_once_is_ok() -> None:
    check = reconcile(["RDV-A", "CC-B"], ["CC-B", "RDV-A"])
    assert check.ok
    assert (check.expected, check.stored, check.uncertain) == (2, 2, 0)


def test_lost_duplicated_and_unexpected_rows_are_told_apart() -> None:
    check = reconcile(
        expected=["RDV-A", "RDV-B", "RDV-C"],
        stored=["RDV-A", "RDV-A", "RDV-C", "RDV-Z"],
    )
    assert not check.ok
    assert check.lost == ("RDV-B",)
    assert check.duplicated == ("RDV-A",)
    assert check.unexpected == ("RDV-Z",)
    assert (check.expected, check.stored) == (3, 4)


def test_a_key_confirmed_twice_must_be_stored_twice() -> None:
    # Two surveys with the same answers: two rows expected, one is lost.
    assert reconcile(["9|satisfait", "9|satisfait"], ["9|satisfait"]).lost == ("9|satisfait",)


def test_rows_of_cut_flows_are_tolerated_once() -> None:
    check = reconcile(["RDV-A"], ["RDV-A", "RDV-X"], uncertain=["RDV-X", "RDV-Y"])
    assert check.ok and check.uncertain == 1
    twice = reconcile([], ["RDV-X", "RDV-X"], uncertain=["RDV-X"])
    assert twice.duplicated == ("RDV-X",) and not twice.ok


def test_times_as_the_bot_writes_them() -> None:
    assert french_time("10 h") == time(10)
    assert french_time("14 h 30") == time(14, 30)
    assert french_time("9 h 05 ") == time(9, 5)
    assert french_time("10h30") is None  # what a user types, not the bot
    assert french_time("25 h") is None
    assert french_time("à 10 h") is None


def test_french_lists_end_with_ou_or_et() -> None:
    assert french_list("10 h 30, 11 h, 11 h 30 ou 14 h") == ["10 h 30", "11 h", "11 h 30", "14 h"]
    assert french_list("mercredi 25 novembre et jeudi 26 novembre") == [
        "mercredi 25 novembre",
        "jeudi 26 novembre",
    ]
    assert french_list("16 h") == ["16 h"]


def test_free_times_are_read_from_the_refusal() -> None:
    refusal = (
        "Le créneau de 10 h est complet. Créneaux encore libres : 10 h 30, 11 h, 11 h 30 ou 14 h."
        "\nÀ quelle heure ? (par exemple « 10h » ou « 15h30 »)"
    )
    assert free_times(refusal) == ["10 h 30", "11 h", "11 h 30", "14 h"]
    assert free_times("Créneaux encore libres : 17 h 30.") == ["17 h 30"]
    assert (
        free_times("Il n'y a plus de créneau libre ce jour-là : choisissez un autre jour.") is None
    )


def test_occupancy_counts_each_start_against_the_capacity() -> None:
    start = "2026-11-24T10:00:00+01:00"
    other = "2026-11-24T14:30:00+01:00"
    filled = occupancy([start, start, other], capacity=2)
    assert filled.ok
    assert (filled.appointments, filled.starts, filled.max_per_start) == (3, 2, 2)
    over = occupancy([start, start, start, other], capacity=2)
    assert not over.ok and over.overbooked == ((start, 3),) and over.max_per_start == 3
    empty = occupancy([], capacity=2)
    assert empty.ok and empty.max_per_start == 0


def _appointment_user() -> Any:
    """bench/loadtest.py imports `loadstats` from its own directory, as `make loadtest` runs it."""
    sys.path.append(str(Path(__file__).resolve().parents[2] / "bench"))
    import loadtest

    flow = loadtest.Appointment(random.Random(3), "load-u001-f001", "06 12 34 56 78")
    message = flow.first()
    for answer in ("À quel nom ?", "Comment vous joindre ?", "Quel jour souhaitez-vous venir ?"):
        message = flow.react(loadtest.Reply(answer))
    if message == "dimanche":
        message = flow.react(loadtest.Reply("Le showroom est fermé le dimanche.\nQuel jour ?"))
    assert isinstance(message, str)
    return loadtest, flow


def test_a_user_takes_a_listed_time_then_the_race_button() -> None:
    loadtest, flow = _appointment_user()
    flow.day, flow.last = date(2026, 11, 24), "day"
    typed = flow.react(loadtest.Reply("À quelle heure ?"))
    assert isinstance(typed, str) and flow.last == "time"
    flow.span = loadtest.Span(time(10))  # as if "10h" was typed
    refusal = "Le créneau de 10 h est complet. Créneaux encore libres : 10 h 30 ou 14 h."
    chosen = flow.react(loadtest.Reply(f"{refusal}\nÀ quelle heure ?"))
    assert chosen in ("10 h 30", "14 h") and flow.events["slot full"] == 1
    race = loadtest.Reply("Désolé, ce créneau vient d'être réservé.", ("/book_appointment",))
    assert flow.react(race) == "/book_appointment" and flow.events["race"] == 1
    no_button = flow.react(loadtest.Reply("Désolé, ce créneau vient d'être réservé."))
    assert no_button.wrong
    assert [c.span for c in flow.claims] == [loadtest.Span(time(10))]
    # After the button, the form checks the day first: it may be full by now.
    flow.last = "retry"
    day_full = "Il n'y a plus de créneau libre le mardi 24 novembre.\nQuel jour ?"
    assert isinstance(flow.react(loadtest.Reply(day_full)), str) and flow.last == "day"
    assert flow.events["day full"] == 1 and date(2026, 11, 24) in flow.full_days


def test_a_confirmation_must_give_the_time_asked() -> None:
    loadtest, flow = _appointment_user()
    flow.day, flow.last = date(2026, 11, 24), "time"
    flow.span = loadtest.Span(time(0), time(12, 30))  # "le matin"
    text = (
        "C'est noté : rendez-vous avec un commercial le mardi 24 novembre, entre 9 h 30 et 12 h, "
        "au showroom (12 place du Centre). Votre référence : RDV-AB12 (gardez-la)."
    )
    end = flow.react(loadtest.Reply(text))
    assert end.request.endswith("|2026-11-24|entre 9 h 30 et 12 h|2026-11-24T09:30:00+01:00")
    flow.span = loadtest.Span(time(14))
    assert flow.react(loadtest.Reply(text.replace("entre 9 h 30 et 12 h", "à 15 h"))).wrong
