"""Customer requests: references, cancellation, personal data, purge, appointment places."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Table

from logic.storage.engine import StorageError
from logic.storage.reports import load_summary
from logic.storage.requests import (
    Slot,
    SlotTaken,
    appointment_starts,
    cancel_request,
    create_request,
    delete_personal_data,
    get_request,
    purge_older_than,
    reference_as_stored,
)
from logic.storage.schema import requests_table, sender_key

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)


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
