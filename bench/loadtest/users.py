"""The Locust user: a customer playing whole conversations one after the other.

Each message goes to the REST channel; the tracker fetched right after it gives the
structured turn the flow decides on. When Locust stops the users, each one finishes its
conversation under way; those still running at the hard stop are counted as cut.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from time import monotonic
from typing import Any, ClassVar

import gevent
from gevent import GreenletExit
from locust import FastHttpUser, constant, task

from bench.loadtest.appointment import Appointment
from bench.loadtest.flows import MIX, End, Flow, course_flow, part_flow, survey_flow
from bench.loadtest.results import Results
from bench.loadtest.showroom import booked_on, free_starts
from bench.loadtest.turns import Turn, read_turn

WEBHOOK = "/webhooks/rest/webhook"


@dataclass(frozen=True)
class Plan:
    """What every customer shares: the seed, the think time, the API token, the database."""

    results: Results
    token: str
    database_url: str
    seed: int = 0
    think: tuple[float, float] = (0.5, 1.5)


class HttpFailure(Exception):
    """No usable answer: connection error, timeout or HTTP status other than 200."""


def next_flow(
    rng: random.Random, user: int, number: int, free: Callable[[date], list[time]]
) -> Flow:
    """The user's next conversation, drawn from MIX, with its own sender id."""
    sender = f"load-u{user:03d}-f{number:03d}"
    phone = f"06 {user % 100:02d} {number % 100:02d} {rng.randrange(100):02d} 42"
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    if kind == "course":
        return course_flow(rng, sender)
    if kind == "part":
        return part_flow(rng, sender, phone)
    if kind == "appointment":
        return Appointment(rng, sender, phone, free)
    return survey_flow(rng, sender)


class Customer(FastHttpUser):
    """One virtual customer; `plan` is set by the runner before the users are spawned."""

    plan: ClassVar[Plan]
    wait_time = constant(0)
    _numbers: ClassVar[itertools.count[int]] = itertools.count()

    def on_start(self) -> None:
        self.index = next(Customer._numbers)
        self.rng = random.Random(f"{self.plan.seed}-{self.index}")
        self.number = 0

    def free_times(self, day: date) -> list[time]:
        """What the bot lists after a refusal: the day's free starts, from the database."""
        return free_starts(day, booked_on(day, self.plan.database_url))

    @task
    def conversation(self) -> None:
        flow = next_flow(self.rng, self.index, self.number, self.free_times)
        self.number += 1
        try:
            self.play(flow)
        except GreenletExit:  # the hard stop
            self.plan.results.cut[flow.kind] += 1
            raise

    def _json(self, response: Any) -> Any:
        """The JSON body of a 200 answer; HttpFailure otherwise."""
        if response.status_code != 200 or getattr(response, "error", None):
            detail = response.error or (response.text or "")[:200]
            raise HttpFailure(f"HTTP {response.status_code}: {detail}")
        return response.json()

    def _post(self, flow: Flow, message: str) -> list[dict[str, Any]]:
        body = {"sender": flow.sender, "message": message}
        answer = self._json(self.client.post(WEBHOOK, json=body, name=f"message ({flow.kind})"))
        return list(answer)

    def _tracker(self, flow: Flow) -> dict[str, Any]:
        path = f"/conversations/{flow.sender}/tracker?token={self.plan.token}"
        started = monotonic()
        # An empty body, not None: geventhttpclient would send a chunked body with the GET,
        # which Sanic logs as an error ("body not consumed").
        tracker = self._json(self.client.get(path, name="tracker", data=""))
        self.plan.results.trackers.append((monotonic() - started) * 1000)
        return dict(tracker)

    def play(self, flow: Flow) -> None:
        """One conversation; stops at its first failure (counted once)."""
        results = self.plan.results
        results.started[flow.kind] += 1
        results.open_flows[flow.sender] = flow
        message: str | End = flow.first()
        number = 0
        try:
            while isinstance(message, str):
                gevent.sleep(self.rng.uniform(*self.plan.think))
                results.sent += 1
                sent_at = monotonic()
                try:
                    messages = self._post(flow, message)
                    done = monotonic()
                    turn: Turn = read_turn(messages, self._tracker(flow))
                except HttpFailure as error:
                    results.http_errors += 1
                    results.broken[flow.kind] += 1
                    results.causes[str(error)[:80]] += 1
                    results.example(
                        f"at {monotonic() - results.start:.0f} s, after "
                        f"{monotonic() - sent_at:.1f} s: {flow.kind} {flow.sender}, "
                        f"{message!r}: {error}"
                    )
                    return
                ms = (done - sent_at) * 1000
                results.answered.append((done - results.start, ms))
                results.by_kind.setdefault(flow.kind, []).append(ms)
                if number == 0:
                    results.openers.append(ms)
                number += 1
                outcome = flow.react(turn)
                if isinstance(outcome, End) and outcome.wrong:
                    results.wrong[flow.kind] += 1
                    results.example(
                        f"at {done - results.start:.0f} s: {flow.kind} {flow.sender}, "
                        f"{message!r}: {outcome.wrong}"
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
