"""One `action_ask_<slot>` per question of knowledge/questions.yml, each a class below.

The first personal question of a conversation is preceded by the privacy notice, so that
nobody gives a name or a phone number without knowing what it is used for.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from logic.climatech.questions import NOTICE_SLOT, FormQuestion, Question, load_questions
from logic.results import Message
from logic.text.catalogue import render


class AskQuestion(Action, ABC):
    """Asks the question of `slot` (knowledge/questions.yml, worded in knowledge/messages/)."""

    slot: str

    @abstractmethod
    def name(self) -> str:
        """`action_ask_<slot>`, the name Rasa's forms call."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        question: Question = load_questions()[self.slot]
        events: list[EventType] = []
        if question.personal and not tracker.get_slot(NOTICE_SLOT):
            dispatcher.utter_message(text=render(Message(FormQuestion.PRIVACY_NOTICE)))
            events.append(SlotSet(NOTICE_SLOT, True))
        dispatcher.utter_message(
            text=render(Message(question.text)),
            buttons=[{"title": b, "payload": b} for b in question.buttons],
        )
        return events


# --- contact (shared by the Climatech forms) --------------------------------------------


class AskContactName(AskQuestion):
    slot = "contact_name"

    def name(self) -> str:
        return "action_ask_contact_name"


class AskContact(AskQuestion):
    slot = "contact"

    def name(self) -> str:
        return "action_ask_contact"


class AskContactPhone(AskQuestion):
    slot = "contact_phone"

    def name(self) -> str:
        return "action_ask_contact_phone"


# --- appointment with a salesperson -----------------------------------------------------


class AskAppointmentDate(AskQuestion):
    slot = "appointment_date"

    def name(self) -> str:
        return "action_ask_appointment_date"


class AskAppointmentTime(AskQuestion):
    slot = "appointment_time"

    def name(self) -> str:
        return "action_ask_appointment_time"


# --- click and collect ------------------------------------------------------------------


class AskPartReference(AskQuestion):
    slot = "part_reference"

    def name(self) -> str:
        return "action_ask_part_reference"


class AskQuantity(AskQuestion):
    slot = "quantity"

    def name(self) -> str:
        return "action_ask_quantity"


# --- callback ---------------------------------------------------------------------------


class AskCallbackDate(AskQuestion):
    slot = "callback_date"

    def name(self) -> str:
        return "action_ask_callback_date"


class AskCallbackTime(AskQuestion):
    slot = "callback_time"

    def name(self) -> str:
        return "action_ask_callback_time"


# --- quote and adviser ------------------------------------------------------------------


class AskProject(AskQuestion):
    slot = "project"

    def name(self) -> str:
        return "action_ask_project"


class AskHousing(AskQuestion):
    slot = "housing"

    def name(self) -> str:
        return "action_ask_housing"


class AskSurface(AskQuestion):
    slot = "surface"

    def name(self) -> str:
        return "action_ask_surface"


class AskRooms(AskQuestion):
    slot = "rooms"

    def name(self) -> str:
        return "action_ask_rooms"


class AskInsulation(AskQuestion):
    slot = "insulation"

    def name(self) -> str:
        return "action_ask_insulation"


class AskNeed(AskQuestion):
    slot = "need"

    def name(self) -> str:
        return "action_ask_need"


class AskPostcode(AskQuestion):
    slot = "postcode"

    def name(self) -> str:
        return "action_ask_postcode"


class AskInterventionProblem(AskQuestion):
    slot = "intervention_problem"

    def name(self) -> str:
        return "action_ask_intervention_problem"


class AskRequestReference(AskQuestion):
    slot = "request_reference"

    def name(self) -> str:
        return "action_ask_request_reference"


# --- satisfaction survey ----------------------------------------------------------------


class AskNps(AskQuestion):
    slot = "nps"

    def name(self) -> str:
        return "action_ask_nps"


class AskCsat(AskQuestion):
    slot = "csat"

    def name(self) -> str:
        return "action_ask_csat"


class AskCes(AskQuestion):
    slot = "ces"

    def name(self) -> str:
        return "action_ask_ces"


class AskSurveyComment(AskQuestion):
    slot = "survey_comment"

    def name(self) -> str:
        return "action_ask_survey_comment"
