"""A student revises over the REST channel, against the real servers."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import Bot


def test_greeting_shows_the_themes_as_buttons(bot: Bot) -> None:
    messages = bot.say("Bonjour")
    assert "Climabot" in messages[0]["text"]
    titles = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert "Indicateurs de satisfaction" in titles
    assert "Parcours et expérience client" in titles


def test_a_course_question_gets_the_course_answer(bot: Bot) -> None:
    answer = bot.text("c koi le ropo ?")
    assert "Research Online" in answer or "web to store" in answer.lower()


def test_a_concept_button_gives_the_same_answer_as_the_question(bot: Bot) -> None:
    typed = bot.say("c'est quoi le NPS")
    clicked = bot.say('/explain{"concept":"nps"}')
    assert typed[0]["text"] == clicked[0]["text"]
    assert "promoteurs" in clicked[0]["text"]
    assert len(clicked[0]["buttons"]) >= 2
    # The payload reaches the user as Rasa reads it back, and nothing was logged as an error.
    payloads = [b["payload"] for b in clicked[0]["buttons"]]
    prefixes = ('/explain{"concept":"', "/follow_up{", "/start_quiz{")
    assert all(p.startswith(prefixes) for p in payloads)
    assert "KeyError" not in (bot.workdir / "rasa.log").read_text()


def test_a_theme_button_lists_its_concepts(bot: Bot) -> None:
    messages = bot.say('/explore_theme{"theme":"indicateurs"}')
    titles = {b["title"] for b in messages[0]["buttons"]}
    assert {"Le NPS", "Le CSAT", "Le CES"} <= titles


def test_out_of_scope_is_declined_politely(bot: Bot) -> None:
    answer = bot.text("donne moi une recette de tarte aux pommes")
    assert (
        "sort de mon domaine" in answer or "Vouliez-vous dire" in answer or "reformuler" in answer
    )


def test_gibberish_gets_an_answer_not_silence(bot: Bot) -> None:
    for message in ["zkqjdh pqoeiru", "", "   ", "?" * 3, "x" * 20000]:
        assert bot.say(message), f"no answer to {message[:20]!r}"


def test_none_of_the_suggestions_asks_to_rephrase(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say("zkqjdh pqoeiru", sender)
    assert "reformuler" in bot.text("/deny", sender)


def test_the_conversation_keeps_going_after_a_miss(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say("qsdfghjklm", sender)
    assert "promoteurs" in bot.text("explique moi le nps", sender)
