"""Climabot's database: survey answers, customer requests and conversation flags.

SQLAlchemy 1.4 Core with the 2.0-style API. The URL comes from `DATABASE_URL` (default: a
SQLite file at the project root); tables are created on first use. Every write is one
transaction, and every database failure surfaces as StorageError so an action can tell
the user to try again. Conversation ids are only stored as SHA-256 hashes.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, ProgrammingError, SQLAlchemyError
from sqlalchemy.types import TypeDecorator

from logic import indicators, references

# datetime.UTC only exists from Python 3.11; the project runs 3.10.
UTC = timezone.utc

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{PROJECT_ROOT / 'climabot.db'}"

REQUEST_KINDS: tuple[str, ...] = (
    "appointment",
    "reservation",
    "callback",
    "quote",
    "intervention",
)
CONFIRMED, CANCELLED = "confirmed", "cancelled"
# Keys of `details` that identify a person: blanked on request ("supprimez mes données").
PERSONAL_FIELDS: tuple[str, ...] = ("name", "phone", "email", "contact", "address")
REFERENCE_ATTEMPTS = 20
COMMENT_MAX_LENGTH = 2000
SQLITE_BUSY_TIMEOUT_S = 10  # a customer waits this long at most before "réessayez"


class StorageError(RuntimeError):
    """The database is unavailable or refused the operation; nothing was half-written."""


class SlotTaken(StorageError):
    """The appointment slot filled up between the customer's answer and the confirmation."""


class _Conflict(StorageError):
    """A unique constraint was hit (reference or conversation already there)."""


# --- schema ---------------------------------------------------------------------------------


class UtcDateTime(TypeDecorator):
    """Stores naive UTC (SQLite has no time zones) and gives back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return _utc(value).replace(tzinfo=None)

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


# --- engine -----------------------------------------------------------------------------------

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def database_url(url: str | None = None) -> str:
    """The URL used: the argument, else DATABASE_URL, else the project's SQLite file."""
    return url or os.environ.get("DATABASE_URL") or DEFAULT_URL


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's is deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")  # readers do not block the writer
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the lock up front and wait for it (busy timeout) instead of
        # failing with "database is locked" when upgrading a read lock mid-transaction.
        read_only = connection.get_execution_options().get("climabot_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _create_tables(engine: Engine, attempts: int = 3) -> None:
    """create_all; again if another process created the same tables at the same time.

    Two action servers starting on a new PostgreSQL database both see no table, and the
    second CREATE TABLE fails once the first transaction commits; then they exist.
    """
    for attempt in range(attempts):
        try:
            metadata.create_all(engine)
            return
        except (IntegrityError, ProgrammingError):
            if attempt == attempts - 1:
                raise


def get_engine(url: str | None = None) -> Engine:
    """The engine for this URL (cached), with the tables created on first use."""
    resolved = database_url(url)
    with _engines_lock:
        engine = _engines.get(resolved)
        if engine is not None:
            return engine
        try:
            if resolved.startswith("sqlite"):
                engine = create_engine(
                    resolved,
                    future=True,
                    connect_args={
                        "timeout": SQLITE_BUSY_TIMEOUT_S,
                        "check_same_thread": False,
                    },
                )
                _configure_sqlite(engine)
            else:
                engine = create_engine(resolved, future=True, pool_pre_ping=True)
            _create_tables(engine)
        except SQLAlchemyError as error:
            if engine is not None:
                engine.dispose()
            raise StorageError(f"database unavailable: {error}") from error
        _engines[resolved] = engine
        return engine


def dispose_engines() -> None:
    """Closes every cached engine (tests, or after changing DATABASE_URL)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def _transaction(url: str | None, *, read_only: bool = False) -> Iterator[Connection]:
    """One transaction, committed on success, rolled back on error; errors → StorageError."""
    engine = get_engine(url)
    try:
        with engine.connect() as connection:
            if read_only:
                connection = connection.execution_options(climabot_read_only=True)
            with connection.begin():
                yield connection
    except IntegrityError as error:
        raise _Conflict(f"constraint violated: {error.orig}") from error
    except SQLAlchemyError as error:
        raise StorageError(f"database error: {error}") from error


# --- helpers -------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    """Aware UTC; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _now(now: datetime | None) -> datetime:
    return _utc(now) if now is not None else datetime.now(UTC)


def sender_key(sender_id: str) -> str:
    """SHA-256 of a conversation id: conversations are linked without storing the id."""
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest()


def generate_reference(kind: str) -> str:
    """A short reference such as "RDV-7K3M": one format for storage and parsing."""
    return references.new_reference(kind)


def normalize_reference(reference: str) -> str:
    """What the customer typed, as stored: trimmed, upper case."""
    return reference.strip().upper()


# --- survey -------------------------------------------------------------------------------


def save_survey(
    *,
    nps: int | None = None,
    csat: str | None = None,
    ces: int | None = None,
    comment: str | None = None,
    completed: bool = False,
    channel: str | None = None,
    now: datetime | None = None,
    url: str | None = None,
) -> int:
    """Stores one survey (no personal data) and returns its id.

    Raises ValueError for a score out of range (nothing invalid is stored).
    """
    # The indicator functions validate the scores exactly as they will be read back.
    indicators.nps([nps])
    indicators.ces([ces])
    if csat is not None and csat not in indicators.CSAT_KEYS:
        raise ValueError(f"CSAT: expected one of {indicators.CSAT_KEYS}, got {csat!r}")
    text = (comment or "").strip()[:COMMENT_MAX_LENGTH] or None
    with _transaction(url) as connection:
        result = connection.execute(
            survey_responses.insert().values(
                created_at=_now(now),
                channel=channel,
                nps=nps,
                csat=csat,
                ces=ces,
                comment=text,
                completed=bool(completed),
            )
        )
        return int(result.inserted_primary_key[0])


# --- quiz ---------------------------------------------------------------------------------


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
    with _transaction(url) as connection:
        connection.execute(
            quiz_answers.insert().values(
                created_at=_now(now),
                sender_key=sender_key(sender_id),
                question_id=question_id,
                concept=concept,
                correct=bool(correct),
            )
        )


def asked_question_ids(sender_id: str, *, url: str | None = None) -> set[str]:
    """The questions this conversation's student has already answered."""
    with _transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(quiz_answers.c.question_id).where(
                quiz_answers.c.sender_key == sender_key(sender_id)
            )
        )
        return {row[0] for row in rows}


