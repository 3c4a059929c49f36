"""Form validation: bad values are explained and asked again; good ones are normalised."""

from __future__ import annotations

from datetime import date

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import (
    ValidateAdviserForm,
    ValidateAppointmentForm,
    ValidateReservationForm,
)
from logic.climatech import opening_hours
from logic.storage import requests as request_store
from tests.actions.conftest import make_tracker


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", "2026-11-23T15:00:00+01:00")  # a Monday


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("hier", "passé"),
        ("dimanche", "dimanche"),
        ("n'importe quand", "jour précis"),
        ("le 31/02", ""),
    ],
)
async def test_bad_appointment_days_are_refused_with_a_reason(
    answer: str, reason: str, dispatcher: CollectingDispatcher
) -> None:
    result = await ValidateAppointmentForm().validate_appointment_date(
        answer, dispatcher, make_tracker(), {}
    )
    assert result == {"appointment_date": None}
    assert reason in dispatcher.messages[0]["text"]


async def test_a_good_day_then_a_time_within_opening_hours(
    dispatcher: CollectingDispatcher,
) -> None:
    form = ValidateAppointmentForm()
    day = await form.validate_appointment_date("demain", dispatcher, make_tracker(), {})
    assert day == {"appointment_date": "2026-11-24"}
    tracker = make_tracker(slots=day)
    assert await form.validate_appointment_time("7h", dispatcher, tracker, {}) == {
        "appointment_time": None
    }
    ten = await form.validate_appointment_time("10h", dispatcher, tracker, {})
    assert ten["appointment_time"]


@pytest.mark.parametrize("value", ["0", "500", "beaucoup"])
def test_quantities_out_of_range_are_refused(value: str, dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"part_reference": "CT-FIL-2035"})
    result = ValidateReservationForm().validate_quantity(value, dispatcher, tracker, {})
    assert result == {"quantity": None}
    assert dispatcher.messages


def test_crafted_unknown_reference_is_refused(dispatcher: CollectingDispatcher) -> None:
    result = ValidateReservationForm().validate_part_reference(
        "CT-NOP-0000", dispatcher, make_tracker(), {}
    )
    assert result == {"part_reference": None}
    assert "n'existe pas" in dispatcher.messages[0]["text"]


def test_a_known_reference_is_accepted(dispatcher: CollectingDispatcher) -> None:
    result = ValidateReservationForm().validate_part_reference(
        "ct-fil-2035", dispatcher, make_tracker(), {}
    )
    assert result == {"part_reference": "CT-FIL-2035"}


def test_adviser_understands_free_answers(dispatcher: CollectingDispatcher) -> None:
    form = ValidateAdviserForm()
    assert form.validate_need("les deux", dispatcher, make_tracker(), {}) == {"need": "les_deux"}
    assert form.validate_insulation("mal isolée", dispatcher, make_tracker(), {}) == {
        "insulation": "faible"
    }
    assert form.validate_rooms("trois", dispatcher, make_tracker(), {}) == {"rooms": "3"}


def _book(start: str, times: int) -> None:
    for _ in range(times):
        request_store.create_request(
            "appointment", {"name": "X"}, "someone", slot=request_store.Slot(start, capacity=2)
        )


async def test_a_full_time_is_refused_with_the_free_ones(dispatcher: CollectingDispatcher) -> None:
    _book("2026-11-24T10:00:00+01:00", times=2)  # both salespeople are taken at 10 h
    form = ValidateAppointmentForm()
    tracker = make_tracker(slots={"appointment_date": "2026-11-24"})
    assert await form.validate_appointment_time("10h", dispatcher, tracker, {}) == {
        "appointment_time": None
    }
    refusal = dispatcher.messages[0]["text"]
    assert "10 h est complet" in refusal and "10 h 30" in refusal
    problem = dispatcher.messages[0]["problem"]  # what clients read instead of the wording
    assert problem["code"] == "validation_slot_full" and problem["params"]["start"] == "10:00"
    assert "10:30" in problem["params"]["free"]["params"]["starts"]
    half_past = await form.validate_appointment_time("10h30", dispatcher, tracker, {})
    assert half_past["appointment_time"]
    # "le matin" books the first free start of the morning, not the full 10 h.
    morning = await form.validate_appointment_time("le matin", dispatcher, tracker, {})
    assert morning["appointment_time"] and "10 h" not in morning["appointment_time"]


async def test_a_day_without_a_free_slot_is_refused(dispatcher: CollectingDispatcher) -> None:
    for start in opening_hours.slot_starts(date(2026, 11, 24)):
        _book(start.isoformat(), times=2)
    result = await ValidateAppointmentForm().validate_appointment_date(
        "demain", dispatcher, make_tracker(), {}
    )
    assert result == {"appointment_date": None}
    assert "mercredi 25 novembre" in dispatcher.messages[0]["text"]


async def test_a_full_part_of_the_day_keeps_the_day(dispatcher: CollectingDispatcher) -> None:
    """ "en fin de journée" is full: other times of that day are proposed, the day stays."""
    for start in opening_hours.slot_starts(date(2026, 11, 24)):
        if start.hour >= 17:
            _book(start.isoformat(), times=2)
    tracker = make_tracker(slots={"appointment_date": "2026-11-24"})
    result = await ValidateAppointmentForm().validate_appointment_time(
        "en fin de journée", dispatcher, tracker, {}
    )
    assert result == {"appointment_time": None}  # the day is not asked again
    assert "Créneaux encore libres" in dispatcher.messages[0]["text"]


async def test_a_part_of_the_day_is_confirmed_as_the_start_it_books(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"appointment_date": "2026-11-24"})
    result = await ValidateAppointmentForm().validate_appointment_time(
        "le matin", dispatcher, tracker, {}
    )
    assert result == {"appointment_time": "09:00"}


async def test_a_closed_day_asks_the_day_again(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"appointment_date": "2026-11-29"})  # a Sunday
    result = await ValidateAppointmentForm().validate_appointment_time(
        "10h", dispatcher, tracker, {}
    )
    assert result == {"appointment_time": None, "appointment_date": None}
    assert dispatcher.messages[0]["text"] == (
        "Le showroom est fermé le dimanche. Choisissez un autre jour."
    )
