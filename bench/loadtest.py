"""`make loadtest`: concurrent users over the REST channel, then a check of the database.

Each virtual user (asyncio + aiohttp, on loopback) plays whole conversations one after
the other: course questions, a part lookup (half of them go on to click and collect), an
appointment, a full satisfaction survey. Every answer is checked against the text the bot
must give; each conversation has its own sender id. When the duration is over, each user
finishes its current conversation and stops.

Appointments have 2 places per start time (knowledge/climatech/company.yml), so the users
meet full slots: like a customer, they take one of the free times the bot lists, another
day when the day is full, and the button of the race message ("vient d'être réservé").
These refusals are counted, not errors; a user who finds no slot gives up ("no slot left").

The database must then hold exactly one row per confirmation received: the appointment
and reservation references (with the sender and what was booked, the appointment's start
included), and one survey row per "Merci pour vos réponses" (with the scores and the
comment sent). No start may hold more confirmed appointments than its capacity, and every
"complet" the users read must be backed by the final database.

Writes a markdown report (bench/loadtest.md). Exits 1 when the database check fails, a
server died, or more than 1 % of the messages (HTTP) or of the conversations (answers) fail.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import monotonic, strftime
from typing import Any

import aiohttp
import sqlalchemy as sa
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loadstats import (  # noqa: E402  (bench/, the script's directory)
    Latencies,
    Occupancy,
    Reconciliation,
    free_times,
    french_list,
    french_time,
    occupancy,
    rate,
    reconcile,
)

from logic.knowledge import load_knowledge  # noqa: E402
from logic.opening_hours import PARIS, appointment_slots, slot_starts  # noqa: E402
from logic.storage import sender_key  # noqa: E402
from logic.text.formatting import format_date  # noqa: E402
from tests.e2e.conftest import FIXED_NOW, server_env, start_servers, stop  # noqa: E402

MAX_ERROR_RATE = 0.01
EXAMPLES = 5  # failed answers printed in the report
WINDOW_S = 10  # the time table's step

# (question, concept): the answer must start like utter_course/<concept>.
COURSE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("c'est quoi le NPS", "nps"),
    ("c koi le ropo ?", "ropo"),
    ("explique moi le csat", "csat"),
    ("c'est quoi le click and collect", "click_and_collect"),
    ("quelle difference entre multicanal et omnicanal", "diff_multicanal_omnicanal"),
    ("c'est quoi le cross-selling", "cross_selling"),
    ("c'est quoi le parcours client", "parcours_client_definition"),
    ("c'est quoi un pure player", "pure_player"),
    ("que veut dire CRM", "crm_grc"),
    ('/explain{"concept":"ces"}', "ces"),
    ("c'est quoi le drive", "drive"),
    ("qu'est-ce que l'omnicanal", "omnicanal_definition"),
    ("le chatbot c'est quoi", "chatbot"),
    ("c'est quoi le magasin connecté", "magasin_connecte"),
)
# (question, part reference, price): the lookup's answer shows both.
PART_LOOKUPS: tuple[tuple[str, str, str], ...] = (
    ("je cherche la reference du filtre de ma clim aria 25", "CT-FIL-2035", "14,90"),
    ("quel est le prix de la télécommande de l'aria 35", "CT-TEL-3010", "39,90"),
    ("il me faut un filtre pour mon aria 50", "CT-FIL-2050", "16,90"),
)
PART_NAMES = {
    "CT-FIL-2035": "Filtres à air Aria 25",
    "CT-TEL-3010": "Télécommande infrarouge Aria",
    "CT-FIL-2050": "Filtres à air Aria 50",
}
# The clock is fixed (conftest.FIXED_NOW, Monday 23 November 2026, 15:00). The days a
# customer asks first, with their weights: most want tomorrow or Saturday (12 places only).
APPOINTMENT_DAYS: tuple[tuple[str, date, float], ...] = (
    ("demain", date(2026, 11, 24), 3),
    ("mercredi", date(2026, 11, 25), 1.5),
    ("jeudi", date(2026, 11, 26), 1),
    ("vendredi", date(2026, 11, 27), 1),
    ("samedi", date(2026, 11, 28), 2),
    ("lundi prochain", date(2026, 11, 30), 1),
    ("le 3/12", date(2026, 12, 3), 0.5),
)
NAMES = ("Jeanne Le Goff", "Yann Morvan", "Maëlle Le Bras", "Erwan Kerjean", "Anne Guillou")
CSAT_ANSWERS: tuple[tuple[str, str], ...] = (
    ("Très satisfait", "tres_satisfait"),
    ("Satisfait", "satisfait"),
    ("plutôt insatisfait", "insatisfait"),
    ("Très insatisfait", "tres_insatisfait"),
)
# Conversations drawn by each user, with their weights.
MIX: dict[str, float] = {"course": 0.4, "part": 0.2, "appointment": 0.2, "survey": 0.2}
REFERENCE = re.compile(r"Votre référence : (\S+)")

# The appointment form (knowledge/questions.yml, logic/validators.py, knowledge/messages.yml).
DAY_QUESTION = "Quel jour"
TIME_QUESTION = "À quelle heure"
SLOT_FULL = re.compile(r"Le créneau de (\d{1,2} h(?: \d{2})?) est complet")
PART_FULL = "Il n'y a plus de créneau libre sur ce moment de la journée"
DAY_FULL_AFTER_TIME = "Il n'y a plus de créneau libre ce jour-là"
PROPOSED_DAYS = re.compile(r"Je vous propose par exemple ([^.\n]+)\.")
RACE = "vient d'être réservé"
RETRY_PAYLOAD = "/book_appointment"
APPOINTMENT_TRIES = 10  # days, times and retries sent before giving up ("no slot left")
NOW = datetime.fromisoformat(FIXED_NOW)
KB = load_knowledge()
RULES = KB.company.appointment


@dataclass(frozen=True)
class Span:
    """One start time (`end` None) or a part of the day, [start, end)."""

    start: time
    end: time | None = None

    def __contains__(self, moment: time) -> bool:
        if self.end is None:
            return moment == self.start
        return self.start <= moment < self.end


WHOLE_DAY = Span(time.min, time.max)
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


def bookable_starts(day: date) -> list[time]:
    """The starts a customer may book on `day`, full or not (opening hours and notice)."""
    earliest = NOW + timedelta(minutes=RULES.min_notice_minutes)
    return [start.time() for start in slot_starts(day, KB) if start >= earliest]


def start_iso(day: date, moment: time) -> str:
    return datetime.combine(day, moment, tzinfo=PARIS).isoformat()


@dataclass(frozen=True)
class Claim:
    """The bot said that every start of `span` on `day` was full: the final database must agree."""

    day: date
    span: Span
    said: str


# --- conversations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One message, and the texts that must all be in the bot's answer."""

    message: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    """The bot's turn: its texts joined, and the payloads of its buttons."""

    text: str
    payloads: tuple[str, ...] = ()


