"""Validation of the Climatech forms: every bad value gets a French reason and the question again.

The rules themselves (dates, phones, quantities...) live in `logic.climatech.validators`;
these classes only map slots to them and say a refusal through the message catalogue. A
slot value may come from a typed answer, a button, or a crafted `/intent{"slot": ...}`
message: all of them go through the same validation.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import QuestionTolerantForm
from logic.climatech import adviser, parts, references
from logic.climatech.validators import contact, numbers, project
from logic.climatech.validators.dates import validate_appointment_date
from logic.climatech.validators.slots import TimeSlot, changes_day, validate_time_slot
from logic.clock import now
from logic.results import Listing, Message, Result, success
from logic.storage import requests as request_store
from logic.storage.engine import StorageError, off_loop
from logic.text.catalogue import render, say

SlotResult = dict[str, Any]


def _data(value: Any) -> Any:
    """A message's code and parameters as plain JSON, nested messages included."""
    if isinstance(value, Message):
        return {"code": value.code.value, "params": {k: _data(v) for k, v in value.params.items()}}
    if isinstance(value, Listing):
        return [_data(item) for item in value.items]
    if isinstance(value, list | tuple):
        return [_data(item) for item in value]
    return value


def _refuse(dispatcher: CollectingDispatcher, problem: Message | None) -> None:
    """Says why a value is refused; the code and its values go in the message's metadata.

    Clients reading the tracker (the load test) decide on `problem`, never on the wording.
    """
    if problem is None:
        dispatcher.utter_message(text=say("not_understood"))
        return
    dispatcher.utter_message(text=render(problem), problem=_data(problem))


def _check(
    dispatcher: CollectingDispatcher, slot: str, result: Result[Any], shown: Any = None
) -> SlotResult:
    """The slot set to the clean value, or emptied with the reason said to the user."""
    if result.ok:
        return {slot: shown if shown is not None else result.value}
    _refuse(dispatcher, result.problem)
    return {slot: None}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _description(
    dispatcher: CollectingDispatcher, slot: str, value: Any, hint: str, limit: int
) -> SlotResult:
    """A few words of free text, whitespace squeezed and length capped."""
    text = " ".join(_text(value).split())[:limit]
    if len(text) < 3:
        dispatcher.utter_message(text=hint)
        return {slot: None}
    return {slot: text}


def _day(tracker: Tracker, slot: str) -> date | None:
    value = tracker.get_slot(slot)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


