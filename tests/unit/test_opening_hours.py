"""Opening hours with a fixed clock: holidays, open/closed status, next opening, slots."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from logic.opening_hours import (
    PARIS,
    appointment_slots,
    closure_reason,
    day_hours_text,
    easter_sunday,
    hours_text,
    is_open,
    next_available_days,
    next_opening,
    public_holidays,
    status_text,
)

MONDAY_NIGHT = datetime(2026, 11, 23, 23, 54, tzinfo=PARIS)  # "il fait nuit chez vous"
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 5, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_public_holidays_2027() -> None:
    holidays = public_holidays(2027)
    assert len(holidays) == 11
    assert holidays[date(2027, 3, 29)] == "lundi de Pâques"
    assert holidays[date(2027, 5, 6)] == "Ascension"
    assert holidays[date(2027, 5, 17)] == "lundi de Pentecôte"
    assert holidays[date(2027, 12, 25)] == "Noël"


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


def test_status_text_says_why_and_when() -> None:
    assert status_text(MONDAY_NIGHT) == "Le showroom est fermé. Il rouvre demain à 9 h."
    assert status_text(TUESDAY_MORNING) == "Le showroom est ouvert jusqu'à 12 h."
    assert status_text(datetime(2026, 12, 25, 10, 0, tzinfo=PARIS)) == (
        "Le vendredi 25 décembre est férié (Noël) : le showroom est fermé. Il rouvre demain à 9 h."
    )
    assert status_text(datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)) == (
        "Le showroom est fermé le dimanche. Il rouvre demain à 14 h."
    )


def test_closure_reasons() -> None:
    assert closure_reason(date(2026, 11, 29)) == "le showroom est fermé le dimanche"
    assert closure_reason(date(2027, 1, 2)) == (
        "le showroom est fermé le samedi 2 janvier (inventaire annuel)"
    )
    assert closure_reason(date(2026, 11, 24)) is None
    assert closure_reason(date(2026, 12, 24)) is None  # open in the morning


def test_hours_text_groups_identical_days() -> None:
    assert hours_text().splitlines() == [
        "Lundi : 14 h – 18 h 30",
        "Du mardi au vendredi : 9 h – 12 h et 14 h – 18 h 30",
        "Samedi : 9 h – 12 h 30",
        "Dimanche : fermé",
        "Fermé les jours fériés.",
    ]
    assert day_hours_text(date(2026, 12, 24)) == "jeudi 24 décembre : 9 h – 12 h (veille de Noël)"
    assert day_hours_text(date(2026, 12, 25)) == "vendredi 25 décembre : fermé"


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
