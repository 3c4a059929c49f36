"""Rasa's SQL tracker store, with a cost per message that does not grow with the conversation.

Rasa 3.6's SQLTrackerStore reads every event of the current session at each message (JSON
decoding, then a replay of each event into a new tracker), and before each save counts those
rows again to know which events are new. This subclass keeps the same `events` table (the
PostgreSQL replicas and the dashboard read it unchanged) and remembers, per conversation,
what this process knows of the rows: the highest row id, the number of rows Rasa's query
would count and the time of the latest session start, with the tracker object it last saved.

The knowledge is used only while the conversation's highest row id is still the one this
process wrote or read last: one indexed query per retrieval and per save, and the new rows
inserted with statements built once. If another process
wrote meanwhile (a conversation moved to another Rasa under the shared lock store), or the
tracker kept in memory has events that were never saved (a message failed half-way), this
store does what Rasa does: a full read, a count. The full tracker of the HTTP API (`GET
/conversations/<id>/tracker`, every session) is the kept one with the earlier rows' events
in front, read once with the session's. Under a lock store the rows of one
conversation are written by one holder at a time, so its row ids grow with the commits.

In endpoints.yml, with the same keys as `type: SQL`:

    tracker_store:
      type: runtime.tracker_store.IncrementalSQLTrackerStore
      dialect: "sqlite"
      db: "tracker.db"

For SQLite, the file is opened in WAL mode with a busy timeout, so that several processes
(Rasa replicas, the dashboard) share it without "database is locked" errors.
"""

from __future__ import annotations

import fcntl
import itertools
import json
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from runtime import remote_actions
from runtime.tracker import RecentTracker

# Every Rasa process of the project imports this module (endpoints.yml): the one place where
# Rasa loads project code before the first message, and so where the lighter calls to the
# action server and the compiled check of its answers are put in place (runtime/remote_actions.py).
remote_actions.install()

# Conversations whose rows this process remembers; the oldest are forgotten first (a
# forgotten conversation costs one full read, as in Rasa).
REMEMBERED_CONVERSATIONS = 2000
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Earlier rows kept in memory for a conversation's full tracker; a longer history is read
# from the database at each request, as Rasa does.
MAX_EARLIER_EVENTS = 200


@contextmanager
def _one_schema_creator(dialect: str, db: str) -> Iterator[None]:
    """For SQLite, one process at a time creates the tables: Rasa processes started together
    otherwise race on `CREATE TABLE` and one logs "Could not create tables" (harmless, but an
    error in the log). The lock is a `flock` on the database file itself, which SQLite's own
    (`fcntl`) locks ignore."""
    if dialect != "sqlite" or not db or db == ":memory:":
        yield
        return
    with open(db, "ab") as handle:  # an empty file is an empty SQLite database
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class _Known:
    """What this process knows of one conversation's rows, valid while `last_id` is the top."""

    last_id: int
    count: int  # rows of the current session, as Rasa's `_event_query` counts them
    session_start: float | None  # timestamp of the latest SessionStarted row
    tracker: DialogueStateTracker | None = None  # holds exactly those rows' events
    tracker_len: int = 0
    # The conversation's rows before the session (earlier sessions, and the session start
    # action logged just before SessionStarted), for the full tracker; None: not known.
    earlier: tuple[Event, ...] | None = None


class IncrementalSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that reads and counts a conversation's rows only when another wrote."""

    engine: Any  # SQLAlchemy's Engine, made by SQLTrackerStore.__init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _one_schema_creator(kwargs.get("dialect", "sqlite"), kwargs.get("db", "rasa.db")):
            super().__init__(*args, **kwargs)
        self._known: OrderedDict[str, _Known] = OrderedDict()
        events = self.SQLEvent
        self._top_id_query = sa.select(sa.func.max(events.id)).where(
            events.sender_id == sa.bindparam("sender_id")
        )
        self._insert = sa.insert(events.__table__)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens and closes a SQLite file's connection for each session:
            # each close of the last connection checkpoints the WAL (a sync). One connection,
            # kept, used by the event loop's thread only.
            self.engine.dispose()
            self.engine = sa.create_engine(
                self.engine.url,
                poolclass=sa.pool.QueuePool,
                pool_size=1,
                connect_args={"check_same_thread": False},
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            with self.engine.connect() as connection:  # WAL is a property of the file
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        """A new conversation's tracker: one whose copies cost no replay (runtime/tracker.py)."""
        return RecentTracker(sender_id, self.domain.slots, max_event_history=self.max_event_history)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker of the current session: the one kept in memory when it is up to date."""
        with self.session_scope() as session:
            top = self._top_id(session, sender_id)
            known = self._known.get(sender_id)
            if known is not None and known.last_id == top and _unchanged(known):
                self._known.move_to_end(sender_id)
                return known.tracker
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=True).all()
        start = _session_start(rows)
        current = [r for r in rows if _in_session(r, start)]
        if not current or not self.domain:
            self._known.pop(sender_id, None)
            return None
        tracker = RecentTracker.from_dict(
            sender_id, [json.loads(row.data) for row in current], self.domain.slots
        )
        earlier = [r for r in rows if not _in_session(r, start)]
        self._remember(
            sender_id,
            _Known(
                last_id=top,
                count=len(current),
                session_start=start,
                tracker=tracker,
                tracker_len=len(tracker.events),
                earlier=(
                    tuple(Event.from_parameters(json.loads(r.data)) for r in earlier)
                    if len(earlier) <= MAX_EARLIER_EVENTS
                    else None
                ),
            ),
        )
        return tracker

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        """Every session's events (`GET /conversations/<id>/tracker`): the kept tracker with
        the earlier rows put in front, when nobody wrote since. The state is the session's:
        each SessionStarted resets the tracker, so the earlier events change nothing of it.
        When the kept one is not up to date (a session just started), `retrieve` reads the
        rows once and keeps them for the next message too."""
        with self.session_scope() as session:
            top = self._top_id(session, conversation_id)
        known = self._known.get(conversation_id)
        if known is None or known.last_id != top or not _unchanged(known):
            await self.retrieve(conversation_id)
            known = self._known.get(conversation_id)
        if known is None or known.earlier is None or known.tracker is None:
            return await super().retrieve_full_tracker(conversation_id)
        full: Any = known.tracker.copy()
        full.events.extendleft(reversed(known.earlier))
        full._applied, full._seen = None, None  # RecentTracker's memo of the session's events
        return full

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Inserts the events not stored yet, as Rasa does, without counting the rows again."""
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            top = self._top_id(session, sender_id)
            known = self._known.get(sender_id)
            if known is None or known.last_id != top:
                known = self._count(session, sender_id, top)
            new = list(itertools.islice(tracker.events, known.count, None))
            # Rasa's rows, inserted with a statement built once, each giving its id (the
            # ORM's unit of work costs twice as much for the same rows).
            connection = session.connection()
            ids = [
                connection.execute(self._insert, self._row(sender_id, e)).inserted_primary_key[0]
                for e in new
            ]
            session.commit()
        self._remember(sender_id, self._after_save(known, tracker, new, ids))
        if self.event_broker is not None:
            # Rasa's `stream_events` diffs against a retrieved tracker: here, the very same
            # object. The new events are the ones just inserted.
            await self._stream_new_events(self.event_broker, new, sender_id)

    def _after_save(
        self,
        before: _Known,
        tracker: DialogueStateTracker,
        new: list[Event],
        ids: list[int],
    ) -> _Known | None:
        """What is known once `new` is stored; None when Rasa's count cannot be followed."""
        if any(isinstance(event, SessionStarted) for event in new):
            return None  # the session changes: the next read is a full one (rare)
        if before.session_start is not None and any(
            event.timestamp is None or event.timestamp < before.session_start for event in new
        ):
            return None  # Rasa's query would leave these rows out of the count
        after = _Known(
            last_id=max(ids, default=before.last_id),
            count=before.count + len(new),
            session_start=before.session_start,
            earlier=before.earlier,
        )
        # The tracker is kept when its events are exactly the stored rows: the one handed out
        # by `retrieve` (or saved before), or a new conversation's whole tracker.
        if (tracker is before.tracker or before.count == 0) and len(tracker.events) == after.count:
            after.tracker, after.tracker_len = tracker, len(tracker.events)
        return after

    def _count(self, session: Any, sender_id: str, top: int) -> _Known:
        """Rasa's count of the session's rows and the latest session start (another wrote)."""
        count = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
        start = (
            session.query(sa.func.max(self.SQLEvent.timestamp))
            .filter(
                self.SQLEvent.sender_id == sender_id,
                self.SQLEvent.type_name == SessionStarted.type_name,
            )
            .scalar()
        )
        return _Known(last_id=top, count=count, session_start=start)

    def _top_id(self, session: Any, sender_id: str) -> int:
        """The conversation's highest row id (0 without rows): an index lookup, run at each
        read and save, on the session's connection with a statement built once (an ORM
        query costs 0.2 ms to build and compile, this 17 µs on SQLite)."""
        top = session.connection().execute(self._top_id_query, {"sender_id": sender_id})
        return int(top.scalar() or 0)

    def _row(self, sender_id: str, event: Event) -> dict[str, Any]:
        """The columns of one event's row, as Rasa's `save` writes them."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _remember(self, sender_id: str, known: _Known | None) -> None:
        self._known.pop(sender_id, None)
        if known is None:
            return
        self._known[sender_id] = known
        while len(self._known) > REMEMBERED_CONVERSATIONS:
            self._known.popitem(last=False)


def _session_start(rows: list[Any]) -> float | None:
    """The latest SessionStarted row's time, as Rasa's session query computes it."""
    starts = [r.timestamp for r in rows if r.type_name == SessionStarted.type_name]
    return max((t for t in starts if t is not None), default=None)


def _in_session(row: Any, start: float | None) -> bool:
    """Rasa's session query: the rows from the latest session start on (all without one)."""
    return start is None or (row.timestamp is not None and row.timestamp >= start)


def _unchanged(known: _Known) -> bool:
    """The kept tracker holds the stored events and nothing else (no half-handled message)."""
    return known.tracker is not None and len(known.tracker.events) == known.tracker_len


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Each SQLite connection waits for a writer instead of failing at once, and syncs less."""
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # In WAL mode, NORMAL syncs at checkpoints rather than at each commit: a crash of the
    # process loses nothing, a power cut may lose the last messages' events (not the
    # business data, which the actions keep in their own database).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
