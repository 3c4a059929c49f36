"""One figure, not a survey: a respondent's note placed in its NPS category, an indicator's
value read with the course's bands, and the lists and counts still computed."""

from __future__ import annotations

import pytest

from logic.results import Message
from logic.survey.calculator.compute import compute_from_text
from logic.survey.calculator.reply import Ask
from logic.survey.calculator.single import OneFigure, figure_in_context
from logic.text.catalogue import render


def _code(text: str) -> object:
    answer = compute_from_text(text).answer
    return answer.code if isinstance(answer, Message) else "computation"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("note de 6 au nps = detracteur ou passif ?", OneFigure.DETRACTOR),
        ("une note de 0 au NPS c'est quoi", OneFigure.DETRACTOR),
        ("si je mets 7 au NPS je suis passif ?", OneFigure.PASSIVE),
        ("un 8 au NPS, ça compte comment ?", OneFigure.PASSIVE),
        ("un client qui donne 9 au NPS c'est un promoteur ?", OneFigure.PROMOTER),
        ("la note 10 au NPS", OneFigure.PROMOTER),
    ],
)
def test_a_respondent_s_note_gets_its_category(text: str, code: OneFigure) -> None:
    assert _code(text) is code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("un NPS de +10 c'est bon ou pas", OneFigure.NPS_POSITIVE),
        ("mon NPS fait 30, c'est bien ?", OneFigure.NPS_POSITIVE),
        ("un NPS de -20 c'est grave ?", OneFigure.NPS_NEGATIVE),
        ("un NPS de 0", OneFigure.NPS_ZERO),
        ("un NPS de 150 c'est possible ?", OneFigure.NPS_OFF_RANGE),
        ("un CES de 2 c'est bien ?", OneFigure.CES),
        ("CES de 6 sur une échelle de 1 à 7 ?", OneFigure.CES7),
        ("ces égal à 5, ça signifie quoi ?", OneFigure.CES),
        ("CES de 3 : effort faible, moyen ou élevé ?", OneFigure.CES),
        ("un NPS de -20 ça veut dire quoi", OneFigure.NPS_NEGATIVE),
    ],
)
def test_an_indicator_s_value_is_read_not_recomputed(text: str, code: OneFigure) -> None:
    assert _code(text) is code


def test_the_reading_names_the_category_and_the_course_s_bands() -> None:
    assert "détracteur (notes 0 à 6)" in render(compute_from_text("une note de 6 au NPS").answer)
    passive = render(compute_from_text("si je mets 7 au NPS ?").answer)
    assert "pas dans la formule" in passive
    ces = render(compute_from_text("un CES de 4 c'est grave ?").answer)
    assert "effort moyen" in ces and "1-2 faible, 3-4 moyen, 5 élevé" in ces


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("une note de 11 au NPS", Ask.NPS_BAD_NOTE),
        ("un CES de 9", Ask.CES_OFF_SCALE),
        ("un CES de 9 sur une échelle de 1 à 7", Ask.CES7_OFF_SCALE),
    ],
)
def test_a_figure_off_the_scale_is_questioned(text: str, code: Ask) -> None:
    assert _code(text) is code


@pytest.mark.parametrize(
    "text",
    [
        "calcule le NPS avec la note 9",  # the computation asked for, even over one note
        "NPS avec les notes 3, 8, 9 et 9",
        "CES avec 10 notes de 1 et 5 notes de 3",
        "NPS avec 50 % de promoteurs et 20 % de détracteurs",
    ],
)
def test_lists_counts_and_asked_computations_are_computed(text: str) -> None:
    assert _code(text) == "computation"


def test_a_count_alone_still_asks_for_the_other_figures() -> None:
    assert compute_from_text("calcule le NPS avec 45 promoteurs").complete is False


@pytest.mark.parametrize(
    ("text", "context", "code"),
    [
        ("si j'ai 4 c'est bien ou pas", "ces", OneFigure.CES),
        ("et 2, c'est bon ?", "ces", OneFigure.CES),
        ("si je mets 7 c'est bien ?", "nps", OneFigure.PASSIVE),
        ("et +20 c'est bon ?", "nps", OneFigure.NPS_POSITIVE),
        ("et 30, c'est bien ?", "nps", OneFigure.NPS_POSITIVE),
        ("un CES de 4 c'est bien ?", "nps", OneFigure.CES),  # the indicator named wins
        ("un NPS de +10 c'est bon ou pas ?", None, OneFigure.NPS_POSITIVE),
        ("une note de 6 au NPS : détracteur ou passif ?", None, OneFigure.DETRACTOR),
    ],
)
def test_a_figure_asked_about_is_read_for_the_indicator_named_or_discussed(
    text: str, context: str | None, code: OneFigure
) -> None:
    reply = figure_in_context(text, context)
    assert reply is not None and isinstance(reply.answer, Message)
    assert reply.answer.code is code


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("et 7 c'est bien ?", "nps"),  # a note or a score: the calculator asks, as before
        ("l'annexe 7 c'est bien ?", "ces"),  # a number that numbers something else
        ("le chapitre 4 c'est bien ?", "nps"),
        ("si j'ai 4", "ces"),  # no question of worth: maybe the notes asked for
        ("4 c'est bien ?", "csat"),  # no bands for one CSAT answer
        ("4 c'est bien ?", "ropo"),
        ("calcule le NPS avec la note 9, c'est bien ?", None),  # a computation asked for
        ("le CES sur une échelle de 1 à 5 ça veut dire quoi", None),  # a scale, no figure
        ("l'annexe 7 ça veut dire quoi", "nps"),
    ],
)
def test_other_numbers_are_left_to_the_rest_of_the_bot(text: str, context: str) -> None:
    assert figure_in_context(text, context) is None
