"""Days typed in French ("demain", "jeudi", "le 3 décembre", "03/12") and appointment days."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.opening_hours import (
    appointment_slots,
    closure,
    next_available_days,
    to_paris,
)
from logic.climatech.validators.numbers import QUANTITY_WORDS
from logic.results import Message, MessageCode, Result, failure, message, success
from logic.text.formatting import WEEKDAYS, format_date, join_words
from logic.text.matching import normalize

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11,
    "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
WEEKDAY_NUMBERS = {name: index for index, name in enumerate(WEEKDAYS)}
VAGUE_DATE = re.compile(
    r"\b(n importe quand|n importe quel|peu importe|quand vous voulez|quand tu veux|"
    r"comme vous voulez|ca m est egal|sais pas|aucune idee|bientot|un de ces jours|"
    r"plus tard|des que possible|au plus tot|le plus tot possible|rapidement|"
    r"la semaine prochaine|le mois prochain|un jour|a votre convenance)\b"
)


class DateCode(MessageCode):
    """Why a day is refused, and the days proposed instead."""

    IMPOSSIBLE = "validation_date_impossible"
    WRONG_WEEKDAY = "validation_date_wrong_weekday"
    VAGUE = "validation_date_vague"
    NOT_UNDERSTOOD = "validation_date_not_understood"
    PAST = "validation_date_past"
    TOO_FAR = "validation_date_too_far"
    CLOSED = "validation_date_closed"
    TODAY_FULL = "validation_today_full"
    DAY_FULL = "validation_day_full"
    SUGGESTION = "validation_suggestion"


@dataclass(frozen=True)
class _ParsedDate:
    """A date read in a message, or why it cannot be one."""

    day: date | None
    problem: Message | None = None


def _safe_date(year: int, month: int, day: int) -> _ParsedDate:
    try:
        return _ParsedDate(date(year, month, day))
    except ValueError:
        return _ParsedDate(None, message(DateCode.IMPOSSIBLE, day=day, month=month))


def _infer_year(month: int, day: int, today: date) -> int:
    """A date without a year is this year's, unless it is long past (then next year's)."""
    try:
        candidate = date(today.year, month, day)
    except ValueError:
        return today.year
    # 2 months of grace so that "le 10 novembre" on the 23rd reads as a past date.
    return today.year + 1 if candidate < today - timedelta(days=60) else today.year


def _full_year(text: str | None, month: int, day: int, today: date) -> int:
    if not text:
        return _infer_year(month, day, today)
    year = int(text)
    return year + 2000 if year < 100 else year


def _parse_date(text: str, today: date) -> _ParsedDate:
    raw = text.lower()
    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", raw)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = re.search(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b", raw)
    if numeric:
        day, month = int(numeric[1]), int(numeric[2])
        return _safe_date(_full_year(numeric[3], month, day, today), month, day)

    words = normalize(text)
    months = "|".join(MONTHS)
    named = re.search(rf"\b(\d{{1,2}}|premier)(?: er)? ({months})\b(?: (\d{{4}}))?", words)
    if named:
        day = 1 if named[1] == "premier" else int(named[1])
        month = MONTHS[named[2]]
        found = _safe_date(_full_year(named[3], month, day, today), month, day)
        return _check_weekday(words, found)
    if re.search(r"\baujourd hui\b|\bce jour\b", words):
        return _ParsedDate(today)
    if re.search(r"\bavant hier\b", words):
        return _ParsedDate(today - timedelta(days=2))
    if re.search(r"\bhier\b", words):
        return _ParsedDate(today - timedelta(days=1))
    if re.search(r"\bapres demain\b", words):
        return _ParsedDate(today + timedelta(days=2))
    if re.search(r"\bdemain\b", words):
        return _ParsedDate(today + timedelta(days=1))
    later = re.search(
        r"\bdans (\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix) (jours?|semaines?)\b",
        words,
    )
    if later:
        count = int(later[1]) if later[1].isdigit() else QUANTITY_WORDS[later[1]]
        return _ParsedDate(
            today + timedelta(days=count * (7 if later[2].startswith("semaine") else 1))
        )
    dated = re.search(rf"\b({'|'.join(WEEKDAYS)}) (\d{{1,2}})(?: er)?\b(?! h\b| heure)", words)
    if dated:
        return _check_weekday(words, _day_of_month(int(dated[2]), today))
    weekday = re.search(rf"\b({'|'.join(WEEKDAYS)})\b", words)
    if weekday:
        target = WEEKDAY_NUMBERS[weekday[1]]
        if re.search(r"\bsemaine (prochaine|suivante)\b", words):
            monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return _ParsedDate(monday + timedelta(days=target))
        # "lundi" and "lundi prochain" both mean the next Monday after today.
        ahead = (target - today.weekday() - 1) % 7 + 1
        if re.search(r"\ben huit\b", words):
            ahead += 7
        return _ParsedDate(today + timedelta(days=ahead))
    day_only = re.fullmatch(r"(?:le )?(\d{1,2})(?: er)?", words)
    if day_only:
        return _day_of_month(int(day_only[1]), today)
    return _ParsedDate(None)


def _day_of_month(day: int, today: date) -> _ParsedDate:
    """ "le 3": this month, or next month when the 3rd is already past."""
    month, year = today.month, today.year
    if day < today.day:
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return _safe_date(year, month, day)


def _check_weekday(words: str, found: _ParsedDate) -> _ParsedDate:
    """ "lundi 3 décembre" when the 3rd is a Thursday: say so instead of guessing."""
    weekday = re.search(rf"\b({'|'.join(WEEKDAYS)})\b", words)
    if found.day and weekday and WEEKDAY_NUMBERS[weekday[1]] != found.day.weekday():
        real = WEEKDAYS[found.day.weekday()]
        problem = message(
            DateCode.WRONG_WEEKDAY,
            day=format_date(found.day)[len(real) + 1 :],
            year=found.day.year,
            weekday=real,
            said=weekday[1],
        )
        return _ParsedDate(None, problem)
    return found


def parse_french_date(text: str, today: date) -> date | None:
    """The date meant by `text` ("demain", "lundi", "le 3 décembre", "03/12", ISO), or None."""
    return _parse_date(text, today).day


def _suggestion(
    now: datetime, kb: Knowledge, booked: list[datetime], after: date | None = None
) -> Message | str:
    """The next three days with a free slot (from `after`), or "" when there is none.

    `dates` holds them as ISO dates, for the clients that read the structured message.
    """
    start = now
    if after is not None and after > to_paris(now).date():
        start = datetime.combine(after, time(0), tzinfo=to_paris(now).tzinfo)
    days = next_available_days(start, 3, kb, booked)
    if not days:
        return ""
    return message(
        DateCode.SUGGESTION,
        days=join_words([format_date(d) for d in days], "ou"),
        dates=[d.isoformat() for d in days],
    )


def validate_appointment_date(
    text: str,
    now: datetime,
    kb: Knowledge | None = None,
    booked: Iterable[datetime] = (),
) -> Result[date]:
    """A day for an appointment: understood, in the future, open, with a free slot left."""
    kb = kb or load_knowledge()
    booked = list(booked)
    today = to_paris(now).date()
    rules = kb.company.appointment
    words = normalize(text)
    precise = re.search(rf"\d|demain|aujourd hui|{'|'.join(WEEKDAYS)}", words)
    if VAGUE_DATE.search(words) and not precise:
        return failure(DateCode.VAGUE, suggestion=_suggestion(now, kb, booked))
    parsed = _parse_date(text, today)
    if parsed.problem:
        return Result(problem=parsed.problem)
    if parsed.day is None:
        return failure(DateCode.NOT_UNDERSTOOD)
    day = parsed.day
    if day < today:
        return failure(
            DateCode.PAST,
            day=format_date(day, with_year=day.year != today.year),
            suggestion=_suggestion(now, kb, booked),
        )
    last = today + timedelta(days=rules.max_days_ahead)
    if day > last:
        return failure(
            DateCode.TOO_FAR,
            max_days=rules.max_days_ahead,
            last=format_date(last, with_year=True),
        )
    closed = closure(day, kb)
    if closed:
        return failure(
            DateCode.CLOSED, closure=closed, suggestion=_suggestion(now, kb, booked, after=day)
        )
    if not appointment_slots(day, now, kb, booked):
        suggestion = _suggestion(now, kb, booked, after=day)
        if day == today:
            return failure(DateCode.TODAY_FULL, suggestion=suggestion)
        return failure(
            DateCode.DAY_FULL, day=format_date(day), date=day.isoformat(), suggestion=suggestion
        )
    return success(day)
