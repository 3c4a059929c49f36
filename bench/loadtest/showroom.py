"""The showroom's diary as the load test sees it: the project's own rules and repositories.

The customers and the checks take the opening hours, the appointment grid, the references
and the fixed clock from here: the functions the bot uses, never a copy of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.opening_hours import PARIS, appointment_slots, slot_starts
from logic.climatech.references import PREFIXES, find_references
from logic.climatech.validators.slots import appointment_start
from logic.storage.requests import appointment_starts
from logic.storage.schema import sender_key
from runtime.launcher import FIXED_NOW

NOW = datetime.fromisoformat(FIXED_NOW)
RULES = load_knowledge().company.appointment

# Used as they are by the other modules of the load test.
__all__ = ["PARIS", "find_references", "sender_key"]


@dataclass(frozen=True)
class Span:
    """One start time (`end` None) or a part of the day, [start, end)."""

    start: time
    end: time | None = None

    def __contains__(self, moment: object) -> bool:
        if not isinstance(moment, time):
            return False
        if self.end is None:
            return moment == self.start
        return self.start <= moment < self.end


WHOLE_DAY = Span(time.min, time.max)


@dataclass(frozen=True)
class Claim:
    """The bot refused every start of `span` on `day` (`why`): the final database must agree."""

    day: date
    span: Span
    why: str


def bookable_starts(day: date) -> list[time]:
    """The starts a customer may book on `day`, full or not (opening hours and notice)."""
    earliest = NOW + timedelta(minutes=RULES.min_notice_minutes)
    return [start.time() for start in slot_starts(day) if start >= earliest]


def free_starts(day: date, booked: Iterable[datetime]) -> list[time]:
    """The starts of `day` that still have a place, given the confirmed appointments."""
    return [start.time() for start in appointment_slots(day, NOW, booked=booked)]


def booked_on(day: date, database_url: str) -> list[datetime]:
    """The confirmed appointments of `day`, read as the bot reads them."""
    return appointment_starts(day.isoformat(), url=database_url)


def start_of(day: date, label: str) -> datetime | None:
    """The start an accepted time slot books (its slot value "10:00"), as the bot computes it."""
    return appointment_start(day, label)


def reference_of(kind: str, references: Iterable[str]) -> str | None:
    """The first of `references` that names a request of `kind` ("RDV-7K3Q" for appointment)."""
    prefix = f"{PREFIXES[kind]}-"
    return next((r for r in references if r.startswith(prefix)), None)


def start_iso(day: date, moment: time) -> str:
    return datetime.combine(day, moment, tzinfo=PARIS).isoformat()


def days_ahead() -> list[date]:
    """Today and the days an appointment may be booked."""
    today = NOW.date()
    return [today + timedelta(days=n) for n in range(RULES.max_days_ahead + 1)]
