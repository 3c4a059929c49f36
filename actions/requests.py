"""Confirmed Climatech requests: stored with a short reference, cancellable, erasable.

A request is written in one transaction; if the database refuses, the customer is told to
retry and the form's answers are kept, so a second try needs no retyping.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button, latest_text, mark_after_sales
from logic.climatech import parts, references
from logic.climatech.adviser import Project, recommend
from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.ownership import may_manage
from logic.climatech.questions import NOTICE_SLOT, FormQuestion, load_questions
from logic.climatech.validators.slots import TimeSlot, appointment_start
from logic.results import Message
from logic.storage import requests as request_store
from logic.storage.engine import StorageError, off_loop
from logic.storage.schema import sender_key
from logic.text.catalogue import render, say
from logic.text.formatting import format_date


@dataclass(frozen=True)
class RequestKind:
    """How one form becomes one stored request."""

    kind: str  # storage kind
    form: str
    intent: str  # starts the form again: a retry after a database failure
    slots: tuple[str, ...]  # stored in `details`, under the same names
    kept: tuple[str, ...] = ("contact_name", "contact", "contact_phone")  # reused next time


APPOINTMENT = RequestKind(
    "appointment",
    "appointment_form",
    "book_appointment",
    ("contact_name", "contact", "appointment_date", "appointment_time"),
)
RESERVATION = RequestKind(
    "reservation",
    "reservation_form",
    "reserve_part",
    ("part_reference", "quantity", "contact_name", "contact_phone"),
)
CALLBACK = RequestKind(
    "callback",
    "callback_form",
    "request_callback",
    ("contact_phone", "callback_date", "callback_time"),
)
QUOTE = RequestKind(
    "quote",
    "quote_form",
    "request_quote",
    ("project", "housing", "surface", "postcode", "contact_name", "contact"),
)
INTERVENTION = RequestKind(
    "intervention",
    "intervention_form",
    "request_intervention",
    ("intervention_problem", "postcode", "contact_name", "contact_phone"),
)
# After a complaint, only the phone: a person calls back as soon as possible.
PRIORITY_CALLBACK = RequestKind(
    "callback", "priority_callback_form", "complaint", ("contact_phone",)
)
KINDS = {
    k.form: k for k in (APPOINTMENT, RESERVATION, CALLBACK, QUOTE, INTERVENTION, PRIORITY_CALLBACK)
}
# Storage keys of the personal fields, so that "supprimez mes données" can blank them.
STORED_AS = {"contact_name": "name", "contact_phone": "phone", "contact": "contact"}


def _day_text(value: Any) -> str:
    try:
        return format_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _time_text(value: Any) -> str:
    """ "à 10 h" or "entre 9 h et 12 h" for a time slot value ("10:00", "09:00-12:00")."""
    slot = TimeSlot.from_value(str(value))
    return render(slot.label) if slot else str(value)


def confirmation(kind: RequestKind, slots: dict[str, Any], reference: str) -> str:
    """The French confirmation of a stored request, with what was understood."""
    company = load_knowledge().company
    if kind is APPOINTMENT:
        what = say(
            "confirm_appointment",
            day=_day_text(slots["appointment_date"]),
            time=_time_text(slots["appointment_time"]),
            street=company.street,
        )
    elif kind is RESERVATION:
        part = parts.find_part(str(slots["part_reference"]))
        what = say(
            "confirm_reservation",
            quantity=slots["quantity"],
            designation=part.designation if part else slots["part_reference"],
            reference_part=slots["part_reference"],
            hold_days=company.click_and_collect.hold_days,
            payment=company.click_and_collect.payment,
        )
    elif kind is CALLBACK:
        what = say(
            "confirm_callback",
            phone=slots["contact_phone"],
            day=_day_text(slots["callback_date"]),
            time=_time_text(slots["callback_time"]),
        )
    elif kind is PRIORITY_CALLBACK:
        return say("priority_callback_confirmed", phone=slots["contact_phone"], reference=reference)
    elif kind is QUOTE:
        what = say("confirm_quote", project=slots["project"], postcode=slots["postcode"])
    else:
        what = say("confirm_intervention", problem=slots["intervention_problem"])
    return f"{what} {say('confirm_reference', reference=reference)}"


PRIORITY_SLOT = "priority_reason"  # "complaint:<reference>" or "urgency:<kind>"


def priority_details(reason: Any) -> dict[str, Any]:
    """What a complaint or an urgency adds to the request it leads to."""
    kind, _, value = str(reason or "").partition(":")
    if kind == "urgency" and value:
        return {"priority": True, "urgency": value}
    if kind == "complaint":
        return {"priority": True, "complaint": value or None}
    return {}


def privacy_notice_first(
    dispatcher: CollectingDispatcher, tracker: Tracker, slots: tuple[str, ...]
) -> list[EventType]:
    """The notice, before a request stores personal details that no question asked for.

    A customer who gives a phone number in the first message ("rappelez-moi au 06...") may
    never be asked a personal question: the notice then comes before the request is stored.
    """
    questions = load_questions()
    personal = any(questions[s].personal for s in slots if s in questions)
    if not personal or tracker.get_slot(NOTICE_SLOT):
        return []
    dispatcher.utter_message(text=render(Message(FormQuestion.PRIVACY_NOTICE)))
    return [SlotSet(NOTICE_SLOT, True)]


def _slot(kind: RequestKind, slots: dict[str, Any]) -> request_store.Slot | None:
    """The appointment start this request takes, with the showroom's capacity."""
    if kind is not APPOINTMENT:
        return None
    try:
        day = date.fromisoformat(str(slots["appointment_date"]))
    except ValueError:
        return None
    start = appointment_start(day, str(slots["appointment_time"]))
    if start is None:
        return None
    return request_store.Slot(start.isoformat(), load_knowledge().company.appointment.capacity)


