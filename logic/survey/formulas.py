"""NPS, CSAT and CES as the course defines them (annexe 6 of the Climatech case).

Plain Python: the storage, the CLI and the Rasa actions all compute through here, so the
figures the bot states and the ones the dashboard shows cannot drift apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

CSAT_KEYS: tuple[str, ...] = (
    "tres_satisfait",
    "satisfait",
    "insatisfait",
    "tres_insatisfait",
)
CSAT_SATISFIED: frozenset[str] = frozenset({"tres_satisfait", "satisfait"})
CSAT_LABELS: dict[str, str] = {
    "tres_satisfait": "très satisfaits",
    "satisfait": "satisfaits",
    "insatisfait": "insatisfaits",
    "tres_insatisfait": "très insatisfaits",
}
CES_KEYS: tuple[str, ...] = ("1", "2", "3", "4", "5")
NPS_MIN, NPS_MAX = 0, 10
CES_MIN, CES_MAX = 1, 5
# The summary JSON uses plural keys; the database stores the singular kind.
REQUEST_KEYS: dict[str, str] = {
    "appointment": "appointments",
    "reservation": "reservations",
    "callback": "callbacks",
    "quote": "quotes",
}


# --- rounding and French number formatting -------------------------------------------


def round1(value: Fraction) -> float:
    """Rounds half away from zero to one decimal (exact, so monotonic in its input)."""
    scaled = abs(value) * 10
    rounded = Fraction(math.floor(scaled + Fraction(1, 2)), 10)
    return float(rounded if value >= 0 else -rounded)


def percent(part: int | Fraction, whole: int | Fraction) -> float | None:
    """Rounded percentage, None when there is nothing to divide by."""
    if not whole:
        return None
    return round1(Fraction(part) * 100 / Fraction(whole))


def fmt(value: float | Fraction, *, sign: bool = False) -> str:
    """French display of a number: '2,4', '70', '+20' (at most one decimal)."""
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    number = round1(exact)
    text = f"{number:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    if text in ("-0", "+0"):
        text = "0"
    if sign and number > 0:
        text = "+" + text
    return text


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NpsResult:
    """NPS from -100 to +100 (None without answers) and its counts."""

    score: float | None
    responses: int
    promoters: int
    passives: int
    detractors: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "responses": self.responses,
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
        }


@dataclass(frozen=True)
class CsatResult:
    """CSAT: % of 'très satisfait' + 'satisfait' (None without answers)."""

    score: float | None
    responses: int
    distribution: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "responses": self.responses,
            "distribution": dict(self.distribution),
        }


@dataclass(frozen=True)
class CesResult:
    """CES: mean effort from 1 to 5, distribution, and % of low / medium / high effort."""

    mean: float | None
    responses: int
    distribution: dict[str, int]
    low: float | None  # notes 1-2
    medium: float | None  # notes 3-4
    high: float | None  # note 5

    def as_dict(self) -> dict[str, Any]:
        """The summary JSON shape (the shares are derivable from the distribution)."""
        return {
            "mean": self.mean,
            "responses": self.responses,
            "distribution": dict(self.distribution),
        }


@dataclass(frozen=True)
class ConversationStats:
    """Conversation counts; handoffs_after_sales = after-sales ones handed to a human."""

    total: int = 0
    after_sales: int = 0
    handoffs: int = 0
    handoffs_after_sales: int = 0

    @property
    def containment_rate(self) -> float | None:
        """% of after-sales conversations the bot solved without a handoff."""
        return percent(self.after_sales - self.handoffs_after_sales, self.after_sales)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "after_sales": self.after_sales,
            "handoffs": self.handoffs,
            "containment_rate": self.containment_rate,
        }


def conversation_stats(flags: Iterable[tuple[bool, bool]]) -> ConversationStats:
    """Counts from one (after_sales, handoff) pair per conversation."""
    total = after_sales = handoffs = both = 0
    for is_after_sales, handoff in flags:
        total += 1
        after_sales += bool(is_after_sales)
        handoffs += bool(handoff)
        both += bool(is_after_sales and handoff)
    return ConversationStats(total, after_sales, handoffs, both)


# --- the three indicators --------------------------------------------------------------


def _check_int(value: object, low: int, high: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name}: expected an integer from {low} to {high}, got {value!r}")
    return value


def nps_from_counts(promoters: int, passives: int, detractors: int) -> NpsResult:
    """NPS from the three category counts."""
    if min(promoters, passives, detractors) < 0:
        raise ValueError("counts must not be negative")
    total = promoters + passives + detractors
    return NpsResult(
        score=percent(promoters - detractors, total),
        responses=total,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
    )


def nps(scores: Iterable[int | None]) -> NpsResult:
    """NPS from 0-10 scores: promoters 9-10, passives 7-8, detractors 0-6; None ignored."""
    promoters = passives = detractors = 0
    for score in scores:
        if score is None:
            continue
        value = _check_int(score, NPS_MIN, NPS_MAX, "NPS")
        if value >= 9:
            promoters += 1
        elif value >= 7:
            passives += 1
        else:
            detractors += 1
    return nps_from_counts(promoters, passives, detractors)


def csat_from_counts(counts: Mapping[str, int]) -> CsatResult:
    """CSAT from counts per category (missing categories count 0)."""
    unknown = set(counts) - set(CSAT_KEYS)
    if unknown:
        raise ValueError(f"unknown CSAT categories: {sorted(unknown)}")
    distribution = {key: int(counts.get(key, 0)) for key in CSAT_KEYS}
    if min(distribution.values()) < 0:
        raise ValueError("counts must not be negative")
    total = sum(distribution.values())
    satisfied = sum(distribution[key] for key in CSAT_SATISFIED)
    return CsatResult(percent(satisfied, total), total, distribution)


def csat(answers: Iterable[str | None]) -> CsatResult:
    """CSAT from answers among CSAT_KEYS; None ignored."""
    counts = Counter(answer for answer in answers if answer is not None)
    return csat_from_counts(counts)


def ces_from_counts(counts: Mapping[int, int] | Mapping[str, int]) -> CesResult:
    """CES from counts per effort note (keys 1..5 as int or str)."""
    distribution = dict.fromkeys(CES_KEYS, 0)
    for note, count in counts.items():
        key = str(note)
        if key not in distribution:
            raise ValueError(f"CES: expected a note from 1 to 5, got {note!r}")
        if count < 0:
            raise ValueError("counts must not be negative")
        distribution[key] += int(count)
    total = sum(distribution.values())
    weighted = sum(int(key) * count for key, count in distribution.items())
    low = distribution["1"] + distribution["2"]
    medium = distribution["3"] + distribution["4"]
    return CesResult(
        mean=round1(Fraction(weighted, total)) if total else None,
        responses=total,
        distribution=distribution,
        low=percent(low, total),
        medium=percent(medium, total),
        high=percent(distribution["5"], total),
    )


def ces(scores: Iterable[int | None]) -> CesResult:
    """CES from 1-5 effort notes (1 = very low effort); None ignored."""
    counts = Counter(
        _check_int(score, CES_MIN, CES_MAX, "CES") for score in scores if score is not None
    )
    return ces_from_counts(counts)


# --- the summary JSON --------------------------------------------------------------------


def summary(
    nps_scores: Iterable[int | None] = (),
    csat_answers: Iterable[str | None] = (),
    ces_scores: Iterable[int | None] = (),
    conversations: ConversationStats | None = None,
    requests: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The JSON shared by `make indicators` and the dashboard, from raw answers.

    `requests` maps a request kind ("appointment", "reservation", "callback", "quote")
    to its count; other kinds are not part of the shape and are ignored.
    """
    counts = requests or {}
    return {
        "nps": nps(nps_scores).as_dict(),
        "csat": csat(csat_answers).as_dict(),
        "ces": ces(ces_scores).as_dict(),
        "conversations": (conversations or ConversationStats()).as_dict(),
        "requests": {plural: int(counts.get(kind, 0)) for kind, plural in REQUEST_KEYS.items()},
    }
