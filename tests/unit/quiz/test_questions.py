"""How a question is asked: multiple-choice options lettered A, B, C, D, one per line."""

from __future__ import annotations

from logic.quiz.bank import question_by_id
from logic.text.catalogue import render


def test_prompt_letters_the_mcq_options() -> None:
    question = question_by_id("va_magasin-1")
    lines = render(question.prompt).splitlines()
    assert lines[0] == question.text
    assert lines[1:] == [f"{'ABCD'[i]}. {o}" for i, o in enumerate(question.options)]
    assert question_by_id("nps-2").prompt == question_by_id("nps-2").text
