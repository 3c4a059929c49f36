"""Reads for the teacher's dashboard that the indicators JSON does not carry.

`storage.load_summary` gives the issue-4 JSON (NPS, CSAT, CES, conversations, requests);
the dashboard also shows the latest survey comments and the 0-10 spread of the NPS notes.
Both are plain reads through storage's read-only transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from logic import storage
from logic.indicators import NPS_MAX, NPS_MIN

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


@dataclass(frozen=True)
class Comment:
    """A survey comment with the scores given in the same survey (no personal data)."""

    created_at: datetime
    comment: str
    nps: int | None
    csat: str | None
    ces: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "created_at": self.created_at.isoformat(),
            "comment": self.comment,
            "nps": self.nps,
            "csat": self.csat,
            "ces": self.ces,
        }


def latest_comments(limit: int = DEFAULT_LIMIT, url: str | None = None) -> list[Comment]:
    """The `limit` most recent non-empty survey comments, newest first (limit 1..100)."""
    count = max(1, min(int(limit), MAX_LIMIT))
    s = storage.survey_responses.c
    query = (
        select(s.created_at, s.comment, s.nps, s.csat, s.ces)
        .where(s.comment.is_not(None), s.comment != "")
        .order_by(s.created_at.desc(), s.id.desc())
        .limit(count)
    )
    with storage._transaction(url, read_only=True) as connection:
        rows = connection.execute(query).all()
    return [Comment(row.created_at, row.comment, row.nps, row.csat, row.ces) for row in rows]


def nps_distribution(url: str | None = None) -> dict[str, int]:
    """How many surveys gave each NPS note, "0" to "10" (every note present, 0 when none)."""
    s = storage.survey_responses.c
    query = select(s.nps, func.count()).where(s.nps.is_not(None)).group_by(s.nps)
    with storage._transaction(url, read_only=True) as connection:
        rows = connection.execute(query).all()
    counts = {str(note): 0 for note in range(NPS_MIN, NPS_MAX + 1)}
    for note, count in rows:
        counts[str(note)] = int(count)
    return counts
