"""How the course reads the indicators: codes, and the lines the user sees."""

from __future__ import annotations

import pytest

from logic.survey.formulas import ces, csat_from_counts, nps_from_counts
from logic.survey.interpretation import (
    EffortLevel,
    Reading,
    ces_level,
    interpret_ces,
    interpret_csat,
    interpret_nps,
)
from logic.text.catalogue import render, say


def test_interpretation_follows_the_course() -> None:
    positive = interpret_nps(nps_from_counts(5, 0, 1))
    assert positive.code is Reading.NPS_POSITIVE and "positif" in render(positive)
    negative = interpret_nps(nps_from_counts(1, 0, 5))
    assert negative.code is Reading.NPS_NEGATIVE and "négatif" in render(negative)
    zero = interpret_nps(nps_from_counts(1, 3, 1))
    assert zero.code is Reading.NPS_ZERO and "nul" in render(zero)
    assert "70 %" in render(interpret_csat(csat_from_counts({"satisfait": 7, "insatisfait": 3})))
    high = render(interpret_ces(ces([5, 5, 5, 4])))
    assert "élevé" in high and "insatisfaits" in high
    assert "faible" in render(interpret_ces(ces([1, 2, 1])))


def test_one_answer_is_singular() -> None:
    assert render(interpret_nps(nps_from_counts(0, 0, 1))).startswith("NPS de -100 sur 1 réponse :")
    assert render(interpret_nps(nps_from_counts(2, 0, 0))).startswith("NPS de +100 sur 2 réponses")


@pytest.mark.parametrize(
    ("mean", "level", "word"),
    [
        (1.0, EffortLevel.LOW, "faible"),
        (2.4, EffortLevel.LOW, "faible"),
        (2.5, EffortLevel.MEDIUM, "moyen"),
        (4.4, EffortLevel.MEDIUM, "moyen"),
        (4.5, EffortLevel.HIGH, "élevé"),
    ],
)
def test_effort_levels_follow_the_course_bands(mean: float, level: EffortLevel, word: str) -> None:
    assert ces_level(mean) is level
    assert say(level.value) == word
