"""Answers chosen by the ResponseSelector (a course notion, a FAQ answer), given only when it
is confident; otherwise the bot asks, with the likeliest answers as buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import answer_or_ask, audience, record_step, utter_answer
from logic.climatech.faq import FAQ_INTENT, TOPIC_SLOT, faq_menu
from logic.storage.after_sales_topics import FAQ
from logic.text.catalogue import say
from logic.understanding.decision import decide


class ActionAnswer(Action):
    """A course or FAQ question: the selected answer, or a question back when unsure."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        decision = decide(tracker.latest_message, audience(tracker))
        events = await answer_or_ask(dispatcher, tracker, decision)
        if str(decision.answer).startswith(f"{FAQ_INTENT}/"):
            await record_step(tracker, FAQ)  # an after-sales question of the dashboard
        return events


class ActionFaqTopic(Action):
    """A FAQ button (`/faq_topic{"faq_topic": "parking"}`): its answer; "la FAQ": its menu."""

    def name(self) -> str:
        return "action_faq_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        key = tracker.get_slot(TOPIC_SLOT)
        if not key or not utter_answer(dispatcher, f"{FAQ_INTENT}/{key}"):
            # "la FAQ" typed, or an unknown key: the most asked questions as buttons.
            buttons = [{"title": a.title, "payload": a.payload} for a in faq_menu()]
            dispatcher.utter_message(text=say("faq_menu_intro"), buttons=buttons)
        else:
            await record_step(tracker, FAQ)
        return [SlotSet(TOPIC_SLOT, None)]