def most_missed_concepts(limit: int = 5, *, url: str | None = None) -> list[tuple[str, int]]:
    """The class's most missed concepts: (concept key, wrong answers), most missed first."""
    wrong = func.count(quiz_answers.c.id)
    with _transaction(url, read_only=True) as connection:
        rows = connection.execute(
            select(quiz_answers.c.concept, wrong)
            .where(quiz_answers.c.correct.is_(False))
            .group_by(quiz_answers.c.concept)
            .order_by(wrong.desc(), quiz_answers.c.concept)
            .limit(limit)
        )
        return [(row[0], int(row[1])) for row in rows]


# --- requests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredRequest:
    reference: str
    kind: str
    status: str
    created_at: datetime
    sender_key: str | None
    details: dict[str, Any]

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED


@dataclass(frozen=True)
class Slot:
    """An appointment start (ISO, Paris time) and how many appointments it takes at most."""

    start: str
    capacity: int


def create_request(
    kind: str,
    details: Mapping[str, Any],
    sender_id: str | None,
    *,
    slot: Slot | None = None,
    reference_factory: Callable[[str], str] | None = None,
    now: datetime | None = None,
    url: str | None = None,
) -> str:
    """Stores a confirmed request and returns its unique reference.

    `reference_factory(kind)` makes candidate references (default: generate_reference);
    on a collision another one is drawn. `details` (form fields and personal data) must
    be JSON-serializable. With a `slot`, the request is an appointment stored only if that
    start still has room (checked in the same transaction); otherwise SlotTaken.
    """
    if kind not in REQUEST_KINDS:
        raise ValueError(f"unknown request kind {kind!r}; expected one of {REQUEST_KINDS}")
    try:
        payload = json.loads(json.dumps(dict(details)))
    except (TypeError, ValueError) as error:
        raise ValueError(f"details must be JSON-serializable: {error}") from error
    make = reference_factory or generate_reference
    key = sender_key(sender_id) if sender_id else None
    created_at = _now(now)
    for _ in range(REFERENCE_ATTEMPTS):
        reference = normalize_reference(make(kind))
        try:
            with _transaction(url) as connection:
                if slot is not None:
                    _check_room(connection, slot)
                    payload["appointment_start"] = slot.start
                connection.execute(
                    requests_table.insert().values(
                        reference=reference,
                        kind=kind,
                        created_at=created_at,
                        status=CONFIRMED,
                        sender_key=key,
                        details=payload,
                    )
                )
            return reference
        except _Conflict:
            continue  # reference already taken: draw another one
    raise StorageError(f"no free reference after {REFERENCE_ATTEMPTS} attempts")


def _confirmed_starts(connection: Connection, day: str = "") -> list[str]:
    rows = connection.execute(
        select(requests_table.c.details)
        .where(requests_table.c.kind == "appointment")
        .where(requests_table.c.status == CONFIRMED)
    )
    starts = (str((row.details or {}).get("appointment_start") or "") for row in rows)
    return [start for start in starts if start and start.startswith(day)]


def _check_room(connection: Connection, slot: Slot) -> None:
    """Raises SlotTaken when `slot` is full; writers of the same slot wait for each other."""
    if connection.dialect.name == "postgresql":
        # Two replicas may count the same free place at once: a per-slot lock, held until
        # the end of the transaction. (SQLite's writers already take the lock up front.)
        key = int(hashlib.sha256(slot.start.encode()).hexdigest()[:15], 16)
        connection.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    if _confirmed_starts(connection, slot.start).count(slot.start) >= slot.capacity:
        raise SlotTaken(f"no room left at {slot.start}")


def appointment_starts(day: str = "", *, url: str | None = None) -> list[datetime]:
    """Start times of the confirmed appointments (of one ISO `day` if given)."""
    with _transaction(url, read_only=True) as connection:
        return [datetime.fromisoformat(s) for s in _confirmed_starts(connection, day)]


