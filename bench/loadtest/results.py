"""What the customers saw during a load test: latencies, outcomes, confirmations, refusals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bench.loadtest.flows import Flow
from bench.loadtest.showroom import Claim

EXAMPLES = 5  # failed answers kept for the report


@dataclass
class Results:
    """Everything the users saw; `start` is the monotonic time the load began."""

    start: float = 0.0
    answered: list[tuple[float, float]] = field(default_factory=list)  # (done at s, ms)
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # ms per conversation kind
    openers: list[float] = field(default_factory=list)  # ms of each conversation's 1st message
    trackers: list[float] = field(default_factory=list)  # ms of each tracker read
    sent: int = 0
    http_errors: int = 0
    started: Counter[str] = field(default_factory=Counter)
    completed: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)  # an unexpected turn
    broken: Counter[str] = field(default_factory=Counter)  # an HTTP error or timeout
    cut: Counter[str] = field(default_factory=Counter)  # still running at the hard stop
    no_slot: Counter[str] = field(default_factory=Counter)  # gave up: no free slot found
    events: Counter[str] = field(default_factory=Counter)  # slot full, day full, race
    claims: list[Claim] = field(default_factory=list)  # slots the bot refused as full
    examples: list[str] = field(default_factory=list)
    causes: Counter[str] = field(default_factory=Counter)  # HTTP errors, by cause
    confirmed_requests: list[str] = field(default_factory=list)
    confirmed_surveys: list[str] = field(default_factory=list)
    open_flows: dict[str, Flow] = field(default_factory=dict)  # not confirmed (yet)

    def example(self, text: str) -> None:
        if len(self.examples) < EXAMPLES:
            self.examples.append(text)