@dataclass(frozen=True)
class End:
    """The conversation is over: confirmed (the key of the row it must have left), or why not."""

    request: str | None = None  # request_key() of a confirmed request
    survey: str | None = None  # survey_key() of a confirmed survey
    wrong: str | None = None  # what was wrong in the last answer
    no_slot: bool = False  # an appointment that found no free slot


class Flow:
    """One conversation: `first()` is the opening message, then `react()` reads each answer.

    `stored` is the survey row it leaves (for a survey cut before its last answer).
    `events` counts the expected refusals, `claims` the slots the bot said were full.
    """

    def __init__(self, kind: str, sender: str, stored: str | None = None) -> None:
        self.kind = kind
        self.sender = sender
        self.stored = stored
        self.events: Counter[str] = Counter()
        self.claims: list[Claim] = []

    def first(self) -> str:
        raise NotImplementedError

    def react(self, reply: Reply) -> str | End:
        """The next message, or the end of the conversation."""
        raise NotImplementedError


def _missing(step: Step, reply: Reply) -> End | None:
    missing = [text for text in step.expected if text not in reply.text]
    return End(wrong=f"expected {missing!r}") if missing else None


class Scripted(Flow):
    """Fixed messages, each answer checked; the last one confirms a request or a survey.

    `what` is the request's description (`kind|what`, the reference read from the last
    answer); a survey's row is `stored`.
    """

    def __init__(
        self,
        kind: str,
        sender: str,
        steps: list[Step],
        what: str | None = None,
        stored: str | None = None,
    ) -> None:
        super().__init__(kind, sender, stored)
        self.steps = steps
        self.what = what
        self.position = 0

    def first(self) -> str:
        return self.steps[0].message

    def react(self, reply: Reply) -> str | End:
        wrong = _missing(self.steps[self.position], reply)
        if wrong:
            return wrong
        self.position += 1
        if self.position < len(self.steps):
            return self.steps[self.position].message
        if self.what:
            found = REFERENCE.search(reply.text)
            assert found is not None  # the last step expects "Votre référence : "
            kind, what = self.what.split("|", 1)
            return End(request=request_key(kind, found[1], sender_key(self.sender), what))
        return End(survey=self.stored)


