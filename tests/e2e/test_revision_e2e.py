"""A student revising with the tutor: follow-ups on the notion under discussion, details,
comparisons, and follow-ups inside the quiz, against the real servers."""

from __future__ import annotations

import uuid

from logic.course.facets import Facet, load_facets
from logic.text.catalogue import say
from tests.e2e.conftest import Bot

STUDENT = {"audience": "etudiant"}


def _talk(bot: Bot, *texts: str) -> list[list[dict[str, object]]]:
    sender = uuid.uuid4().hex
    return [bot.say(text, sender, STUDENT) for text in texts]


def _text(messages: list[dict[str, object]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def _facet(key: str, facet: Facet) -> str:
    text = load_facets()[key].text(facet)
    assert text, (key, facet)
    return text


def test_every_course_answer_offers_the_follow_ups(bot: Bot) -> None:
    [answer] = _talk(bot, "c'est quoi le ROPO ?")
    titles = [b["title"] for m in answer for b in m.get("buttons", [])]  # type: ignore[union-attr]
    assert {say("course_followup_example"), say("course_followup_simple")} <= set(titles)
    assert say("course_followup_quiz") in titles


def test_un_exemple_after_the_ropo_is_the_ropos_example(bot: Bot) -> None:
    _, example = _talk(bot, "c'est quoi le ROPO ?", "et un exemple ?")
    assert _facet("ropo", Facet.EXAMPLE) in _text(example)


def test_plus_simplement_and_developpe_stay_on_the_notion(bot: Bot) -> None:
    _, simple, more = _talk(bot, "explique moi la vision 360", "plus simplement ?", "développe")
    assert _facet("silos_vision_360", Facet.SIMPLE) in _text(simple)
    assert load_facets()["silos_vision_360"].details[0].answer in _text(more)


def test_not_understood_gets_the_simpler_version_and_no_asks_to_rephrase(bot: Bot) -> None:
    _, simple = _talk(bot, "l'ubiquité du client ça veut dire quoi", "jcapte pas")
    assert _facet("ubiquite", Facet.SIMPLE) in _text(simple)
    _, no = _talk(bot, "c'est quoi le ROPO ?", "/deny")
    assert "reformuler" in _text(no)


def test_the_formula_then_et_le_csat_gives_the_csat_formula(bot: Bot) -> None:
    _, formula, csat = _talk(
        bot, "c'est quoi le NPS", "c'est quoi la formule alors ?", "et le CSAT ?"
    )
    assert _facet("nps", Facet.FORMULA) in _text(formula)
    assert _facet("csat", Facet.FORMULA) in _text(csat)


def test_after_a_computation_the_follow_ups_concern_its_indicator(bot: Bot) -> None:
    computed, csat = _talk(
        bot,
        "si j'ai 50 % de promoteurs et 20 % de détracteurs mon NPS fait combien ?",
        "et le CSAT ?",
    )
    assert "+30" in _text(computed)
    assert _facet("csat", Facet.FORMULA) in _text(csat)
    _, example = _talk(bot, "calcule le CES avec 10 notes de 1 et 5 notes de 3", "un exemple ?")
    assert _facet("ces", Facet.EXAMPLE) in _text(example)


def test_one_figure_is_read_by_its_category_or_band(bot: Bot) -> None:
    [note] = _talk(bot, "une note de 6 au NPS, c'est un détracteur ou un passif ?")
    assert "détracteur" in _text(note) and "6" in _text(note) and "passif" not in _text(note)
    [score] = _talk(bot, "un NPS de +10 c'est bon ou pas ?")
    assert "positif" in _text(score)
    _, worth = _talk(bot, "c'est quoi le CES ?", "si j'ai 4 c'est bien ou pas ?")
    assert "effort moyen" in _text(worth)


def test_et_les_promoteurs_after_the_detractors(bot: Bot) -> None:
    detractors, promoters = _talk(bot, "qui sont les détracteurs du NPS ?", "et les promoteurs ?")
    assert "6" in _text(detractors)
    assert "9" in _text(promoters) and "10" in _text(promoters)


def test_climatech_and_why_follow_ups(bot: Bot) -> None:
    _, climatech = _talk(
        bot, "c'est quoi un chatbot ?", "Climatech devrait en mettre un ? pourquoi ?"
    )
    # The case's answer on the chatbot: it takes the load off Climatech's after-sales line.
    assert "SAV" in _text(climatech)
    assert say("out_of_scope_student") not in _text(climatech)


def test_the_difference_with_another_notion(bot: Bot) -> None:
    _, difference = _talk(bot, "c'est quoi l'omnicanal ?", "et la différence avec le multicanal ?")
    assert "multicanal" in _text(difference).lower()
    assert "omnicanal" in _text(difference).lower()


def test_a_detail_question_gets_a_direct_answer(bot: Bot) -> None:
    [answer] = _talk(bot, "les passifs du NPS c'est quelles notes ?")
    text = _text(answer)
    assert "7" in text and "8" in text
    assert len(text) < 400  # a sentence, not the whole notion


def test_three_indicators_are_compared(bot: Bot) -> None:
    [answer] = _talk(bot, "différence entre NPS, CSAT et CES")
    text = _text(answer)
    assert all(name in text for name in ("NPS", "CSAT", "CES"))


def test_a_follow_up_with_nothing_discussed_asks_which_notion(bot: Bot) -> None:
    [answer] = _talk(bot, "et un exemple ?")
    assert say("course_which_notion") in _text(answer)
    assert any(m.get("buttons") for m in answer)


def test_a_follow_up_button_answers_its_facet(bot: Bot) -> None:
    [answer] = _talk(bot, '/follow_up{"facet":"simple","concept":"nps"}')
    assert _facet("nps", Facet.SIMPLE) in _text(answer)


def test_teste_moi_starts_a_quiz_on_the_notion(bot: Bot) -> None:
    _, quiz = _talk(bot, "c'est quoi le ROPO ?", '/start_quiz{"concept":"ropo"}')
    assert "ROPO" in _text(quiz)
    assert "1/" in _text(quiz) or "Question 1" in _text(quiz)


def test_a_follow_up_inside_the_quiz_concerns_the_question_just_corrected(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say('/start_quiz{"concept":"ropo"}', sender, STUDENT)
    corrected = _text(bot.say("je ne sais pas", sender, STUDENT))
    assert corrected
    example = _text(bot.say("et un exemple ?", sender, STUDENT))
    assert _facet("ropo", Facet.EXAMPLE) in example or "ROPO" in example
    assert say("resume_form") in example  # and the quiz goes on
