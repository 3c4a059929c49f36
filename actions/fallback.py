"""Low-confidence messages: "Vouliez-vous dire... ?" with the best guesses as buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from logic.course.concepts import load_registry
from logic.course.intents import RETRIEVAL_INTENT, intent_labels, response_selection
from logic.course.menu import menu_buttons
from logic.suggestions import Candidate, suggest
from logic.text.catalogue import say


def _candidates(parse: dict[str, Any]) -> list[Candidate]:
    """Intent and course-concept guesses of the NLU, with their confidences."""
    candidates = [
        Candidate(name=i["name"], confidence=float(i.get("confidence") or 0.0))
        for i in parse.get("intent_ranking", [])
        if i.get("name") and i["name"] != RETRIEVAL_INTENT
    ]
    selector = response_selection(parse)
    course_confidence = next(
        (
            float(i.get("confidence") or 0.0)
            for i in parse.get("intent_ranking", [])
            if i.get("name") == RETRIEVAL_INTENT
        ),
        0.0,
    )
    for ranked in selector.get("ranking", []):
        key = str(ranked.get("intent_response_key", "")).partition("/")[2]
        share = float(ranked.get("confidence") or 0.0)
        candidates.append(
            Candidate(name=f"{RETRIEVAL_INTENT}/{key}", confidence=course_confidence * share)
        )
    return candidates


class ActionClarify(Action):
    """Low-confidence message: "Vouliez-vous dire… ?" with up to three guesses as buttons.

    "Autre chose" sends `/deny`, which a rule answers with a request to rephrase.
    """

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        registry = load_registry()
        labels = intent_labels()
        buttons = []
        for candidate in suggest(_candidates(tracker.latest_message), limit=3):
            intent, _, key = candidate.name.partition("/")
            concept = registry.get(key) if intent == RETRIEVAL_INTENT else None
            if concept is not None:
                buttons.append({"title": concept.title, "payload": concept.payload})
            elif intent in labels:
                buttons.append({"title": labels[intent], "payload": f"/{intent}"})
        if not buttons:
            dispatcher.utter_message(text=say("clarify_nothing"), buttons=menu_buttons())
            return []
        buttons.append({"title": say("clarify_other"), "payload": "/deny"})
        dispatcher.utter_message(text=say("clarify_question"), buttons=buttons)
        return []


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
