"""Course revision actions: explain a concept from a button, list the concepts of a theme."""

from __future__ import annotations

import random
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import say_notion
from logic.course.concepts import Concept, load_registry
from logic.course.menu import SAV_THEME, menu_buttons, sav_menu
from logic.text.catalogue import say


class ActionExplainConcept(Action):
    """Answers `/explain{"concept": ...}` with the same response as the ResponseSelector.

    Without a concept ("une notion au hasard"), it picks one: revision by surprise.
    """

    def name(self) -> str:
        return "action_explain_concept"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        registry = load_registry()
        key = tracker.get_slot("concept")
        concept: Concept | None
        if key is None:
            concept = random.choice(list(registry.concepts.values()))
            dispatcher.utter_message(text=say("course_random_concept", title=concept.title))
        else:
            concept = registry.get(key)
        if concept is None:
            dispatcher.utter_message(text=say("course_concept_unknown"), buttons=menu_buttons())
        else:
            return [*say_notion(dispatcher, concept.key), SlotSet("concept", None)]
        return [SlotSet("concept", None)]


class ActionShowTheme(Action):
    """The concepts of one theme as buttons; without a known theme, the list of themes."""

    def name(self) -> str:
        return "action_show_theme"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        registry = load_registry()
        theme = tracker.get_slot("theme")
        if theme == SAV_THEME:
            menu = sav_menu()
            dispatcher.utter_message(text=menu["intro"], buttons=list(menu["buttons"]))
        elif theme not in registry.themes:
            intro = say("course_menu_intro") if theme is None else say("course_theme_unknown")
            dispatcher.utter_message(text=intro, buttons=menu_buttons())
        else:
            dispatcher.utter_message(
                text=say("course_theme_intro", theme=registry.themes[theme]),
                buttons=[
                    {"title": c.title, "payload": c.payload} for c in registry.by_theme(theme)
                ],
            )
        return [SlotSet("theme", None)]