class Appointment(Flow):
    """A customer booking a meeting with a salesperson, like a person would.

    A day (weighted: tomorrow and Saturday first), then a time fitting that day's hours. A
    full start: one of the free times the bot lists. A full day: one of the days the bot
    proposes, or another of the customer's own. The race message ("vient d'être réservé"):
    its button. Gives up after APPOINTMENT_TRIES answers ("no slot left").
    """

    def __init__(self, rng: random.Random, sender: str, phone: str) -> None:
        super().__init__("appointment", sender)
        self.rng = rng
        self.intro = [
            Step("je voudrais prendre rendez-vous avec un commercial", ("À quel nom",)),
            Step(rng.choice(NAMES), ("joindre",)),
            Step(phone, (DAY_QUESTION,)),
        ]
        if rng.random() < 0.3:  # a closed day first: refused, asked again
            self.intro.append(Step("dimanche", ("fermé le dimanche", DAY_QUESTION)))
        self.position = 0
        self.full_days: set[date] = set()
        self.day = APPOINTMENT_DAYS[0][1]
        self.span = WHOLE_DAY
        self.last = ""  # "day", "time" or "retry": what the last message answered
        self.tries = 0

    def first(self) -> str:
        return self.intro[0].message

    def react(self, reply: Reply) -> str | End:
        if self.position < len(self.intro):
            wrong = _missing(self.intro[self.position], reply)
            if wrong:
                return wrong
            self.position += 1
            if self.position < len(self.intro):
                return self.intro[self.position].message
            return self._choose_day([])
        text = reply.text
        found = REFERENCE.search(text)
        if found:
            return self._confirmed(text, found[1])
        if RACE in text:
            if RETRY_PAYLOAD not in reply.payloads:
                return End(wrong=f"no {RETRY_PAYLOAD} button with the race message")
            self.events["race"] += 1
            return self._send("retry", RETRY_PAYLOAD)
        if DAY_QUESTION in text:
            return self._day_full(text)
        if TIME_QUESTION in text:
            return self._time_asked(text)
        return End(wrong="expected the day or time question, a refusal or a reference")

    def _send(self, last: str, message: str) -> str | End:
        self.tries += 1
        if self.tries > APPOINTMENT_TRIES:
            return End(no_slot=True)
        self.last = last
        return message

    def _choose_day(self, proposed: list[date]) -> str | End:
        proposed = [d for d in proposed if d not in self.full_days]
        if proposed and self.rng.random() < 0.5:
            self.day = self.rng.choice(proposed)
            return self._send("day", format_date(self.day))
        own = [(typed, day, w) for typed, day, w in APPOINTMENT_DAYS if day not in self.full_days]
        if not own:
            return End(no_slot=True)
        typed, self.day, _ = self.rng.choices(own, weights=[w for *_, w in own])[0]
        return self._send("day", typed)

    def _day_full(self, text: str) -> str | End:
        """The day question again: only after "no slot left" on that day.

        After the race button, the form checks the day again before the time: either
        refusal may come.
        """
        day_full = f"Il n'y a plus de créneau libre le {format_date(self.day)}"
        reasons = {"day": [day_full], "time": [DAY_FULL_AFTER_TIME]}
        expected = reasons.get(self.last, [day_full, DAY_FULL_AFTER_TIME])
        said = [reason for reason in expected if reason in text]
        if not said:
            return End(wrong=f"the day asked again without {' or '.join(map(repr, expected))}")
        self.events["day full"] += 1
        self.claims.append(Claim(self.day, WHOLE_DAY, said[0]))
        self.full_days.add(self.day)
        days = {format_date(d): d for d in _days_ahead()}
        offered = PROPOSED_DAYS.search(text)
        proposed = [days[d] for d in french_list(offered[1]) if d in days] if offered else []
        return self._choose_day(proposed)

    def _time_asked(self, text: str) -> str | End:
        """The time question: after a day, or after a refused time (then a listed one)."""
        if self.last == "day":
            starts = bookable_starts(self.day)
            times = [t for t in APPOINTMENT_TIMES if any(s in t[1] for s in starts)]
            typed, self.span, _ = self.rng.choices(times, weights=[w for *_, w in times])[0]
            return self._send("time", typed)
        refused = SLOT_FULL.search(text)
        if refused:
            moment = french_time(refused[1])
            if moment is None or (self.last == "time" and moment not in self.span):
                return End(wrong=f"refused {refused[1]!r}, not the time asked")
            claim = Claim(self.day, Span(moment), refused[0])
        elif PART_FULL in text and self.last == "time" and self.span.end is not None:
            claim = Claim(self.day, self.span, PART_FULL)
        else:
            return End(wrong="the time asked again without a refusal")
        self.events["slot full"] += 1
        self.claims.append(claim)
        listed = free_times(text) or []
        free = [french_time(t) for t in listed]
        starts = bookable_starts(self.day)
        wrong = [
            t
            for t, m in zip(listed, free, strict=True)
            if m is None or m not in starts or m in claim.span
        ]
        if not listed or len(listed) > 6 or wrong:
            return End(wrong=f"free times listed: {listed!r}, not bookable: {wrong!r}")
        typed = self.rng.choice(listed)
        self.span = Span(french_time(typed) or time.min)
        return self._send("time", typed)

    def _confirmed(self, text: str, reference: str) -> End:
        """ "le <day>, à 10 h," for a time; for a part of the day, its first free start
        ("à 9 h 30" or "entre 9 h 30 et 12 h"): that start is the one stored and counted."""
        said = format_date(self.day)
        hour = r"\d{1,2} h(?: \d{2})?"
        found = re.search(
            rf"C'est noté .* le {re.escape(said)}, ((?:à|entre) ({hour})(?: et {hour})?),", text
        )
        moment = french_time(found[2]) if found else None
        if found is None or moment is None:
            return End(wrong=f"confirmation without 'le {said}, à <time>,'")
        if found[1].startswith("entre") and self.span.end is None:
            return End(wrong=f"booked {found[1]!r} for the exact time {self.span.start}")
        if moment not in self.span or moment not in bookable_starts(self.day):
            return End(wrong=f"booked {found[1]!r}, not a start of what was asked")
        what = f"{self.day.isoformat()}|{found[1]}|{start_iso(self.day, moment)}"
        return End(request=request_key("appointment", reference, sender_key(self.sender), what))


def _days_ahead() -> list[date]:
    today = NOW.date()
    return [today + timedelta(days=n) for n in range(RULES.max_days_ahead + 1)]


def course_answers() -> dict[str, str]:
    """The start of each course answer (data/responses), what the bot must say."""
    answers = {}
    for path in sorted((ROOT / "data" / "responses").glob("course_*.yml")):
        responses = yaml.safe_load(path.read_text(encoding="utf-8"))["responses"]
        for name, variants in responses.items():
            answers[name.removeprefix("utter_course/")] = variants[0]["text"][:60]
    return answers


