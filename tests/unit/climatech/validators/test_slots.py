"""Times as customers type them, within the opening hours and the free slots."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from logic.climatech.opening_hours import PARIS
from logic.climatech.validators.slots import (
    SlotCode,
    appointment_start,
    changes_day,
    parse_french_time,
    validate_time_slot,
)
from logic.text.catalogue import render
from tests.unit.climatech.texts import said

NOW = datetime(2026, 11, 23, 23, 54, tzinfo=PARIS)  # Monday night
TUESDAY = date(2026, 11, 24)
MONDAY = date(2026, 11, 30)
SATURDAY = date(2026, 11, 28)


# --- time slots --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10h", time(10)),
        ("14h30", time(14, 30)),
        ("14 h 30", time(14, 30)),
        ("à 9:30", time(9, 30)),
        ("10 heures", time(10)),
        ("2h de l'après-midi", time(14)),
        ("vers 11", time(11)),
        ("midi", time(12)),
        ("le matin", "matin"),
        ("l'après-midi", "apres midi"),
        ("en fin de journée", "fin de journee"),
        ("10 habitants", None),
    ],
)
def test_french_times_are_understood(text: str, expected: time | str | None) -> None:
    assert parse_french_time(text) == expected


def test_a_precise_time_within_opening_hours() -> None:
    result = validate_time_slot("14h30", TUESDAY, NOW)
    assert result.value is not None
    assert (
        result.value.exact
        and result.value.start == time(14, 30)
        and result.value.end == time(15, 30)
    )
    assert render(result.value.label) == "à 14 h 30"


def test_a_part_of_the_day_lists_its_free_starts() -> None:
    result = validate_time_slot("le matin", TUESDAY, NOW)
    assert result.value is not None and not result.value.exact
    assert result.value.starts == (time(9), time(9, 30), time(10), time(10, 30), time(11))
    assert render(result.value.label) == "entre 9 h et 12 h"


@pytest.mark.parametrize(
    ("text", "day", "fragment"),
    [
        ("12h30", TUESDAY, "À 12 h 30, le showroom est fermé"),
        ("18h", TUESDAY, "le dernier commence à 17 h 30"),
        ("10h", MONDAY, "nous sommes ouverts de 14 h à 18 h 30"),
        ("le matin", MONDAY, "en dehors de nos horaires"),
        ("l'après-midi", SATURDAY, "en dehors de nos horaires"),
        ("15h15", MONDAY, "à l'heure ou à la demie"),
        ("n'importe quand", TUESDAY, "Il me faut une heure"),
        ("bientôt", TUESDAY, "Je n'ai pas compris l'heure"),
        ("10h", date(2026, 11, 29), "fermé le dimanche"),
    ],
)
def test_bad_times_are_explained(text: str, day: date, fragment: str) -> None:
    result = validate_time_slot(text, day, NOW)
    assert not result.ok
    assert said(result) is not None and fragment in said(result)


def test_times_too_close_or_past_or_full() -> None:
    morning = datetime(2026, 11, 24, 10, 5, tzinfo=PARIS)
    past = said(validate_time_slot("9h", TUESDAY, morning))
    assert past is not None and "déjà passé" in past and "14 h" in past
    close = said(validate_time_slot("11h", TUESDAY, morning))
    assert close is not None and "au moins 2 heures à l'avance" in close
    two = [datetime(2026, 11, 30, 15, 0, tzinfo=PARIS)] * 2
    full = said(validate_time_slot("15h", MONDAY, NOW, booked=two))
    assert full is not None and "15 h est complet" in full and "15 h 30" in full


@pytest.mark.parametrize(
    ("typed", "value", "start"),
    [("10h", "10:00", "10:00"), ("14h30", "14:30", "14:30"), ("le matin", "09:00-12:00", "09:00")],
)
def test_the_slot_value_kept_gives_the_start_it_books(typed: str, value: str, start: str) -> None:
    tuesday = date(2026, 11, 24)
    accepted = validate_time_slot(typed, tuesday, NOW)
    assert accepted.value is not None and accepted.value.value == value
    booked = appointment_start(tuesday, value)
    assert booked is not None and booked.isoformat() == f"2026-11-24T{start}:00+01:00"
    assert appointment_start(tuesday, "à 10 h") is None  # a slot value, never wording


def test_only_a_closed_day_or_a_day_without_free_slot_changes_the_day() -> None:
    sunday = validate_time_slot("10h", date(2026, 11, 29), NOW)
    assert sunday.code is SlotCode.DAY_CLOSED and changes_day(sunday.problem)
    evening = datetime(2026, 11, 24, 17, 0, tzinfo=PARIS)
    nothing_left = validate_time_slot("17h30", TUESDAY, evening)
    assert nothing_left.code is SlotCode.TOO_CLOSE and changes_day(nothing_left.problem)
    two = [datetime(2026, 11, 30, 15, 0, tzinfo=PARIS)] * 2
    full = validate_time_slot("15h", MONDAY, NOW, booked=two)
    assert full.code is SlotCode.FULL and not changes_day(full.problem)
    assert full.problem is not None and full.problem.params["start"] == "15:00"
    assert "15:30" in full.problem.params["free"].params["starts"]
    assert not changes_day(None)
