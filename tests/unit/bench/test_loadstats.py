"""The load test's figures: percentiles, rows against confirmations, appointments per start."""

from __future__ import annotations

import math

import pytest

from bench.loadstats import Latencies, occupancy, percentile, rate, reconcile


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
