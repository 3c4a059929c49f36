"""Showroom opening hours: closures, open/closed status, next opening, appointment slots.

Every function takes the current moment explicitly (`now`), so tests use a fixed clock.
A naive `now` is read as Paris time; an aware one is converted to Paris time. What is said
about the hours is returned as catalogue messages (keys `hours_*`), rendered by the callers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, Period
from logic.climatech.public_holidays import public_holidays
from logic.results import Listing, Message, MessageCode, message
from logic.text.formatting import WEEKDAYS, capitalize, format_date, format_time

PARIS = ZoneInfo("Europe/Paris")
LOOKAHEAD_DAYS = 60  # the longest closure we may have to skip (holidays + special days)


class HoursCode(MessageCode):
    """What the bot says about the showroom's hours."""

    CLOSED_SPECIAL = "hours_closed_special"
    CLOSED_HOLIDAY = "hours_closed_holiday"
    CLOSED_WEEKDAY = "hours_closed_weekday"
    CLOSED = "hours_closed"
    CLOSED_FOR_NOW = "hours_closed_for_now"
    OPEN_UNTIL = "hours_open_until"
    REOPENS = "hours_reopens"
    TODAY = "hours_today"
    TOMORROW = "hours_tomorrow"
    PERIOD = "hours_period"
    CLOSED_WORD = "hours_closed_word"
    WEEK_DAY = "hours_week_day"
    WEEK_DAYS = "hours_week_days"
    CLOSED_ON_HOLIDAYS = "hours_closed_on_holidays"
    DAY_CLOSED = "hours_day_closed"
    DAY_OPEN = "hours_day_open"
    DAY_SPECIAL = "hours_day_special"
    NOTICE_OPEN = "hours_notice_open"
    NOTICE_CLOSED = "hours_notice_closed"


def to_paris(now: datetime) -> datetime:
    """`now` as a Paris wall-clock time (naive inputs are taken as Paris time)."""
    if now.tzinfo is None:
        return now.replace(tzinfo=PARIS)
    return now.astimezone(PARIS)


def closure(day: date, kb: Knowledge | None = None) -> Message | None:
    """Why the showroom is closed all day on `day` (a full sentence), or None if it opens.

    A special day of the knowledge files comes first, then public holidays, then the week.
    """
    kb = kb or load_knowledge()
    company = kb.company
    special = company.special_days.get(day)
    if special is not None:
        if special.periods:
            return None
        return message(HoursCode.CLOSED_SPECIAL, day=format_date(day), reason=special.reason)
    holiday = public_holidays(day.year).get(day)
    if holiday and company.closed_on_public_holidays:
        return message(HoursCode.CLOSED_HOLIDAY, day=format_date(day), holiday=Message(holiday))
    if not company.weekly_hours[day.weekday()]:
        return message(HoursCode.CLOSED_WEEKDAY, weekday=WEEKDAYS[day.weekday()])
    return None


def periods_on(day: date, kb: Knowledge | None = None) -> tuple[Period, ...]:
    """Opening periods of `day`, empty when closed (holiday, Sunday, special day)."""
    kb = kb or load_knowledge()
    if closure(day, kb):
        return ()
    special = kb.company.special_days.get(day)
    return special.periods if special else kb.company.weekly_hours[day.weekday()]


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=PARIS)


def is_open(now: datetime, kb: Knowledge | None = None) -> bool:
    """True when the showroom (and its phone line) is open at `now`."""
    now = to_paris(now)
    return any(p.start <= now.time() < p.end for p in periods_on(now.date(), kb))


def closing_time(now: datetime, kb: Knowledge | None = None) -> datetime | None:
    """When the current opening period ends, or None if closed at `now`."""
    now = to_paris(now)
    for period in periods_on(now.date(), kb):
        if period.start <= now.time() < period.end:
            return _at(now.date(), period.end)
    return None


def next_opening(now: datetime, kb: Knowledge | None = None) -> datetime | None:
    """Start of the next opening period strictly after `now` (None if none in 60 days)."""
    now = to_paris(now)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = now.date() + timedelta(days=offset)
        for period in periods_on(day, kb):
            start = _at(day, period.start)
            if start > now:
                return start
    return None


def _day_phrase(day: date, today: date) -> Message | str:
    if day == today:
        return Message(HoursCode.TODAY)
    if day == today + timedelta(days=1):
        return Message(HoursCode.TOMORROW)
    return format_date(day)


def periods_listing(periods: Iterable[Period]) -> Listing:
    """ "9 h – 12 h et 14 h – 18 h 30"."""
    return Listing(
        [
            message(HoursCode.PERIOD, start=format_time(p.start), end=format_time(p.end))
            for p in periods
        ],
        style="words",
    )


