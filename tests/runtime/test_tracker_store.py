"""The incremental tracker store: the same conversations as Rasa's, shared by two processes."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from runtime.tracker_store import IncrementalSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  topic:
    type: text
    mappings:
    - type: custom
"""
)
SENDER = "eleve-12"


def store(path: Path, kind: type[SQLTrackerStore] = IncrementalSQLTrackerStore) -> Any:
    return kind(domain=DOMAIN, dialect="sqlite", db=str(path))


async def turn(tracker_store: SQLTrackerStore, text: str, *, save: bool = True) -> None:
    """One message handled as Rasa does: fetch, append the turn's events, save."""
    tracker = await tracker_store.get_or_create_tracker(SENDER, append_action_listen=False)
    if not tracker.events:
        tracker.update_with_events(
            [
                ActionExecuted("action_session_start"),
                SessionStarted(),
                ActionExecuted("action_listen"),
            ],
            DOMAIN,
        )
    tracker.update_with_events(
        [
            UserUttered(text, {"name": "course", "confidence": 1.0}),
            ActionExecuted("action_answer"),
            SlotSet("topic", text),
            BotUttered(f"answer to {text}"),
            ActionExecuted("action_listen"),
        ],
        DOMAIN,
    )
    if save:
        await tracker_store.save(tracker)


def rows(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [name for (name,) in db.execute("SELECT type_name FROM events ORDER BY id")]


async def said(path: Path) -> tuple[list[str], Any]:
    """What Rasa's own store reads back: the user's texts and the `topic` slot."""
    tracker = await store(path, SQLTrackerStore).retrieve(SENDER)
    assert tracker is not None
    texts = [e.text for e in tracker.events if isinstance(e, UserUttered)]
    return texts, tracker.get_slot("topic")


async def test_a_conversation_moving_between_two_processes_keeps_each_event_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tracker.db"
    first, second = store(path), store(path)
    holders = [first, first, second, first, second, second, first, first, second, first]
    sent = [f"message {i}" for i in range(len(holders))]
    for holder, text in zip(holders, sent, strict=True):
        await turn(holder, text)

    assert await said(path) == (sent, sent[-1])
    assert len(rows(path)) == 3 + 5 * len(sent)


async def test_reads_back_what_rasa_reads(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    ours = store(path)
    for i in range(4):
        await turn(ours, f"question {i}")

    mine, rasa = await ours.retrieve(SENDER), await store(path, SQLTrackerStore).retrieve(SENDER)
    assert mine is not None and rasa is not None
    state = EventVerbosity.ALL
    assert mine.current_state(state) == rasa.current_state(state)


async def test_a_message_failed_half_way_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    ours = store(path)
    await turn(ours, "bonjour")
    await turn(ours, "lost in a crash", save=False)
    await turn(ours, "encore là ?")

    assert await said(path) == (["bonjour", "encore là ?"], "encore là ?")


async def start_a_new_session(ours: SQLTrackerStore) -> None:
    """What Rasa logs when a session expires: the session start, then listening."""
    tracker = await ours.retrieve(SENDER)
    assert tracker is not None
    tracker.update_with_events(
        [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")],
        DOMAIN,
    )
    await ours.save(tracker)


async def test_a_new_session_starts_the_tracker_afresh(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    ours = store(path)
    await turn(ours, "hier")
    await start_a_new_session(ours)
    await turn(ours, "aujourd'hui")

    again = await store(path).retrieve(SENDER)
    assert again is not None
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["aujourd'hui"]
    assert await said(path) == (["aujourd'hui"], "aujourd'hui")


async def test_a_known_conversation_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = store(tmp_path / "tracker.db")
    await turn(ours, "bonjour")
    await turn(ours, "et ensuite ?")

    def no_full_read(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the session's events were read again")

    monkeypatch.setattr(ours, "_event_query", no_full_read)
    await turn(ours, "merci")
    tracker = await ours.retrieve(SENDER)
    assert isinstance(tracker, DialogueStateTracker)
    assert tracker.get_slot("topic") == "merci"


async def full_state(tracker_store: SQLTrackerStore) -> Any:
    tracker = await tracker_store.retrieve_full_tracker(SENDER)
    assert tracker is not None
    return tracker.current_state(EventVerbosity.ALL)


async def test_the_full_tracker_of_a_one_session_conversation_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tracker.db"
    ours = store(path)
    for text in ("bonjour", "et ensuite ?", "merci"):
        await turn(ours, text)
    expected = await full_state(store(path, SQLTrackerStore))

    def no_full_read(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the conversation's events were read again")

    monkeypatch.setattr(ours, "_event_query", no_full_read)
    assert await full_state(ours) == expected


async def test_the_full_tracker_read_after_a_first_message_serves_the_next_message_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tracker.db"
    ours = store(path)
    await turn(ours, "bonjour")  # its save holds the session start: nothing is kept
    assert await full_state(ours) == await full_state(store(path, SQLTrackerStore))

    def no_full_read(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the conversation's events were read again")

    monkeypatch.setattr(ours, "_event_query", no_full_read)
    await turn(ours, "et ensuite ?")
    assert await full_state(ours) == await full_state(store(path, SQLTrackerStore))


async def test_the_full_tracker_holds_every_session_and_every_process_s_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tracker.db"
    ours, other = store(path), store(path)
    await turn(ours, "hier")
    await turn(ours, "et après ?")
    await start_a_new_session(ours)
    await turn(ours, "aujourd'hui")
    await turn(ours, "encore")
    assert await full_state(ours) == await full_state(store(path, SQLTrackerStore))

    await turn(other, "ailleurs")  # another process wrote: the kept tracker is out of date
    full = await ours.retrieve_full_tracker(SENDER)
    assert full is not None
    texts = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert texts == ["hier", "et après ?", "aujourd'hui", "encore", "ailleurs"]


def test_sqlite_file_is_shared_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _create_store(path: str, start: Any, errors: Any) -> None:
    """One Rasa process starting: it creates its store, reporting the errors it logged."""
    logged: list[str] = []

    class Errors(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                logged.append(record.getMessage())

    logging.getLogger("rasa.core.tracker_store").addHandler(Errors())
    start.wait()
    store(Path(path))
    errors.put(logged)


def test_processes_started_together_create_the_tables_without_an_error(tmp_path: Path) -> None:
    # Without the lock, 4 processes on a fresh file logged "Could not create tables" in about
    # 4 rounds out of 10: five rounds make a regression very likely to show.
    context = multiprocessing.get_context("fork")
    for round_ in range(5):
        path = tmp_path / f"tracker-{round_}.db"
        start, errors = context.Barrier(4), context.Queue()
        processes = [
            context.Process(target=_create_store, args=(str(path), start, errors)) for _ in range(4)
        ]
        for process in processes:
            process.start()
        logged = [errors.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert logged == [[]] * 4
        assert rows(path) == []  # the table is there, empty
