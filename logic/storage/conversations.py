"""Conversation flags: one row per conversation (hashed id), after-sales and handoff."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from logic.storage.engine import Conflict, StorageError, transaction
from logic.storage.schema import conversations, sender_key, utc_now

RACE_ATTEMPTS = 3


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
    for _ in range(RACE_ATTEMPTS):  # two new conversations racing on one key: retry as update
        try:
            with transaction(url) as connection:
                row = connection.execute(
                    select(conversations.c.channel)
                    .where(conversations.c.sender_key == key)
                    .with_for_update()
                ).first()
                if row is None:
                    connection.execute(
                        conversations.insert().values(
                            sender_key=key,
                            started_at=utc_now(now),
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
        except Conflict:
            continue
    raise StorageError("could not record the conversation")
