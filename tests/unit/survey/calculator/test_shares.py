"""NPS and CSAT from category figures: one path of checks for both indicators."""

from __future__ import annotations

import pytest

from logic.results import Message
from logic.survey.calculator.reading import prepare
from logic.survey.calculator.reply import Ask, FiguresReply
from logic.survey.calculator.shares import CSAT, NPS, Deduction, Shares, from_text
from logic.text.catalogue import render


def _read(spec: Shares, text: str) -> FiguresReply:
    return from_text(spec, prepare(text))


def _say(reply: FiguresReply) -> str:
    return render(reply.answer)


@pytest.mark.parametrize(
    ("spec", "text", "code"),
    [
        (NPS, "120 % de promoteurs et 10 % de détracteurs", Ask.OVER_100),
        (CSAT, "120 % de très satisfaits et 10 % de satisfaits", Ask.OVER_100),
        (NPS, "45 % de promoteurs, 35 passifs et 20 % de détracteurs", Ask.MIXED_UNITS),
        (CSAT, "40 % de très satisfaits, 30 satisfaits", Ask.MIXED_UNITS),
        (NPS, "45,5 promoteurs, 35 passifs et 20 détracteurs", Ask.NOT_WHOLE),
        (CSAT, "40,5 très satisfaits et 30 satisfaits", Ask.NOT_WHOLE),
        (NPS, "sur 50 réponses, 45 promoteurs et 20 détracteurs", Ask.EXCEEDS),
        (CSAT, "sur 50 réponses, 45 très satisfaits et 20 satisfaits", Ask.EXCEEDS),
        (NPS, "sur 120 réponses, 45 promoteurs, 35 passifs et 20 détracteurs", Ask.NPS_MISMATCH),
        (
            CSAT,
            "sur 120 réponses, 45 très satisfaits, 35 satisfaits, 10 insatisfaits, "
            "10 très insatisfaits",
            Ask.CSAT_MISMATCH,
        ),
        (NPS, "45 promoteurs, 20 détracteurs et 30 promoteurs", Ask.TWO_FIGURES),
        (CSAT, "45 satisfaits, 20 insatisfaits et 30 satisfaits", Ask.TWO_FIGURES),
    ],
)
def test_both_indicators_share_the_same_checks(spec: Shares, text: str, code: Ask) -> None:
    reply = _read(spec, text)
    assert not reply.complete and reply.topic == spec.topic
    assert isinstance(reply.answer, Message) and reply.answer.code is code


def test_the_same_check_speaks_of_each_indicator_s_categories() -> None:
    nps = _say(_read(NPS, "NPS : 120 % de promoteurs et 10 % de détracteurs"))
    csat = _say(_read(CSAT, "CSAT : 120 % de très satisfaits et 10 % de satisfaits"))
    assert nps == (
        "Un pourcentage ne peut pas dépasser 100 % (promoteurs : 120 %). Pouvez-vous vérifier ?"
    )
    assert csat == (
        "Un pourcentage ne peut pas dépasser 100 % (très satisfaits : 120 %). "
        "Pouvez-vous vérifier ?"
    )


def test_nps_sums_follow_the_student_csat_sums_the_course() -> None:
    assert _say(_read(NPS, "sur 50 réponses, 20 détracteurs et 45 promoteurs")) == (
        "Les catégories font 20 + 45 = 65, plus que les 50 réponses annoncées. "
        "Quel chiffre dois-je corriger ?"
    )
    assert _say(_read(CSAT, "sur 50 réponses, 20 satisfaits et 45 très satisfaits")) == (
        "Les catégories font 45 + 20 = 65, plus que les 50 réponses annoncées. "
        "Quel chiffre dois-je corriger ?"
    )


def test_one_missing_category_is_deduced_and_said() -> None:
    reply = _read(CSAT, "sur 100 réponses : 40 très satisfaits, 30 satisfaits, 20 insatisfaits")
    assert reply.complete
    first = render(reply.answer).splitlines()[0]
    assert first == "J'en déduis 10 très insatisfaits (100 − 90)."
    percent = _read(CSAT, "40 % de très satisfaits, 30 % de satisfaits, 20 % de très insatisfaits")
    assert render(percent.answer).splitlines()[0] == (
        "J'en déduis 10 % d'insatisfaits (100 % − 90 %)."
    )
    assert Deduction.PERCENT.value == "figures_deduced_percent"


def test_deduced_nps_passives_in_percent_are_left_to_the_explanation() -> None:
    reply = _read(NPS, "60 % de promoteurs et 25 % de détracteurs")
    assert reply.complete
    assert render(reply.answer).startswith("Calcul du NPS")


def test_missing_categories_are_asked_for_each_indicator() -> None:
    assert _say(_read(NPS, "promoteurs, passifs et détracteurs")) == (
        "Combien y a-t-il de promoteurs (notes 9-10) et de passifs (notes 7-8) et de "
        "détracteurs (notes 0-6) ? Sans cela je ne connais pas le nombre total de réponses "
        "(vous pouvez aussi me donner ce total, ou des pourcentages)."
    )
    assert _say(_read(CSAT, "40 insatisfaits et 10 très insatisfaits")) == (
        "Combien y a-t-il de très satisfaits et de satisfaits ? Le CSAT additionne les "
        "« très satisfaits » et les « satisfaits » (dites 0 s'il n'y en a pas)."
    )
