"""The tables, and how values go into them: UTC times, hashed conversation ids.

The SQL schema is shared with PostgreSQL replicas and existing SQLite files: a change here
is a migration.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, Column, DateTime, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeDecorator

# datetime.UTC only exists from Python 3.11; the project runs 3.10.
UTC = timezone.utc

# Statuses of a customer request.
CONFIRMED, CANCELLED = "confirmed", "cancelled"


def utc(moment: datetime) -> datetime:
    """Aware UTC; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_now(now: datetime | None = None) -> datetime:
    """`now` in UTC when given (tests fix the time), else the current time."""
    return utc(now) if now is not None else datetime.now(UTC)


def sender_key(sender_id: str) -> str:
    """SHA-256 of a conversation id: conversations are linked without storing the id."""
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest()


class UtcDateTime(TypeDecorator):
    """Stores naive UTC (SQLite has no time zones) and gives back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


metadata = MetaData()

survey_responses = Table(
    "survey_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("channel", String(50)),
    Column("nps", Integer),
    Column("csat", String(20)),
    Column("ces", Integer),
    Column("comment", Text),
    Column("completed", Boolean, nullable=False, default=False),
)

requests_table = Table(
    "requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("kind", String(20), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("status", String(20), nullable=False, default=CONFIRMED),
    Column("sender_key", String(64), index=True),
    Column("details", JSON, nullable=False),
)

conversations = Table(
    "conversations",
    metadata,
    Column("sender_key", String(64), primary_key=True),
    Column("started_at", UtcDateTime, nullable=False, index=True),
    Column("channel", String(50)),
    Column("after_sales", Boolean, nullable=False, default=False),
    Column("handoff", Boolean, nullable=False, default=False),
)

# One row per quiz answer; the pseudonymous sender_key only lets a student get new questions.
quiz_answers = Table(
    "quiz_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("sender_key", String(64), index=True),
    Column("question_id", String(80), nullable=False),
    Column("concept", String(80), nullable=False, index=True),
    Column("correct", Boolean, nullable=False),
)

# One row per "Nouvelle séance" of the dashboard: a session runs up to the next one's start.
class_sessions = Table(
    "class_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", UtcDateTime, nullable=False, index=True),
)

# One row per after-sales step of a conversation (a question answered, "c'est réglé",
# "toujours en panne"): the dashboard's containment, resolution and topics per session.
after_sales_steps = Table(
    "after_sales_steps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("sender_key", String(64), nullable=False, index=True),
    Column("topic", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
)
