"""The stored question bank: every concept covered, well-formed kinds, rebuilt from ids."""

from __future__ import annotations

import re

import pytest

from logic.course.concepts import load_registry
from logic.quiz.bank import load_bank, question_by_id
from logic.quiz.grading import grade
from logic.quiz.questions import Question, QuestionText
from logic.text.catalogue import render
from logic.text.matching import normalize

BANK = load_bank()
REGISTRY = load_registry()


def by_kind(kind: str) -> list[Question]:
    return [q for q in BANK if q.kind == kind]


def test_every_concept_has_a_question_and_most_have_two() -> None:
    counts = {key: 0 for key in REGISTRY.concepts}
    for question in BANK:
        counts[question.concept] += 1
    assert all(counts.values()), [k for k, v in counts.items() if not v]
    assert sum(v >= 2 for v in counts.values()) > len(counts) / 2


def test_questions_carry_their_concept_theme_and_an_explanation() -> None:
    for question in BANK:
        assert question.theme == REGISTRY.concepts[question.concept].theme
        sentences = re.findall(r"[.!?…](?:\s|$)", render(question.explanation))
        assert 1 <= len(sentences) <= 2, question.id
    assert len({q.id for q in BANK}) == len(BANK)


def test_every_stored_kind_is_present() -> None:
    assert {q.kind for q in BANK} == {"mcq", "true_false", "short"}


@pytest.mark.parametrize("question", by_kind("mcq"), ids=lambda q: q.id)
def test_mcq_distractors_never_equal_the_answer(question: Question) -> None:
    assert len(question.options) == 4
    assert question.options.count(question.answer) == 1
    normalized = [normalize(o) for o in question.options]
    assert len(set(normalized)) == 4
    # An option that reads like a letter or a number would be confused with a position.
    assert not any(re.fullmatch(r"[a-d]|[1-4]", n) for n in normalized)


@pytest.mark.parametrize("question", by_kind("mcq"), ids=lambda q: q.id)
def test_mcq_each_option_grades_as_itself(question: Question) -> None:
    for index, option in enumerate(question.options):
        expected = option == question.answer
        assert grade(question, option).correct is expected
        assert grade(question, "ABCD"[index]).correct is expected
        assert grade(question, str(index + 1)).correct is expected


@pytest.mark.parametrize("question", by_kind("true_false"), ids=lambda q: q.id)
def test_true_false_questions_explain_false_statements(question: Question) -> None:
    assert question.options == ("Vrai", "Faux")
    assert question.answer in question.options
    if question.answer == "Faux":
        assert render(question.explanation).startswith("Faux :")


def test_a_true_false_question_is_asked_from_its_statement() -> None:
    question = question_by_id("multicanal-2")
    assert not isinstance(question.text, str)
    assert question.text.code is QuestionText.TRUE_FALSE
    assert render(question.text) == f"Vrai ou faux ? {question.text.params['statement']}"


@pytest.mark.parametrize("question", by_kind("short"), ids=lambda q: q.id)
def test_short_questions_accept_their_own_expected_answer(question: Question) -> None:
    assert 1 <= question.min_groups <= len(question.keywords)
    assert grade(question, question.answer, similarity_fn=None).correct


def test_question_by_id_rebuilds_the_same_question() -> None:
    for question in BANK:
        assert question_by_id(question.id) == question
    with pytest.raises(KeyError):
        question_by_id("nope-1")
    with pytest.raises(KeyError):
        question_by_id("calc-nps-x-1-2")
