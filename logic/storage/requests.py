"""Customer requests: appointments, reservations, callbacks, quotes, interventions, complaints.

Each request has a unique reference the customer quotes ("RDV-7K3Q"); its form fields and
personal data sit in `details` (JSON). Appointments also take a place of a slot, and can move
to another one. A complaint's details hold its `category` and `"priority": true`; a callback
or an intervention may carry `"priority": true` and an `urgency` (URGENCY_KINDS).

Only the conversation that made a request, or someone giving its phone or e-mail, may read its
status, move or cancel it (logic.climatech.ownership.may_manage): status_for and
reschedule_appointment check it themselves, cancel_request leaves it to its caller.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection

from logic.climatech import references
from logic.climatech.ownership import may_manage
from logic.climatech.request_status import StatusCode, request_status
from logic.results import Message, MessageCode, message
from logic.storage.engine import Conflict, StorageError, transaction
from logic.storage.schema import CANCELLED, CONFIRMED, requests_table, sender_key, utc_now

REQUEST_KINDS: tuple[str, ...] = (
    "appointment",
    "reservation",
    "callback",
    "quote",
    "intervention",
    "complaint",
)
# What a complaint is about (details["category"]).
COMPLAINT_CATEGORIES: tuple[str, ...] = (
    "phone_unanswered",
    "technician_no_show",
    "quote_not_sent",
    "stock_missing",
    "showroom_wait",
    "early_breakdown",
    "missing_accessory",
    "bill_increase",
    "other",
)
# Why a callback or an intervention is urgent (details["urgency"]).
URGENCY_KINDS: tuple[str, ...] = (
    "water_leak",
    "burning_smell",
    "no_heating_vulnerable",
    "no_heating",
    "no_cooling_heatwave",
)
# Keys of `details` that identify a person: blanked on request ("supprimez mes données").
PERSONAL_FIELDS: tuple[str, ...] = ("name", "phone", "email", "contact", "address")
REFERENCE_ATTEMPTS = 20


class SlotTaken(StorageError):
    """The appointment slot filled up between the customer's answer and the confirmation."""


@dataclass(frozen=True)
class StoredRequest:
    reference: str
    kind: str
    status: str
    created_at: datetime
    sender_key: str | None
    details: dict[str, Any]

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED


class RescheduleCode(MessageCode):
    """What came of moving an appointment (reschedule_appointment)."""

    MOVED = "reschedule_moved"
    UNKNOWN = "reschedule_unknown_reference"
    NOT_YOURS = "reschedule_not_yours"
    NOT_AN_APPOINTMENT = "reschedule_not_an_appointment"
    CANCELLED = "already_cancelled"
    SLOT_TAKEN = "slot_taken"


@dataclass(frozen=True)
class Slot:
    """An appointment start (ISO, Paris time) and how many appointments it takes at most."""

    start: str
    capacity: int


def generate_reference(kind: str) -> str:
    """A short reference such as "RDV-7K3M": one format for storage and parsing."""
    return references.new_reference(kind)


def reference_as_stored(reference: str) -> str:
    """A reference the customer typed, in the form stored and looked up: trimmed, upper case."""
    return reference.strip().upper()


def create_request(
    kind: str,
    details: Mapping[str, Any],
    sender_id: str | None,
    *,
    slot: Slot | None = None,
    reference_factory: Callable[[str], str] | None = None,
    now: datetime | None = None,
    url: str | None = None,
) -> str:
    """Stores a confirmed request and returns its unique reference.

    `reference_factory(kind)` makes candidate references (default: generate_reference);
    on a collision another one is drawn. `details` (form fields and personal data) must
    be JSON-serializable. With a `slot`, the request is an appointment stored only if that
    start still has room (checked in the same transaction); otherwise SlotTaken.
    """
    if kind not in REQUEST_KINDS:
        raise ValueError(f"unknown request kind {kind!r}; expected one of {REQUEST_KINDS}")
    try:
        payload = json.loads(json.dumps(dict(details)))
    except (TypeError, ValueError) as error:
        raise ValueError(f"details must be JSON-serializable: {error}") from error
    _check_after_sales_fields(kind, payload)
    make = reference_factory or generate_reference
    key = sender_key(sender_id) if sender_id else None
    created_at = utc_now(now)
    for _ in range(REFERENCE_ATTEMPTS):
        reference = reference_as_stored(make(kind))
        try:
            with transaction(url) as connection:
                if slot is not None:
                    _check_room(connection, slot)
                    payload["appointment_start"] = slot.start
                connection.execute(
                    requests_table.insert().values(
                        reference=reference,
                        kind=kind,
                        created_at=created_at,
                        status=CONFIRMED,
                        sender_key=key,
                        details=payload,
                    )
                )
            return reference
        except Conflict:
            continue  # reference already taken: draw another one
    raise StorageError(f"no free reference after {REFERENCE_ATTEMPTS} attempts")


