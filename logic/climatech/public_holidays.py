"""The public holidays of metropolitan France, from the `holidays` package, named by code."""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays

from logic.results import MessageCode


class Holiday(MessageCode):
    """A public holiday; the catalogue holds its French name."""

    NEW_YEAR = "hours_holiday_new_year"
    EASTER_MONDAY = "hours_holiday_easter_monday"
    LABOUR_DAY = "hours_holiday_labour_day"
    VICTORY_DAY = "hours_holiday_victory_day"
    ASCENSION = "hours_holiday_ascension"
    WHIT_MONDAY = "hours_holiday_whit_monday"
    NATIONAL_DAY = "hours_holiday_national_day"
    ASSUMPTION = "hours_holiday_assumption"
    ALL_SAINTS = "hours_holiday_all_saints"
    ARMISTICE = "hours_holiday_armistice"
    CHRISTMAS = "hours_holiday_christmas"


# The package's English names are its stable identifiers; the French ones are the bot's.
_BY_NAME = {
    "New Year's Day": Holiday.NEW_YEAR,
    "Easter Monday": Holiday.EASTER_MONDAY,
    "Labor Day": Holiday.LABOUR_DAY,
    "Victory Day": Holiday.VICTORY_DAY,
    "Ascension Day": Holiday.ASCENSION,
    "Whit Monday": Holiday.WHIT_MONDAY,
    "National Day": Holiday.NATIONAL_DAY,
    "Assumption Day": Holiday.ASSUMPTION,
    "All Saints' Day": Holiday.ALL_SAINTS,
    "Armistice Day": Holiday.ARMISTICE,
    "Christmas Day": Holiday.CHRISTMAS,
}


@cache
def public_holidays(year: int) -> dict[date, Holiday]:
    """The public holidays of metropolitan France in `year`, in date order.

    When two fall on one day (Ascension on 1 or 8 May), the later in `Holiday` names it.
    """
    found = holidays.country_holidays("FR", years=year, language="en_US")
    order = list(Holiday)
    return {
        day: max((_BY_NAME[name] for name in names.split("; ")), key=order.index)
        for day, names in sorted(found.items())
    }
