"""The appointment customer reads the form's state: a day or a time asked again is full."""

from __future__ import annotations

import random
from datetime import date, time

from bench.loadtest.appointment import RETRY_PAYLOAD, SUBMIT, Appointment, typed_time
from bench.loadtest.flows import End
from bench.loadtest.showroom import Span
from bench.loadtest.turns import Turn

TOMORROW = date(2026, 11, 24)


def _asks(slot: str, **slots: str) -> Turn:
    return Turn(slots={"requested_slot": slot, **slots})


def _appointment_user(free: list[time] | None = None) -> Appointment:
    flow = Appointment(
        random.Random(3), "load-u001-f001", "06 12 34 56 78", lambda day: list(free or [])
    )
    message = flow.first()
    for slot in ("contact_name", "contact", "appointment_date"):
        message = flow.react(_asks(slot))
    if message == "dimanche":  # refused: the day is asked again
        message = flow.react(_asks("appointment_date"))
    assert isinstance(message, str) and flow.last == "day"
    return flow


def test_a_user_takes_a_free_time_then_the_race_button() -> None:
    flow = _appointment_user(free=[time(10), time(10, 30), time(14)])
    flow.day, flow.last = TOMORROW, "day"
    typed = flow.react(_asks("appointment_time", appointment_date="2026-11-24"))
    assert isinstance(typed, str) and flow.last == "time"
    flow.span = Span(time(10))  # as if "10h" was typed
    chosen = flow.react(_asks("appointment_time", appointment_date="2026-11-24"))
    assert chosen in ("10h30", "14h") and flow.events["slot full"] == 1  # 10 h: refused
    race = Turn(
        actions=(SUBMIT,),
        payloads=(RETRY_PAYLOAD,),
        slots={"appointment_date": "2026-11-24", "appointment_time": "14:00"},
    )
    assert flow.react(race) == RETRY_PAYLOAD and flow.events["race"] == 1
    no_button = flow.react(Turn(actions=(SUBMIT,), slots={"appointment_time": "14:00"}))
    assert isinstance(no_button, End) and no_button.wrong
    assert [c.span for c in flow.claims] == [Span(time(10)), Span(time(14))]
    # After the button, the form checks the day first: it may be full by now.
    flow.last = "retry"
    assert isinstance(flow.react(_asks("appointment_date")), str) and flow.last == "day"
    assert flow.events["day full"] == 1 and TOMORROW in flow.full_days


def test_a_confirmation_must_give_the_time_asked() -> None:
    flow = _appointment_user()
    flow.day, flow.last = TOMORROW, "time"
    flow.span = Span(time(0), time(12, 30))  # "le matin"
    confirmed = Turn(
        actions=("appointment_form", SUBMIT),
        slot_events=(("appointment_time", "09:30"), ("appointment_time", None)),
        references=("RDV-AB23",),
    )
    end = flow.react(confirmed)
    assert isinstance(end, End) and end.request
    assert end.request.endswith("|2026-11-24|09:30|2026-11-24T09:30:00+01:00")
    flow.span = Span(time(14))
    late = Turn(
        actions=(SUBMIT,), slot_events=(("appointment_time", "15:00"),), references=("RDV-AB23",)
    )
    wrong = flow.react(late)
    assert isinstance(wrong, End) and wrong.wrong


def test_a_day_understood_otherwise_is_wrong() -> None:
    flow = _appointment_user()
    flow.day = TOMORROW
    end = flow.react(_asks("appointment_time", appointment_date="2026-11-25"))
    assert isinstance(end, End) and end.wrong


def test_every_day_full_ends_without_a_slot() -> None:
    flow = _appointment_user()
    ends = [flow.react(_asks("appointment_date")) for _ in range(12)]
    assert End(no_slot=True) in ends
    assert flow.events["day full"] >= 1


def test_customers_type_times_like_people() -> None:
    assert typed_time(time(10)) == "10h"
    assert typed_time(time(14, 30)) == "14h30"
