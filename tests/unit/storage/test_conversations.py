"""Conversation flags: one row per conversation, flags set, the id only hashed."""

from __future__ import annotations

from sqlalchemy import select

from logic.storage.conversations import mark_conversation
from logic.storage.engine import get_engine
from logic.storage.requests import create_request
from logic.storage.schema import conversations, sender_key


def test_mark_conversation_creates_once_and_updates_flags(db_url: str) -> None:
    mark_conversation("c1", "rest")
    mark_conversation("c1", None, after_sales=True)
    mark_conversation("c1", "socketio", handoff=True)
    mark_conversation("c1", "rest")  # None: flags unchanged
    with get_engine().connect() as connection:
        rows = connection.execute(select(conversations)).all()
    assert len(rows) == 1
    assert (rows[0].channel, rows[0].after_sales, rows[0].handoff) == (
        "rest",
        True,
        True,
    )


def test_the_conversation_id_is_never_stored_in_clear(db_url: str) -> None:
    create_request("callback", {"phone": "0600000000"}, "secret-sender-id")
    mark_conversation("secret-sender-id", "rest", after_sales=True)
    with get_engine().connect() as connection:
        dump = "\n".join(
            str(row)
            for table in ("requests", "conversations")
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}")
        )
    assert "secret-sender-id" not in dump
    assert sender_key("secret-sender-id") in dump
    assert len(sender_key("x")) == 64
