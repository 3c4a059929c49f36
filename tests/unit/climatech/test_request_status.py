"""Where a request stands: what a customer asking "où en est RDV-7K3Q ?" is told."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.references import RequestLabel
from logic.climatech.request_status import StatusCode, request_status
from logic.results import Message
from logic.storage.requests import StoredRequest

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=PARIS)
HOLD_DAYS = load_knowledge().company.click_and_collect.hold_days


def stored(
    kind: str,
    details: dict[str, Any] | None = None,
    *,
    reference: str = "RDV-7K3Q",
    status: str = "confirmed",
    created_at: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc),
) -> StoredRequest:
    return StoredRequest(reference, kind, status, created_at, "owner", details or {})


def test_an_unknown_reference_is_named_back() -> None:
    status = request_status(None, NOW, reference="RDV-ZZ9Z")
    assert status.code is StatusCode.UNKNOWN
    assert status.params == {"reference": "RDV-ZZ9Z"}


def test_a_cancelled_request_says_so_whatever_its_kind() -> None:
    start = {"appointment_start": "2026-11-24T10:00:00+01:00"}
    status = request_status(stored("appointment", start, status="cancelled"), NOW)
    assert status.code is StatusCode.CANCELLED
    assert status.params["reference"] == "RDV-7K3Q"
    assert status.params["label"] == Message(RequestLabel.APPOINTMENT)


def test_an_upcoming_appointment_gives_its_day_and_time_in_paris() -> None:
    details = {"name": "Jeanne", "appointment_start": "2026-11-24T10:00:00+01:00"}
    status = request_status(stored("appointment", details), NOW)
    assert status.code is StatusCode.APPOINTMENT_UPCOMING
    assert status.params["day"] == "mardi 24 novembre"
    assert status.params["time"] == "10 h"
    assert status.params["start"] == datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


def test_an_appointment_whose_start_has_passed_is_past() -> None:
    details = {"appointment_start": "2026-11-23T14:30:00+01:00"}
    status = request_status(stored("appointment", details), NOW)
    assert status.code is StatusCode.APPOINTMENT_PAST
    assert (status.params["day"], status.params["time"]) == ("lundi 23 novembre", "14 h 30")
    # A stored UTC start is still told in Paris time.
    utc_start = {"appointment_start": "2026-11-24T09:00:00+00:00"}
    later = request_status(stored("appointment", utc_start), NOW)
    assert later.code is StatusCode.APPOINTMENT_UPCOMING and later.params["time"] == "10 h"


def test_a_reservation_waits_hold_days_from_its_creation_then_expires() -> None:
    created = datetime(2026, 11, 20, 9, 30, tzinfo=PARIS)
    reservation = stored(
        "reservation",
        {"part_reference": "FLT-ARIA-25", "quantity": 2},
        reference="CC-8MZ2",
        created_at=created,
    )
    until = date(2026, 11, 20) + timedelta(days=HOLD_DAYS)
    waiting = request_status(reservation, NOW)
    assert waiting.code is StatusCode.RESERVATION_WAITING
    assert waiting.params["until"] == until
    assert waiting.params["part"] == "FLT-ARIA-25" and waiting.params["quantity"] == 2
    last_day = datetime.combine(until, datetime.min.time(), tzinfo=PARIS) + timedelta(hours=19)
    assert request_status(reservation, last_day).code is StatusCode.RESERVATION_WAITING
    expired = request_status(reservation, last_day + timedelta(days=1))
    assert expired.code is StatusCode.RESERVATION_EXPIRED
    assert expired.params["until"] == until


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("callback", StatusCode.CALLBACK_RECORDED),
        ("quote", StatusCode.QUOTE_RECORDED),
        ("intervention", StatusCode.INTERVENTION_RECORDED),
    ],
)
def test_other_requests_are_recorded_since_their_creation_day(kind: str, code: StatusCode) -> None:
    status = request_status(stored(kind, {"phone": "06 12 34 56 78"}), NOW)
    assert status.code is code
    assert status.params["day"] == "vendredi 20 novembre"
    assert status.params["created"] == datetime(2026, 11, 20, 10, 30, tzinfo=PARIS)
    assert status.params["priority"] == ""  # not flagged: nothing added


def test_a_priority_flag_is_told() -> None:
    urgent = {"priority": True, "urgency": "water_leak"}
    status = request_status(stored("intervention", urgent, reference="INT-9XQ2"), NOW)
    assert status.code is StatusCode.INTERVENTION_RECORDED
    assert status.params["priority"] == Message(StatusCode.PRIORITY)


def test_a_complaint_is_recorded_with_its_category_and_priority() -> None:
    complaint = stored(
        "complaint", {"category": "technician_no_show", "priority": True}, reference="REC-4H7P"
    )
    status = request_status(complaint, NOW)
    assert status.code is StatusCode.COMPLAINT_RECORDED
    assert status.params["reference"] == "REC-4H7P"
    assert status.params["category"] == "technician_no_show"
    assert status.params["priority"] == Message(StatusCode.PRIORITY)


def test_an_appointment_without_a_start_is_only_recorded() -> None:
    status = request_status(stored("appointment", {"name": "A"}), NOW)
    assert status.code is StatusCode.REQUEST_RECORDED
    assert status.params["label"] == Message(RequestLabel.APPOINTMENT)
