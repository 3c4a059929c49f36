"""Grading one answer, tolerantly, and the feedback to give: right or wrong, and why.

Multiple choice accepts the option, its letter or number, or a close typo; true/false accepts
oui/non and friends; computations read the number given; short answers are graded on keyword
groups, the optional similarity making up for one missing group at most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from logic.course.concepts import load_registry
from logic.quiz.keywords import matched_groups, ratio, rejected
from logic.quiz.questions import LETTERS, TRUE_FALSE_OPTIONS, Question
from logic.quiz.similarity import SIMILARITY_THRESHOLD, Similarity, spacy_similarity
from logic.results import Message, MessageCode
from logic.text.matching import normalize

DONT_KNOW = re.compile(
    r"^(je ne sais pas|je sais pas|sais pas|aucune idee|jsp|je passe|passe|joker|\?*)$"
)
ARTICLES = re.compile(r"^(?:l|le|la|les|un|une|des|du|de|d)\s+")
TRUE_WORDS = frozenset({"vrai", "v", "oui", "true", "exact", "correct", "juste", "yes"})
FALSE_WORDS = frozenset({"faux", "f", "non", "false", "fausse", "incorrect", "inexact", "no"})
NUMBER = re.compile(r"(moins\s*|[-+−–]\s*)?(\d+(?:[.,]\d+)?)")


class Feedback(MessageCode):
    """The feedback on an answer: right (with the expected answer when it was typed) or wrong."""

    RIGHT = "quiz_right"
    RIGHT_EXPECTED = "quiz_right_expected"
    WRONG = "quiz_wrong"


class Note(MessageCode):
    """Why a wrong answer is wrong, said before the right answer."""

    NOT_QUITE = "quiz_not_quite"
    DONT_KNOW = "quiz_dont_know"
    NO_VERDICT = "quiz_no_verdict"
    NO_NUMBER = "quiz_no_number"


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer, its feedback, and for a wrong one the note that opens it."""

    correct: bool
    feedback: Message
    note: Note | None = None


def concept_title(question: Question) -> str:
    """The title of the question's concept, as the course names it."""
    concept = load_registry().get(question.concept)
    return concept.title if concept else question.concept


def _feedback(question: Question, correct: bool, note: Note = Note.NOT_QUITE) -> Grade:
    """Right / wrong, the expected answer, the course's explanation, the concept to revise."""
    if correct:
        if question.kind in ("short", "computation"):
            code = Feedback.RIGHT_EXPECTED
            params = {"answer": question.answer, "explanation": question.explanation}
        else:
            code, params = Feedback.RIGHT, {"explanation": question.explanation}
        return Grade(True, Message(code, params))
    wrong = Message(
        Feedback.WRONG,
        {
            "note": Message(note),
            "answer": question.answer,
            "explanation": question.explanation,
            "concept": concept_title(question),
        },
    )
    return Grade(False, wrong, note)


def _option_index(question: Question, text: str) -> int | None:
    """The chosen option: its text, its letter or number, or a close typo of its text."""
    typed = normalize(text)
    options = [normalize(o) for o in question.options]
    compact = typed.replace(" ", "")
    for index, option in enumerate(options):
        if typed == option or compact == option.replace(" ", ""):
            return index
    choice = re.fullmatch(r"(?:(?:la )?(?:reponse|choix|option|proposition) )?([a-h]|[1-8])", typed)
    if choice:
        token = choice.group(1)
        index = LETTERS.index(token) if token.isalpha() else int(token) - 1
        return index if index < len(options) else None
    return _closest_option(typed, options)


def _closest_option(typed: str, options: Sequence[str]) -> int | None:
    """The option the typed text is a clear typo of (best ratio, well ahead of the next)."""
    if not typed or any(c.isdigit() for c in typed):
        return None
    bare = ARTICLES.sub("", typed)
    scores = sorted(
        (
            (max(ratio(typed, o), ratio(bare, ARTICLES.sub("", o))), i)
            for i, o in enumerate(options)
        ),
        reverse=True,
    )
    (best, index), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0.0
    return index if best >= 0.8 and best - runner_up >= 0.1 else None


def _true_false(text: str) -> bool | None:
    """Vrai/faux, oui/non, v/f; "pas vrai" is false; the last verdict given wins."""
    words = normalize(text).split()
    verdict: bool | None = None
    for index, word in enumerate(words):
        if word in TRUE_WORDS:
            negated = index > 0 and words[index - 1] == "pas"
            verdict = not negated
        elif word in FALSE_WORDS:
            verdict = False
    return verdict


def parse_answer_number(text: str) -> Fraction | None:
    """The number a student gives: "+20", "20 %", "-12,5", "moins 20", "60 - 40 = 20"."""
    lowered = text.lower()
    if "=" in lowered:
        lowered = lowered.rsplit("=", 1)[1]
    else:
        parts = re.split(r"\b(?:donc|soit|resultat|résultat)\b", lowered)
        lowered = parts[-1]
    match = NUMBER.search(lowered)
    if not match:
        return None
    value = Fraction(match.group(2).replace(",", "."))
    sign = (match.group(1) or "").strip()
    return -value if sign in ("moins", "-", "−", "–") else value


def _grade_short(question: Question, text: str, similarity_fn: Similarity | None) -> bool:
    words = normalize(text).split()
    if not words or rejected(question, words):
        return False
    found = matched_groups(question, text)
    if found >= question.min_groups:
        return True
    if question.exact or similarity_fn is None or found == 0 or found < question.min_groups - 1:
        return False
    score = similarity_fn(text, question.answer)
    return score is not None and score >= SIMILARITY_THRESHOLD


def grade(
    question: Question, answer_text: str, *, similarity_fn: Similarity | None = spacy_similarity
) -> Grade:
    """Grades one answer; pass `similarity_fn=None` to grade short answers on keywords only."""
    text = answer_text.strip()
    if DONT_KNOW.match(normalize(text)):
        return _feedback(question, False, Note.DONT_KNOW)
    if question.kind == "mcq":
        index = _option_index(question, text)
        correct = index is not None and question.options[index] == question.answer
        return _feedback(question, correct)
    if question.kind == "true_false":
        verdict = _true_false(text)
        if verdict is None:
            return _feedback(question, False, Note.NO_VERDICT)
        return _feedback(question, verdict == (question.answer == TRUE_FALSE_OPTIONS[0]))
    if question.kind == "computation":
        number = parse_answer_number(text)
        if number is None:
            return _feedback(question, False, Note.NO_NUMBER)
        return _feedback(question, number == question.value)
    return _feedback(question, _grade_short(question, text, similarity_fn))
