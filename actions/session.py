"""Session start: every conversation is counted for the dashboard, and the page it comes
from says who is talking (the `audience` slot)."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from logic.storage import conversations as conversation_store
from logic.storage.engine import StorageError, off_loop
from logic.understanding.audience import AUDIENCE_SLOT, audience_of

logger = logging.getLogger(__name__)


class ActionSessionStart(Action):
    """Counts the conversation, then starts the session as Rasa's default action does."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            await off_loop(
                conversation_store.mark_conversation,
                tracker.sender_id,
                channel=tracker.get_latest_input_channel(),
            )
        except StorageError:
            logger.warning("could not count a conversation", exc_info=True)
        # Personal slots are not carried over (carry_over_slots_to_new_session: false).
        carried = [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if domain.get("session_config", {}).get("carry_over_slots_to_new_session")
            and value is not None
        ]
        # Rasa passes the metadata of the message that opened the session in this slot.
        who = audience_of(
            tracker.get_slot("session_started_metadata"), tracker.get_latest_input_channel()
        )
        audience = [SlotSet(AUDIENCE_SLOT, who.value)] if who is not None else []
        return [SessionStarted(), *carried, *audience, ActionExecuted("action_listen")]
