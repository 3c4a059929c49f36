"""A conversation's tracker whose applied events and copies cost no replay of the conversation.

Rasa 3.6 recomputes `applied_events` (a walk through every event of the session) several times
per message, and copies the tracker before each action by replaying every event into a new
one (`DialogueStateTracker.copy`). Both grow with the conversation. This subclass remembers
its applied events and extends them with the events appended since; it copies itself by
copying its state. The project's tracker store hands out these trackers
(runtime/tracker_store.py); Rasa's processor and policies use them as any tracker.

A tracker's events are only ever appended, so the number of events and the identity of the
last one tell whether the events read before are still the tracker's first ones (`Seen`); the
policies' kept states (runtime/policies.py) rely on the same check.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

# Events after which `DialogueStateTracker.applied_events` drops or rewrites earlier events.
_REWRITING = (Restarted, SessionStarted, ActionReverted, UserUtteranceReverted)


def loop_names(events: Iterable[Event]) -> set[str]:
    """The forms activated among `events` (Rasa's `loop_names` in `applied_events`)."""
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def simply_applied(new: Iterable[Event], loops: set[str]) -> bool:
    """Whether events appended after others are applied as they come, the earlier applied
    events unchanged: no revert, restart or new session, no step of a known form (it may undo
    its previous one), no new form (earlier runs of it would count as its steps)."""
    for event in new:
        if isinstance(event, _REWRITING):
            return False
        if isinstance(event, ActiveLoop) and event.name and event.name not in loops:
            return False
        if isinstance(event, ActionExecuted) and event.action_name in loops:
            return False
    return True


@dataclass(frozen=True)
class Seen:
    """How far a conversation's events were read: how many, the last one, the forms among them."""

    count: int
    last: Event | None
    loops: frozenset[str]

    @classmethod
    def of(cls, events: Sequence[Event]) -> Seen:
        return cls(len(events), events[-1] if events else None, frozenset(loop_names(events)))

    def after(self, events: Sequence[Event]) -> Seen:
        """The same reading extended to every event of `events` (appended() said they follow)."""
        return Seen(len(events), events[-1] if events else None, self.loops)


def appended(events: Sequence[Event], seen: Seen | None) -> list[Event] | None:
    """The events after those `seen`, when they simply apply after them (simply_applied); None
    when they do not, or when `events` no longer start with those seen (a rewound tracker, or
    one read again from the database, whose events are other objects)."""
    if seen is None or len(events) < seen.count:
        return None
    if seen.count and events[seen.count - 1] is not seen.last:
        return None
    new = [events[i] for i in range(seen.count, len(events))]
    return new if simply_applied(new, set(seen.loops)) else None


class RecentTracker(DialogueStateTracker):
    """DialogueStateTracker that remembers its applied events and copies without replaying."""

    _applied: list[Event] | None = None
    _seen: Seen | None = None  # the events `_applied` accounts for

    def applied_events(self) -> list[Event]:
        """Rasa's applied events, extended with the new events when they simply follow."""
        new = appended(self.events, self._seen)
        if self._applied is not None and self._seen is not None and new is not None:
            self._applied.extend(new)
            self._seen = self._seen.after(self.events)
        else:
            self._applied = super().applied_events()
            self._seen = Seen.of(self.events)
        return list(self._applied)

    def copy(self) -> DialogueStateTracker:
        """The tracker `DialogueStateTracker.copy` gives (a replay of every event into
        `init_copy`), made by copying the state the replay would rebuild."""
        if type(self.slots) is not dict:
            return super().copy()  # no domain (AnySlotDict): Rasa's replay
        copied: Any = self.init_copy()
        copied.events.extend(self.events)
        copied.slots = {name: copy.copy(slot) for name, slot in self.slots.items()}
        copied._paused = self._paused
        copied.followup_action = self.followup_action
        copied.latest_action = dict(self.latest_action) if self.latest_action is not None else None
        copied.latest_message = self.latest_message
        copied.latest_bot_utterance = self.latest_bot_utterance
        copied.active_loop = copy.copy(self.active_loop)
        if self._applied is not None:
            copied._applied = list(self._applied)
            copied._seen = self._seen
        return copied
