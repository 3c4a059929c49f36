"""Opening hours with a fixed clock: holidays, open/closed status, next opening, slots."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from logic.climatech.opening_hours import (
    PARIS,
    HoursCode,
    appointment_slots,
    closure,
    day_hours,
    is_open,
    next_available_days,
    next_opening,
    status,
    unusual_hours,
    week_hours,
)
from logic.results import Message
from logic.text.catalogue import render

MONDAY_NIGHT = datetime(2026, 11, 23, 23, 54, tzinfo=PARIS)  # "il fait nuit chez vous"
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 5, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 24, 9, 0), True),  # opening minute
        (datetime(2026, 11, 24, 11, 59), True),
        (datetime(2026, 11, 24, 12, 0), False),  # lunch break
        (datetime(2026, 11, 24, 18, 30), False),  # closing minute
        (datetime(2026, 11, 23, 10, 0), False),  # Monday morning
        (datetime(2026, 11, 23, 15, 0), True),  # Monday afternoon
        (datetime(2026, 11, 28, 12, 15), True),  # Saturday until 12:30
        (datetime(2026, 11, 29, 10, 0), False),  # Sunday
        (datetime(2026, 12, 25, 10, 0), False),  # Christmas (a Friday)
        (datetime(2026, 12, 24, 15, 0), False),  # Christmas Eve: mornings only
        (datetime(2027, 3, 29, 15, 0), False),  # Easter Monday
    ],
)
def test_is_open(moment: datetime, expected: bool) -> None:
    assert is_open(moment.replace(tzinfo=PARIS)) is expected


def test_a_naive_or_utc_clock_is_read_in_paris_time() -> None:
    # 08:30 UTC is 09:30 in Paris in November (UTC+1): open.
    assert is_open(datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc))
    assert is_open(datetime(2026, 11, 24, 9, 30))  # naive = Paris


def test_next_opening_skips_the_night_sundays_and_holidays() -> None:
    assert next_opening(MONDAY_NIGHT) == datetime(2026, 11, 24, 9, 0, tzinfo=PARIS)
    saturday_evening = datetime(2026, 11, 28, 19, 0, tzinfo=PARIS)
    assert next_opening(saturday_evening) == datetime(2026, 11, 30, 14, 0, tzinfo=PARIS)
    # 31 Dec afternoon -> 1 Jan holiday -> 2 Jan inventory -> 3 Jan Sunday -> Monday 14:00.
    new_year_eve = datetime(2026, 12, 31, 15, 0, tzinfo=PARIS)
    assert next_opening(new_year_eve) == datetime(2027, 1, 4, 14, 0, tzinfo=PARIS)


def test_status_says_why_and_when() -> None:
    assert render(status(MONDAY_NIGHT)) == "Le showroom est fermé. Il rouvre demain à 9 h."
    assert render(status(TUESDAY_MORNING)) == "Le showroom est ouvert jusqu'à 12 h."
    assert status(TUESDAY_MORNING).code is HoursCode.OPEN_UNTIL
    assert render(status(datetime(2026, 12, 25, 10, 0, tzinfo=PARIS))) == (
        "Le vendredi 25 décembre est férié (Noël) : le showroom est fermé. Il rouvre demain à 9 h."
    )
    assert render(status(datetime(2026, 11, 29, 10, 0, tzinfo=PARIS))) == (
        "Le showroom est fermé le dimanche. Il rouvre demain à 14 h."
    )


def _closure_text(day: date) -> str | None:
    found = closure(day)
    return render(found) if found else None


def test_closures() -> None:
    assert _closure_text(date(2026, 11, 29)) == "Le showroom est fermé le dimanche."
    assert _closure_text(date(2027, 1, 2)) == (
        "Le showroom est fermé le samedi 2 janvier (inventaire annuel)."
    )
    assert closure(date(2026, 11, 29)) == Message(HoursCode.CLOSED_WEEKDAY, {"weekday": "dimanche"})
    assert closure(date(2026, 11, 24)) is None
    assert closure(date(2026, 12, 24)) is None  # open in the morning


def test_week_hours_group_identical_days() -> None:
    assert render(week_hours()).splitlines() == [
        "Lundi : 14 h – 18 h 30",
        "Du mardi au vendredi : 9 h – 12 h et 14 h – 18 h 30",
        "Samedi : 9 h – 12 h 30",
        "Dimanche : fermé",
        "Fermé les jours fériés.",
    ]
    assert render(day_hours(date(2026, 12, 24))) == (
        "jeudi 24 décembre : 9 h – 12 h (veille de Noël)"
    )
    assert render(day_hours(date(2026, 12, 25))) == "vendredi 25 décembre : fermé"
    assert (
        render(day_hours(date(2026, 11, 24))) == "mardi 24 novembre : 9 h – 12 h et 14 h – 18 h 30"
    )


def test_unusual_days_are_the_special_ones_and_the_holidays_of_open_days() -> None:
    christmas_eve = unusual_hours(date(2026, 12, 24))
    assert (
        christmas_eve is not None and render(christmas_eve) == "ouvert 9 h – 12 h (veille de Noël)"
    )
    christmas = unusual_hours(date(2026, 12, 25))
    assert christmas is not None and render(christmas) == "fermé (Noël)"
    assert unusual_hours(date(2026, 11, 29)) is None  # a Sunday is closed anyway
    assert unusual_hours(date(2026, 11, 24)) is None


def test_slots_end_before_closing_and_respect_the_notice() -> None:
    tuesday = [s.strftime("%H:%M") for s in appointment_slots(date(2026, 11, 24), MONDAY_NIGHT)]
    assert tuesday[:2] == ["09:00", "09:30"] and tuesday[-1] == "17:30"
    assert "11:30" not in tuesday and "12:00" not in tuesday  # 1 h meetings end by noon
    today = [s.strftime("%H:%M") for s in appointment_slots(date(2026, 11, 24), TUESDAY_MORNING)]
    assert today[0] == "14:00"  # 10:05 + 2 h notice leaves only the afternoon
    assert appointment_slots(date(2026, 11, 29), MONDAY_NIGHT) == []


def test_a_slot_is_full_when_both_salespeople_are_booked() -> None:
    ten = datetime(2026, 11, 25, 10, 0, tzinfo=PARIS)
    once = appointment_slots(date(2026, 11, 25), MONDAY_NIGHT, booked=[ten])
    twice = appointment_slots(date(2026, 11, 25), MONDAY_NIGHT, booked=[ten, ten])
    assert ten in once
    assert ten not in twice


def test_next_available_days_skip_closed_days() -> None:
    christmas_eve = datetime(2026, 12, 24, 20, 0, tzinfo=PARIS)
    assert next_available_days(christmas_eve, 2) == [date(2026, 12, 26), date(2026, 12, 28)]