def course_flow(rng: random.Random, sender: str, answers: dict[str, str]) -> Flow:
    steps = [Step("Bonjour", ("Climabot",))] if rng.random() < 0.5 else []
    for question, concept in rng.sample(COURSE_QUESTIONS, 3):
        steps.append(Step(question, (answers[concept],)))
    return Scripted("course", sender, steps)


def part_flow(rng: random.Random, sender: str, phone: str) -> Flow:
    question, part, price = rng.choice(PART_LOOKUPS)
    steps = [Step(question, (part, price))]
    if rng.random() < 0.5:  # goes on to click and collect
        quantity = rng.randint(1, 3)
        steps += [
            Step(f'/reserve_part{{"part_reference":"{part}"}}', ("Combien",)),
            Step(str(quantity), ("À quel nom",)),
            Step(rng.choice(NAMES), ("téléphone",)),
            Step(phone, ("C'est réservé", PART_NAMES[part], "Votre référence : CC-")),
        ]
        return Scripted("reservation", sender, steps, f"reservation|{part}x{quantity}")
    return Scripted("part", sender, steps)


def survey_flow(rng: random.Random, sender: str) -> Flow:
    nps, ces = rng.randint(0, 10), rng.randint(1, 5)
    csat_text, csat = rng.choice(CSAT_ANSWERS)
    comment = f"Test de charge, conversation {sender} : accueil rapide."
    steps = [
        Step("je veux donner mon avis", ("recommandiez Climatech",)),
        Step(str(nps), ("Êtes-vous satisfait",)),
        Step(csat_text, ("Quel effort",)),
        Step(str(ces), ("Un commentaire",)),
        Step(comment, ("Merci pour vos réponses",)),
    ]
    return Scripted("survey", sender, steps, stored=survey_key(nps, csat, ces, comment, True))


def survey_key(nps: Any, csat: Any, ces: Any, comment: Any, completed: Any) -> str:
    return f"{nps}|{csat}|{ces}|{comment}|{bool(completed)}"


def request_key(kind: str, reference: str, key: str, what: str) -> str:
    return f"{kind}|{reference}|{key[:12]}|{what}"


def next_flow(rng: random.Random, user: int, number: int, answers: dict[str, str]) -> Flow:
    sender = f"load-u{user:03d}-f{number:03d}"
    phone = f"06 {user % 100:02d} {number % 100:02d} {rng.randrange(100):02d} 42"
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    if kind == "course":
        return course_flow(rng, sender, answers)
    if kind == "part":
        return part_flow(rng, sender, phone)
    if kind == "appointment":
        return Appointment(rng, sender, phone)
    return survey_flow(rng, sender)


# --- load ---------------------------------------------------------------------------------


@dataclass
class Results:
    """Everything the users saw."""

    answered: list[tuple[float, float]] = field(default_factory=list)  # (done at, ms)
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # ms per conversation kind
    openers: list[float] = field(default_factory=list)  # ms of each conversation's 1st message
    sent: int = 0
    http_errors: int = 0
    started: Counter[str] = field(default_factory=Counter)
    completed: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)  # an unexpected answer
    broken: Counter[str] = field(default_factory=Counter)  # an HTTP error or timeout
    cut: Counter[str] = field(default_factory=Counter)  # still running at the hard stop
    no_slot: Counter[str] = field(default_factory=Counter)  # gave up: no free slot found
    events: Counter[str] = field(default_factory=Counter)  # slot full, day full, race
    claims: list[Claim] = field(default_factory=list)  # slots the bot said were full
    examples: list[str] = field(default_factory=list)
    causes: Counter[str] = field(default_factory=Counter)  # HTTP errors, by cause
    confirmed_requests: list[str] = field(default_factory=list)
    confirmed_surveys: list[str] = field(default_factory=list)
    open_flows: dict[str, Flow] = field(default_factory=dict)  # not confirmed (yet)

    def example(self, text: str) -> None:
        if len(self.examples) < EXAMPLES:
            self.examples.append(text)


class HttpFailure(Exception):
    """No usable answer: connection error, timeout or HTTP status other than 200."""


