"""The greeting, the menu, the out-of-scope answer and the "non" after an answer, each fitted
to who is talking."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import NOTION_SLOT, audience, course_detail, latest_text, tutor
from logic.course.followup import facet_asked
from logic.course.menu import menu_buttons
from logic.text.catalogue import render, say
from logic.understanding.audience import Audience
from logic.understanding.greeting import greeting, menu_intro, out_of_scope


class ActionGreet(Action):
    """Hello, then the menu: after-sales for a customer, the course for a student."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        who = audience(tracker)
        dispatcher.utter_message(text=render(greeting(who)))
        dispatcher.utter_message(text=render(menu_intro(who)), buttons=menu_buttons(who))
        return []


class ActionShowMenu(Action):
    """What the bot can do for this audience, as buttons."""

    def name(self) -> str:
        return "action_show_menu"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        who = audience(tracker)
        dispatcher.utter_message(text=render(menu_intro(who)), buttons=menu_buttons(who))
        return []


class ActionOutOfScope(Action):
    """A subject outside the bot's domains: say what it does answer, with the menu button."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot(NOTION_SLOT):
            # "et on la mesure comment ?" read as off-topic while a notion is discussed:
            # the tutor answers when it finds a follow-up or a detail of that notion.
            events = tutor(dispatcher, tracker, None)
            if events is not None:
                return events
        elif audience(tracker) is not Audience.CLIENT:
            # A student's question on a detail of the course, read as off-topic: the detail,
            # never a whole notion a word of the message happens to name ("mon chat").
            events = course_detail(dispatcher, tracker)
            if events is not None:
                return events
        dispatcher.utter_message(
            text=render(out_of_scope(audience(tracker))),
            buttons=[{"title": say("menu_button"), "payload": "/help"}],
        )
        return []


class ActionRephrase(Action):
    """ "non" after an answer: ask to rephrase. A student's "jcapte pas" or "pas clair", which
    the NLU may read as "non", asks something of the notion under discussion: the tutor
    answers it (its simpler version)."""

    def name(self) -> str:
        return "action_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot(NOTION_SLOT) and facet_asked(latest_text(tracker)) is not None:
            events = tutor(dispatcher, tracker, None)
            if events is not None:
                return events
        dispatcher.utter_message(response="utter_ask_rephrase")
        return []
