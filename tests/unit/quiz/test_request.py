"""Reading a quiz request: the number of questions and the theme asked for."""

from __future__ import annotations

import pytest

from logic.quiz.request import parse_quiz_request


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("interroge-moi", (5, None)),
        ("quiz sur le NPS", (5, "indicateurs")),
        ("un quiz sur le CSAT stp", (5, "indicateurs")),
        ("quiz sur le CES", (5, "indicateurs")),
        ("interroge-moi sur le chapitre 1", (5, "canaux")),
        ("teste-moi sur le chapitre 1 en 10 questions", (10, "canaux")),
        ("teste-moi 10 questions", (10, None)),
        ("pose-moi dix questions", (10, None)),
        ("fais-moi un quiz de 20 questions", (10, None)),
        ("3 questions sur l'omnicanal", (5, "canaux")),
        ("quiz sur le parcours client", (5, "parcours")),
        ("interroge-moi sur l'expérience client", (5, "parcours")),
        ("teste-moi sur le cas Climatech", (5, "climatech")),
        ("quiz climatech 10 questions", (10, "climatech")),
        ("interroge-moi sur les indicateurs de satisfaction", (5, "indicateurs")),
        ("quiz sur le ROPO et le click and collect", (5, "commerce")),
        ("teste-moi sur les chiffres clés", (5, "chiffres")),
        ("interroge-moi sur ces notions", (5, None)),
    ],
)
def test_parse_quiz_request(text: str, expected: tuple[int, str | None]) -> None:
    assert parse_quiz_request(text) == expected