class SubmitRequest(Action, ABC):
    """Stores the request of one form; one subclass per form."""

    @property
    @abstractmethod
    def request(self) -> RequestKind:
        """The form this action submits."""

    def name(self) -> str:
        return f"action_submit_{self.request.form.removesuffix('_form')}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slots = {slot: tracker.get_slot(slot) for slot in self.request.slots}
        if any(value is None for value in slots.values()):
            dispatcher.utter_message(text=say("request_incomplete"))
            return []
        details = {STORED_AS.get(k, k): v for k, v in slots.items()}
        details.update(priority_details(tracker.get_slot(PRIORITY_SLOT)))
        notice = privacy_notice_first(dispatcher, tracker, self.request.slots)
        try:
            reference = await off_loop(
                request_store.create_request,
                self.request.kind,
                details,
                tracker.sender_id,
                slot=_slot(self.request, slots),
            )
        except request_store.SlotTaken:
            # The time is refused when the form runs again, which asks for another one.
            dispatcher.utter_message(
                text=say("slot_taken"),
                buttons=[button(say("other_time_button"), f"/{self.request.intent}")],
            )
            return await mark_after_sales(tracker)
        except StorageError:
            # The answers stay in the slots: the button starts the form again, which finds
            # them all filled (and validates them again) and submits at once.
            dispatcher.utter_message(
                text=say("request_not_saved", phone=load_knowledge().company.phone),
                buttons=[button(say("retry_button"), f"/{self.request.intent}")],
            )
            return await mark_after_sales(tracker)
        dispatcher.utter_message(text=confirmation(self.request, slots, reference))
        cleared = [SlotSet(s, None) for s in self.request.slots if s not in self.request.kept]
        return [*notice, *await mark_after_sales(tracker), *cleared, SlotSet(PRIORITY_SLOT, None)]


class ActionSubmitAppointment(SubmitRequest):
    request = APPOINTMENT


class ActionSubmitReservation(SubmitRequest):
    request = RESERVATION


class ActionSubmitCallback(SubmitRequest):
    request = CALLBACK


class ActionSubmitQuote(SubmitRequest):
    request = QUOTE


class ActionSubmitIntervention(SubmitRequest):
    request = INTERVENTION


class ActionSubmitPriorityCallback(SubmitRequest):
    request = PRIORITY_CALLBACK