async def say(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Reply:
    """The bot's texts of one turn, joined, and its buttons' payloads."""
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            if response.status != 200:
                raise HttpFailure(f"HTTP {response.status}: {(await response.text())[:200]}")
            messages = await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise HttpFailure(f"{type(error).__name__}: {error}") from error
    return Reply(
        text="\n".join(str(m.get("text", "")) for m in messages),
        payloads=tuple(str(b.get("payload", "")) for m in messages for b in m.get("buttons") or ()),
    )


async def run_flow(
    session: aiohttp.ClientSession,
    url: str,
    flow: Flow,
    rng: random.Random,
    think: tuple[float, float],
    results: Results,
    start: float,
) -> None:
    """Plays one conversation; stops at its first failure (counted once)."""
    results.started[flow.kind] += 1
    results.open_flows[flow.sender] = flow
    message: str | End = flow.first()
    number = 0
    try:
        while isinstance(message, str):
            await asyncio.sleep(rng.uniform(*think))
            results.sent += 1
            sent_at = monotonic()
            try:
                reply = await say(session, url, flow.sender, message)
            except HttpFailure as error:
                results.http_errors += 1
                results.broken[flow.kind] += 1
                results.causes[str(error)[:80]] += 1
                results.example(
                    f"at {monotonic() - start:.0f} s, after "
                    f"{monotonic() - sent_at:.1f} s: "
                    f"{flow.kind} {flow.sender}, {message!r}: {error}"
                )
                return
            done = monotonic()
            results.answered.append((done - start, (done - sent_at) * 1000))
            results.by_kind.setdefault(flow.kind, []).append((done - sent_at) * 1000)
            if number == 0:
                results.openers.append((done - sent_at) * 1000)
            number += 1
            outcome = flow.react(reply)
            if isinstance(outcome, End) and outcome.wrong:
                results.wrong[flow.kind] += 1
                results.example(
                    f"at {done - start:.0f} s: {flow.kind} {flow.sender}, {message!r}: "
                    f"{outcome.wrong}, got {reply.text[:300]!r}"
                )
                return
            message = outcome
    finally:  # counted even for a conversation cut or failed half-way
        results.events.update(flow.events)
        results.claims += flow.claims
    if message.request:
        results.confirmed_requests.append(message.request)
    if message.survey:
        results.confirmed_surveys.append(message.survey)
    if message.no_slot:  # ended on a refusal: no row either
        results.no_slot[flow.kind] += 1
    else:
        results.completed[flow.kind] += 1
    del results.open_flows[flow.sender]


async def user(
    index: int,
    session: aiohttp.ClientSession,
    url: str,
    args: argparse.Namespace,
    answers: dict[str, str],
    results: Results,
    start: float,
) -> None:
    """One virtual user: conversations one after the other until the end of the duration."""
    rng = random.Random(f"{args.seed}-{index}")
    await asyncio.sleep(args.ramp_up * index / args.users)
    number = 0
    while monotonic() - start < args.duration:
        flow = next_flow(rng, index, number, answers)
        number += 1
        try:
            await run_flow(
                session, url, flow, rng, (args.think_min, args.think_max), results, start
            )
        except asyncio.CancelledError:
            results.cut[flow.kind] += 1
            raise


async def load(args: argparse.Namespace, url: str, results: Results) -> float:
    """Runs every user; returns the elapsed time (load, then the last conversations)."""
    answers = course_answers()
    timeout = aiohttp.ClientTimeout(total=args.timeout)
    # keepalive below Sanic's 5 s, so that the client never reuses a socket being closed.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=2.0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        start = monotonic()
        tasks = [
            asyncio.create_task(user(i, session, url, args, answers, results, start))
            for i in range(args.users)
        ]
        _, pending = await asyncio.wait(tasks, timeout=args.duration + args.grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return monotonic() - start


# --- measures and database ------------------------------------------------------------------


def _proc_tree(pid: int) -> list[int]:
    """pid and its descendants (Linux /proc)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(child) for child in task.read_text().split()]
    return pids


def _status_mb(pid: int, name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS now, peak RSS) of a process and its children, in MiB."""
    try:
        tree = _proc_tree(pid)
        return sum(_status_mb(p, "VmRSS") for p in tree), sum(_status_mb(p, "VmHWM") for p in tree)
    except OSError:  # the process is gone
        return float("nan"), float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time used by every process of the machine since boot (Linux /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class DayFill:
    """One day of the appointment diary at the end of the run."""

    day: date
    appointments: int
    places: int  # bookable starts x capacity
    full_starts: int
    starts: int


@dataclass(frozen=True)
class AppointmentCheck:
    """The confirmed appointments against the places of each start, and the refusals.

    `bad_starts`: rows whose appointment_start is missing, not an ISO time with its offset,
    not on that row's day, or not a bookable start of that day. `unjustified`: times the
    bot called full although the final database still has room there.
    """

    occupancy: Occupancy
    bad_starts: tuple[str, ...]
    refusals: int
    unjustified: tuple[str, ...]
    days: tuple[DayFill, ...]

    @property
    def ok(self) -> bool:
        return self.occupancy.ok and not self.bad_starts and not self.unjustified


@dataclass(frozen=True)
class DatabaseCheck:
    requests: Reconciliation
    surveys: Reconciliation
    appointments: AppointmentCheck

    @property
    def ok(self) -> bool:
        return self.requests.ok and self.surveys.ok and self.appointments.ok


def check_database(database_url: str, results: Results) -> DatabaseCheck:
    """Every confirmation received is stored once, nothing else is stored, no start over-booked."""
    unsure = {sender_key(sender)[:12] for sender in results.open_flows}
    unsure_surveys = [f.stored for f in results.open_flows.values() if f.kind == "survey"]
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names())
            requests = (
                list(
                    connection.execute(
                        sa.text("SELECT kind, reference, sender_key, details, status FROM requests")
                    )
                )
                if "requests" in tables
                else []
            )
            surveys = (
                connection.execute(
                    sa.text("SELECT nps, csat, ces, comment, completed FROM survey_responses")
                )
                if "survey_responses" in tables
                else []
            )
            stored_surveys = [survey_key(*row) for row in surveys]
    finally:
        engine.dispose()
    stored_requests = [_stored_request(*row[:4]) for row in requests]
    appointments = [
        (reference, _details(details))
        for kind, reference, _, details, status in requests
        if kind == "appointment" and status == "confirmed"
    ]
    return DatabaseCheck(
        requests=reconcile(
            results.confirmed_requests,
            stored_requests,
            uncertain=[key for key in stored_requests if key.split("|")[2] in unsure],
        ),
        surveys=reconcile(
            results.confirmed_surveys, stored_surveys, [k for k in unsure_surveys if k]
        ),
        appointments=check_appointments(appointments, results.claims),
    )


def _details(details: Any) -> dict[str, Any]:
    return json.loads(details) if isinstance(details, str) else dict(details or {})


def _start(value: Any) -> datetime | None:
    """An appointment_start as a Paris time; None unless ISO with its UTC offset."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.astimezone(PARIS) if moment.tzinfo else None


def check_appointments(
    rows: list[tuple[str, dict[str, Any]]], claims: Iterable[Claim]
) -> AppointmentCheck:
    """Capacity per start, starts on the grid, and every "complet" backed by the database."""
    starts: list[datetime] = []
    bad: list[str] = []
    for reference, details in rows:
        start = _start(details.get("appointment_start"))
        if start is None:
            bad.append(f"{reference}: appointment_start {details.get('appointment_start')!r}")
            continue
        starts.append(start)
        stored_day = str(details.get("appointment_date"))
        if stored_day != start.date().isoformat() or start.time() not in bookable_starts(
            start.date()
        ):
            bad.append(f"{reference}: {start.isoformat()}, not a bookable start of {stored_day}")
    capacity = RULES.capacity
    filled = occupancy([s.isoformat() for s in starts], capacity)
    per_start = Counter(starts)
    unjustified = []
    claims = list(claims)
    for claim in claims:
        free = [
            s.time()
            for s in appointment_slots(claim.day, NOW, KB, starts)
            if s.time() in claim.span
        ]
        if free:
            unjustified.append(
                f"{claim.day.isoformat()} {claim.said!r}: "
                + ", ".join(t.strftime("%H:%M") for t in free)
                + " still free at the end"
            )
    days = sorted({d for _, d, _ in APPOINTMENT_DAYS} | {s.date() for s in starts})
    fills = []
    for day in days:
        grid = [datetime.combine(day, t, tzinfo=PARIS) for t in bookable_starts(day)]
        fills.append(
            DayFill(
                day=day,
                appointments=sum(1 for s in starts if s.date() == day),
                places=len(grid) * capacity,
                full_starts=sum(1 for s in grid if per_start[s] >= capacity),
                starts=len(grid),
            )
        )
    return AppointmentCheck(
        occupancy=filled,
        bad_starts=tuple(bad),
        refusals=len(claims),
        unjustified=tuple(unjustified),
        days=tuple(fills),
    )


def _stored_request(kind: str, reference: str, key: str | None, details: Any) -> str:
    data = _details(details)
    if kind == "appointment":
        start = _start(data.get("appointment_start"))
        what = (
            f"{data.get('appointment_date')}|{data.get('appointment_time')}|"
            f"{start.isoformat() if start else data.get('appointment_start')}"
        )
    else:
        what = f"{data.get('part_reference')}x{data.get('quantity')}"
    return request_key(kind, reference, key or "", what)


def log_errors(*logs: Path) -> list[str]:
    """The error lines of the servers' logs."""
    pattern = re.compile(r"\bERROR\b|Traceback|Exception")
    lines: list[str] = []
    for log in logs:
        if log.exists():
            text = log.read_text(encoding="utf-8", errors="replace")
            lines += [f"{log.name}: {line}" for line in text.splitlines() if pattern.search(line)]
    return lines


# --- report -------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _pct(value: float) -> str:
    return f"{value * 100:.2f} %"


def _windows(answered: Iterable[tuple[float, float]], step: int) -> list[str]:
    """One table row per `step` seconds: answers, throughput, p50, p95."""
    buckets: dict[int, list[float]] = {}
    for done, ms in answered:
        buckets.setdefault(int(done // step), []).append(ms)
    rows = []
    for bucket in sorted(buckets):
        values = buckets[bucket]
        stats = Latencies.of(values)
        rows.append(
            f"| {bucket * step}–{(bucket + 1) * step} s | {len(values)} | "
            f"{len(values) / step:.1f} | {_ms(stats.p50)} | {_ms(stats.p95)} |"
        )
    return rows


def _reconciliation_row(name: str, check: Reconciliation) -> str:
    return (
        f"| {name} | {check.expected} | {check.stored} | {len(check.lost)} | "
        f"{len(check.duplicated)} | {len(check.unexpected)} | {check.uncertain} | "
        f"{'OK' if check.ok else '**FAILED**'} |"
    )


@dataclass(frozen=True)
class Measures:
    """What is measured around the load itself."""

    elapsed: float
    load_before: float
    rasa_memory: tuple[float, float]
    actions_memory: tuple[float, float]
    rasa_cpu: float
    actions_cpu: float
    others_cpu: float  # every other process of the machine, the users excluded
    servers_alive: bool
    log_errors: list[str]


def report(
    args: argparse.Namespace, results: Results, measures: Measures, db: DatabaseCheck
) -> str:
    latencies = Latencies.of([ms for _, ms in results.answered])
    in_window = sum(1 for done, _ in results.answered if done <= args.duration)
    flows = sum(results.started.values())
    completed = sum(results.completed.values())
    failed = sum(results.wrong.values())
    elapsed = measures.elapsed
    kinds = sorted(results.started, key=lambda kind: -results.started[kind])
    openers = Latencies.of(results.openers)
    per_kind = {kind: Latencies.of(results.by_kind.get(kind, [])) for kind in kinds}
    flow_rows = "\n".join(
        f"| {kind} | {results.started[kind]} | {results.completed[kind]} | "
        f"{results.no_slot[kind]} | {results.wrong[kind]} | {results.broken[kind]} | "
        f"{results.cut[kind]} | {_ms(per_kind[kind].p50)} / {_ms(per_kind[kind].p95)} |"
        for kind in kinds
    )
    examples = "\n".join(f"- `{e}`" for e in results.examples) or "- none"
    causes = "".join(f"\n- {n} × `{cause}`" for cause, n in results.causes.most_common())
    causes_block = f"\nHTTP errors by cause:\n{causes}\n" if causes else ""
    errors = measures.log_errors
    log_lines = "\n".join(f"- `{line[:240]}`" for line in errors[:EXAMPLES]) or "- none"
    faults = [
        (name, what, keys)
        for name, check in (("requests", db.requests), ("surveys", db.surveys))
        for what, keys in (
            ("lost", check.lost),
            ("duplicated", check.duplicated),
            ("unexpected", check.unexpected),
        )
        if keys
    ]
    diary = db.appointments
    filled = diary.occupancy
    overbooked = filled.overbooked
    faults += [
        (name, what, keys)
        for name, what, keys in (
            ("appointments", "over-booked starts", tuple(f"{s}: {n}" for s, n in overbooked)),
            ("appointments", "bad starts", diary.bad_starts),
            ("appointments", "unjustified refusals", diary.unjustified),
        )
        if keys
    ]
    problems = ", ".join(f"{name}: {len(keys)} {what}" for name, what, keys in faults)
    detail = "".join(
        f"\n- {name} {what}: `{key}`" for name, what, keys in faults for key in keys[:EXAMPLES]
    ) + ("\n" if faults else "")
    day_rows = "\n".join(
        f"| {format_date(d.day)} | {d.appointments} / {d.places} | {d.full_starts} / {d.starts} |"
        for d in diary.days
    )
    events = results.events
    rasa_now, rasa_peak = measures.rasa_memory
    actions_now, actions_peak = measures.actions_memory
    figures = [
        (
            "users / load duration / total time",
            f"{args.users} / {args.duration:.0f} s / {elapsed:.0f} s",
        ),
        ("messages sent / answered", f"{results.sent} / {len(results.answered)}"),
        (
            f"throughput during the {args.duration:.0f} s",
            f"{in_window / args.duration:.1f} messages/s",
        ),
        (
            "throughput over the whole run",
            f"{len(results.answered) / elapsed:.1f} messages/s, "
            f"{completed / elapsed * 60:.0f} conversations/min",
        ),
        (
            "latency p50 / p95 / p99 / max",
            f"{_ms(latencies.p50)} / {_ms(latencies.p95)} / "
            f"{_ms(latencies.p99)} / {_ms(latencies.max)} ms",
        ),
        (
            "latency p50 / p95: first message of a conversation",
            f"{_ms(openers.p50)} / {_ms(openers.p95)} ms",
        ),
        (
            f"HTTP errors (connection, status, timeout {args.timeout:.0f} s)",
            f"{results.http_errors} ({_pct(rate(results.http_errors, results.sent))} "
            "of the messages)",
        ),
        (
            "functional errors (unexpected answer)",
            f"{failed} ({_pct(rate(failed, flows))} of the conversations)",
        ),
        ("conversations started / confirmed", f"{flows} / {completed}"),
        (
            "appointments: slot full / day full / race (expected refusals)",
            f"{events['slot full']} / {events['day full']} / {events['race']}",
        ),
        (
            f"appointments given up, no slot left after {APPOINTMENT_TRIES} answers",
            str(sum(results.no_slot.values())),
        ),
        (
            f"appointments per start (capacity {filled.capacity}): max / over-booked starts",
            f"{filled.max_per_start} / {len(filled.overbooked)} "
            f"({filled.appointments} appointments on {filled.starts} starts)",
        ),
        (
            "refusals the final database does not back",
            f"{len(diary.unjustified)} of {diary.refusals}",
        ),
        ("database check", "OK" if db.ok else f"**FAILED**: {problems}"),
        ("Rasa server RSS at the end (peak)", f"{rasa_now:.0f} MiB ({rasa_peak:.0f} MiB)"),
        ("action server RSS at the end (peak)", f"{actions_now:.0f} MiB ({actions_peak:.0f} MiB)"),
        (
            "CPU: Rasa server / action server",
            f"{measures.rasa_cpu / elapsed:.0%} / {measures.actions_cpu / elapsed:.0%} of one core",
        ),
        (
            "CPU of the other processes of the machine (users excluded)",
            f"{measures.others_cpu / elapsed:.0%} of one core",
        ),
        ("servers still up at the end", "yes" if measures.servers_alive else "**no**"),
        ("error lines in the server logs", str(len(errors))),
    ]
    table = "\n".join(f"| {name} | {value} |" for name, value in figures)
    verdict = "PASSED" if passed(results, db) and measures.servers_alive else "FAILED"
    return f"""# Load test

Measured by `make loadtest` on {strftime("%Y-%m-%d %H:%M")}, {os.cpu_count()} cores,
load average {measures.load_before:.2f} before the run. Rasa server, action server and the
users on the same machine, over loopback; SQLite business database and tracker store;
listen backlog {args.backlog or "100 (Rasa's default)"} (`SANIC_BACKLOG`).

**{verdict}**: {args.users} users, {args.duration:.0f} s (+ the conversations under way),
think time {args.think_min}–{args.think_max} s, seed {args.seed}.

| figure | value |
|---|---|
{table}

## Conversations

| kind | started | confirmed | no slot left | wrong answer | HTTP error | cut | p50 / p95 ms |
|---|---|---|---|---|---|---|---|
{flow_rows}

`reservation` is a part lookup followed by click and collect; `part` a lookup alone. `cut`:
still under way at the hard stop (duration + `--grace`). Latencies of the kind's messages.
An appointment asks a day (mostly tomorrow or Saturday) then a time; a full start is
replaced by one of the free times the bot lists, a full day by another day, and the race
message ("vient d'être réservé") by its button. `no slot left`: still refused after
{APPOINTMENT_TRIES} days, times and retries, or every day tried is full.

## Database

| table | confirmed | rows | lost | duplicated | unexpected | tolerated | check |
|---|---|---|---|---|---|---|---|
{_reconciliation_row("requests (appointments + reservations)", db.requests)}
{_reconciliation_row("survey_responses", db.surveys)}

`confirmed`: the confirmations the users received (a reference, or "Merci pour vos
réponses"). Each needs exactly one row saying the same: reference, sender, and the day,
time and `appointment_start` of an appointment or the part and quantity of a reservation;
scores and comment for a survey. A conversation that ended before its confirmation (HTTP
error, wrong answer, cut) may have left its row, once at most (`tolerated`).

Appointments at the end, per day ({filled.capacity} places per start):

| day | appointments / places | full starts |
|---|---|---|
{day_rows}

Most confirmed appointments on one start: {filled.max_per_start}; over-booked starts:
{len(overbooked)}; starts off the grid or missing: {len(diary.bad_starts)}. Each "complet" or
"plus de créneau libre" the users read must be backed by the final database (no free start
left there): {diary.refusals - len(diary.unjustified)} of {diary.refusals} are.
{detail}
## Over time

| window | answers | messages/s | p50 (ms) | p95 (ms) |
|---|---|---|---|---|
{chr(10).join(_windows(results.answered, WINDOW_S))}

## First failures

{examples}
{causes_block}
Server logs:

{log_lines}
"""


def passed(results: Results, db: DatabaseCheck) -> bool:
    flows = sum(results.started.values())
    return (
        db.ok
        and sum(results.completed.values()) > 0
        and rate(results.http_errors, results.sent) <= MAX_ERROR_RATE
        and rate(sum(results.wrong.values()), flows) <= MAX_ERROR_RATE
    )


def _exit_on_sigterm(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "climabot.tar.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "loadtest.md")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ramp-up", type=float, default=5, help="seconds to start every user")
    parser.add_argument("--think-min", type=float, default=0.5)
    parser.add_argument("--think-max", type=float, default=1.5)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per message")
    parser.add_argument(
        "--grace", type=float, default=300, help="seconds left to finish after the duration"
    )
    parser.add_argument("--rasa-port", type=int, default=35005)
    parser.add_argument("--actions-port", type=int, default=35055)
    parser.add_argument(
        "--backlog",
        type=int,
        default=1024,
        help="SANIC_BACKLOG of the Rasa server, as scripts/run_all.py (0: Rasa's 100)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the servers' directory")
    args = parser.parse_args()

    # `kill` or a stopped CI job: the finally clause below still stops the servers.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="climabot-loadtest-"))
    backlog = {"SANIC_BACKLOG": str(args.backlog)} if args.backlog else {}
    env = server_env(workdir, **backlog)  # a SQLite database in workdir, the clock fixed
    database_url = env["DATABASE_URL"]
    print(f"starting the servers in {workdir}…", flush=True)
    processes = start_servers(
        workdir, env, args.model, rasa_port=args.rasa_port, actions_port=args.actions_port
    )
    actions, rasa = processes
    results = Results()
    try:
        cpu_start = cpu_seconds(rasa.pid), cpu_seconds(actions.pid), cpu_seconds(os.getpid())
        machine_start = machine_cpu_seconds()
        print(f"{args.users} users for {args.duration:.0f} s…", flush=True)
        url = f"http://127.0.0.1:{args.rasa_port}/webhooks/rest/webhook"
        elapsed = asyncio.run(load(args, url, results))
        measures = Measures(
            elapsed=elapsed,
            load_before=load_before,
            rasa_memory=memory_mb(rasa.pid),
            actions_memory=memory_mb(actions.pid),
            rasa_cpu=cpu_seconds(rasa.pid) - cpu_start[0],
            actions_cpu=cpu_seconds(actions.pid) - cpu_start[1],
            others_cpu=machine_cpu_seconds()
            - machine_start
            - sum(cpu_seconds(p) for p in (rasa.pid, actions.pid, os.getpid()))
            + sum(cpu_start),
            servers_alive=all(p.poll() is None for p in processes),
            log_errors=[],
        )
    finally:
        stop(processes)
    measures = replace(
        measures, log_errors=log_errors(workdir / "rasa.log", workdir / "actions.log")
    )
    db = check_database(database_url, results)
    text = report(args, results, measures, db)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    if args.keep:
        print(f"servers' directory kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if passed(results, db) and measures.servers_alive else 1


if __name__ == "__main__":
    sys.exit(main())
