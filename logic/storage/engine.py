"""The engine: the database URL, one cached engine per URL, and the transaction every
repository goes through.

SQLAlchemy 1.4 Core with the 2.0-style API. The URL comes from `DATABASE_URL` (default: a
SQLite file at the project root); tables are created on first use. Every database failure
surfaces as StorageError so an action can tell the user to try again.

The calls are blocking: code running on an event loop (the actions) goes through
`off_loop`, so that a database wait never stalls the other conversations.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, ProgrammingError, SQLAlchemyError

from logic.storage.schema import metadata

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = f"sqlite:///{PROJECT_ROOT / 'climabot.db'}"
SQLITE_BUSY_TIMEOUT_S = 10  # a customer waits this long at most before "réessayez"


class StorageError(RuntimeError):
    """The database is unavailable or refused the operation; nothing was half-written."""


class Conflict(StorageError):
    """A unique constraint was hit (reference or conversation already there)."""


# The action server is one Sanic worker: one event loop serves every conversation. The
# loop's default executor has min(32, cores + 4) threads, 6 on a 2-core laptop, and also
# resolves host names; in a class of 35, more storage calls than that can be waiting for
# SQLite's write lock at once (up to the busy timeout each) and a new conversation's first
# write would queue behind them. Hence a pool of our own: 15 is what PostgreSQL's pool
# lends at most (5 connections + 10 overflow), so a 16th thread would only wait there.
STORAGE_THREADS = 15

T = TypeVar("T")

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


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
def transaction(url: str | None = None, *, read_only: bool = False) -> Iterator[Connection]:
    """One transaction, committed on success, rolled back on error; errors → StorageError.

    `read_only` lets SQLite readers share the file instead of taking the writer's lock.
    A unique constraint hit raises Conflict, so a repository can retry with other values.
    """
    engine = get_engine(url)
    try:
        with engine.connect() as connection:
            if read_only:
                connection = connection.execution_options(climabot_read_only=True)
            with connection.begin():
                yield connection
    except IntegrityError as error:
        raise Conflict(f"constraint violated: {error.orig}") from error
    except SQLAlchemyError as error:
        raise StorageError(f"database error: {error}") from error


def _storage_executor() -> ThreadPoolExecutor:
    """The threads of `off_loop`, created on first use (an import starts nothing)."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(STORAGE_THREADS, thread_name_prefix="storage")
        return _executor


async def off_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`function(*args, **kwargs)` in a storage thread, awaited: the event loop stays free.

    Its result or exception (StorageError...) comes back unchanged; the context variables
    go along, as with asyncio.to_thread.
    """
    call = functools.partial(contextvars.copy_context().run, function, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_storage_executor(), call)
