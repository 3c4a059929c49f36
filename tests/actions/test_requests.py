"""Submitting, cancelling and erasing requests against a temporary database."""

from __future__ import annotations

from datetime import datetime

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.requests import (
    ActionCancelRequest,
    ActionDeleteMyData,
    ActionSubmitAppointment,
    ActionSubmitReservation,
)
from logic.storage import requests as request_store
from logic.storage.engine import StorageError
from logic.storage.reports import load_summary
from tests.actions.conftest import make_tracker

APPOINTMENT = {
    "contact_name": "Jeanne Le Goff",
    "contact": "06 12 34 56 78",
    "appointment_date": "2026-11-24",
    "appointment_time": "10:00",
    "privacy_notice_shown": True,  # the form asked the name after the notice
}


pytestmark = pytest.mark.usefixtures("db_url")


def _reference(dispatcher: CollectingDispatcher) -> str:
    text = dispatcher.messages[-1]["text"]
    return text.split("Votre référence : ", 1)[1].split()[0]


async def test_submit_stores_one_row_and_gives_the_reference(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await ActionSubmitAppointment().run(dispatcher, make_tracker(slots=APPOINTMENT), {})
    reference = _reference(dispatcher)
    stored = request_store.get_request(reference)
    assert stored is not None and stored.kind == "appointment"
    assert stored.details["name"] == "Jeanne Le Goff"
    assert "mardi 24 novembre" in dispatcher.messages[-1]["text"]
    assert SlotSet("appointment_date", None) in events
    assert SlotSet("contact_name", None) not in events  # kept for the next request


async def test_a_database_failure_is_told_and_keeps_the_answers(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise StorageError("database is locked")

    monkeypatch.setattr(request_store, "create_request", broken)
    events = await ActionSubmitAppointment().run(dispatcher, make_tracker(slots=APPOINTMENT), {})
    assert "n'a pas pu être enregistrée" in dispatcher.messages[0]["text"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/book_appointment"]
    assert not any(e.get("name") == "appointment_date" for e in events)


async def test_an_incomplete_request_is_not_stored(dispatcher: CollectingDispatcher) -> None:
    slots = {"part_reference": "CT-FIL-2035", "quantity": None}
    await ActionSubmitReservation().run(dispatcher, make_tracker(slots=slots), {})
    assert "Il manque" in dispatcher.messages[0]["text"]
    assert load_summary()["requests"]["reservations"] == 0


async def test_cancel_by_reference(dispatcher: CollectingDispatcher) -> None:
    await ActionSubmitAppointment().run(dispatcher, make_tracker(slots=APPOINTMENT), {})
    reference = _reference(dispatcher)
    answer = CollectingDispatcher()
    tracker = make_tracker(latest_message={"text": f"annuler {reference.lower()} svp"})
    await ActionCancelRequest().run(answer, tracker, {})
    assert f"la demande {reference} (rendez-vous) est annulée" in answer.messages[0]["text"]
    stored = request_store.get_request(reference)
    assert stored is not None and stored.cancelled
    again = CollectingDispatcher()
    await ActionCancelRequest().run(again, tracker, {})
    assert "déjà annulée" in again.messages[0]["text"]


async def test_cancel_without_reference_asks_for_it(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(latest_message={"text": "annulez mon rendez-vous"})
    await ActionCancelRequest().run(dispatcher, tracker, {})
    assert "référence" in dispatcher.messages[0]["text"]


async def test_delete_my_data_blanks_the_personal_fields(dispatcher: CollectingDispatcher) -> None:
    await ActionSubmitAppointment().run(dispatcher, make_tracker(slots=APPOINTMENT), {})
    reference = _reference(dispatcher)
    answer = CollectingDispatcher()
    tracker = make_tracker(latest_message={"text": f"supprimez mes données {reference}"})
    events = await ActionDeleteMyData().run(answer, tracker, {})
    assert "effacées" in answer.messages[0]["text"]
    stored = request_store.get_request(reference)
    assert stored is not None and "Jeanne" not in str(stored.details)
    assert SlotSet("contact_name", None) in events


async def test_a_stranger_with_a_guessed_reference_gets_nothing() -> None:
    """Another conversation cannot cancel or erase a request without its contact."""
    made = CollectingDispatcher()
    await ActionSubmitAppointment().run(made, _owner(), {})
    reference = _reference(made)
    for action, words in [(ActionCancelRequest(), "annuler"), (ActionDeleteMyData(), "supprimez")]:
        answer = CollectingDispatcher()
        stranger = make_tracker(latest_message={"text": f"{words} {reference}"}, sender_id="x")
        await action.run(answer, stranger, {})
        assert "Je ne trouve aucune demande" in answer.messages[0]["text"]
    stored = request_store.get_request(reference)
    assert stored is not None and not stored.cancelled and "Jeanne" in str(stored.details)


async def test_the_phone_given_that_day_lets_another_conversation_cancel() -> None:
    made = CollectingDispatcher()
    await ActionSubmitAppointment().run(made, _owner(), {})
    reference = _reference(made)
    answer = CollectingDispatcher()
    text = f"annuler {reference} 0612345678"
    await ActionCancelRequest().run(
        answer, make_tracker(latest_message={"text": text}, sender_id="new-phone"), {}
    )
    assert "annulée" in answer.messages[0]["text"]


def _owner() -> Tracker:
    return make_tracker(slots=APPOINTMENT, sender_id="owner")


async def test_a_slot_taken_meanwhile_is_told_and_nothing_is_stored(
    dispatcher: CollectingDispatcher,
) -> None:
    """Two others confirmed 10 h while this customer was answering: no third at 10 h."""
    for name in ("Anne", "Paul"):
        await ActionSubmitAppointment().run(
            CollectingDispatcher(), make_tracker(slots={**APPOINTMENT, "contact_name": name}), {}
        )
    events = await ActionSubmitAppointment().run(dispatcher, make_tracker(slots=APPOINTMENT), {})
    assert "vient d'être réservé" in dispatcher.messages[0]["text"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/book_appointment"]
    assert (
        request_store.appointment_starts("2026-11-24")
        == [datetime.fromisoformat("2026-11-24T10:00:00+01:00")] * 2
    )
    assert not any(e.get("name") == "appointment_time" for e in events)  # asked again by the form


async def test_the_confirmation_says_the_time_kept_as_a_slot_value(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionSubmitAppointment().run(dispatcher, _owner(), {})
    assert "le mardi 24 novembre, à 10 h, au showroom" in dispatcher.messages[0]["text"]
