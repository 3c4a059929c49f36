"""A student takes a quiz over REST: graded answers, a question on the way, a summary."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import Bot


def test_a_quiz_asks_grades_and_sums_up(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    start = bot.text("interroge moi sur le NPS", sender)
    assert "5 questions" in start and "Question 1/5" in start
    asked = {start.split("Question 1/5 : ", 1)[1]}
    aside = bot.text("c'est quoi le ropo ?", sender)
    assert "Research Online" in aside and "Question 1/5" in aside  # answered, then re-asked
    for number in range(2, 6):
        turn = bot.text("le chiffre d'affaires", sender)
        assert "La bonne réponse" in turn
        assert f"Question {number}/5" in turn
        asked.add(turn.split(f"Question {number}/5 : ", 1)[1])
    assert len(asked) == 5  # never the same question twice in a quiz
    summary = bot.say("le chiffre d'affaires", sender)
    assert "Score : 0/5" in summary[-1]["text"]
    assert summary[-1]["buttons"][0]["payload"] == "/retry_quiz"
    [count] = bot.rows("SELECT COUNT(*) AS answers FROM quiz_answers")
    assert count["answers"] >= 5


def test_stop_ends_the_quiz(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say("un quiz", sender)
    assert "Question 2/5" in bot.text("le chiffre d'affaires", sender)
    assert "Score : 0/1" in bot.text("stop", sender)
