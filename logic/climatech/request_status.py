"""Where a request stands, from its stored row and the time: "où en est RDV-7K3Q ?".

Pure: the caller looks the request up and checks who asks (`logic.storage.requests.status_for`
does both); this module only reads the row and says which sentence applies, as a code and its
parameters. Every code gets every parameter listed on it, so a template may use any of them;
dates and times come both as values (`start`, `created`, `until`) and written in French
(`day`, `time`), Paris time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.opening_hours import to_paris
from logic.climatech.references import reference_label
from logic.results import Message, MessageCode, message
from logic.text.formatting import format_date, format_time

if TYPE_CHECKING:  # the storage imports this module: no import cycle at run time
    from logic.storage.requests import StoredRequest


class StatusCode(MessageCode):
    """The status of a request; the parameters each code gets are listed on its line."""

    UNKNOWN = "status_unknown_reference"  # reference
    NOT_YOURS = "status_not_yours"  # reference (say no more than for UNKNOWN)
    CANCELLED = "status_cancelled"  # reference, label
    APPOINTMENT_UPCOMING = "status_appointment_upcoming"  # reference, start, day, time
    APPOINTMENT_PAST = "status_appointment_past"  # reference, start, day, time
    RESERVATION_WAITING = "status_reservation_waiting"  # reference, until, day, part, quantity
    RESERVATION_EXPIRED = "status_reservation_expired"  # reference, until, day, part, quantity
    CALLBACK_RECORDED = "status_callback_recorded"  # reference, created, day, priority
    QUOTE_RECORDED = "status_quote_recorded"  # reference, created, day, priority
    INTERVENTION_RECORDED = "status_intervention_recorded"  # reference, created, day, priority
    COMPLAINT_RECORDED = "status_complaint_recorded"  # + category
    REQUEST_RECORDED = "status_request_recorded"  # reference, label, created, day, priority
    PRIORITY = "status_priority"  # the `priority` parameter when flagged (else "")


RECORDED = {
    "callback": StatusCode.CALLBACK_RECORDED,
    "quote": StatusCode.QUOTE_RECORDED,
    "intervention": StatusCode.INTERVENTION_RECORDED,
    "complaint": StatusCode.COMPLAINT_RECORDED,
}


def is_priority(details: Mapping[str, Any]) -> bool:
    """A request flagged `"priority": true` (every complaint, the urgent callbacks...)."""
    return details.get("priority") is True


def appointment_start(details: Mapping[str, Any]) -> datetime | None:
    """The start an appointment takes (Paris time), None when it has none or a broken one."""
    value = details.get("appointment_start")
    if not isinstance(value, str) or not value:
        return None
    try:
        return to_paris(datetime.fromisoformat(value))
    except ValueError:
        return None


def held_until(created_at: datetime, hold_days: int) -> date:
    """The last day a reserved part waits at the showroom: `hold_days` after the reservation."""
    return to_paris(created_at).date() + timedelta(days=hold_days)


def request_status(
    request: StoredRequest | None,
    now: datetime,
    *,
    reference: str = "",
    kb: Knowledge | None = None,
) -> Message:
    """What to tell the customer about `request` (None: no such reference) at `now`.

    `reference` names a request that was not found; otherwise the stored one is used.
    Ownership is not checked here (see `logic.storage.requests.status_for`).
    """
    if request is None:
        return message(StatusCode.UNKNOWN, reference=reference)
    ref = request.reference
    if request.cancelled:
        return message(StatusCode.CANCELLED, reference=ref, label=Message(reference_label(ref)))
    details = request.details
    moment = to_paris(now)
    if request.kind == "appointment" and (start := appointment_start(details)) is not None:
        code = StatusCode.APPOINTMENT_UPCOMING if start > moment else StatusCode.APPOINTMENT_PAST
        day, time = format_date(start.date()), format_time(start.time())
        return message(code, reference=ref, start=start, day=day, time=time)
    if request.kind == "reservation":
        hold_days = (kb or load_knowledge()).company.click_and_collect.hold_days
        until = held_until(request.created_at, hold_days)
        code = (
            StatusCode.RESERVATION_WAITING
            if moment.date() <= until
            else StatusCode.RESERVATION_EXPIRED
        )
        return message(
            code,
            reference=ref,
            until=until,
            day=format_date(until),
            part=str(details.get("part_reference") or ""),
            quantity=details.get("quantity") or 1,
        )
    created = to_paris(request.created_at)
    recorded: dict[str, Any] = {
        "reference": ref,
        "created": created,
        "day": format_date(created.date()),
        "priority": Message(StatusCode.PRIORITY) if is_priority(details) else "",
    }
    if request.kind == "complaint":
        return message(StatusCode.COMPLAINT_RECORDED, category=details.get("category"), **recorded)
    if request.kind in RECORDED:
        return message(RECORDED[request.kind], **recorded)
    return message(StatusCode.REQUEST_RECORDED, label=Message(reference_label(ref)), **recorded)
