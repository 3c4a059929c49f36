"""Reading follow-ups: the facet asked, the notions named, elliptic questions, details."""

from __future__ import annotations

import pytest

from logic.course.facets import Facet
from logic.course.followup import (
    best_detail,
    best_detail_anywhere,
    content_words,
    facet_asked,
    is_elliptic,
    is_pure_followup,
    notions_named,
)


@pytest.mark.parametrize(
    ("text", "facet"),
    [
        ("et un exemple ?", Facet.EXAMPLE),
        ("plus simplement ?", Facet.SIMPLE),
        ("j'ai pas compris", Facet.SIMPLE),
        ("jpige rien", Facet.SIMPLE),
        ("je comprends pa", Facet.SIMPLE),
        ("développe", Facet.MORE),
        ("un chiffre ?", Facet.FIGURES),
        ("pourquoi c'est important ?", Facet.WHY),
        ("et pour Climatech ?", Facet.CLIMATECH),
        ("et la différence avec le multicanal ?", Facet.DIFFERENCE),
        ("c'est quoi la formule alors ?", Facet.FORMULA),
        ("teste-moi là-dessus", Facet.QUIZ),
        ("c'est quoi le ROPO ?", None),
    ],
)
def test_the_facet_asked_is_read_from_the_words(text: str, facet: Facet | None) -> None:
    assert facet_asked(text) is facet


def test_a_pure_followup_has_nothing_but_facet_words() -> None:
    assert is_pure_followup("ok et un exemple alors ?")
    assert is_pure_followup("un exemple vite fait")
    assert not is_pure_followup("un exemple de click and collect ?")
    assert not is_pure_followup("pourquoi multiplier les canaux ?")


def test_elliptic_questions_start_with_et_and_are_short() -> None:
    assert is_elliptic("et le CSAT ?")
    assert is_elliptic("et pour les promoteurs ?")
    assert not is_elliptic("le CSAT ?")
    assert not is_elliptic("et " + "encore un mot " * 5)


def test_notions_are_named_by_their_aliases_in_order() -> None:
    assert notions_named("le nps ou le csat ?") == ["nps", "csat"]
    assert notions_named("c'est quoi le ROPO") == ["ropo"]


def test_ces_as_a_french_word_names_no_indicator() -> None:
    assert notions_named("ces clients sont contents") == []
    assert notions_named("et le CES ?") == ["ces"]
    assert notions_named("un ces de 2 c'est bien") == ["ces"]
    assert notions_named("ces 3 indicateurs") == ["indicateurs_experience"]


@pytest.mark.parametrize(
    "text", ["ces c'est l'acronyme de quoi", "ces égal 4, c'est bien ?", "ces de 3, effort moyen ?"]
)
def test_ces_opening_a_question_on_itself_names_the_indicator(text: str) -> None:
    assert notions_named(text) == ["ces"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ils sont situés où ?", "?ou"),
        ("où se trouve le showroom", "?ou"),
        ("c'est où déjà", "?ou"),
        ("le patron de starbucks c qui", "?qui"),
    ],
)
def test_the_kind_of_question_is_kept_as_a_word(text: str, kind: str) -> None:
    assert kind in content_words(text)


def test_or_is_not_where() -> None:
    assert "?ou" not in content_words("ou alors le csat")
    assert "?ou" not in content_words("multi ou cross canal ?")


def test_a_detail_of_the_notion_is_found_without_its_name() -> None:
    match = best_detail("les passifs du NPS c'est quelles notes ?", "nps")
    assert match is not None
    assert "7" in match.detail.answer and "8" in match.detail.answer


def test_a_detail_of_another_subject_is_not_forced() -> None:
    assert best_detail("quelle heure est-il à Tokyo ?", "nps") is None
    assert best_detail_anywhere("quelle heure est-il à Tokyo ?") is None


def test_a_detail_shared_by_two_notions_goes_to_the_one_the_nlu_prefers() -> None:
    text = "une borne dans un showroom, ça apporte quoi ?"
    match = best_detail_anywhere(text, ranking=("bornes_tablettes", "va_magasin"))
    assert match is not None and match.notion == "bornes_tablettes"


@pytest.mark.parametrize(
    ("text", "notion", "said"),
    [
        # Who, when, which name: the kind of question counts, not only its content words.
        ("et pure player, ça donne quoi traduit ?", "pure_player", "Tout en ligne"),
        ("le baromètre des cyberacheteurs, on le doit à qui ?", "chiffres_achat_en_ligne", "Fevad"),
        ("BPCE, elle date de quelle année ?", "bpce_omnicanal", "2009"),
    ],
)
def test_a_detail_is_found_by_the_kind_of_question(text: str, notion: str, said: str) -> None:
    match = best_detail(text, notion)
    assert match is not None and said in match.detail.answer


@pytest.mark.parametrize(
    ("text", "notion", "answer_has"),
    [
        ("le patron de starbucks c'est qui", "starbucks_paiement_mobile", "Howard Schultz"),
        ("le tel c'est dispo quand ?", "va_telephone", "7 jours sur 7"),
        ("climatech a combien d'employés ?", "climatech_presentation", "10 personnes"),
    ],
)
def test_a_students_everyday_word_finds_the_detail_asked_in_other_words(
    text: str, notion: str, answer_has: str
) -> None:
    match = best_detail(text, notion)
    assert match is not None and answer_has in match.detail.answer