def _check_after_sales_fields(kind: str, details: Mapping[str, Any]) -> None:
    """ValueError for a complaint without a known category or an unknown urgency."""
    if kind == "complaint" and details.get("category") not in COMPLAINT_CATEGORIES:
        raise ValueError(
            f"complaint category {details.get('category')!r}; expected one of "
            f"{COMPLAINT_CATEGORIES}"
        )
    urgency = details.get("urgency")
    if urgency is not None and urgency not in URGENCY_KINDS:
        raise ValueError(f"urgency {urgency!r}; expected one of {URGENCY_KINDS}")
    if "priority" in details and not isinstance(details["priority"], bool):
        raise ValueError(f"priority must be true or false, not {details['priority']!r}")


def _confirmed_starts(connection: Connection, day: str = "", *, besides: str = "") -> list[str]:
    """The starts of the confirmed appointments (of `day`), but the one of reference `besides`."""
    query = (
        select(requests_table.c.details)
        .where(requests_table.c.kind == "appointment")
        .where(requests_table.c.status == CONFIRMED)
    )
    if besides:
        query = query.where(requests_table.c.reference != besides)
    rows = connection.execute(query)
    starts = (str((row.details or {}).get("appointment_start") or "") for row in rows)
    return [start for start in starts if start and start.startswith(day)]


def _check_room(connection: Connection, slot: Slot, *, besides: str = "") -> None:
    """Raises SlotTaken when `slot` is full; writers of the same slot wait for each other.

    The appointment of reference `besides` (the one being moved) does not count.
    """
    if connection.dialect.name == "postgresql":
        # Two replicas may count the same free place at once: a per-slot lock, held until
        # the end of the transaction. (SQLite's writers already take the lock up front.)
        key = int(hashlib.sha256(slot.start.encode()).hexdigest()[:15], 16)
        connection.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    taken = _confirmed_starts(connection, slot.start, besides=besides).count(slot.start)
    if taken >= slot.capacity:
        raise SlotTaken(f"no room left at {slot.start}")


def appointment_starts(day: str = "", *, url: str | None = None) -> list[datetime]:
    """Start times of the confirmed appointments (of one ISO `day` if given)."""
    with transaction(url, read_only=True) as connection:
        return [datetime.fromisoformat(s) for s in _confirmed_starts(connection, day)]


def _row_to_request(row: Any) -> StoredRequest:
    return StoredRequest(
        reference=row.reference,
        kind=row.kind,
        status=row.status,
        created_at=row.created_at,
        sender_key=row.sender_key,
        details=dict(row.details or {}),
    )


def get_request(reference: str, *, url: str | None = None) -> StoredRequest | None:
    """The request with this reference (case-insensitive), or None."""
    with transaction(url, read_only=True) as connection:
        row = connection.execute(
            select(requests_table).where(
                requests_table.c.reference == reference_as_stored(reference)
            )
        ).first()
    return _row_to_request(row) if row is not None else None


def _may_manage(request: StoredRequest, sender_id: str, contact_text: str) -> bool:
    """The rule of cancellation: the conversation that made it, or its phone or e-mail given."""
    return may_manage(request.sender_key, request.details, sender_key(sender_id), contact_text)


