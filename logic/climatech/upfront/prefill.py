"""The answers a form would ask that the details already give, as its validators read them.

Every value is checked with the form's own validator before it is offered: a form never
receives an answer it would refuse (a closed day, a time outside the opening hours, a part
out of stock, a quantity above the stock). Slots the details cannot give (names, postcodes,
the quote's project) are left to the form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from logic.climatech import adviser, references
from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.opening_hours import PARIS
from logic.climatech.parts import search_parts
from logic.climatech.upfront.details import Details
from logic.climatech.validators.contact import validate_contact, validate_phone
from logic.climatech.validators.dates import validate_appointment_date
from logic.climatech.validators.numbers import validate_quantity, validate_rooms
from logic.climatech.validators.project import validate_surface
from logic.climatech.validators.slots import validate_time_slot

# The slots of each form (domain.yml) that the details can fill, in the form's order.
FORM_SLOTS: dict[str, tuple[str, ...]] = {
    "appointment_form": ("contact", "appointment_date", "appointment_time"),
    "reservation_form": ("part_reference", "quantity", "contact_phone"),
    "callback_form": ("contact_phone", "callback_date", "callback_time"),
    "priority_callback_form": ("contact_phone",),
    "quote_form": ("housing", "surface", "contact"),
    "intervention_form": ("intervention_problem", "contact_phone"),
    "adviser_form": ("housing", "surface", "rooms", "insulation", "need"),
    "reschedule_form": ("request_reference", "appointment_date", "appointment_time"),
}


def _contact(details: Details, kb: Knowledge) -> str | None:
    for value in (details.phone, details.email):
        if value and validate_contact(value).ok:
            return value
    return None


def _phone(details: Details, kb: Knowledge) -> str | None:
    return details.phone if details.phone and validate_phone(details.phone).ok else None


def _part_reference(details: Details, kb: Knowledge) -> str | None:
    # The reservation form takes a reference whose search finds that part, in stock.
    found = search_parts(details.part_reference, kb).best if details.part_reference else None
    ok = found is not None and found.reference == details.part_reference and found.stock > 0
    return details.part_reference if ok else None


def _quantity(details: Details, kb: Knowledge) -> str | None:
    if details.quantity is None or not validate_quantity(str(details.quantity), kb=kb).ok:
        return None
    part = kb.part(details.part_reference) if details.part_reference else None
    return str(details.quantity) if part is None or details.quantity <= part.stock else None


def _surface(details: Details, kb: Knowledge) -> str | None:
    value = str(details.surface)
    return value if details.surface is not None and validate_surface(value).ok else None


def _rooms(details: Details, kb: Knowledge) -> str | None:
    value = str(details.rooms)
    return value if details.rooms is not None and validate_rooms(value).ok else None


def _word(value: str | None, parse: Callable[[str], object]) -> str | None:
    return value if value and getattr(parse(value), "ok", False) else None


def _request_reference(details: Details, kb: Knowledge) -> str | None:
    # Only an appointment can be moved to another day.
    reference = details.request_reference
    return (
        reference if reference and references.reference_kind(reference) == "appointment" else None
    )


SIMPLE: dict[str, Callable[[Details, Knowledge], str | None]] = {
    "contact": _contact,
    "contact_phone": _phone,
    "part_reference": _part_reference,
    "quantity": _quantity,
    "surface": _surface,
    "rooms": _rooms,
    "housing": lambda d, kb: _word(d.housing, adviser.parse_housing),
    "insulation": lambda d, kb: _word(d.insulation, adviser.parse_insulation),
    "need": lambda d, kb: _word(d.need, adviser.parse_need),
    "intervention_problem": lambda d, kb: d.problem,
    "request_reference": _request_reference,
}


def _typed_day(value: str) -> str:
    """A day of `Details` as a customer types it: "03/12/2026" for an ISO date, else as is.

    The date validator reads weekdays, "demain" and "apres-demain" as they are.
    """
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def _day(details: Details, now: datetime, kb: Knowledge) -> tuple[str, date] | None:
    """The day as the customer would type it ("samedi", "demain", "03/12/2026"), if open."""
    if details.date is None:
        return None
    value = _typed_day(details.date)
    result = validate_appointment_date(value, now, kb)
    return (value, result.value) if result.ok and result.value else None


def _moment(details: Details, day: date, now: datetime, kb: Knowledge) -> str | None:
    """The time, else the part of the day, when that day has a slot for it."""
    value = details.time or details.part_of_day
    return value if value and validate_time_slot(value, day, now, kb).ok else None


def prefill(
    form: str,
    details: Details,
    today: date,
    now: datetime | None = None,
    kb: Knowledge | None = None,
) -> dict[str, str]:
    """The slots of `form` that the details fill, as the raw text its validators accept.

    `now` (default: the start of `today` in Paris) is the moment the validators check days
    and times against. A time is given only with its day: the forms read a time on the day
    already kept, and drop it when there is none. An unknown form gets nothing.
    """
    kb = kb or load_knowledge()
    now = now or datetime.combine(today, time(0), tzinfo=PARIS)
    values: dict[str, str] = {}
    day: date | None = None
    for slot in FORM_SLOTS.get(form, ()):
        value: str | None = None
        if slot.endswith("_date") and (found := _day(details, now, kb)):
            value, day = found
        elif slot.endswith("_time"):
            value = _moment(details, day, now, kb) if day else None
        elif slot in SIMPLE:
            value = SIMPLE[slot](details, kb)
        if value is not None:
            values[slot] = value
    return values
