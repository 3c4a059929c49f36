"""The appointment customer: books a meeting with a salesperson, following the capacity.

A day (weighted: tomorrow and Saturday first), then a time fitting that day's hours. The
flow reads the form's state in the tracker: the day asked again means the day is full; the
time asked again means that time (or part of the day) is full, and the customer takes one
of the free times, read from the database the bot reads; a submission without a reference
but with the retry button is the race ("just booked by someone else"): the customer
presses the button. Every refusal is a `Claim` the final database must back.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, time

from bench.loadtest.flows import NAMES, End, Expect, Flow, Step, request_key
from bench.loadtest.showroom import (
    WHOLE_DAY,
    Claim,
    Span,
    bookable_starts,
    reference_of,
    sender_key,
    start_of,
)
from bench.loadtest.turns import Turn

# The clock is fixed (Monday 23 November 2026, 15:00). The days a customer asks first, with
# their weights: most want tomorrow or Saturday (12 places only).
APPOINTMENT_DAYS: tuple[tuple[str, date, float], ...] = (
    ("demain", date(2026, 11, 24), 3),
    ("mercredi", date(2026, 11, 25), 1.5),
    ("jeudi", date(2026, 11, 26), 1),
    ("vendredi", date(2026, 11, 27), 1),
    ("samedi", date(2026, 11, 28), 2),
    ("lundi prochain", date(2026, 11, 30), 1),
    ("le 3/12", date(2026, 12, 3), 0.5),
)
# What a customer types for the time, with weights: round hours are the favourites.
APPOINTMENT_TIMES: tuple[tuple[str, Span, float], ...] = (
    ("9h30", Span(time(9, 30)), 1),
    ("10h", Span(time(10)), 3),
    ("10 h 30", Span(time(10, 30)), 1),
    ("11h", Span(time(11)), 1),
    ("14h", Span(time(14)), 3),
    ("14h30", Span(time(14, 30)), 2),
    ("15h", Span(time(15)), 1),
    ("16h", Span(time(16)), 1),
    ("17h30", Span(time(17, 30)), 1),
    ("le matin", Span(time(0), time(12, 30)), 2),
    ("l'après-midi", Span(time(12), time.max), 2),
    ("en fin de journée", Span(time(17), time.max), 1),
)
SUBMIT = "action_submit_appointment"
RETRY_PAYLOAD = "/book_appointment"
APPOINTMENT_TRIES = 10  # days, times and retries sent before giving up ("no slot left")
SHOWN_FREE_TIMES = 6  # the bot lists this many free times, the closest to the one refused
# The free starts of a day at this moment (the database in a run, a stub in the tests).
FreeTimes = Callable[[date], list[time]]


def typed_time(moment: time) -> str:
    """How a customer types a time: "10h", "14h30"."""
    return f"{moment.hour}h{moment.minute:02d}" if moment.minute else f"{moment.hour}h"


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


class Appointment(Flow):
    """A customer booking a meeting; gives up after APPOINTMENT_TRIES answers."""

    def __init__(self, rng: random.Random, sender: str, phone: str, free: FreeTimes) -> None:
        super().__init__("appointment", sender)
        self.rng = rng
        self.free = free
        self.intro = [
            Step("je voudrais prendre rendez-vous avec un commercial", Expect(asks="contact_name")),
            Step(rng.choice(NAMES), Expect(asks="contact")),
            Step(phone, Expect(asks="appointment_date")),
        ]
        if rng.random() < 0.3:  # a closed day first: refused, asked again
            self.intro.append(Step("dimanche", Expect(asks="appointment_date")))
        self.position = 0
        self.full_days: set[date] = set()
        self.day = APPOINTMENT_DAYS[0][1]
        self.span = WHOLE_DAY
        self.last = ""  # "day", "time" or "retry": what the last message answered
        self.tries = 0

    def first(self) -> str:
        return self.intro[0].message

    def react(self, turn: Turn) -> str | End:
        if self.position < len(self.intro):
            wrong = self.intro[self.position].expect.wrong(turn)
            if wrong:
                return End(wrong=wrong)
            self.position += 1
            if self.position < len(self.intro):
                return self.intro[self.position].message
            return self._choose_day()
        if turn.ran(SUBMIT):
            return self._submitted(turn)
        if turn.asks == "appointment_date":
            return self._day_full()
        if turn.asks == "appointment_time":
            return self._time_asked(turn)
        return End(wrong=f"expected the day or the time asked, or a submission; got {turn.asks!r}")

    def _send(self, last: str, message: str) -> str | End:
        self.tries += 1
        if self.tries > APPOINTMENT_TRIES:
            return End(no_slot=True)
        self.last = last
        return message

    def _refused(self, span: Span, why: str) -> None:
        self.events[why] += 1
        self.claims.append(Claim(self.day, span, why))

    def _choose_day(self) -> str | End:
        own = [(typed, day, w) for typed, day, w in APPOINTMENT_DAYS if day not in self.full_days]
        if not own:
            return End(no_slot=True)
        typed, self.day, _ = self.rng.choices(own, weights=[w for *_, w in own])[0]
        return self._send("day", typed)

    def _day_full(self) -> str | End:
        """The day asked again: no slot left that day (after the day, a time or the retry)."""
        if not self.last:
            return End(wrong="the day asked again before any day was given")
        self._refused(WHOLE_DAY, "day full")
        self.full_days.add(self.day)
        return self._choose_day()

    def _time_asked(self, turn: Turn) -> str | End:
        """The time question: after a day, or after a refused time (then a free one)."""
        if self.last == "day":
            if turn.slots.get("appointment_date") != self.day.isoformat():
                return End(
                    wrong=f"asked {self.day}, understood {turn.slots.get('appointment_date')}"
                )
            starts = bookable_starts(self.day)
            times = [t for t in APPOINTMENT_TIMES if any(s in t[1] for s in starts)]
            typed, self.span, _ = self.rng.choices(times, weights=[w for *_, w in times])[0]
            return self._send("time", typed)
        refused = self.span
        self._refused(refused, "slot full")
        near = refused.start if refused.end is None else time.min
        free = [t for t in self.free(self.day) if t not in refused]
        shown = sorted(free, key=lambda t: abs(_minutes(t) - _minutes(near)))[:SHOWN_FREE_TIMES]
        if not shown:  # taken meanwhile: another time of its own, the bot says the day is full
            self.span = WHOLE_DAY
            return self._send("time", typed_time(bookable_starts(self.day)[0]))
        chosen = self.rng.choice(shown)
        self.span = Span(chosen)
        return self._send("time", typed_time(chosen))

    def _submitted(self, turn: Turn) -> str | End:
        """Confirmed with a reference, or refused at the last moment (the retry button)."""
        label = turn.last_set("appointment_time") or turn.slots.get("appointment_time")
        start = start_of(self.day, str(label)) if label else None
        if start is None:
            return End(wrong=f"submitted without a start time: {label!r}")
        reference = reference_of("appointment", turn.references)
        if reference is None:
            if RETRY_PAYLOAD not in turn.payloads:
                return End(wrong=f"no reference and no {RETRY_PAYLOAD} button")
            self.span = Span(start.time())
            self._refused(self.span, "race")
            return self._send("retry", RETRY_PAYLOAD)
        day = turn.last_set("appointment_date") or turn.slots.get("appointment_date")
        if day not in (None, self.day.isoformat()):
            return End(wrong=f"booked {day}, asked {self.day}")
        if start.time() not in self.span or start.time() not in bookable_starts(self.day):
            return End(wrong=f"booked {label!r}, not a start of what was asked")
        what = f"{self.day.isoformat()}|{label}|{start.isoformat()}"
        return End(request=request_key("appointment", reference, sender_key(self.sender), what))