def status(now: datetime, kb: Knowledge | None = None) -> Message:
    """ "Le showroom est ouvert jusqu'à 18 h 30." or when and why it reopens."""
    now = to_paris(now)
    closes = closing_time(now, kb)
    if closes is not None:
        return message(HoursCode.OPEN_UNTIL, time=format_time(closes.time()))
    reopening = next_opening(now, kb)
    if reopening is None:
        return Message(HoursCode.CLOSED_FOR_NOW)
    return message(
        HoursCode.REOPENS,
        closed=closure(now.date(), kb) or Message(HoursCode.CLOSED),
        when=_day_phrase(reopening.date(), now.date()),
        time=format_time(reopening.time()),
    )


def week_hours(kb: Knowledge | None = None) -> Listing:
    """The weekly hours, one line per run of consecutive days with the same hours."""
    kb = kb or load_knowledge()
    week = kb.company.weekly_hours
    lines: list[Message | str] = []
    first = 0
    for index in range(1, 8):
        if index < 7 and week[index] == week[first]:
            continue
        hours = periods_listing(week[first]) if week[first] else Message(HoursCode.CLOSED_WORD)
        if index - 1 == first:
            line = message(HoursCode.WEEK_DAY, day=capitalize(WEEKDAYS[first]), hours=hours)
        else:
            line = message(
                HoursCode.WEEK_DAYS, first=WEEKDAYS[first], last=WEEKDAYS[index - 1], hours=hours
            )
        lines.append(line)
        first = index
    if kb.company.closed_on_public_holidays:
        lines.append(Message(HoursCode.CLOSED_ON_HOLIDAYS))
    return Listing(lines, style="lines")


def day_hours(day: date, kb: Knowledge | None = None) -> Message:
    """ "mardi 24 novembre : 9 h – 12 h et 14 h – 18 h 30", or "... : fermé"."""
    kb = kb or load_knowledge()
    label = format_date(day)
    periods = periods_on(day, kb)
    if not periods:
        return message(HoursCode.DAY_CLOSED, day=label)
    special = kb.company.special_days.get(day)
    if special:
        return message(
            HoursCode.DAY_SPECIAL, day=label, hours=periods_listing(periods), reason=special.reason
        )
    return message(HoursCode.DAY_OPEN, day=label, hours=periods_listing(periods))


def unusual_hours(day: date, kb: Knowledge | None = None) -> Message | None:
    """How `day` differs from the usual week (a special day, a holiday on an open day), or None."""
    kb = kb or load_knowledge()
    company = kb.company
    special = company.special_days.get(day)
    if special is not None:
        if special.periods:
            hours = periods_listing(special.periods)
            return message(HoursCode.NOTICE_OPEN, hours=hours, reason=special.reason)
        return message(HoursCode.NOTICE_CLOSED, reason=special.reason)
    holiday = public_holidays(day.year).get(day)
    if holiday and company.closed_on_public_holidays and company.weekly_hours[day.weekday()]:
        return message(HoursCode.NOTICE_CLOSED, reason=Message(holiday))
    return None


def slot_starts(day: date, kb: Knowledge | None = None) -> list[datetime]:
    """Every possible appointment start of `day`, booked or not, past or not."""
    kb = kb or load_knowledge()
    rules = kb.company.appointment
    duration = timedelta(minutes=rules.duration_minutes)
    starts = []
    for period in periods_on(day, kb):
        start, end = _at(day, period.start), _at(day, period.end)
        while start + duration <= end:
            starts.append(start)
            start += timedelta(minutes=rules.step_minutes)
    return starts


def appointment_slots(
    day: date,
    now: datetime,
    kb: Knowledge | None = None,
    booked: Iterable[datetime] = (),
) -> list[datetime]:
    """Start times of the free appointment slots of `day` (Paris time).

    A slot lasts `duration_minutes` and must end by closing time; starts are every
    `step_minutes` from opening, at least `min_notice_minutes` after `now`. A start is
    full when `booked` already holds `capacity` appointments at that time.
    """
    kb = kb or load_knowledge()
    rules = kb.company.appointment
    now = to_paris(now)
    earliest = now + timedelta(minutes=rules.min_notice_minutes)
    taken = Counter(to_paris(b).replace(second=0, microsecond=0) for b in booked)
    return [s for s in slot_starts(day, kb) if s >= earliest and taken[s] < rules.capacity]


def next_available_days(
    now: datetime,
    count: int = 3,
    kb: Knowledge | None = None,
    booked: Iterable[datetime] = (),
) -> list[date]:
    """The next `count` days that still have a free appointment slot."""
    booked = list(booked)
    today = to_paris(now).date()
    days: list[date] = []
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        if appointment_slots(day, now, kb, booked):
            days.append(day)
            if len(days) == count:
                break
    return days
