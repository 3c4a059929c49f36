"""Small helpers shared by the actions: buttons, the after-sales flag, the clock."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from logic import storage

logger = logging.getLogger(__name__)

Button = dict[str, str]


def button(title: str, payload: str) -> Button:
    return {"title": title, "payload": payload}


def mark_after_sales(tracker: Tracker, handoff: bool | None = None) -> list[EventType]:
    """Records that this conversation is an after-sales one (and a handoff, if any).

    The containment rate of the dashboard comes from these rows. A database hiccup must not
    break the answer the customer is waiting for, so it is only logged (without the id).
    """
    try:
        storage.mark_conversation(
            tracker.sender_id,
            channel=tracker.get_latest_input_channel(),
            after_sales=True,
            handoff=handoff,
        )
    except storage.StorageError:
        logger.warning("could not record an after-sales conversation", exc_info=True)
    return [SlotSet("after_sales", True)]


def latest_text(tracker: Tracker) -> str:
    """What the user typed last, as a string (never None)."""
    return str(tracker.latest_message.get("text") or "")
