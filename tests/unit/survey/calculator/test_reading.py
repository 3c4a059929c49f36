"""Which indicator a student's text asks for."""

from __future__ import annotations

import pytest

from logic.survey.calculator.reading import detect_topic, prepare


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("calcule le NPS", "nps"),
        ("45 promoteurs et 20 détracteurs", "nps"),
        ("le CSAT de ces clients", "csat"),
        ("90 très satisfaits", "csat"),
        ("calcule le CES", "ces"),
        ("les notes d'effort", "ces"),
        ("ces chiffres : 1, 2", None),
        ("et pour l'annexe 7 ?", "annexe7"),
    ],
)
def test_detect_topic(text: str, topic: str | None) -> None:
    assert detect_topic(text) == topic


def test_prepare_reads_decimal_commas_but_not_lists() -> None:
    assert prepare("45,5 pour cent") == "45.5 %"
    assert prepare("1,2,2,3") == "1,2,2,3"
