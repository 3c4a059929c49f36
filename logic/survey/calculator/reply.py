"""What the calculator answers: a computation, or a question when figures are missing or wrong."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from logic.results import Listing, Message, MessageCode, message

Topic = Literal["nps", "csat", "ces", "annexe7"]


class Ask(MessageCode):
    """The calculator's questions back to the student."""

    WHICH_INDICATOR = "figures_which_indicator"
    IMPOSSIBLE = "figures_impossible"
    TWO_TOTALS = "figures_two_totals"
    TWO_FIGURES = "figures_two_figures"
    MIXED_UNITS = "figures_mixed_units"
    OVER_100 = "figures_over_100"
    NOT_WHOLE = "figures_not_whole"
    EXCEEDS = "figures_exceeds"
    ANNOUNCED = "figures_announced"
    TOTAL_100 = "figures_total_100"
    ANNOUNCED_TOTAL = "figures_announced_total"
    NPS_MISMATCH = "figures_nps_mismatch"
    CSAT_MISMATCH = "figures_csat_mismatch"
    NPS_PERCENTAGES = "figures_nps_percentages"
    NPS_COUNTS = "figures_nps_counts"
    ALL_ZERO = "figures_all_zero"
    CSAT_SATISFIED = "figures_csat_satisfied"
    CSAT_TOTAL = "figures_csat_total"
    CSAT_NO_ANSWER = "figures_csat_no_answer"
    CSAT_EXAMPLE = "figures_csat_example"
    NPS_EXAMPLE = "figures_nps_example"
    NPS_BAD_NOTE = "figures_nps_bad_note"
    NPS_NOTES_COUNT = "figures_nps_notes_count"
    CES_PERCENTAGES = "figures_ces_percentages"
    CES_UNKNOWN_NUMBER = "figures_ces_unknown_number"
    CES_BAD_COUNT = "figures_ces_bad_count"
    CES_EXAMPLE = "figures_ces_example"
    CES_FRACTIONAL = "figures_ces_fractional"
    CES_OFF_SCALE = "figures_ces_off_scale"
    CES_NOTES_COUNT = "figures_ces_notes_count"
    CES_SCALE = "figures_ces_scale"
    CES7_OFF_SCALE = "figures_ces7_off_scale"
    NPS_SCALE = "figures_nps_scale"
    NO_PREVIOUS = "figures_no_previous"
    CHANGE_UNCLEAR = "figures_change_unclear"
    CHANGE_NEGATIVE = "figures_change_negative"


@dataclass(frozen=True)
class FiguresReply:
    """The bot's answer: a computation (complete) or a question asking for figures."""

    topic: Topic | None
    answer: Message | Listing
    complete: bool
    # The figures computed, as plain JSON (kept in a slot so a follow-up can change one):
    # {"topic", "unit": "count" | "percent" | "note", "values": {key: number}, "total"?,
    # "scale"?}.
    figures: dict[str, Any] | None = None

    def with_figures(self, figures: dict[str, Any]) -> FiguresReply:
        """The same reply, carrying the figures it was computed from."""
        return replace(self, figures=figures)


def question(topic: Topic | None, code: Ask, **params: object) -> FiguresReply:
    """A question back to the student about `topic`."""
    return FiguresReply(topic=topic, answer=message(code, **params), complete=False)


def computed(topic: Topic, *lines: Message | str) -> FiguresReply:
    """A complete computation, one line after the other."""
    return FiguresReply(topic=topic, answer=Listing(list(lines)), complete=True)
