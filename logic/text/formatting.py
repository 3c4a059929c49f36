"""French formatting of prices, numbers, dates, times and lists for the bot's answers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def format_number(value: float, decimals: int = 1) -> str:
    """3.2 -> "3,2"; 4.0 -> "4"; thousands separated by a space."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def format_price(value: float) -> str:
    """1490 -> "1 490 €"; 14.9 -> "14,90 €" (cents only when there are some)."""
    if float(value).is_integer():
        return f"{int(value):,} €".replace(",", " ")
    return f"{value:,.2f} €".replace(",", " ").replace(".", ",")


def format_kw(value: float) -> str:
    """3.2 -> "3,2 kW"."""
    return f"{format_number(value)} kW"


def format_percent(value: float, decimals: int = 2) -> str:
    """4.8 -> "4,80 %"."""
    return f"{value:.{decimals}f} %".replace(".", ",")


def format_time(value: time) -> str:
    """time(9) -> "9 h"; time(14, 30) -> "14 h 30"."""
    return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")


def format_date(value: date, with_year: bool = False) -> str:
    """date(2026, 12, 1) -> "mardi 1er décembre" (optionally followed by the year)."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month - 1]}"
    return f"{text} {value.year}" if with_year else text


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
