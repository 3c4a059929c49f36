"""Pure figures of `make loadtest`: percentiles, the database reconciliation, places per start."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with `share` of the values at or below it.

    NaN for no values; `share` is a fraction (0.95 for p95).
    """
    if not 0 <= share <= 1:
        raise ValueError(f"share must be between 0 and 1, got {share}")
    if not values:
        return math.nan
    ordered = sorted(values)
    # round() first: 0.07 * 100 is 7.000000000000001 in floating point, not 7.
    rank = max(1, math.ceil(round(share * len(ordered), 9)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Latencies:
    """Latency figures of the answered messages, in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Latencies:
        return cls(
            count=len(values),
            p50=percentile(values, 0.50),
            p95=percentile(values, 0.95),
            p99=percentile(values, 0.99),
            max=max(values, default=math.nan),
            mean=sum(values) / len(values) if values else math.nan,
        )


def rate(part: int, whole: int) -> float:
    """part / whole, 0 when there is no whole."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Reconciliation:
    """The confirmations the clients received, against the rows the database holds.

    Keys identify one confirmation (a reference, a survey's answers). `uncertain` counts
    the rows of flows cut before their confirmation arrived: such a row may or may not
    exist, but never twice.
    """

    expected: int
    stored: int
    lost: tuple[str, ...]
    duplicated: tuple[str, ...]
    unexpected: tuple[str, ...]
    uncertain: int

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.unexpected)


def reconcile(
    expected: Iterable[str], stored: Iterable[str], uncertain: Iterable[str] = ()
) -> Reconciliation:
    """Each expected key must be stored exactly as many times as it was confirmed.

    A key confirmed once and stored twice is duplicated; confirmed and absent is lost;
    stored without confirmation is unexpected unless listed in `uncertain` (then at most
    once).
    """
    wanted, found, maybe = Counter(expected), Counter(stored), set(uncertain)
    lost: list[str] = []
    duplicated: list[str] = []
    unexpected: list[str] = []
    tolerated = 0
    for key in sorted(wanted.keys() | found.keys()):
        want, got = wanted[key], found[key]
        if want:
            lost.extend([key] * max(0, want - got))
            duplicated.extend([key] * max(0, got - want))
        elif key in maybe:
            tolerated += min(got, 1)
            duplicated.extend([key] * max(0, got - 1))
        else:
            unexpected.extend([key] * got)
    return Reconciliation(
        expected=sum(wanted.values()),
        stored=sum(found.values()),
        lost=tuple(lost),
        duplicated=tuple(duplicated),
        unexpected=tuple(unexpected),
        uncertain=tolerated,
    )


# --- appointments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Occupancy:
    """Confirmed appointments per start time, against the number of places per start."""

    capacity: int
    appointments: int
    starts: int  # start times holding at least one appointment
    max_per_start: int
    overbooked: tuple[tuple[str, int], ...]  # (start, appointments) above the capacity

    @property
    def ok(self) -> bool:
        return not self.overbooked


def occupancy(starts: Iterable[str], capacity: int) -> Occupancy:
    """Counts the appointments of each start; more than `capacity` on one start is over-booking."""
    counts = Counter(starts)
    return Occupancy(
        capacity=capacity,
        appointments=sum(counts.values()),
        starts=len(counts),
        max_per_start=max(counts.values(), default=0),
        overbooked=tuple(sorted((s, n) for s, n in counts.items() if n > capacity)),
    )
