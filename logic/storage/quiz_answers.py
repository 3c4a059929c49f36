"""Quiz answers: one row per graded answer, linked to its student by a hashed id only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from logic.storage.engine import transaction
from logic.storage.schema import quiz_answers, sender_key, utc_now


def save_quiz_answer(
    sender_id: str,
    question_id: str,
    concept: str,
    correct: bool,
    *,
    now: datetime | None = None,
    url: str | None = None,
) -> None:
    """Stores one graded quiz answer (no personal data, the conversation id is hashed)."""
    with transaction(url) as connection:
        connection.execute(
            quiz_answers.insert().values(
                created_at=utc_now(now),
                sender_key=sender_key(sender_id),
                question_id=question_id,
                concept=concept,
                correct=bool(correct),
            )
        )


def asked_question_ids(sender_id: str, *, url: str | None = None) -> set[str]:
    """The questions this conversation's student has already answered."""
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(quiz_answers.c.question_id).where(
                quiz_answers.c.sender_key == sender_key(sender_id)
            )
        )
        return {row[0] for row in rows}
