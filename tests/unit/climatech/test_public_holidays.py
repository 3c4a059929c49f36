"""French public holidays from the `holidays` package, under the names the bot says."""

from __future__ import annotations

from datetime import date

import pytest

from logic.climatech.public_holidays import Holiday, public_holidays
from logic.results import Message
from logic.text.catalogue import render


def test_public_holidays_2027() -> None:
    holidays = public_holidays(2027)
    assert len(holidays) == 11
    assert render(Message(holidays[date(2027, 3, 29)])) == "lundi de Pâques"
    assert render(Message(holidays[date(2027, 5, 6)])) == "Ascension"
    assert render(Message(holidays[date(2027, 5, 17)])) == "lundi de Pentecôte"
    assert render(Message(holidays[date(2027, 12, 25)])) == "Noël"


@pytest.mark.parametrize(
    ("year", "easter_monday", "ascension", "whit_monday"),
    [
        (2024, date(2024, 4, 1), date(2024, 5, 9), date(2024, 5, 20)),
        (2025, date(2025, 4, 21), date(2025, 5, 29), date(2025, 6, 9)),
        (2026, date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)),
        (2027, date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
    ],
)
def test_the_holidays_that_follow_easter(
    year: int, easter_monday: date, ascension: date, whit_monday: date
) -> None:
    holidays = public_holidays(year)
    assert holidays[easter_monday] is Holiday.EASTER_MONDAY
    assert holidays[ascension] is Holiday.ASCENSION
    assert holidays[whit_monday] is Holiday.WHIT_MONDAY


def test_one_day_with_two_holidays_is_named_once() -> None:
    """1 May 2008 was both Labour Day and Ascension: it is said "Ascension"."""
    holidays = public_holidays(2008)
    assert holidays[date(2008, 5, 1)] is Holiday.ASCENSION
    assert holidays[date(2008, 5, 8)] is Holiday.VICTORY_DAY
