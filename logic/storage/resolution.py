"""The rules of the dashboard's after-sales figures, over one class session.

A conversation (one sender_key) is an after-sales one when it has at least one step.
- Contained: no step of a person topic (adviser, callback, complaint, urgency).
- Handed to a person: the opposite; it is not resolved by the bot either.
- Confirmed: the customer said the problem is solved ("C'est réglé, merci").
- Assumed: the customer left (silent for AWAY) without asking for more help after the
  first answer ("toujours en panne", an intervention request, a person).
- Undone: a confirmed or assumed resolution, then the same customer came back on the same
  topic (after saying it was solved, or after leaving). An undone resolution stays undone.
- Unresolved: the customer asked for more help and did not confirm a solution afterwards.
- Pending: the customer is still there (last step less than AWAY ago) and has not confirmed.

The resolution rate is over the settled conversations (every one but the pending ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from logic.storage.after_sales_topics import (
    CONFIRMED,
    MORE_HELP_TOPICS,
    NOT_SOLVED,
    PERSON_TOPICS,
    QUESTION,
    TOPICS,
)
from logic.survey.formulas import percent

AWAY = timedelta(minutes=3)  # a customer silent this long has left the conversation


class Outcome(str, Enum):
    CONFIRMED = "confirmed"
    ASSUMED = "assumed"
    UNDONE = "undone"
    UNRESOLVED = "unresolved"
    HANDED = "handed"
    PENDING = "pending"


@dataclass(frozen=True)
class Step:
    """One after-sales step of a conversation."""

    at: datetime
    topic: str
    kind: str = QUESTION


def _asks_more_help(step: Step, first: bool) -> bool:
    if step.kind == NOT_SOLVED:
        return True
    return step.kind == QUESTION and step.topic in MORE_HELP_TOPICS and not first


def outcome(steps: Sequence[Step], now: datetime) -> Outcome:
    """What became of one after-sales conversation (steps in any order, at least one)."""
    ordered = sorted(steps, key=lambda s: s.at)
    if any(s.kind == QUESTION and s.topic in PERSON_TOPICS for s in ordered):
        return Outcome.HANDED
    state: Outcome | None = None  # None: answered, the customer has not left yet
    confirmed: set[str] = set()  # topics said solved
    asked: set[str] = set()  # topics asked so far
    previous: datetime | None = None
    for index, step in enumerate(ordered):
        left = previous is not None and step.at - previous > AWAY
        previous = step.at
        if left and state is None:
            state = Outcome.ASSUMED
        if step.kind == CONFIRMED:
            confirmed.add(step.topic)
            state = Outcome.CONFIRMED
            continue
        back = step.topic in confirmed or (left and step.topic in asked)
        if back and state in (Outcome.CONFIRMED, Outcome.ASSUMED):
            return Outcome.UNDONE
        if _asks_more_help(step, first=index == 0):
            state = Outcome.UNRESOLVED
        elif state is Outcome.ASSUMED:
            state = None  # a new question after leaving: a new visit, answered
        asked.add(step.topic)
    if state is None:
        return (
            Outcome.ASSUMED if previous is not None and now - previous > AWAY else Outcome.PENDING
        )
    return state


def questions(steps: Sequence[Step]) -> list[tuple[str, bool]]:
    """(topic, handed to a person) for each question of one conversation.

    A person topic right after another question (same visit) hands that question over
    instead of counting as a question of its own: the adviser is about the problem asked.
    """
    found: list[list[Any]] = []
    previous: datetime | None = None
    for step in sorted(steps, key=lambda s: s.at):
        left = previous is not None and step.at - previous > AWAY
        previous = step.at
        if step.kind != QUESTION:
            continue
        person = step.topic in PERSON_TOPICS
        if person and found and not left:
            found[-1][1] = True
        else:
            found.append([step.topic, person])
    return [(topic, handed) for topic, handed in found]


@dataclass(frozen=True)
class TopicCount:
    topic: str
    bot: int = 0
    person: int = 0

    @property
    def total(self) -> int:
        return self.bot + self.person


@dataclass(frozen=True)
class SessionFigures:
    """The after-sales figures of a session."""

    outcomes: dict[Outcome, int] = field(default_factory=dict)
    topics: tuple[TopicCount, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return self.outcomes.get(outcome, 0)

    @property
    def after_sales(self) -> int:
        return sum(self.outcomes.values())

    @property
    def contained(self) -> int:
        return self.after_sales - self.count(Outcome.HANDED)

    @property
    def settled(self) -> int:
        return self.after_sales - self.count(Outcome.PENDING)

    @property
    def resolved(self) -> int:
        return self.count(Outcome.CONFIRMED) + self.count(Outcome.ASSUMED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "after_sales": self.after_sales,
            "contained": self.contained,
            "handed": self.count(Outcome.HANDED),
            "containment_rate": percent(self.contained, self.after_sales),
            "resolution": {
                **{o.value: self.count(o) for o in Outcome if o is not Outcome.HANDED},
                "settled": self.settled,
                "resolved": self.resolved,
                "rate": percent(self.resolved, self.settled),
            },
            "topics": [
                {"topic": t.topic, "bot": t.bot, "person": t.person, "total": t.total}
                for t in self.topics
            ],
        }


def figures(conversations: Mapping[str, Sequence[Step]], now: datetime) -> SessionFigures:
    """Outcomes and questions by topic over conversations (sender_key: its steps)."""
    outcomes = {o: 0 for o in Outcome}
    bot = dict.fromkeys(TOPICS, 0)
    person = dict.fromkeys(TOPICS, 0)
    for steps in conversations.values():
        if not steps:
            continue
        outcomes[outcome(steps, now)] += 1
        for topic, handed in questions(steps):
            counts = person if handed else bot
            counts[topic] = counts.get(topic, 0) + 1
    keys: Iterable[str] = [*TOPICS, *(k for k in {**bot, **person} if k not in TOPICS)]
    topics = tuple(
        TopicCount(k, bot.get(k, 0), person.get(k, 0))
        for k in keys
        if bot.get(k, 0) or person.get(k, 0)
    )
    return SessionFigures(outcomes, topics)
