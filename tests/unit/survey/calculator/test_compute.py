"""Student figures in free French text: computations, and questions when they are wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logic.results import Message
from logic.survey.calculator.compute import compute_from_text
from logic.survey.calculator.reply import Ask, FiguresReply
from logic.text.catalogue import render


def _text(reply: FiguresReply) -> str:
    return render(reply.answer)


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        (
            "calcule le NPS avec 45 promoteurs, 35 passifs et 20 détracteurs",
            "nps",
            ["45 + 35 + 20 = 100", "NPS = 45 − 20 = +25"],
        ),
        (
            "NPS : 60 % de promoteurs et 25 % de détracteurs",
            "nps",
            ["NPS = 60 − 25 = +35"],
        ),
        (
            "NPS : 60 pour cent de promoteurs et 25 pour cent de détracteurs",
            "nps",
            ["+35"],
        ),
        ("NPS promoteurs : 45, passifs : 35, détracteurs : 20", "nps", ["+25"]),
        ("NPS promoteurs 45 passifs 35 détracteurs 20", "nps", ["+25"]),
        (
            "sur 100 réponses, 45 promoteurs et 35 passifs",
            "nps",
            ["J'en déduis 20 détracteurs"],
        ),
        (
            "20 promoteurs, 30 passifs et 50 détracteurs",
            "nps",
            ["NPS = 20 − 50 = -30", "négatif"],
        ),
        (
            "NPS avec les notes 9, 10, 7, 3 et 8",
            "nps",
            ["2 promoteurs", "1 détracteur", "+20"],
        ),
        (
            (
                "sur 200 réponses, 90 très satisfaits, 50 satisfaits, 40 insatisfaits et 20 très "
                "insatisfaits"
            ),
            "csat",
            ["90 + 50 = 140", "140 / 200 × 100 = 70 %"],
        ),
        (
            "CSAT : 40 % de très satisfaits et 30 % de satisfaits",
            "csat",
            ["40 % + 30 % = 70 %"],
        ),
        ("sur 200 réponses, 90 très satisfaits et 50 satisfaits", "csat", ["= 70 %"]),
        (
            "CSAT sur 100 réponses : 40 très satisfaits, 30 satisfaits, 20 insatisfaits",
            "csat",
            ["J'en déduis 10 très insatisfaits", "= 70 %"],
        ),
        (
            "90 très satisfaits, 50 satisfaits, 40 insatisfaits, 20 très insatisfaits",
            "csat",
            ["140 / 200"],
        ),
        ("les notes d'effort sont 1, 2, 2, 3 et 5", "ces", ["13 / 5 = 2,6"]),
        (
            "CES avec 10 notes de 1, 5 notes de 3",
            "ces",
            ["10 × 1 + 5 × 3 = 25", "≈ 1,7"],
        ),
        ("calcule le CES : 1, 1, 2, 5 sur une échelle de 1 à 5", "ces", ["9 / 4"]),
        ("sur 5 réponses, les notes d'effort sont 1, 2, 2, 3 et 5", "ces", ["2,6"]),
        ("CES : la note 1 donnée 3 fois, la note 4 donnée 1 fois", "ces", ["7 / 4"]),
    ],
)
def test_computations(text: str, topic: str, expected: list[str]) -> None:
    reply = compute_from_text(text)
    assert reply.complete, _text(reply)
    assert reply.topic == topic
    for fragment in expected:
        assert fragment in _text(reply)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # missing figures
        ("calcule le NPS avec 45 promoteurs et 20 détracteurs", "passifs"),
        ("calcule le NPS", "par exemple"),
        ("NPS : 60 % de promoteurs", "détracteurs"),
        ("CSAT : 90 très satisfaits et 50 satisfaits", "Sur combien de réponses"),
        (
            "CSAT : sur 200 réponses, 50 satisfaits et 40 insatisfaits",
            "très satisfaits",
        ),
        ("calcule le CSAT", "répartition"),
        ("calcule le CES", "notes d'effort"),
        ("calcule un indicateur avec 45 et 20", "Quel indicateur"),
        ("calcule le NPS et le CSAT avec 45 et 20", "Quel indicateur"),
        # figures that do not add up
        ("sur 120 réponses, 45 promoteurs, 35 passifs et 20 détracteurs", "120"),
        ("NPS : 60 % de promoteurs, 30 % de passifs et 25 % de détracteurs", "100 %"),
        ("NPS : 120 % de promoteurs et 10 % de détracteurs", "dépasser 100 %"),
        ("NPS : 70 % de promoteurs et 40 % de détracteurs", "plus que 100 %"),
        ("NPS : 45 % de promoteurs, 35 passifs et 20 % de détracteurs", "même façon"),
        ("NPS avec 45,5 promoteurs, 35 passifs et 20 détracteurs", "entier"),
        ("NPS avec les notes 9, 12 et 3", "12"),
        (
            (
                "sur 200 réponses, 90 très satisfaits, 50 satisfaits, 40 insatisfaits et 30 très "
                "insatisfaits"
            ),
            "210",
        ),
        (
            "sur 100 réponses, 60 % de très satisfaits et 50 % de satisfaits",
            "plus que 100 %",
        ),
        ("CES : les notes sont 1, 2 et 7", "7"),
        ("CES : les notes sont 0, 2 et 3", "0"),
        ("CES : les notes sont 1, 2.5 et 3", "2,5"),
        ("sur 6 réponses, les notes d'effort sont 1, 2, 2, 3 et 5", "6 réponses"),
        ("CES avec 10 notes de 1, 5 notes de 3 et 2", "2"),
        ("CES avec 40 % de notes 1", "pourcentages"),
        ("sur 100 réponses puis sur 200 réponses, 45 promoteurs", "lequel"),
        (
            "NPS avec 45 promoteurs, 35 passifs, 20 détracteurs et 30 promoteurs",
            "lequel",
        ),
    ],
)
def test_questions_when_figures_are_missing_or_wrong(text: str, expected: str) -> None:
    reply = compute_from_text(text)
    assert not reply.complete, _text(reply)
    assert expected in _text(reply)
    assert _text(reply).rstrip().endswith(("?", ".")), _text(reply)


words = st.sampled_from(
    [
        "NPS",
        "CSAT",
        "CES",
        "promoteurs",
        "passifs",
        "détracteurs",
        "très satisfaits",
        "satisfaits",
        "insatisfaits",
        "très insatisfaits",
        "notes",
        "de",
        "sur",
        "réponses",
        "%",
        ",",
        "et",
        "fois",
        "la note",
        "effort",
        "-",
        ".",
        "0",
        "1",
        "5",
        "45,5",
        "100",
        "250",
        "7",
        "12.5",
        "sur 5",
        "de 1 à 5",
        "au total",
    ]
)


@settings(max_examples=300)
@given(st.lists(words, max_size=14).map(" ".join))
def test_never_crashes_on_figure_like_text(text: str) -> None:
    reply = compute_from_text(text)
    assert _text(reply).strip()


@given(st.text(max_size=80))
def test_never_crashes_on_any_text(text: str) -> None:
    assert _text(compute_from_text(text)).strip()


def test_questions_carry_their_code() -> None:
    reply = compute_from_text("calcule un indicateur avec 45 et 20")
    assert reply.answer == Message(Ask.WHICH_INDICATOR, {})
    lines = compute_from_text("sur 100 réponses, 45 promoteurs et 35 passifs")
    assert _text(lines).startswith("J'en déduis 20 détracteurs (100 − 80).\nCalcul du NPS")
