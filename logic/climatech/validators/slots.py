"""Times typed in French ("10h", "14 h 30", "le matin") and the appointment slot they take."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.opening_hours import (
    PARIS,
    appointment_slots,
    closure,
    periods_on,
    slot_starts,
    to_paris,
)
from logic.results import Listing, Message, MessageCode, Result, failure, message, success
from logic.text.formatting import format_date, format_time, join_words
from logic.text.matching import normalize


class SlotCode(MessageCode):
    """Why a time is refused, the free times proposed instead, how a kept time is written."""

    DAY_CLOSED = "validation_time_day_closed"
    CLOSED_THAT_DAY = "validation_closed_that_day"
    OPENING = "validation_opening"
    OPENING_PERIOD = "validation_opening_period"
    VAGUE = "validation_time_vague"
    NOT_UNDERSTOOD = "validation_time_not_understood"
    PART_OUTSIDE_HOURS = "validation_part_outside_hours"
    PART_FULL = "validation_part_full"
    CLOSED_AT = "validation_time_closed"
    TOO_LATE = "validation_time_too_late"
    OFF_STEP = "validation_time_off_step"
    PAST = "validation_time_past"
    TOO_CLOSE = "validation_time_too_close"
    FULL = "validation_slot_full"
    FREE_TIMES = "validation_free_times"
    NO_SLOT_THAT_DAY = "validation_no_slot_that_day"
    AT = "validation_slot_at"
    BETWEEN = "validation_slot_between"


_SLOT_VALUE = re.compile(r"(?P<start>\d\d:\d\d)(?:-(?P<end>\d\d:\d\d))?")


@dataclass(frozen=True)
class TimeSlot:
    """A precise start time (`exact`) or a part of the day, with the free starts inside."""

    start: time
    end: time
    exact: bool
    starts: tuple[time, ...]

    @property
    def value(self) -> str:
        """The slot value kept in the conversation: "10:30", or "09:00-12:00" for a range."""
        start = self.start.strftime("%H:%M")
        return start if self.exact else f"{start}-{self.end.strftime('%H:%M')}"

    @classmethod
    def from_value(cls, value: str) -> TimeSlot | None:
        """The slot a `value` written by `TimeSlot.value` stands for (None if it is not one)."""
        match = _SLOT_VALUE.fullmatch(value.strip())
        if not match:
            return None
        start = time.fromisoformat(match["start"])
        end = time.fromisoformat(match["end"]) if match["end"] else start
        return cls(start=start, end=end, exact=not match["end"], starts=(start,))

    @property
    def label(self) -> Message:
        """ "à 10 h 30" or "entre 9 h et 12 h"."""
        if self.exact:
            return message(SlotCode.AT, time=format_time(self.start))
        return message(SlotCode.BETWEEN, start=format_time(self.start), end=format_time(self.end))


# Parts of the day: name -> (from, to), intersected with that day's opening periods.
DAY_PARTS = {
    "fin de journee": (time(17), time(23, 59)),
    "fin d apres midi": (time(17), time(23, 59)),
    "soir": (time(17), time(23, 59)),
    "debut d apres midi": (time(12), time(16)),
    "apres midi": (time(12), time(23, 59)),
    "aprem": (time(12), time(23, 59)),
    "matin": (time(0), time(12, 30)),
    "matinee": (time(0), time(12, 30)),
    "midi": (time(12), time(14)),
}
VAGUE_TIME = re.compile(
    r"\b(n importe quand|peu importe|quand vous voulez|sais pas|comme vous voulez)\b"
)


def parse_french_time(text: str) -> time | str | None:
    """A precise time ("10h", "14 h 30", "midi") or a part of the day ("matin"), or None."""
    words = normalize(text)
    afternoon = bool(re.search(r"\b(apres midi|soir)\b", words))
    match = re.search(r"\b(\d{1,2}) ?(?:(?:heures?|h)(?![a-z])|:)(?: ?(\d{2}))?", text.lower())
    bare = re.fullmatch(r"(?:a |vers )?(\d{1,2})", words)
    if match or bare:
        hour = int(match[1] if match else bare[1])  # type: ignore[index]
        minute = int(match[2]) if match and match[2] else 0
        if afternoon and hour < 8:
            hour += 12  # "2 h de l'après-midi"
        if hour > 23 or minute > 59:
            return None
        return time(hour, minute)
    if re.search(r"\bmidi et demi", words):
        return time(12, 30)
    if re.fullmatch(r"(?:a |vers )?midi", words):
        return time(12)
    for part in DAY_PARTS:
        if re.search(rf"\b{part}\b", words):
            return part
    return None


def changes_day(problem: Message | None) -> bool:
    """True when a refused time can only be solved by another day (closed, nothing left)."""
    if problem is None:
        return False
    if problem.code is SlotCode.DAY_CLOSED:
        return True
    free = problem.params.get("free")
    return isinstance(free, Message) and free.code is SlotCode.NO_SLOT_THAT_DAY


def validate_time_slot(
    text: str,
    day: date,
    now: datetime,
    kb: Knowledge | None = None,
    booked: Iterable[datetime] = (),
) -> Result[TimeSlot]:
    """A time on `day` for an appointment or a callback, within that day's opening hours.

    A precise time must start a free slot (on the hour or half hour) that ends by closing
    time; a part of the day ("matin") must contain at least one free slot.
    """
    kb = kb or load_knowledge()
    periods = periods_on(day, kb)
    if not periods:
        closed = closure(day, kb) or Message(SlotCode.CLOSED_THAT_DAY)
        return failure(SlotCode.DAY_CLOSED, closure=closed)
    hours = Listing(
        [
            message(SlotCode.OPENING_PERIOD, start=format_time(p.start), end=format_time(p.end))
            for p in periods
        ],
        style="words",
    )
    opening = message(SlotCode.OPENING, day=format_date(day), hours=hours)
    if VAGUE_TIME.search(normalize(text)):
        return failure(SlotCode.VAGUE, opening=opening)
    parsed = parse_french_time(text)
    if parsed is None:
        return failure(SlotCode.NOT_UNDERSTOOD)
    free = [s.time() for s in appointment_slots(day, now, kb, booked)]
    if isinstance(parsed, time):
        return _exact_slot(parsed, day, now, kb, free, opening)
    low, high = DAY_PARTS[parsed]
    if not any(low <= s.time() < high for s in slot_starts(day, kb)):
        return failure(SlotCode.PART_OUTSIDE_HOURS, opening=opening)
    starts = tuple(s for s in free if low <= s < high)
    if not starts:
        return failure(SlotCode.PART_FULL, free=_free_times(free))
    end = max(min(p.end, high) for p in periods if p.start < high and p.end > low)
    return success(TimeSlot(start=starts[0], end=end, exact=False, starts=starts))


def appointment_start(day: date, value: str) -> datetime | None:
    """The start an accepted time slot books, from its slot value ("10:00", "09:00-12:00")."""
    slot = TimeSlot.from_value(value)
    return datetime.combine(day, slot.start, tzinfo=PARIS) if slot else None


def _free_times(free: list[time], near: time | None = None) -> Message:
    """Up to six free starts, the closest to the asked time `near` when given.

    `starts` holds them as "HH:MM", for the clients that read the structured message.
    """
    if not free:
        return Message(SlotCode.NO_SLOT_THAT_DAY)
    shown = free[:6]
    if near is not None:
        minutes = near.hour * 60 + near.minute
        shown = sorted(sorted(free, key=lambda s: abs(s.hour * 60 + s.minute - minutes))[:6])
    return message(
        SlotCode.FREE_TIMES,
        times=join_words([format_time(s) for s in shown], "ou"),
        starts=[s.strftime("%H:%M") for s in shown],
    )


def _exact_slot(
    start: time, day: date, now: datetime, kb: Knowledge, free: list[time], opening: Message
) -> Result[TimeSlot]:
    rules = kb.company.appointment
    duration = timedelta(minutes=rules.duration_minutes)
    end = (datetime.combine(day, start) + duration).time()
    periods = periods_on(day, kb)
    period = next((p for p in periods if p.start <= start < p.end), None)
    if period is None:
        return failure(SlotCode.CLOSED_AT, time=format_time(start), opening=opening)
    if datetime.combine(day, start) + duration > datetime.combine(day, period.end):
        last = (datetime.combine(day, period.end) - duration).time()
        return failure(
            SlotCode.TOO_LATE,
            duration=rules.duration_minutes,
            closing=format_time(period.end),
            last=format_time(last),
        )
    offset = (start.hour * 60 + start.minute) - (period.start.hour * 60 + period.start.minute)
    if offset % rules.step_minutes:
        return failure(SlotCode.OFF_STEP)
    if start not in free:
        moment = datetime.combine(day, start, tzinfo=to_paris(now).tzinfo)
        if moment <= to_paris(now):
            return failure(SlotCode.PAST, time=format_time(start), free=_free_times(free))
        if moment < to_paris(now) + timedelta(minutes=rules.min_notice_minutes):
            hours = rules.min_notice_minutes // 60
            return failure(SlotCode.TOO_CLOSE, hours=hours, free=_free_times(free))
        return failure(
            SlotCode.FULL,
            time=format_time(start),
            start=start.strftime("%H:%M"),
            free=_free_times(free, near=start),
        )
    return success(TimeSlot(start=start, end=end, exact=True, starts=(start,)))