class ActionSubmitReschedule(Action):
    """Moves the appointment named in reschedule_form to the new day and time."""

    def name(self) -> str:
        return "action_submit_reschedule"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = str(tracker.get_slot("request_reference") or "")
        slots = {s: tracker.get_slot(s) for s in ("appointment_date", "appointment_time")}
        slot = _slot(APPOINTMENT, slots)
        done = [SlotSet(s, None) for s in ("request_reference", *slots)]
        if not reference or slot is None:
            dispatcher.utter_message(text=say("request_incomplete"))
            return done
        # Ownership as for cancellation: this conversation, or a phone or e-mail it gave.
        said = " ".join(
            str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"
        )
        try:
            code = await off_loop(
                request_store.reschedule_appointment, reference, slot, tracker.sender_id, said
            )
        except StorageError:
            dispatcher.utter_message(text=say("storage_unavailable"))
            return done
        day, time = _day_text(slots["appointment_date"]), _time_text(slots["appointment_time"])
        outcome = Message(code, {"reference": reference, "day": day, "time": time})
        dispatcher.utter_message(text=render(outcome))
        return [*await mark_after_sales(tracker), *done]


class ActionStopForm(Action):
    """ "annuler" inside a form: nothing is stored, the half-filled answers are dropped."""

    def name(self) -> str:
        return "action_stop_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=say("form_stopped"))
        slots = {s for k in KINDS.values() for s in k.slots if s not in k.kept}
        slots |= {"rooms", "insulation", "need"}
        return [SlotSet(s, None) for s in sorted(slots)] + [SlotSet("requested_slot", None)]


async def _managed_request(reference: str, tracker: Tracker) -> request_store.StoredRequest | None:
    """The request, if this conversation made it or the message gives its phone or e-mail."""
    request = await off_loop(request_store.get_request, reference)
    if request is None or not may_manage(
        request.sender_key,
        request.details,
        sender_key(tracker.sender_id),
        latest_text(tracker),
    ):
        return None
    return request


class ActionCancelRequest(Action):
    """ "Annuler RDV-7K3Q": cancels a stored request by its reference."""

    def name(self) -> str:
        return "action_cancel_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = references.parse_reference(latest_text(tracker))
        if reference is None:
            dispatcher.utter_message(text=say("cancel_needs_reference"))
            return []
        try:
            request = await _managed_request(reference, tracker)
            cancelled = request is not None and await off_loop(
                request_store.cancel_request, reference
            )
        except StorageError:
            dispatcher.utter_message(text=say("storage_unavailable"))
            return []
        if request is None:  # unknown, or not this customer's: the same answer for both
            dispatcher.utter_message(text=say("reference_unknown", reference=reference))
        elif not cancelled:
            dispatcher.utter_message(text=say("already_cancelled", reference=reference))
        else:
            label = render(Message(references.reference_label(reference)))
            dispatcher.utter_message(text=say("cancelled", label=label, reference=reference))
        return await mark_after_sales(tracker)


class ActionDeleteMyData(Action):
    """ "Supprimez mes données RDV-7K3Q": blanks the personal fields of that request."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = references.parse_reference(latest_text(tracker))
        forget = [SlotSet(s, None) for s in ("contact_name", "contact", "contact_phone")]
        if reference is None:
            dispatcher.utter_message(text=say("delete_needs_reference"))
            return forget
        try:
            request = await _managed_request(reference, tracker)
            deleted = request is not None and await off_loop(
                request_store.delete_personal_data, reference
            )
        except StorageError:
            dispatcher.utter_message(text=say("storage_unavailable"))
            return forget
        if deleted:
            dispatcher.utter_message(text=say("data_deleted", reference=reference))
        else:
            dispatcher.utter_message(text=say("reference_unknown", reference=reference))
        return forget


class ActionRecommend(Action):
    """Annexe 1, message 6: the adviser's recommendation, then an appointment or a quote."""

    def name(self) -> str:
        return "action_recommend"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            project = Project(
                housing=str(tracker.get_slot("housing")),
                surface_m2=int(str(tracker.get_slot("surface"))),
                rooms=int(str(tracker.get_slot("rooms"))),
                insulation=str(tracker.get_slot("insulation")),
                need=str(tracker.get_slot("need")),
            )
        except ValueError:
            dispatcher.utter_message(text=say("request_incomplete"))
            return []
        advice = recommend(project)
        dispatcher.utter_message(
            text=render(advice.message),
            buttons=[
                button(say("appointment_button"), "/book_appointment"),
                button(say("quote_button"), "/request_quote"),
            ],
        )
        listed = [r.product.name for r in advice.recommendations]
        return [
            *await mark_after_sales(tracker),
            SlotSet("rooms", None),
            SlotSet("need", None),
            SlotSet("listed_items", listed or None),
        ]
