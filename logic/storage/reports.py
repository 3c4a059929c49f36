"""Reads across the whole class and clientele: the indicators summary and the teacher
dashboard's reads (latest comments, spread of the NPS notes, most missed quiz concepts,
complaints and urgent requests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from logic.storage.engine import transaction
from logic.storage.requests import COMPLAINT_CATEGORIES, URGENCY_KINDS
from logic.storage.schema import (
    CONFIRMED,
    conversations,
    quiz_answers,
    requests_table,
    survey_responses,
    utc,
)
from logic.survey import formulas

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


def _bounds(
    since: date | datetime | None, until: date | datetime | None
) -> tuple[datetime | None, datetime | None]:
    """[start, end) in UTC; a date `until` covers that whole day."""
    start = end = None
    if since is not None:
        start = utc(since) if isinstance(since, datetime) else utc(datetime.combine(since, time()))
    if until is not None:
        if isinstance(until, datetime):
            end = utc(until)
        else:
            end = utc(datetime.combine(until + timedelta(days=1), time()))
    return start, end


def _period(column: Any, start: datetime | None, end: datetime | None) -> list[Any]:
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return conditions


def load_summary(
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    *,
    url: str | None = None,
) -> dict[str, Any]:
    """The indicators JSON (formulas.summary) over an optional period.

    Requests counted are the confirmed ones; cancelled requests are left out.
    """
    start, end = _bounds(since, until)
    s, r, c = survey_responses.c, requests_table.c, conversations.c
    with transaction(url, read_only=True) as connection:
        answers = connection.execute(
            select(s.nps, s.csat, s.ces).where(*_period(s.created_at, start, end))
        ).all()
        by_kind = connection.execute(
            select(r.kind, func.count())
            .where(r.status == CONFIRMED, *_period(r.created_at, start, end))
            .group_by(r.kind)
        ).all()
        flags = connection.execute(
            select(c.after_sales, c.handoff, func.count())
            .where(*_period(c.started_at, start, end))
            .group_by(c.after_sales, c.handoff)
        ).all()
    stats = formulas.ConversationStats(
        total=sum(n for _, _, n in flags),
        after_sales=sum(n for after_sales, _, n in flags if after_sales),
        handoffs=sum(n for _, handoff, n in flags if handoff),
        handoffs_after_sales=sum(n for after_sales, handoff, n in flags if after_sales and handoff),
    )
    return formulas.summary(
        nps_scores=[row.nps for row in answers],
        csat_answers=[row.csat for row in answers],
        ces_scores=[row.ces for row in answers],
        conversations=stats,
        requests={kind: int(count) for kind, count in by_kind},
    )


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


def latest_comments(
    limit: int = DEFAULT_LIMIT,
    url: str | None = None,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> list[Comment]:
    """The `limit` most recent non-empty survey comments of an optional period, newest
    first (limit 1..100)."""
    count = max(1, min(int(limit), MAX_LIMIT))
    start, end = _bounds(since, until)
    s = survey_responses.c
    query = (
        select(s.created_at, s.comment, s.nps, s.csat, s.ces)
        .where(s.comment.is_not(None), s.comment != "", *_period(s.created_at, start, end))
        .order_by(s.created_at.desc(), s.id.desc())
        .limit(count)
    )
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(query).all()
    return [Comment(row.created_at, row.comment, row.nps, row.csat, row.ces) for row in rows]


def nps_distribution(
    url: str | None = None,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> dict[str, int]:
    """How many surveys of an optional period gave each NPS note, "0" to "10" (every note
    present, 0 when none)."""
    start, end = _bounds(since, until)
    s = survey_responses.c
    query = (
        select(s.nps, func.count())
        .where(s.nps.is_not(None), *_period(s.created_at, start, end))
        .group_by(s.nps)
    )
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(query).all()
    counts = {str(note): 0 for note in range(formulas.NPS_MIN, formulas.NPS_MAX + 1)}
    for note, count in rows:
        counts[str(note)] = int(count)
    return counts


def most_missed_concepts(
    limit: int = 5,
    *,
    url: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> list[tuple[str, int]]:
    """The class's most missed concepts over an optional period: (concept key, wrong
    answers), most missed first."""
    start, end = _bounds(since, until)
    wrong = func.count(quiz_answers.c.id)
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(quiz_answers.c.concept, wrong)
            .where(
                quiz_answers.c.correct.is_(False),
                *_period(quiz_answers.c.created_at, start, end),
            )
            .group_by(quiz_answers.c.concept)
            .order_by(wrong.desc(), quiz_answers.c.concept)
            .limit(limit)
        )
        return [(row[0], int(row[1])) for row in rows]


def _zeros(keys: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys(keys, 0)


@dataclass(frozen=True)
class AfterSalesCounts:
    """Complaints per category, urgent requests per urgency, priority callbacks.

    Every category and every urgency is present (0 when none).
    """

    complaints: dict[str, int] = field(default_factory=lambda: _zeros(COMPLAINT_CATEGORIES))
    urgent: dict[str, int] = field(default_factory=lambda: _zeros(URGENCY_KINDS))
    priority_callbacks: int = 0

    @property
    def complaints_total(self) -> int:
        return sum(self.complaints.values())

    @property
    def urgent_total(self) -> int:
        return sum(self.urgent.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "complaints": {"total": self.complaints_total, "by_category": dict(self.complaints)},
            "urgent": {"total": self.urgent_total, "by_urgency": dict(self.urgent)},
            "priority_callbacks": self.priority_callbacks,
        }


def after_sales_counts(
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    *,
    url: str | None = None,
) -> AfterSalesCounts:
    """Complaints, urgent requests and priority callbacks created over an optional period.

    Counted like load_summary's requests: the confirmed ones, cancelled requests left out.
    A complaint of an unknown category counts as "other"; an unknown urgency is not counted.
    """
    start, end = _bounds(since, until)
    r = requests_table.c
    with transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(r.kind, r.details).where(
                r.status == CONFIRMED,
                r.kind.in_(("complaint", "callback", "intervention")),
                *_period(r.created_at, start, end),
            )
        ).all()
    complaints, urgent = _zeros(COMPLAINT_CATEGORIES), _zeros(URGENCY_KINDS)
    priority_callbacks = 0
    for kind, stored in rows:
        details = stored or {}
        if kind == "complaint":
            category = details.get("category")
            complaints[category if category in complaints else "other"] += 1
            continue
        if details.get("urgency") in urgent:
            urgent[details["urgency"]] += 1
        if kind == "callback" and details.get("priority") is True:
            priority_callbacks += 1
    return AfterSalesCounts(complaints, urgent, priority_callbacks)
