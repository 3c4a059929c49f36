"""The end of a quiz: the score, an appreciation, the concepts to revise, the retry offer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from logic.quiz.grading import Grade, concept_title
from logic.quiz.questions import Question
from logic.results import Listing, Message, MessageCode


class SummaryText(MessageCode):
    """The lines of the end-of-quiz message."""

    SCORE = "quiz_score"
    NONE_ASKED = "quiz_none_asked"
    TO_REVISE = "quiz_to_revise"
    RETRY_OFFER = "quiz_retry_offer"


class Appreciation(MessageCode):
    """A word on the score, from a perfect one to one that calls for more revision."""

    PERFECT = "quiz_perfect"
    VERY_GOOD = "quiz_very_good"
    GOOD_START = "quiz_good_start"
    KEEP_GOING = "quiz_keep_going"


@dataclass(frozen=True)
class QuizSummary:
    """End-of-quiz figures; `message` is what the bot says."""

    score: int
    total: int
    missed_concepts: tuple[str, ...]
    missed_ids: tuple[str, ...]
    offer_retry: bool
    message: Listing


def _is_correct(outcome: Grade | bool) -> bool:
    return outcome.correct if isinstance(outcome, Grade) else bool(outcome)


def appreciation(score: int, total: int) -> Appreciation:
    """Perfect, at least 70 %, at least half, or less."""
    if score == total:
        return Appreciation.PERFECT
    if score * 10 >= total * 7:
        return Appreciation.VERY_GOOD
    if score * 2 >= total:
        return Appreciation.GOOD_START
    return Appreciation.KEEP_GOING


def summarize(results: Sequence[tuple[Question, Grade | bool]]) -> QuizSummary:
    """Score, concepts missed (titles, in order, no repeats) and the retry offer."""
    total = len(results)
    missed = [q for q, outcome in results if not _is_correct(outcome)]
    score = total - len(missed)
    titles = tuple(dict.fromkeys(concept_title(q) for q in missed))
    lines = [
        Message(
            SummaryText.SCORE,
            {"score": score, "total": total, "appreciation": Message(appreciation(score, total))},
        )
        if total
        else Message(SummaryText.NONE_ASKED)
    ]
    if titles:
        lines.append(Message(SummaryText.TO_REVISE, {"concepts": ", ".join(titles)}))
        lines.append(Message(SummaryText.RETRY_OFFER))
    return QuizSummary(
        score=score,
        total=total,
        missed_concepts=tuple(dict.fromkeys(q.concept for q in missed)),
        missed_ids=tuple(q.id for q in missed),
        offer_retry=bool(missed),
        message=Listing(lines),
    )
