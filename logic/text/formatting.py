"""French formatting of prices, numbers, dates, times and lists for the bot's answers.

Numbers, prices, weekday and month names come from babel's French locale data. The bot
writes ordinary spaces where CLDR puts no-break ones (thousands, before "€"), so that every
answer stays plain text that a customer can copy and that the tests can compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time

from babel.dates import format_date as babel_date
from babel.dates import get_day_names, get_month_names
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
WEEKDAYS = tuple(get_day_names("wide", locale=LOCALE)[index] for index in range(7))
MONTHS = tuple(get_month_names("wide", locale=LOCALE)[index] for index in range(1, 13))
_NO_BREAK_SPACES = str.maketrans({"\u202f": " ", "\xa0": " "})


def _plain(text: str) -> str:
    return text.translate(_NO_BREAK_SPACES)


def format_number(value: float, decimals: int = 1) -> str:
    """3.2 -> "3,2"; 4.0 -> "4"; thousands separated by a space."""
    # round() first: Python rounds the float's exact binary value, as the answers always did.
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return _plain(format_decimal(round(value, decimals), format=pattern, locale=LOCALE))


def format_price(value: float) -> str:
    """1490 -> "1 490 €"; 14.9 -> "14,90 €" (cents only when there are some)."""
    pattern = "#,##0 ¤" if float(value).is_integer() else "#,##0.00 ¤"
    text = format_currency(
        round(value, 2), "EUR", format=pattern, currency_digits=False, locale=LOCALE
    )
    return _plain(text)


def format_kw(value: float) -> str:
    """3.2 -> "3,2 kW"."""
    return f"{format_number(value)} kW"


def format_percent(value: float, decimals: int = 2) -> str:
    """4.8 -> "4,80 %" (no thousands separator, always `decimals` digits)."""
    pattern = "0" + ("." + "0" * decimals if decimals > 0 else "")
    return _plain(format_decimal(round(value, decimals), format=pattern, locale=LOCALE)) + " %"


def format_time(value: time) -> str:
    """time(9) -> "9 h"; time(14, 30) -> "14 h 30"."""
    return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")


def format_date(value: date, with_year: bool = False) -> str:
    """date(2026, 12, 1) -> "mardi 1er décembre" (optionally followed by the year)."""
    day = "1er" if value.day == 1 else str(value.day)
    pattern = f"EEEE '{day}' MMMM" + (" y" if with_year else "")
    return babel_date(value, pattern, locale=LOCALE)


def join_words(items: Iterable[str], last: str = "et") -> str:
    """["a", "b", "c"] -> "a, b et c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def numbered(steps: Sequence[str]) -> str:
    """Steps as a numbered list, one per line."""
    return "\n".join(f"{index}. {step}" for index, step in enumerate(steps, 1))


def capitalize(text: str) -> str:
    """First letter upper-case, the rest untouched ("aria 25" -> "Aria 25")."""
    return text[:1].upper() + text[1:]