def _row_to_request(row: Any) -> StoredRequest:
    return StoredRequest(
        reference=row.reference,
        kind=row.kind,
        status=row.status,
        created_at=row.created_at,
        sender_key=row.sender_key,
        details=dict(row.details or {}),
    )


def get_request(reference: str, *, url: str | None = None) -> StoredRequest | None:
    """The request with this reference (case-insensitive), or None."""
    with _transaction(url, read_only=True) as connection:
        row = connection.execute(
            select(requests_table).where(
                requests_table.c.reference == normalize_reference(reference)
            )
        ).first()
    return _row_to_request(row) if row is not None else None


def cancel_request(reference: str, *, url: str | None = None) -> bool:
    """Cancels a confirmed request; False when unknown or already cancelled."""
    with _transaction(url) as connection:
        result = connection.execute(
            requests_table.update()
            .where(requests_table.c.reference == normalize_reference(reference))
            .where(requests_table.c.status == CONFIRMED)
            .values(status=CANCELLED)
        )
        return bool(result.rowcount)


def delete_personal_data(reference: str, *, url: str | None = None) -> bool:
    """Blanks the personal fields of a request (the row stays, so counts stay right).

    Returns False when the reference is unknown.
    """
    with _transaction(url) as connection:
        row = connection.execute(
            select(requests_table.c.id, requests_table.c.details)
            .where(requests_table.c.reference == normalize_reference(reference))
            .with_for_update()
        ).first()
        if row is None:
            return False
        details = dict(row.details or {})
        for field in PERSONAL_FIELDS:
            if field in details:
                details[field] = None
        details["personal_data_deleted"] = True
        connection.execute(
            requests_table.update()
            .where(requests_table.c.id == row.id)
            .values(details=details, sender_key=None)
        )
        return True


def purge_older_than(days: int, now: datetime | None = None, *, url: str | None = None) -> int:
    """Deletes the requests created more than `days` days before `now`; returns how many."""
    if days < 0:
        raise ValueError("days must not be negative")
    limit = _now(now) - timedelta(days=days)
    with _transaction(url) as connection:
        result = connection.execute(
            requests_table.delete().where(requests_table.c.created_at < limit)
        )
        return int(result.rowcount)


# --- conversations --------------------------------------------------------------------------


def mark_conversation(
    sender_id: str,
    channel: str | None = None,
    after_sales: bool | None = None,
    handoff: bool | None = None,
    *,
    now: datetime | None = None,
    url: str | None = None,
) -> None:
    """Records a conversation (once) and sets its flags; None leaves a flag unchanged."""
    key = sender_key(sender_id)
    changes: dict[str, Any] = {}
    if after_sales is not None:
        changes["after_sales"] = bool(after_sales)
    if handoff is not None:
        changes["handoff"] = bool(handoff)
    for _ in range(3):  # two new conversations racing on the same key: retry as update
        try:
            with _transaction(url) as connection:
                row = connection.execute(
                    select(conversations.c.channel)
                    .where(conversations.c.sender_key == key)
                    .with_for_update()
                ).first()
                if row is None:
                    connection.execute(
                        conversations.insert().values(
                            sender_key=key,
                            started_at=_now(now),
                            channel=channel,
                            after_sales=changes.get("after_sales", False),
                            handoff=changes.get("handoff", False),
                        )
                    )
                    return
                if row.channel is None and channel:
                    changes["channel"] = channel
                if changes:
                    connection.execute(
                        conversations.update()
                        .where(conversations.c.sender_key == key)
                        .values(**changes)
                    )
                return
        except _Conflict:
            continue
    raise StorageError("could not record the conversation")


# --- summary --------------------------------------------------------------------------------


def _bounds(
    since: date | datetime | None, until: date | datetime | None
) -> tuple[datetime | None, datetime | None]:
    """[start, end) in UTC; a date `until` covers that whole day."""
    start = end = None
    if since is not None:
        start = (
            _utc(since) if isinstance(since, datetime) else _utc(datetime.combine(since, time()))
        )
    if until is not None:
        if isinstance(until, datetime):
            end = _utc(until)
        else:
            end = _utc(datetime.combine(until + timedelta(days=1), time()))
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
    """The issue-4 JSON (indicators.summary) over an optional period.

    Requests counted are the confirmed ones; cancelled requests are left out.
    """
    start, end = _bounds(since, until)
    s, r, c = survey_responses.c, requests_table.c, conversations.c
    with _transaction(url, read_only=True) as connection:
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
    stats = indicators.ConversationStats(
        total=sum(n for _, _, n in flags),
        after_sales=sum(n for after_sales, _, n in flags if after_sales),
        handoffs=sum(n for _, handoff, n in flags if handoff),
        handoffs_after_sales=sum(n for after_sales, handoff, n in flags if after_sales and handoff),
    )
    return indicators.summary(
        nps_scores=[row.nps for row in answers],
        csat_answers=[row.csat for row in answers],
        ces_scores=[row.ces for row in answers],
        conversations=stats,
        requests={kind: int(count) for kind, count in by_kind},
    )
