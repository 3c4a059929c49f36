"""Drawing a quiz: sizes, themes, mixed kinds, computations, excluded questions, retries."""

from __future__ import annotations

import random

import pytest

from logic.course.concepts import load_registry
from logic.quiz.bank import load_bank, question_by_id
from logic.quiz.generation import generate_quiz, retry_questions

BANK = load_bank()
REGISTRY = load_registry()
THEMES = sorted(REGISTRY.themes)


@pytest.mark.parametrize("theme", [None, *THEMES])
@pytest.mark.parametrize("size", [5, 10])
def test_quiz_has_no_repetition_and_respects_the_theme(theme: str | None, size: int) -> None:
    for seed in range(15):
        quiz = generate_quiz(size, theme, rng=random.Random(seed))
        assert len(quiz) == size
        assert len({q.id for q in quiz}) == size
        if theme is not None:
            assert {q.theme for q in quiz} == {theme}


def test_quiz_mixes_kinds_and_includes_computations() -> None:
    for seed in range(20):
        quiz = generate_quiz(10, rng=random.Random(seed))
        kinds = [q.kind for q in quiz]
        assert set(kinds) == {"mcq", "true_false", "short", "computation"}
        assert max(kinds.count(k) for k in set(kinds)) <= 4
        assert len({q.concept for q in quiz}) == 10
        indicators = generate_quiz(10, "indicateurs", rng=random.Random(seed))
        assert sum(q.kind == "computation" for q in indicators) >= 3
        assert not any(q.kind == "computation" for q in generate_quiz(10, "canaux"))


def test_exclude_ids_are_avoided_when_possible() -> None:
    rng = random.Random(3)
    first = generate_quiz(10, rng=rng)
    second = generate_quiz(10, exclude_ids=[q.id for q in first], rng=rng)
    assert not {q.id for q in first} & {q.id for q in second}


def test_exclude_ids_fall_back_to_seen_questions_when_the_theme_runs_out() -> None:
    pool = [q.id for q in BANK if q.theme == "climatech"]
    seen = pool[:10]
    quiz = generate_quiz(10, "climatech", exclude_ids=seen, rng=random.Random(1))
    ids = {q.id for q in quiz}
    assert len(ids) == 10
    assert set(pool[10:]) <= ids  # every unseen question is used before any repeat


@pytest.mark.parametrize("theme", THEMES)
def test_every_concept_is_reachable_through_generate_quiz(theme: str) -> None:
    """Successive quizzes, each excluding what was asked, end up covering every concept."""
    seen: set[str] = set()
    concepts: set[str] = set()
    rng = random.Random(7)
    for _ in range(20):
        quiz = generate_quiz(10, theme, exclude_ids=seen, rng=rng)
        seen |= {q.id for q in quiz}
        concepts |= {q.concept for q in quiz}
    assert concepts == {c.key for c in REGISTRY.by_theme(theme)}


def test_generation_is_reproducible_and_checks_its_arguments() -> None:
    first = generate_quiz(10, rng=random.Random(42))
    again = generate_quiz(10, rng=random.Random(42))
    assert [q.id for q in first] == [q.id for q in again]
    with pytest.raises(ValueError):
        generate_quiz(5, "astronomie")
    with pytest.raises(ValueError):
        generate_quiz(0)


def test_retry_gives_back_the_missed_questions_with_fresh_figures() -> None:
    retried = retry_questions(["ropo-1", "calc-nps-12-5-3"], rng=random.Random(5))
    assert retried[0] == question_by_id("ropo-1")
    assert retried[1].kind == "computation" and retried[1].concept == "nps"
    assert retried[1].id.startswith("calc-nps-")
