"""Customer requests: references, cancellation, personal data, purge, appointment places,
complaints, the status told to a customer, and moving an appointment."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Table

from logic.climatech.request_status import StatusCode
from logic.storage.engine import StorageError
from logic.storage.reports import load_summary
from logic.storage.requests import (
    RescheduleCode,
    Slot,
    SlotTaken,
    appointment_starts,
    cancel_request,
    create_request,
    delete_personal_data,
    get_request,
    purge_older_than,
    reference_as_stored,
    reschedule_appointment,
    status_for,
)
from logic.storage.schema import requests_table, sender_key

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
TUESDAY_10 = "2026-11-24T10:00:00+01:00"
TUESDAY_11 = "2026-11-24T11:00:00+01:00"
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def test_create_and_get_request(db_url: str) -> None:
    details = {"name": "Jeanne Martin", "phone": "06 12 34 56 78", "slot": "mardi 10h"}
    reference = create_request("appointment", details, "conversation-42", now=NOW)
    assert re.fullmatch(r"RDV-[A-HJ-NP-Z2-9]{4}", reference)
    stored = get_request(f"  {reference.lower()} ")
    assert stored is not None
    assert stored.kind == "appointment" and stored.status == "confirmed"
    assert stored.details == details
    assert stored.created_at == NOW
    assert stored.sender_key == sender_key("conversation-42")
    assert get_request("RDV-NONE") is None


def test_a_typed_reference_is_stored_trimmed_and_upper_case() -> None:
    assert reference_as_stored("  rdv-7k3q ") == "RDV-7K3Q"


def test_reference_collision_is_retried(count: Callable[[Table], int]) -> None:
    candidates = iter(["RES-AAAA", "RES-AAAA", "RES-AAAA", "RES-BBBB"])

    def factory(kind: str) -> str:
        return next(candidates)

    assert create_request("reservation", {}, "a", reference_factory=factory) == "RES-AAAA"
    assert create_request("reservation", {}, "b", reference_factory=factory) == "RES-BBBB"
    assert count(requests_table) == 2


def test_no_free_reference_raises_storage_error(count: Callable[[Table], int]) -> None:
    create_request("quote", {}, "a", reference_factory=lambda kind: "DEV-XXXX")
    with pytest.raises(StorageError):
        create_request("quote", {}, "b", reference_factory=lambda kind: "DEV-XXXX")
    assert count(requests_table) == 1


@pytest.mark.parametrize(
    ("kind", "details"), [("party", {}), ("quote", {"when": datetime(2025, 1, 1)})]
)
def test_invalid_request_is_not_stored(
    count: Callable[[Table], int], kind: str, details: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        create_request(kind, details, "a")
    assert count(requests_table) == 0


def test_cancel_request(db_url: str) -> None:
    reference = create_request("appointment", {"name": "A"}, "a")
    assert cancel_request(reference.lower()) is True
    assert cancel_request(reference) is False  # already cancelled
    assert cancel_request("RDV-ZZZZ") is False
    stored = get_request(reference)
    assert stored is not None and stored.cancelled


def test_delete_personal_data_keeps_the_row_and_the_counts(db_url: str) -> None:
    details = {
        "name": "Jeanne",
        "phone": "0612345678",
        "email": "j@example.org",
        "reference": "P-12",
    }
    reference = create_request("reservation", details, "a")
    before = load_summary()
    assert delete_personal_data(reference) is True
    stored = get_request(reference)
    assert stored is not None
    assert stored.details["name"] is None
    assert stored.details["phone"] is None
    assert stored.details["email"] is None
    assert stored.details["reference"] == "P-12"
    assert stored.sender_key is None
    assert load_summary() == before
    assert before["requests"]["reservations"] == 1
    assert delete_personal_data("RES-ZZZZ") is False


def test_purge_older_than(count: Callable[[Table], int]) -> None:
    for age in (400, 200, 10, 0):
        create_request("callback", {"phone": "06"}, "a", now=NOW - timedelta(days=age))
    assert purge_older_than(365, NOW) == 1
    assert purge_older_than(30, NOW) == 1
    assert purge_older_than(30, NOW) == 0
    assert count(requests_table) == 2
    with pytest.raises(ValueError):
        purge_older_than(-1, NOW)


def test_concurrent_collisions_are_resolved(count: Callable[[Table], int]) -> None:
    """Threads drawing from a tiny pool collide often; every row still gets its own."""
    pool = [f"RES-{c}{d}AA" for c in "ABCDEFGH" for d in "23456789"]
    counter = iter(range(10**6))
    lock = threading.Lock()

    def factory(kind: str) -> str:
        with lock:
            return pool[(next(counter) // 2) % len(pool)]  # each one handed out twice

    created: list[str] = []

    def worker() -> None:
        for _ in range(5):
            created.append(create_request("reservation", {}, "s", reference_factory=factory))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == len(set(created)) == 20
    assert count(requests_table) == 20


def test_an_appointment_start_takes_its_capacity_and_no_more(db_url: str) -> None:
    slot = Slot("2026-11-24T10:00:00+01:00", capacity=2)
    booked: list[str] = []
    refused: list[BaseException] = []
    start = threading.Barrier(6)

    def customer(n: int) -> None:
        start.wait()
        try:
            booked.append(create_request("appointment", {"n": n}, f"c{n}", slot=slot))
        except SlotTaken as error:
            refused.append(error)

    threads = [threading.Thread(target=customer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(booked), len(refused)) == (2, 4)
    assert appointment_starts("2026-11-24") == [datetime.fromisoformat(slot.start)] * 2
    assert appointment_starts("2026-11-25") == []
    stored = get_request(booked[0])
    assert stored is not None and stored.details["appointment_start"] == slot.start
    # A cancelled appointment gives its place back.
    assert cancel_request(booked[0])
    create_request("appointment", {"n": 7}, "c7", slot=slot)


# --- complaints --------------------------------------------------------------------------------


def test_a_complaint_is_stored_with_its_own_reference(db_url: str) -> None:
    details = {"category": "quote_not_sent", "priority": True, "phone": "06 98 76 54 32"}
    reference = create_request("complaint", details, "client")
    assert re.fullmatch(r"REC-[A-HJ-NP-Z2-9]{4}", reference)
    stored = get_request(reference)
    assert stored is not None and stored.kind == "complaint" and stored.details == details


@pytest.mark.parametrize(
    ("kind", "details"),
    [
        ("complaint", {"priority": True}),  # no category
        ("complaint", {"category": "rude_salesman", "priority": True}),
        ("callback", {"priority": True, "urgency": "broken_window"}),
        ("intervention", {"priority": "oui"}),
    ],
)
def test_unknown_complaint_categories_and_urgencies_are_refused(
    count: Callable[[Table], int], kind: str, details: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        create_request(kind, details, "a")
    assert count(requests_table) == 0


# --- the status told to a customer -------------------------------------------------------------


def test_the_owner_is_told_when_the_appointment_is(db_url: str) -> None:
    reference = create_request(
        "appointment", {"name": "Jeanne"}, "owner", slot=Slot(TUESDAY_10, capacity=2)
    )
    status = status_for(reference.lower(), "owner", f"où en est {reference.lower()}", MONDAY)
    assert status.code is StatusCode.APPOINTMENT_UPCOMING
    assert status.params["reference"] == reference
    assert (status.params["day"], status.params["time"]) == ("mardi 24 novembre", "10 h")
    after = status_for(reference, "owner", "", datetime(2026, 11, 25, tzinfo=timezone.utc))
    assert after.code is StatusCode.APPOINTMENT_PAST


def test_someone_else_learns_nothing_without_the_contact_given(db_url: str) -> None:
    details = {"name": "Yann", "phone": "06 98 76 54 32", "callback_date": "2026-11-24"}
    reference = create_request("callback", details, "owner")
    guessed = status_for(reference, "stranger", f"où en est {reference}", MONDAY)
    assert guessed.code is StatusCode.NOT_YOURS
    assert guessed.params == {"reference": reference}  # nothing about the request
    proved = status_for(reference, "stranger", f"{reference} au 06.98.76.54.32", MONDAY)
    assert proved.code is StatusCode.CALLBACK_RECORDED
    assert status_for("RAP-ZZ9Z", "owner", "", MONDAY).code is StatusCode.UNKNOWN


def test_a_cancelled_request_is_told_cancelled(db_url: str) -> None:
    reference = create_request("complaint", {"category": "other", "priority": True}, "owner")
    assert status_for(reference, "owner", "", MONDAY).code is StatusCode.COMPLAINT_RECORDED
    cancel_request(reference)
    assert status_for(reference, "owner", "", MONDAY).code is StatusCode.CANCELLED


# --- moving an appointment ---------------------------------------------------------------------


def test_the_owner_moves_an_appointment_and_its_place_follows(db_url: str) -> None:
    details = {"name": "Jeanne", "appointment_date": "2026-11-24", "appointment_time": "10:00"}
    reference = create_request("appointment", details, "owner", slot=Slot(TUESDAY_10, 2))
    code = reschedule_appointment(reference, Slot(TUESDAY_11, 2), "owner", "", now=MONDAY)
    assert code is RescheduleCode.MOVED
    stored = get_request(reference)
    assert stored is not None
    assert stored.details["appointment_start"] == TUESDAY_11
    assert stored.details["previous_starts"] == [TUESDAY_10]
    assert stored.details["appointment_time"] == "11:00"
    assert appointment_starts("2026-11-24") == [datetime.fromisoformat(TUESDAY_11)]
    status = status_for(reference, "owner", "", MONDAY)
    assert (status.params["day"], status.params["time"]) == ("mardi 24 novembre", "11 h")
    # Moved again: every earlier start is kept, in order.
    assert reschedule_appointment(reference, Slot(TUESDAY_10, 2), "owner", "") is (
        RescheduleCode.MOVED
    )
    stored = get_request(reference)
    assert stored is not None and stored.details["previous_starts"] == [TUESDAY_10, TUESDAY_11]


def test_a_full_slot_refuses_the_move_and_nothing_changes(db_url: str) -> None:
    full = Slot(TUESDAY_11, capacity=1)
    create_request("appointment", {"name": "Autre"}, "other", slot=full)
    reference = create_request("appointment", {"name": "Jeanne"}, "owner", slot=Slot(TUESDAY_10, 1))
    assert reschedule_appointment(reference, full, "owner", "") is RescheduleCode.SLOT_TAKEN
    stored = get_request(reference)
    assert stored is not None
    assert stored.details["appointment_start"] == TUESDAY_10
    assert "previous_starts" not in stored.details
    assert sorted(appointment_starts("2026-11-24")) == [
        datetime.fromisoformat(TUESDAY_10),
        datetime.fromisoformat(TUESDAY_11),
    ]


def test_an_appointment_does_not_take_room_from_itself(db_url: str) -> None:
    own = Slot(TUESDAY_10, capacity=1)
    reference = create_request("appointment", {"name": "Jeanne"}, "owner", slot=own)
    assert reschedule_appointment(reference, own, "owner", "") is RescheduleCode.MOVED
    stored = get_request(reference)
    assert stored is not None and stored.details["appointment_start"] == TUESDAY_10


def test_a_cancelled_appointment_gives_its_place_to_a_move(db_url: str) -> None:
    slot = Slot(TUESDAY_11, capacity=1)
    taken = create_request("appointment", {}, "other", slot=slot)
    reference = create_request("appointment", {}, "owner", slot=Slot(TUESDAY_10, 1))
    cancel_request(taken)
    assert reschedule_appointment(reference, slot, "owner", "") is RescheduleCode.MOVED


def test_only_the_owner_or_its_contact_may_move_an_appointment(db_url: str) -> None:
    details = {"name": "Jeanne", "contact": "jeanne.legoff@example.fr"}
    reference = create_request("appointment", details, "owner", slot=Slot(TUESDAY_10, 2))
    moved = Slot(TUESDAY_11, 2)
    refused = reschedule_appointment(reference, moved, "stranger", f"déplacer {reference}")
    assert refused is RescheduleCode.NOT_YOURS
    stored = get_request(reference)
    assert stored is not None and stored.details["appointment_start"] == TUESDAY_10
    proved = f"déplacer {reference} Jeanne.LeGoff@example.fr"
    assert reschedule_appointment(reference, moved, "stranger", proved) is RescheduleCode.MOVED


def test_what_cannot_be_moved_says_why(db_url: str) -> None:
    slot = Slot(TUESDAY_11, 2)
    assert reschedule_appointment("RDV-ZZ9Z", slot, "owner", "") is RescheduleCode.UNKNOWN
    quote = create_request("quote", {"project": "pac"}, "owner")
    assert reschedule_appointment(quote, slot, "owner", "") is RescheduleCode.NOT_AN_APPOINTMENT
    cancelled = create_request("appointment", {}, "owner", slot=Slot(TUESDAY_10, 2))
    cancel_request(cancelled)
    assert reschedule_appointment(cancelled, slot, "owner", "") is RescheduleCode.CANCELLED
    assert appointment_starts("2026-11-24") == []


def test_concurrent_moves_into_one_place_let_only_one_in(db_url: str) -> None:
    target = Slot(TUESDAY_11, capacity=1)
    owners = [f"c{n}" for n in range(4)]
    references = [
        create_request("appointment", {}, owner, slot=Slot(TUESDAY_10, 4)) for owner in owners
    ]
    codes: list[RescheduleCode] = []
    start = threading.Barrier(len(owners))

    def move(reference: str, owner: str) -> None:
        start.wait()
        codes.append(reschedule_appointment(reference, target, owner, ""))

    threads = [
        threading.Thread(target=move, args=pair) for pair in zip(references, owners, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == sorted([RescheduleCode.MOVED] + [RescheduleCode.SLOT_TAKEN] * 3)
    assert appointment_starts("2026-11-24").count(datetime.fromisoformat(TUESDAY_11)) == 1