def status_for(
    reference: str,
    sender_id: str,
    contact_text: str,
    now: datetime,
    *,
    url: str | None = None,
) -> Message:
    """The status of request `reference` for conversation `sender_id` (see request_status).

    `contact_text` is the customer's message, which may give the request's phone or e-mail;
    someone else's request gets StatusCode.NOT_YOURS and nothing about it.
    """
    canonical = reference_as_stored(reference)
    request = get_request(canonical, url=url)
    if request is not None and not _may_manage(request, sender_id, contact_text):
        return message(StatusCode.NOT_YOURS, reference=canonical)
    return request_status(request, now, reference=canonical)


def reschedule_appointment(
    reference: str,
    slot: Slot,
    sender_id: str,
    contact_text: str,
    now: datetime | None = None,
    *,
    url: str | None = None,
) -> RescheduleCode:
    """Moves a confirmed appointment to `slot` if it has room, in one transaction.

    Ownership is checked as for cancellation; the appointment's own place does not count
    against the new slot. The previous start is appended to details["previous_starts"].
    """
    canonical = reference_as_stored(reference)
    start = datetime.fromisoformat(slot.start)  # ValueError before anything is read
    try:
        with transaction(url) as connection:
            row = connection.execute(
                select(requests_table)
                .where(requests_table.c.reference == canonical)
                .with_for_update()
            ).first()
            if row is None:
                return RescheduleCode.UNKNOWN
            request = _row_to_request(row)
            if not _may_manage(request, sender_id, contact_text):
                return RescheduleCode.NOT_YOURS
            if request.kind != "appointment":
                return RescheduleCode.NOT_AN_APPOINTMENT
            if request.cancelled:
                return RescheduleCode.CANCELLED
            _check_room(connection, slot, besides=canonical)
            details = dict(request.details)
            previous = details.get("appointment_start")
            if previous:
                details["previous_starts"] = [*details.get("previous_starts", []), previous]
            details["appointment_start"] = slot.start
            if "appointment_date" in details:  # the form's answers follow the new start
                details["appointment_date"] = start.date().isoformat()
            if "appointment_time" in details:
                details["appointment_time"] = start.strftime("%H:%M")
            details["rescheduled_at"] = utc_now(now).isoformat()
            connection.execute(
                requests_table.update().where(requests_table.c.id == row.id).values(details=details)
            )
    except SlotTaken:
        return RescheduleCode.SLOT_TAKEN
    return RescheduleCode.MOVED


def cancel_request(reference: str, *, url: str | None = None) -> bool:
    """Cancels a confirmed request; False when unknown or already cancelled."""
    with transaction(url) as connection:
        result = connection.execute(
            requests_table.update()
            .where(requests_table.c.reference == reference_as_stored(reference))
            .where(requests_table.c.status == CONFIRMED)
            .values(status=CANCELLED)
        )
        return bool(result.rowcount)


def delete_personal_data(reference: str, *, url: str | None = None) -> bool:
    """Blanks the personal fields of a request (the row stays, so counts stay right).

    Returns False when the reference is unknown.
    """
    with transaction(url) as connection:
        row = connection.execute(
            select(requests_table.c.id, requests_table.c.details)
            .where(requests_table.c.reference == reference_as_stored(reference))
            .with_for_update()
        ).first()
        if row is None:
            return False
        details = dict(row.details or {})
        for field in PERSONAL_FIELDS:
            if field in details:
                details[field] = None
        details["personal_data_deleted"] = True
        connection.execute(
            requests_table.update()
            .where(requests_table.c.id == row.id)
            .values(details=details, sender_key=None)
        )
        return True


def purge_older_than(days: int, now: datetime | None = None, *, url: str | None = None) -> int:
    """Deletes the requests created more than `days` days before `now`; returns how many."""
    if days < 0:
        raise ValueError("days must not be negative")
    limit = utc_now(now) - timedelta(days=days)
    with transaction(url) as connection:
        result = connection.execute(
            requests_table.delete().where(requests_table.c.created_at < limit)
        )
        return int(result.rowcount)