Validator = Callable[[Any, Any, CollectingDispatcher, Tracker, DomainDict], SlotResult]
# The booked slots are read from the database: such a validator is awaited (off the loop).
AsyncValidator = Callable[
    [Any, Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[SlotResult]
]


def _validate_with(
    slot: str, parse: Callable[[str], Result[Any]], as_text: bool = False
) -> Validator:
    """A `validate_<slot>` method applying one `logic` parser to the answer.

    `as_text` stores numbers as text, the type of every form slot.
    """

    def validate(
        self: Any,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> SlotResult:
        result = parse(_text(value))
        return _check(dispatcher, slot, result, shown=str(result.value) if as_text else None)

    return validate


class ContactValidation(QuestionTolerantForm):
    """Name, phone and contact: shared by every form that asks them."""

    @abstractmethod
    def name(self) -> str:
        """validate_<form>: a shared base, never registered by itself."""

    validate_contact_name = _validate_with("contact_name", contact.validate_name)
    validate_contact = _validate_with("contact", contact.validate_contact)
    validate_contact_phone = _validate_with("contact_phone", contact.validate_phone)
    validate_postcode = _validate_with("postcode", project.validate_postcode)
    validate_housing = _validate_with("housing", adviser.parse_housing)
    validate_surface = _validate_with("surface", project.validate_surface, as_text=True)


async def _booked(counted: bool, day: date | None = None) -> list[datetime]:
    """The confirmed appointments (of `day`), when this form's slots are limited."""
    if not counted:
        return []
    try:
        return await off_loop(request_store.appointment_starts, day.isoformat() if day else "")
    except StorageError:
        return []  # the confirmation will fail and say so; asking goes on meanwhile


def _validate_day(slot: str, counted: bool = False) -> AsyncValidator:
    """`counted`: a day whose appointment slots are all taken is refused."""

    async def validate(
        self: Any,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> SlotResult:
        result = validate_appointment_date(_text(value), now(), booked=await _booked(counted))
        shown = result.value.isoformat() if result.ok and result.value else None
        return _check(dispatcher, slot, result, shown=shown)

    return validate


def _validate_time(slot: str, day_slot: str, counted: bool = False) -> AsyncValidator:
    """`counted`: a start time already taken `capacity` times is refused."""

    async def validate(
        self: Any,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> SlotResult:
        day = _day(tracker, day_slot)
        if day is None:  # the day was refused meanwhile: ask it again first
            return {slot: None, day_slot: None}
        booked = await _booked(counted, day)
        result = validate_time_slot(_text(value), day, now(), booked=booked)
        if not result.ok and changes_day(result.problem):
            # Closed, or no slot left that day (e.g. too late today): the day must change.
            _refuse(dispatcher, result.problem)
            return {slot: None, day_slot: None}
        if counted and result.ok and result.value:
            # "le matin" books one start, so the customer is told that start, not a range.
            start = result.value.start
            result = success(TimeSlot(start, start, True, (start,)))
        shown = result.value.value if result.ok and result.value else None
        return _check(dispatcher, slot, result, shown=shown)

    return validate


class ValidateAppointmentForm(ContactValidation):
    def name(self) -> str:
        return "validate_appointment_form"

    # Two salespeople: an appointment start takes `capacity` customers at most.
    validate_appointment_date = _validate_day("appointment_date", counted=True)
    validate_appointment_time = _validate_time("appointment_time", "appointment_date", counted=True)


class ValidateCallbackForm(ContactValidation):
    def name(self) -> str:
        return "validate_callback_form"

    validate_callback_date = _validate_day("callback_date")
    validate_callback_time = _validate_time("callback_time", "callback_date")


class ValidateReservationForm(ContactValidation):
    def name(self) -> str:
        return "validate_reservation_form"

    def validate_part_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        search = parts.search_parts(_text(value))
        exact = parts.parse_part_reference(_text(value))
        if search.best is None or (not exact and len(search.matches) > 1):
            buttons = [
                {"title": m.part.reference, "payload": m.part.reference} for m in search.matches[:3]
            ]
            extra = " " + say("choose_reference") if buttons else ""
            dispatcher.utter_message(text=render(search.message) + extra, buttons=buttons)
            return {"part_reference": None}
        part = search.best
        if part.stock <= 0:
            dispatcher.utter_message(text=render(parts.part_line(part)))
            dispatcher.utter_message(text=say("out_of_stock"))
            return {"part_reference": None}
        return {"part_reference": part.reference}

    def validate_quantity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        result = numbers.validate_quantity(_text(value))
        part = parts.find_part(_text(tracker.get_slot("part_reference")))
        if result.ok and part is not None and result.value and result.value > part.stock:
            dispatcher.utter_message(text=say("not_enough_stock", stock=part.stock))
            return {"quantity": None}
        return _check(dispatcher, "quantity", result, shown=str(result.value))


class ValidateQuoteForm(ContactValidation):
    def name(self) -> str:
        return "validate_quote_form"

    def validate_project(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        return _description(dispatcher, "project", value, say("describe_project"), limit=300)


class ValidateInterventionForm(ContactValidation):
    def name(self) -> str:
        return "validate_intervention_form"

    def validate_intervention_problem(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        return _description(
            dispatcher, "intervention_problem", value, say("describe_problem"), limit=500
        )


class ValidateAdviserForm(ContactValidation):
    def name(self) -> str:
        return "validate_adviser_form"

    validate_rooms = _validate_with("rooms", numbers.validate_rooms, as_text=True)
    validate_insulation = _validate_with("insulation", adviser.parse_insulation)
    validate_need = _validate_with("need", adviser.parse_need)


class ValidatePriorityCallbackForm(ContactValidation):
    """After a complaint: only the phone, a person calls back as soon as possible."""

    def name(self) -> str:
        return "validate_priority_callback_form"


class ValidateRescheduleForm(ContactValidation):
    """Moving an appointment: its reference, then a new day and time, checked as a booking."""

    def name(self) -> str:
        return "validate_reschedule_form"

    def validate_request_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        reference = references.parse_reference(_text(value))
        if reference is None:
            dispatcher.utter_message(text=say("request_reference_invalid"))
        return {"request_reference": reference}

    validate_appointment_date = _validate_day("appointment_date", counted=True)
    validate_appointment_time = _validate_time("appointment_time", "appointment_date", counted=True)
