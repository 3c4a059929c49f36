"""Conversation-level actions: session start (counted for the dashboard), interruptions."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.climatech import shop_info_text
from logic import offers, storage
from logic.clock import now
from logic.messages import say

logger = logging.getLogger(__name__)


class ActionSessionStart(Action):
    """Counts the conversation, then starts the session as Rasa's default action does."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            storage.mark_conversation(tracker.sender_id, channel=tracker.get_latest_input_channel())
        except storage.StorageError:
            logger.warning("could not count a conversation", exc_info=True)
        # Personal slots are not carried over (carry_over_slots_to_new_session: false).
        carried = [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if domain.get("session_config", {}).get("carry_over_slots_to_new_session")
            and value is not None
        ]
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]


class ActionAnswerInterruption(Action):
    """A question asked inside a form: answered, then the form asks its question again."""

    def name(self) -> str:
        return "action_answer_interruption"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        if intent == "course":
            selector = message.get("response_selector", {})
            chosen = (selector.get("course") or selector.get("default") or {}).get("response", {})
            key = chosen.get("utter_action") or f"utter_{chosen.get('intent_response_key', '')}"
            dispatcher.utter_message(response=key)
        elif intent == "shop_info":
            dispatcher.utter_message(text=shop_info_text())
        elif intent == "sav_news":
            dispatcher.utter_message(text=offers.news_text(now()))
        elif intent == "maintenance_contract":
            dispatcher.utter_message(text=offers.contracts_text())
        elif intent == "credit_offer":
            dispatcher.utter_message(text=offers.credit_text())
        elif intent == "bot_challenge":
            dispatcher.utter_message(text=say("interruption_bot"))
        else:  # help: the way out of the form is what the user needs to know
            dispatcher.utter_message(text=say("interruption_help"))
        return []
