"""Class sessions ("Nouvelle séance" on the dashboard) and the after-sales steps they count.

Nothing is deleted: a session is a start time, and runs up to the next session's start.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from logic.storage.after_sales_topics import KINDS, TOPICS
from logic.storage.engine import transaction
from logic.storage.resolution import Step
from logic.storage.schema import (
    after_sales_steps,
    class_sessions,
    conversations,
    sender_key,
    utc,
    utc_now,
)

SESSIONS_LISTED = 50


@dataclass(frozen=True)
class ClassSession:
    id: int
    started_at: datetime
    ends_at: datetime | None = None  # the next session's start; None for the latest

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "ends_at": self.ends_at.isoformat() if self.ends_at else None,
        }


def start_session(*, now: datetime | None = None, url: str | None = None) -> ClassSession:
    """A new session from `now`: the dashboard's figures count from it."""
    moment = utc_now(now)
    with transaction(url) as connection:
        new_id = connection.execute(
            class_sessions.insert().values(started_at=moment)
        ).inserted_primary_key[0]
    return ClassSession(int(new_id), moment)


def list_sessions(limit: int = SESSIONS_LISTED, *, url: str | None = None) -> list[ClassSession]:
    """The latest sessions, newest first, each with its end (the next one's start)."""
    c = class_sessions.c
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(c.id, c.started_at).order_by(c.started_at.desc(), c.id.desc()).limit(limit)
        ).all()
    found: list[ClassSession] = []
    ends: datetime | None = None
    for row in rows:
        found.append(ClassSession(int(row.id), row.started_at, ends))
        ends = row.started_at
    return found


def chosen(sessions: Sequence[ClassSession], wanted: int | None) -> ClassSession | None:
    """The session asked for, else the latest; None when there is none (count everything)."""
    for session in sessions:
        if session.id == wanted:
            return session
    return sessions[0] if sessions else None


def record_step(
    sender_id: str,
    topic: str,
    kind: str,
    *,
    now: datetime | None = None,
    url: str | None = None,
) -> None:
    """One after-sales step of a conversation (hashed id); an unknown topic is "other"."""
    if kind not in KINDS:
        raise ValueError(f"unknown step kind {kind!r}")
    with transaction(url) as connection:
        connection.execute(
            after_sales_steps.insert().values(
                created_at=utc_now(now),
                sender_key=sender_key(sender_id),
                topic=topic if topic in TOPICS else "other",
                kind=kind,
            )
        )


def _window(column: Any, since: datetime | None, until: datetime | None) -> list[Any]:
    conditions = []
    if since is not None:
        conditions.append(column >= utc(since))
    if until is not None:
        conditions.append(column < utc(until))
    return conditions


def conversations_in(
    since: datetime | None = None, until: datetime | None = None, *, url: str | None = None
) -> set[str]:
    """The conversations (sender_key) started in [since, until) or with an after-sales step
    in it: a phone that keeps its conversation from one session to the next counts in both."""
    c, s = conversations.c, after_sales_steps.c
    with transaction(url, read_only=True) as connection:
        started = connection.execute(
            select(c.sender_key).where(*_window(c.started_at, since, until))
        ).scalars()
        found = set(started)
        stepped = connection.execute(
            select(s.sender_key).distinct().where(*_window(s.created_at, since, until))
        ).scalars()
        found.update(stepped)
    return found


def load_steps(
    since: datetime | None = None, until: datetime | None = None, *, url: str | None = None
) -> dict[str, list[Step]]:
    """The steps in [since, until), by conversation, oldest first."""
    s = after_sales_steps.c
    conditions = _window(s.created_at, since, until)
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(s.sender_key, s.created_at, s.topic, s.kind)
            .where(*conditions)
            .order_by(s.created_at, s.id)
        ).all()
    found: dict[str, list[Step]] = defaultdict(list)
    for row in rows:
        found[row.sender_key].append(Step(row.created_at, row.topic, row.kind))
    return dict(found)
