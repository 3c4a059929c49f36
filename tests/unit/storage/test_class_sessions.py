"""Class sessions and the after-sales steps they count (nothing deleted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Table

from logic.storage.class_sessions import (
    chosen,
    conversations_in,
    list_sessions,
    load_steps,
    record_step,
    start_session,
)
from logic.storage.schema import after_sales_steps, class_sessions, sender_key

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
HOUR = timedelta(hours=1)


def test_each_session_runs_up_to_the_next_ones_start(db_url: str) -> None:
    assert list_sessions(url=db_url) == []
    assert chosen([], None) is None  # no session: the dashboard counts everything
    first = start_session(now=T0, url=db_url)
    second = start_session(now=T0 + HOUR, url=db_url)
    sessions = list_sessions(url=db_url)
    assert [s.id for s in sessions] == [second.id, first.id]  # newest first
    assert sessions[0].ends_at is None
    assert sessions[1].ends_at == T0 + HOUR
    assert chosen(sessions, None).id == second.id  # the latest by default
    assert chosen(sessions, first.id).ends_at == T0 + HOUR  # a past one, chosen again
    assert chosen(sessions, 999).id == second.id


def test_steps_are_read_by_conversation_within_a_window(
    db_url: str, count: Callable[[Table], int]
) -> None:
    record_step("alice", "parts", "question", now=T0, url=db_url)
    record_step("alice", "troubleshooting", "confirmed", now=T0 + HOUR, url=db_url)
    record_step("bob", "nonsense", "question", now=T0 + HOUR, url=db_url)
    everything = load_steps(url=db_url)
    assert set(everything) == {sender_key("alice"), sender_key("bob")}  # never the raw id
    assert [s.topic for s in everything[sender_key("bob")]] == ["other"]
    window = load_steps(T0 + HOUR, T0 + 2 * HOUR, url=db_url)
    assert [(s.topic, s.kind) for s in window[sender_key("alice")]] == [
        ("troubleshooting", "confirmed")
    ]
    assert load_steps(T0 - HOUR, T0, url=db_url) == {}
    start_session(now=T0, url=db_url)
    assert count(after_sales_steps) == 3 and count(class_sessions) == 1  # nothing deleted


def test_an_unknown_step_kind_is_refused(db_url: str) -> None:
    with pytest.raises(ValueError):
        record_step("alice", "parts", "maybe", url=db_url)


def test_a_conversation_counts_in_every_session_it_is_active_in(db_url: str) -> None:
    from logic.storage.conversations import mark_conversation

    mark_conversation("phone", now=T0, url=db_url)  # started in the first session
    mark_conversation("laptop", now=T0 + 2 * HOUR, url=db_url)
    record_step("phone", "parts", "question", now=T0 + HOUR, url=db_url)  # still used later
    assert conversations_in(T0, T0 + HOUR, url=db_url) == {sender_key("phone")}
    assert conversations_in(T0 + HOUR, T0 + 3 * HOUR, url=db_url) == {
        sender_key("phone"),
        sender_key("laptop"),
    }
    assert conversations_in(T0 + 3 * HOUR, None, url=db_url) == set()
