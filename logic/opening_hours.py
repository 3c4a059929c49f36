"""Showroom opening hours: public holidays, open/closed status, next opening, appointment slots.

Every function takes the current moment explicitly (`now`), so tests use a fixed clock.
A naive `now` is read as Paris time; an aware one is converted to Paris time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from logic.knowledge import Knowledge, Period, load_knowledge
from logic.text.formatting import WEEKDAYS, capitalize, format_date, format_time, join_words

PARIS = ZoneInfo("Europe/Paris")
LOOKAHEAD_DAYS = 60  # the longest closure we may have to skip (holidays + special days)


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def public_holidays(year: int) -> dict[date, str]:
    """The eleven public holidays of metropolitan France, date -> French name."""
    easter = easter_sunday(year)
    holidays = {
        date(year, 1, 1): "jour de l'an",
        easter + timedelta(days=1): "lundi de Pâques",
        date(year, 5, 1): "fête du Travail",
        date(year, 5, 8): "Victoire 1945",
        easter + timedelta(days=39): "Ascension",
        easter + timedelta(days=50): "lundi de Pentecôte",
        date(year, 7, 14): "fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "armistice de 1918",
        date(year, 12, 25): "Noël",
    }
    return dict(sorted(holidays.items()))


def to_paris(now: datetime) -> datetime:
    """`now` as a Paris wall-clock time (naive inputs are taken as Paris time)."""
    if now.tzinfo is None:
        return now.replace(tzinfo=PARIS)
    return now.astimezone(PARIS)


def closure_reason(day: date, kb: Knowledge | None = None) -> str | None:
    """Why the showroom is closed all day on `day`, as a French clause, or None if it opens.

    Examples: "le showroom est fermé le dimanche", "le vendredi 25 décembre est férié
    (Noël)", "le showroom est fermé le samedi 2 janvier (inventaire annuel)".
    """
    kb = kb or load_knowledge()
    company = kb.company
    special = company.special_days.get(day)
    if special is not None:
        if special.periods:
            return None
        return f"le showroom est fermé le {format_date(day)} ({special.reason})"
    holiday = public_holidays(day.year).get(day)
    if holiday and company.closed_on_public_holidays:
        return f"le {format_date(day)} est férié ({holiday})"
    if not company.weekly_hours[day.weekday()]:
        return f"le showroom est fermé le {WEEKDAYS[day.weekday()]}"
    return None


def closure_sentence(day: date, kb: Knowledge | None = None) -> str | None:
    """A full French sentence saying the showroom is closed on `day`, or None if it opens."""
    reason = closure_reason(day, kb)
    if reason is None:
        return None
    if reason.startswith("le showroom"):
        return f"{capitalize(reason)}."
    return f"{capitalize(reason)} : le showroom est fermé."


def periods_on(day: date, kb: Knowledge | None = None) -> tuple[Period, ...]:
    """Opening periods of `day`, empty when closed (holiday, Sunday, special day)."""
    kb = kb or load_knowledge()
    if closure_reason(day, kb):
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


def _day_phrase(day: date, today: date) -> str:
    if day == today:
        return "aujourd'hui"
    if day == today + timedelta(days=1):
        return "demain"
    return format_date(day)


def _periods_text(periods: Iterable[Period]) -> str:
    return join_words(f"{format_time(p.start)} – {format_time(p.end)}" for p in periods)


def status_text(now: datetime, kb: Knowledge | None = None) -> str:
    """ "Le showroom est ouvert jusqu'à 18 h 30." or when and why it reopens."""
    now = to_paris(now)
    closes = closing_time(now, kb)
    if closes is not None:
        return f"Le showroom est ouvert jusqu'à {format_time(closes.time())}."
    reopening = next_opening(now, kb)
    if reopening is None:
        return "Le showroom est fermé pour le moment."
    when = _day_phrase(reopening.date(), now.date())
    closed = closure_sentence(now.date(), kb) or "Le showroom est fermé."
    return f"{closed} Il rouvre {when} à {format_time(reopening.time())}."


def hours_text(kb: Knowledge | None = None) -> str:
    """The weekly hours in French, consecutive days with the same hours grouped."""
    kb = kb or load_knowledge()
    week = kb.company.weekly_hours
    lines: list[str] = []
    first = 0
    for index in range(1, 8):
        if index < 7 and week[index] == week[first]:
            continue
        days = (
            WEEKDAYS[first]
            if index - 1 == first
            else f"du {WEEKDAYS[first]} au {WEEKDAYS[index - 1]}"
        )
        hours = _periods_text(week[first]) if week[first] else "fermé"
        lines.append(f"{capitalize(days)} : {hours}")
        first = index
    if kb.company.closed_on_public_holidays:
        lines.append("Fermé les jours fériés.")
    return "\n".join(lines)


def day_hours_text(day: date, kb: Knowledge | None = None) -> str:
    """ "mardi 24 novembre : 9 h – 12 h et 14 h – 18 h 30", or "... : fermé"."""
    kb = kb or load_knowledge()
    label = format_date(day)
    periods = periods_on(day, kb)
    if not periods:
        return f"{label} : fermé"
    special = kb.company.special_days.get(day)
    note = f" ({special.reason})" if special else ""
    return f"{label} : {_periods_text(periods)}{note}"


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
