"""The tutor's answers: follow-ups in context, elliptic switches, details, comparisons."""

from __future__ import annotations

import pytest

from logic.course.facets import Facet
from logic.course.tutor import Question, Reply, answer


def test_an_example_follow_up_is_about_the_notion_under_discussion() -> None:
    found = answer(Question("et un exemple ?", intent="follow_up", context="ropo"))
    assert found is not None
    assert (found.reply, found.notion, found.facet) == (Reply.FACET, "ropo", Facet.EXAMPLE)
    assert found.text


def test_the_context_wins_over_a_guess_of_the_nlu_for_a_pure_follow_up() -> None:
    question = Question(
        "et un exemple ?", intent="course", selected="experience_client_exemples", context="nps"
    )
    found = answer(question)
    assert found is not None and found.notion == "nps"


def test_a_follow_up_without_a_notion_asks_which_one() -> None:
    found = answer(Question("un exemple ?", intent="follow_up"))
    assert found is not None and found.reply is Reply.WHICH_NOTION


def test_et_le_csat_after_the_nps_formula_gives_the_csat_formula() -> None:
    question = Question(
        "et le csat ?", intent="course", selected="csat", context="nps", context_facet="formula"
    )
    found = answer(question)
    assert found is not None
    assert (found.notion, found.facet) == ("csat", Facet.FORMULA)


def test_the_notion_named_in_an_elliptic_question_wins_over_the_nlus_guess() -> None:
    question = Question(
        "et le CSAT ?",
        intent="course",
        selected="diff_nps_csat",
        context="nps",
        context_facet="formula",
    )
    found = answer(question)
    assert found is not None
    assert (found.notion, found.facet) == ("csat", Facet.FORMULA)


def test_et_les_promoteurs_after_the_detractors_gives_their_notes() -> None:
    question = Question(
        "et les promoteurs ?",
        intent="course",
        selected="nps",
        context="nps",
        context_facet="detail",
        previous_text="qui sont les détracteurs ?",
    )
    found = answer(question)
    assert found is not None and found.reply is Reply.DETAIL
    assert "9" in found.text and "10" in found.text


@pytest.mark.parametrize(
    ("before", "text", "context", "target"),
    [
        ("on calcule comment le net promoter score", "et le csat alors ?", "nps", "csat"),
        ("le csat ça se calcule comment", "pareil pour le nps", "csat", "nps"),
    ],
)
def test_a_formula_answered_by_a_detail_is_still_the_facet_asked_of_the_next_notion(
    before: str, text: str, context: str, target: str
) -> None:
    question = Question(
        text, intent="follow_up", context=context, context_facet="detail", previous_text=before
    )
    found = answer(question)
    assert found is not None
    assert (found.notion, found.facet) == (target, Facet.FORMULA)


def test_a_detail_question_gets_one_sentence_not_the_whole_notion() -> None:
    found = answer(Question("les passifs du NPS c'est quelles notes ?", selected="nps"))
    assert found is not None and found.reply is Reply.DETAIL


def test_three_indicators_named_get_their_comparison() -> None:
    found = answer(Question("différence entre NPS, CSAT et CES", selected="diff_nps_csat"))
    assert found is not None
    assert (found.reply, found.notion) == (Reply.NOTION, "comparaison_indicateurs")


@pytest.mark.parametrize(
    "text",
    [
        "VA du mail, du sms et du tel ?",
        "le chat et les réseaux sociaux, ils apportent quoi chacun",
        "sms ou mail, lequel sert à quoi ?",
    ],
)
def test_channels_listed_by_their_bare_names_get_the_recap_of_their_added_values(
    text: str,
) -> None:
    found = answer(Question(text, intent="course", selected="va_email"))
    assert found is not None and (found.reply, found.notion) == (Reply.NOTION, "va_canaux")


def test_bare_channel_names_in_another_question_name_no_channel() -> None:
    found = answer(Question("le click and collect, c'est le site puis le magasin ?"))
    assert found is None or found.notion != "va_canaux"
    found = answer(Question("le mail ça apporte quoi ?", intent="course", selected="va_email"))
    assert found is not None and found.notion == "va_email"


def test_the_difference_with_another_notion_uses_their_comparison() -> None:
    question = Question(
        "et la différence avec le multicanal ?", intent="follow_up", context="omnicanal_definition"
    )
    found = answer(question)
    assert found is not None
    assert (found.reply, found.notion) == (Reply.NOTION, "diff_multicanal_omnicanal")


