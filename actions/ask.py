"""One `action_ask_<slot>` per question of knowledge/questions.yml.

The first personal question of a conversation is preceded by the privacy notice, so that
nobody gives a name or a phone number without knowing what it is used for.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from logic.questions import Question, load_questions

NOTICE_SLOT = "privacy_notice_shown"


class AskQuestion(Action, ABC):
    """Asks the question of `slot`; one concrete subclass per question."""

    slot: str = ""

    @abstractmethod
    def name(self) -> str:
        """`action_ask_<slot>`, the name Rasa's forms call."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        questionnaire = load_questions()
        question: Question = questionnaire.questions[self.slot]
        events: list[EventType] = []
        if question.personal and not tracker.get_slot(NOTICE_SLOT):
            dispatcher.utter_message(text=questionnaire.privacy_notice)
            events.append(SlotSet(NOTICE_SLOT, True))
        dispatcher.utter_message(
            text=question.text,
            buttons=[{"title": b, "payload": b} for b in question.buttons],
        )
        return events


# rasa_sdk registers every Action subclass of the package: one per question.
def _ask_action(slot: str) -> type[AskQuestion]:
    class_name = "Ask" + "".join(part.title() for part in slot.split("_"))

    def name(self: AskQuestion) -> str:
        return f"action_ask_{self.slot}"

    return type(class_name, (AskQuestion,), {"slot": slot, "name": name, "__module__": __name__})


for _slot in load_questions().questions:
    _action = _ask_action(_slot)
    globals()[_action.__name__] = _action
