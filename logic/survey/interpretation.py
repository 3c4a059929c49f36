"""How the course reads NPS, CSAT and CES: one message per indicator, and the effort level."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from logic.results import Message, MessageCode, message
from logic.survey.formulas import (
    CesResult,
    CsatResult,
    NpsResult,
    ces_from_counts,
    csat_from_counts,
    fmt,
    nps_from_counts,
)


class Reading(MessageCode):
    """The interpretation lines of the indicators."""

    NPS_NONE = "indicator_nps_none"
    NPS_POSITIVE = "indicator_nps_positive"
    NPS_NEGATIVE = "indicator_nps_negative"
    NPS_ZERO = "indicator_nps_zero"
    NPS_HEAD_ONE = "indicator_nps_head_one"
    NPS_HEAD_MANY = "indicator_nps_head_many"
    CSAT_NONE = "indicator_csat_none"
    CSAT = "indicator_csat"
    MORE_THAN_HALF = "indicator_more_than_half"
    AT_MOST_HALF = "indicator_at_most_half"
    CES_NONE = "indicator_ces_none"
    CES = "indicator_ces"


class EffortLevel(MessageCode):
    """The course's bands of a mean effort (1-2 low, 3-4 medium, 5 high); the value names it."""

    LOW = "indicator_effort_low"
    MEDIUM = "indicator_effort_medium"
    HIGH = "indicator_effort_high"


class EffortConsequence(MessageCode):
    """What each effort level means for the customers' satisfaction."""

    LOW = "indicator_effort_low_consequence"
    MEDIUM = "indicator_effort_medium_consequence"
    HIGH = "indicator_effort_high_consequence"


CONSEQUENCES: dict[EffortLevel, EffortConsequence] = {
    EffortLevel.LOW: EffortConsequence.LOW,
    EffortLevel.MEDIUM: EffortConsequence.MEDIUM,
    EffortLevel.HIGH: EffortConsequence.HIGH,
}


def half(score: float) -> Message:
    """ "plus de la moitié" or "au plus la moitié" of the customers, for a CSAT."""
    return message(Reading.MORE_THAN_HALF if score > 50 else Reading.AT_MOST_HALF)


def interpret_nps(result: NpsResult) -> Message:
    """One line: a good NPS is positive."""
    if result.score is None:
        return message(Reading.NPS_NONE)
    head_code = Reading.NPS_HEAD_MANY if result.responses > 1 else Reading.NPS_HEAD_ONE
    head = message(head_code, score=fmt(result.score, sign=True), responses=result.responses)
    if result.score > 0:
        return message(Reading.NPS_POSITIVE, head=head)
    if result.score < 0:
        return message(Reading.NPS_NEGATIVE, head=head)
    return message(Reading.NPS_ZERO, head=head)


def interpret_csat(result: CsatResult) -> Message:
    """One line: the share of satisfied customers."""
    if result.score is None:
        return message(Reading.CSAT_NONE)
    return message(
        Reading.CSAT,
        score=fmt(result.score),
        share=half(result.score),
        unsatisfied=fmt(100 - result.score),
    )


def ces_level(mean: float) -> EffortLevel:
    """Effort level of a 1-5 mean, with the course's bands (1-2 low, 3-4 medium, 5 high)."""
    if mean < 2.5:
        return EffortLevel.LOW
    if mean < 4.5:
        return EffortLevel.MEDIUM
    return EffortLevel.HIGH


def interpret_ces(result: CesResult) -> Message:
    """One line: a high CES means effort, hence dissatisfied customers."""
    if result.mean is None or result.low is None or result.medium is None:
        return message(Reading.CES_NONE)
    level = ces_level(result.mean)
    return message(
        Reading.CES,
        mean=fmt(result.mean),
        level=message(level),
        consequence=message(CONSEQUENCES[level]),
        low=fmt(result.low),
        medium=fmt(result.medium),
        high=fmt(result.high or 0),
    )


def interpretation(data: Mapping[str, Any]) -> list[Message]:
    """The three lines (NPS, CSAT, CES) for a `formulas.summary()` dict."""
    n, c, e = data["nps"], data["csat"], data["ces"]
    return [
        interpret_nps(nps_from_counts(n["promoters"], n["passives"], n["detractors"])),
        interpret_csat(csat_from_counts(c["distribution"])),
        interpret_ces(ces_from_counts(e["distribution"])),
    ]
