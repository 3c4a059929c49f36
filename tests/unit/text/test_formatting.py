"""French formatting of prices, numbers, dates and lists used by every answer."""

from __future__ import annotations

from datetime import date, time

import pytest

from logic.text.formatting import (
    MONTHS,
    WEEKDAYS,
    capitalize,
    format_date,
    format_kw,
    format_number,
    format_percent,
    format_price,
    format_time,
    join_words,
    numbered,
)


def test_prices_numbers_and_times_in_french() -> None:
    assert format_price(1490) == "1 490 €"
    assert format_price(14.9) == "14,90 €"
    assert format_kw(3.2) == "3,2 kW"
    assert format_kw(4.0) == "4 kW"
    assert format_time(time(9)) == "9 h"
    assert format_time(time(14, 30)) == "14 h 30"
    assert format_date(date(2026, 12, 1)) == "mardi 1er décembre"
    assert format_date(date(2027, 1, 4), with_year=True) == "lundi 4 janvier 2027"
    assert join_words(["a", "b", "c"]) == "a, b et c"
    assert join_words(["a", "b"], "ou") == "a ou b"
    assert numbered(["x", "y"]) == "1. x\n2. y"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (3.2, 1, "3,2"),
        (4.0, 1, "4"),
        (1234567.5, 1, "1 234 567,5"),
        (4.25, 2, "4,25"),
        (4.2, 2, "4,2"),
        (-3.2, 1, "-3,2"),
        (1500, 0, "1 500"),
        (0.15, 1, "0,1"),  # the float is 0.1499…: rounded as Python rounds it
    ],
)
def test_numbers_drop_useless_zeros_and_group_thousands(
    value: float, decimals: int, expected: str
) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0 €"), (9490, "9 490 €"), (137.63, "137,63 €"), (6606.24, "6 606,24 €"), (0.5, "0,50 €")],
)
def test_prices_show_cents_only_when_there_are_some(value: float, expected: str) -> None:
    assert format_price(value) == expected


def test_percentages_keep_their_decimals_without_grouping() -> None:
    assert format_percent(4.8) == "4,80 %"
    assert format_percent(4.91) == "4,91 %"
    assert format_percent(1234.5) == "1234,50 %"
    assert format_percent(12.345, decimals=1) == "12,3 %"


def test_spaces_are_plain_spaces_not_the_locale_s_no_break_ones() -> None:
    for text in (format_price(1490), format_price(14.9), format_number(12345), format_percent(5)):
        assert "\u202f" not in text and "\xa0" not in text


def test_day_and_month_names_and_the_first_of_the_month() -> None:
    assert WEEKDAYS == ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    assert MONTHS[0] == "janvier" and MONTHS[7] == "août" and MONTHS[11] == "décembre"
    assert format_date(date(2026, 11, 23)) == "lundi 23 novembre"
    assert format_date(date(2027, 2, 1), with_year=True) == "lundi 1er février 2027"


def test_capitalize_leaves_the_rest_alone() -> None:
    assert capitalize("aria 25") == "Aria 25"
    assert capitalize("pAC") == "PAC"
    assert capitalize("") == ""
    assert join_words([]) == "" and join_words(["seul"]) == "seul"
