"""Low-confidence messages: "Vouliez-vous dire… ?" with the best guesses as buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.common import answer_or_ask, audience
from logic.text.catalogue import say
from logic.understanding.decision import decide


class ActionClarify(Action):
    """The NLU is unsure of the intent: a request's status when the message names its
    reference, the answer a ResponseSelector is sure of, else up to three guesses, the
    audience's domain first."""

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return await answer_or_ask(
            dispatcher, tracker, decide(tracker.latest_message, audience(tracker))
        )


class ActionCoreFallback(Action):
    """The dialogue policies do not know what to do: say so in French, forget the message."""

    def name(self) -> str:
        return "action_core_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=say("core_fallback"),
            buttons=[{"title": say("menu_button"), "payload": "/help"}],
        )
        return [UserUtteranceReverted()]
