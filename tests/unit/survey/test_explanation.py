"""The step-by-step computations for students, as the user reads them."""

from __future__ import annotations

import pytest

from logic.survey.explanation import (
    Impossible,
    IndicatorError,
    explain_ces,
    explain_csat,
    explain_nps,
    explain_nps_percentages,
)
from logic.text.catalogue import render


def test_explain_nps_steps() -> None:
    text = render(explain_nps(45, 35, 20))
    assert "NPS = % de promoteurs" in text
    assert "45 + 35 + 20 = 100" in text
    assert "45 / 100 × 100 = 45 %" in text
    assert "NPS = 45 − 20 = +25" in text
    assert "Aucune réponse" in render(explain_nps(0, 0, 0))


def test_explain_nps_from_percentages() -> None:
    text = render(explain_nps_percentages(60, 25))
    assert "NPS = 60 − 25 = +35" in text and "15 %" in text
    with pytest.raises(ValueError):
        explain_nps_percentages(80, 30)


def test_explain_csat_with_total_and_remainder() -> None:
    text = render(explain_csat({"tres_satisfait": 90, "satisfait": 50}, total=200))
    assert "90 + 50 = 140" in text
    assert "140 / 200 × 100 = 70 %" in text
    assert "autres réponses (insatisfaites) : 60" in text  # the other answers
    with pytest.raises(ValueError):
        explain_csat({"tres_satisfait": 90, "satisfait": 150}, total=200)


def test_explain_csat_lists_each_category_given() -> None:
    text = render(explain_csat({"tres_satisfait": 4, "satisfait": 3, "insatisfait": 3}))
    assert (
        "1. Réponses (10 au total) : très satisfaits : 4 ; satisfaits : 3 ; insatisfaits : 3."
        in text
    )


def test_explain_ces_steps() -> None:
    text = render(explain_ces([1, 2, 2, 3, 5]))
    assert "CES = somme des notes" in text
    assert "13 / 5 = 2,6" in text
    assert "25 / 15 ≈ 1,7" in render(explain_ces([1] * 10 + [3] * 5))
    assert "Aucune note" in render(explain_ces([]))


def test_impossible_figures_raise_with_their_code() -> None:
    with pytest.raises(IndicatorError) as negative:
        explain_nps(1, -1, 0)
    assert negative.value.problem.code is Impossible.NEGATIVE_COUNTS
    assert render(negative.value.problem) == "Les effectifs ne peuvent pas être négatifs."
    with pytest.raises(IndicatorError) as too_many:
        explain_csat({"tres_satisfait": 90, "satisfait": 150}, total=200)
    assert render(too_many.value.problem) == "Le total des catégories (240) dépasse 200."
