"""Annexe 7 of the Climatech case: what survives of the survey and what it allows to compute."""

from __future__ import annotations

from fractions import Fraction

from logic.results import Listing, Message, MessageCode, message
from logic.survey.formulas import fmt

# What survives of annexe 7: only question 2's counts, for notes 1 to 4.
ANNEXE7_Q2_COUNTS: dict[int, int] = {1: 40, 2: 45, 3: 10, 4: 5}


class Annexe7(MessageCode):
    """The lines of the reading of annexe 7."""

    INTRO = "figures_annexe7_intro"
    QUESTION_1 = "figures_annexe7_question_1"
    QUESTION_2 = "figures_annexe7_question_2"
    QUESTION_3 = "figures_annexe7_question_3"
    ALLOWS = "figures_annexe7_allows"
    MEAN = "figures_annexe7_mean"
    DIRECTION = "figures_annexe7_direction"
    SATISFIED_FIRST = "figures_annexe7_satisfied_first"
    SATISFIED_LAST = "figures_annexe7_satisfied_last"
    NOTES_INTRO = "figures_csat_notes_intro"
    NOTES_FIRST = "figures_csat_notes_first"
    NOTES_LAST = "figures_csat_notes_last"


def annexe7() -> Listing:
    """What survives of annexe 7 (Climatech survey) and what it allows to compute."""
    head = [message(Annexe7.INTRO), message(Annexe7.QUESTION_1)]
    head += [message(Annexe7.QUESTION_2, **_counts(ANNEXE7_Q2_COUNTS))]
    head += [message(Annexe7.QUESTION_3), message(Annexe7.ALLOWS)]
    return Listing(head + _both_directions(ANNEXE7_Q2_COUNTS, annexe=True))


def csat_from_notes(counts: dict[int, int]) -> Listing:
    """A CSAT from counts of notes 1 to 4 (a table like annexe 7's question 2): the mean,
    then the CSAT under each direction of the scale, which the table does not give."""
    return Listing([message(Annexe7.NOTES_INTRO), *_both_directions(counts, annexe=False)])


def _counts(c: dict[int, int]) -> dict[str, int]:
    return {
        "n1": c.get(1, 0),
        "n2": c.get(2, 0),
        "n3": c.get(3, 0),
        "n4": c.get(4, 0),
        "total": sum(c.values()),
    }


def _both_directions(c: dict[int, int], *, annexe: bool) -> list[Message | str]:
    counts = _counts(c)
    total = counts["total"]
    weighted = sum(note * count for note, count in c.items())
    mean = fmt(Fraction(weighted, total))
    low_share = fmt(Fraction(100 * (counts["n1"] + counts["n2"]), total))
    high_share = fmt(Fraction(100 * (counts["n3"] + counts["n4"]), total))
    # Annexe 7's own lines conclude on its mean; other tables get the two CSATs only.
    first, last = (
        (Annexe7.SATISFIED_FIRST, Annexe7.SATISFIED_LAST)
        if annexe
        else (Annexe7.NOTES_FIRST, Annexe7.NOTES_LAST)
    )
    shares = {"low_share": low_share, "high_share": high_share, "mean": mean}
    return [
        message(Annexe7.MEAN, **counts, weighted=weighted, mean=mean),
        message(Annexe7.DIRECTION),
        message(first, **counts, **shares),
        message(last, **counts, **shares),
    ]
