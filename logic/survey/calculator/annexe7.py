"""Annexe 7 of the Climatech case: what survives of the survey and what it allows to compute."""

from __future__ import annotations

from fractions import Fraction

from logic.results import Listing, MessageCode, message
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


def annexe7() -> Listing:
    """What survives of annexe 7 (Climatech survey) and what it allows to compute."""
    c = ANNEXE7_Q2_COUNTS
    total = sum(c.values())
    weighted = sum(note * count for note, count in c.items())
    counts = {"n1": c[1], "n2": c[2], "n3": c[3], "n4": c[4], "total": total}
    mean = fmt(Fraction(weighted, total))
    low_share = fmt(Fraction(100 * (c[1] + c[2]), total))
    high_share = fmt(Fraction(100 * (c[3] + c[4]), total))
    return Listing(
        [
            message(Annexe7.INTRO),
            message(Annexe7.QUESTION_1),
            message(Annexe7.QUESTION_2, **counts),
            message(Annexe7.QUESTION_3),
            message(Annexe7.ALLOWS),
            message(Annexe7.MEAN, **counts, weighted=weighted, mean=mean),
            message(Annexe7.DIRECTION),
            message(Annexe7.SATISFIED_FIRST, **counts, low_share=low_share, mean=mean),
            message(Annexe7.SATISFIED_LAST, **counts, low_share=low_share, high_share=high_share),
        ]
    )
