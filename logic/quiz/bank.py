"""The stored question bank (knowledge/quiz.yml), checked at load, and lookups by id."""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from logic.course.concepts import KNOWLEDGE_DIR, load_registry
from logic.quiz.computations import computation_from_id, is_computation_id
from logic.quiz.questions import TRUE_FALSE_OPTIONS, Question, QuestionText
from logic.results import Message
from logic.text.matching import normalize

QUIZ_FILE = KNOWLEDGE_DIR / "quiz.yml"


def _shuffled_options(qid: str, answer: str, distractors: Sequence[str]) -> tuple[str, ...]:
    """Options in an order fixed by the id, so a question rebuilt from its id is identical."""
    options = [answer, *distractors]
    random.Random(qid).shuffle(options)
    return tuple(options)


def _check_mcq(qid: str, answer: str, distractors: Sequence[str]) -> None:
    texts = [normalize(answer), *(normalize(d) for d in distractors)]
    if len(distractors) != 3 or len(set(texts)) != 4 or not all(texts):
        raise ValueError(f"{qid}: an mcq needs 3 distinct distractors, none equal to the answer")


def _check_short(qid: str, groups: Sequence[Sequence[str]], min_groups: int) -> None:
    if not groups or not all(groups) or not 1 <= min_groups <= len(groups):
        raise ValueError(
            f"{qid}: keywords must be non-empty groups, min_groups in 1..{len(groups)}"
        )


def _question_from_entry(entry: dict[str, Any], theme: str) -> Question:
    """Builds and checks one stored question."""
    qid, kind, concept = str(entry["id"]), entry["kind"], entry["concept"]
    common = {"id": qid, "concept": concept, "theme": theme, "explanation": entry["explanation"]}
    if kind == "mcq":
        distractors = tuple(entry["distractors"])
        _check_mcq(qid, entry["answer"], distractors)
        options = _shuffled_options(qid, entry["answer"], distractors)
        return Question(
            kind="mcq", text=entry["question"], options=options, answer=entry["answer"], **common
        )
    if kind == "true_false":
        if not isinstance(entry["answer"], bool):
            raise ValueError(f"{qid}: a true/false answer must be true or false")
        answer = TRUE_FALSE_OPTIONS[0] if entry["answer"] else TRUE_FALSE_OPTIONS[1]
        text = Message(QuestionText.TRUE_FALSE, {"statement": entry["statement"]})
        return Question(
            kind="true_false", text=text, options=TRUE_FALSE_OPTIONS, answer=answer, **common
        )
    if kind == "short":
        groups = tuple(tuple(str(k) for k in group) for group in entry["keywords"])
        min_groups = int(entry.get("min_groups", len(groups)))
        _check_short(qid, groups, min_groups)
        return Question(
            kind="short",
            text=entry["question"],
            options=(),
            answer=entry["answer"],
            keywords=groups,
            min_groups=min_groups,
            reject=tuple(entry.get("reject", ())),
            exact=bool(entry.get("exact", False)),
            **common,
        )
    raise ValueError(f"{qid}: unknown kind {kind!r}")


@cache
def load_bank(path: Path = QUIZ_FILE) -> tuple[Question, ...]:
    """The stored questions, checked: known concepts, unique ids, well-formed kinds."""
    registry = load_registry()
    questions: list[Question] = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
        concept = registry.get(entry["concept"])
        if concept is None:
            raise ValueError(f"{entry['id']}: unknown concept {entry['concept']!r}")
        questions.append(_question_from_entry(entry, concept.theme))
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate question ids in {path}: {duplicates}")
    return tuple(questions)


def question_by_id(qid: str) -> Question:
    """A stored question, or a computation rebuilt from its id ("calc-nps-9-6-5")."""
    if is_computation_id(qid):
        return computation_from_id(qid)
    for question in load_bank():
        if question.id == qid:
            return question
    raise KeyError(qid)