def test_a_ratio_of_the_course_figures_is_answered_with_its_figures() -> None:
    question = Question(
        "entre 1 et 4 canaux le CA est multiplié par combien ?", selected="kumar_rangaswamy"
    )
    found = answer(question)
    assert found is not None and found.reply is Reply.DETAIL
    assert "14" in found.text


def test_a_missing_facet_is_said_and_a_neighbour_offered() -> None:
    found = answer(Question("un exemple ?", intent="follow_up", context="kumar_rangaswamy"))
    assert found is not None and found.reply is Reply.MISSING
    assert found.other is None or found.other != "kumar_rangaswamy"


def test_a_plain_course_question_gets_the_notion() -> None:
    found = answer(Question("c'est quoi le ROPO ?", intent="course", selected="ropo"))
    assert found is not None and (found.reply, found.notion) == (Reply.NOTION, "ropo")


def test_an_unrelated_message_is_not_the_tutors() -> None:
    assert answer(Question("il fait beau aujourd'hui", intent="nlu_fallback")) is None


@pytest.mark.parametrize("notion", ["nps", "csat"])
def test_asking_the_formula_gets_the_formula_even_with_a_detail_phrased_alike(
    notion: str,
) -> None:
    found = answer(Question("et la formule alors ?", intent="follow_up", context=notion))
    assert found is not None and (found.notion, found.facet) == (notion, Facet.FORMULA)


def test_after_a_comparison_a_detail_of_one_of_its_notions_is_answered() -> None:
    # The comparison's own detail on the scales does not say which notes the passives give.
    found = answer(
        Question("les passifs c'est quelles notes ?", intent="course", context="diff_nps_csat")
    )
    assert found is not None
    assert (found.reply, found.notion) == (Reply.DETAIL, "nps")
    assert "7 ou 8" in found.text


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("même question pour le chat", "va_site_web", "va_chat"),
        ("pareil pour le téléphone", "va_magasin", "va_telephone"),
        ("idem avec le sms", "va_email", "va_sms"),
    ],
)
def test_the_same_question_for_another_channel_gives_that_channels_answer(
    text: str, context: str, expected: str
) -> None:
    found = answer(
        Question(text, intent="nlu_fallback", context=context, context_facet="definition")
    )
    assert found is not None and found.notion == expected


def test_an_elliptic_question_after_a_detail_asks_the_same_figures_of_another_thing() -> None:
    question = Question(
        "et sur tablette ?",
        intent="follow_up",
        context="digital_france_2018",
        context_facet="detail",
        previous_text="part du mobile dans le trafic web",
    )
    found = answer(question)
    assert found is not None
    assert (found.reply, found.notion) == (Reply.DETAIL, "digital_france_2018")
    assert "7 %" in found.text


def test_a_short_question_on_a_detail_of_the_notion_discussed_beats_another_guess() -> None:
    question = Question(
        "ils sont combien de salariés ?",
        intent="course",
        selected="galeries_lafayette",
        context="climatech_presentation",
    )
    found = answer(question)
    assert found is not None and (found.reply, found.notion) == (
        Reply.DETAIL,
        "climatech_presentation",
    )
    assert "10 personnes" in found.text


def test_a_question_naming_no_detail_of_the_notion_discussed_keeps_the_nlus_guess() -> None:
    question = Question(
        "et le panier moyen du e-commerce ?",
        intent="course",
        selected="chiffres_achat_en_ligne",
        context="nps",
    )
    found = answer(question)
    assert found is not None and found.notion == "chiffres_achat_en_ligne"


@pytest.mark.parametrize("text", ["pk faut la connaître ?", "et pour Climatech ?", "développe"])
def test_a_follow_up_on_a_recap_is_answered_not_the_recap_again(text: str) -> None:
    found = answer(Question(text, intent="follow_up", context="va_canaux"))
    assert found is not None and found.notion == "va_canaux"
    assert found.reply in (Reply.FACET, Reply.DETAIL) and found.text


def test_climatech_in_a_question_on_the_case_itself_asks_for_no_application() -> None:
    text = "recap des 6 messages de climatech avec les solutions"
    found = answer(Question(text, intent="course", selected="recap_messages_solutions"))
    assert found is not None and (found.reply, found.notion) == (
        Reply.NOTION,
        "recap_messages_solutions",
    )
    after = answer(Question("et pour Climatech ?", intent="follow_up", context="va_canaux"))
    assert after is not None and after.facet is Facet.CLIMATECH
