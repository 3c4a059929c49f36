"""Course revision actions: explain a concept from a button, show the menu and the themes."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from logic.concepts import Concept, load_registry
from logic.text.catalogue import say

SAV_MENU_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "sav_menu.yml"
SAV_THEME = "sav"


@cache
def sav_menu() -> dict[str, Any]:
    return dict(yaml.safe_load(SAV_MENU_FILE.read_text(encoding="utf-8")))


def menu_buttons() -> list[dict[str, str]]:
    """One button per theme of the course, then the after-sales menu."""
    buttons = [
        {"title": title, "payload": f'/explore_theme{{"theme":"{key}"}}'}
        for key, title in load_registry().themes.items()
    ]
    buttons.append(
        {"title": sav_menu()["title"], "payload": f'/explore_theme{{"theme":"{SAV_THEME}"}}'}
    )
    return buttons


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
            dispatcher.utter_message(text=say("random_concept", title=concept.title))
        else:
            concept = registry.get(key)
        if concept is None:
            dispatcher.utter_message(text=say("concept_unknown"), buttons=menu_buttons())
        else:
            dispatcher.utter_message(response=f"utter_course/{concept.key}")
        return [SlotSet("concept", None)]


class ActionShowMenu(Action):
    """What the bot can do, as one button per theme."""

    def name(self) -> str:
        return "action_show_menu"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=say("menu_intro"), buttons=menu_buttons())
        return []


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
            intro = say("menu_intro") if theme is None else say("theme_unknown")
            dispatcher.utter_message(text=intro, buttons=menu_buttons())
        else:
            dispatcher.utter_message(
                text=say("theme_intro", theme=registry.themes[theme]),
                buttons=[
                    {"title": c.title, "payload": c.payload} for c in registry.by_theme(theme)
                ],
            )
        return [SlotSet("theme", None)]
