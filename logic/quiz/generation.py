"""Drawing a quiz: stored questions of a theme mixed with fresh computations, no repeats."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from logic.course.concepts import load_registry
from logic.quiz.bank import load_bank, question_by_id
from logic.quiz.computations import INDICATORS, make_computation
from logic.quiz.questions import STORED_KINDS, Question

INDICATORS_THEME = "indicateurs"


def _computation_count(size: int, theme: str | None) -> int:
    """1 in 5 questions on the whole course, 2 in 5 on the indicators theme, else none."""
    if theme is None:
        return min(size, max(1, size // 5))
    if theme == INDICATORS_THEME:
        return min(size, max(1, 2 * size // 5))
    return 0


def _pick_stored(
    pool: Sequence[Question],
    count: int,
    excluded: set[str],
    rng: random.Random,
    concepts: set[str],
) -> list[Question]:
    """Up to `count` distinct questions: unseen first, then new concepts, then mixed kinds.

    `concepts` (already covered by the quiz) is updated with the concepts picked.
    """
    candidates = list(pool)
    rng.shuffle(candidates)
    chosen: list[Question] = []
    kinds: dict[str, int] = dict.fromkeys(STORED_KINDS, 0)
    while candidates and len(chosen) < count:
        best = min(
            candidates,
            key=lambda q: (q.id in excluded, q.concept in concepts, kinds[q.kind]),
        )
        candidates.remove(best)
        chosen.append(best)
        concepts.add(best.concept)
        kinds[best.kind] += 1
    return chosen


def _computations(count: int, excluded: set[str], rng: random.Random) -> list[Question]:
    """`count` computation questions, rotating NPS / CSAT / CES, never twice the same id."""
    indicators = list(INDICATORS)
    rng.shuffle(indicators)
    made: list[Question] = []
    for index in range(count):
        question = make_computation(indicators[index % 3], rng)
        for _ in range(20):
            if question.id not in excluded and all(q.id != question.id for q in made):
                break
            question = make_computation(indicators[index % 3], rng)
        made.append(question)
    return made


def generate_quiz(
    size: int = 5,
    theme: str | None = None,
    exclude_ids: Iterable[str] = (),
    rng: random.Random | None = None,
) -> list[Question]:
    """A quiz of `size` questions (any theme key of the registry, or None for all).

    No question twice; `exclude_ids` (already asked) are avoided while others remain.
    """
    if size < 1:
        raise ValueError("a quiz needs at least one question")
    themes = load_registry().themes
    if theme is not None and theme not in themes:
        raise ValueError(f"unknown theme {theme!r}; expected one of {sorted(themes)}")
    rng = rng or random.Random()
    excluded = set(exclude_ids)
    pool = [q for q in load_bank() if theme is None or q.theme == theme]
    quiz = _computations(_computation_count(size, theme), excluded, rng)
    concepts = {q.concept for q in quiz}
    quiz += _pick_stored(pool, size - len(quiz), excluded, rng, concepts)
    if theme in (None, INDICATORS_THEME):  # a small pool is topped up with computations
        quiz += _computations(size - len(quiz), excluded | {q.id for q in quiz}, rng)
    rng.shuffle(quiz)
    return quiz


def notion_quiz(concept: str, size: int = 3, rng: random.Random | None = None) -> list[Question]:
    """ "Teste-moi là-dessus": the notion's own questions first, then its theme's."""
    registry = load_registry()
    notion = registry.get(concept)
    if notion is None:
        raise ValueError(f"unknown concept {concept!r}")
    rng = rng or random.Random()
    own = [q for q in load_bank() if q.concept == concept]
    rng.shuffle(own)
    quiz = own[:size]
    if len(quiz) < size:
        taken = {q.id for q in quiz}
        theme = [q for q in load_bank() if q.theme == notion.theme and q.id not in taken]
        quiz += rng.sample(theme, min(size - len(quiz), len(theme)))
    return quiz


def retry_questions(ids: Iterable[str], rng: random.Random | None = None) -> list[Question]:
    """The missed questions again; computations come back with fresh figures."""
    rng = rng or random.Random()
    questions = []
    for qid in ids:
        question = question_by_id(qid)
        if question.kind == "computation":
            question = make_computation(qid.split("-")[1], rng)
        questions.append(question)
    return questions
