"""One turn of the bot, read from structured fields: buttons, and the tracker's events.

The REST answer gives the buttons; the tracker (`GET /conversations/<id>/tracker`) gives
what the bot did since the customer's message: the actions run, the responses said (their
`utter_action`), the slots set, and the form's next question (`requested_slot`). The flows
decide on these, never on the bot's wording; the only thing read from the text is a request
reference, with the parser the bot uses for the references customers type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.loadtest.showroom import find_references


@dataclass(frozen=True)
class Turn:
    """What the bot did in answer to one message."""

    payloads: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    utterances: tuple[str, ...] = ()  # `utter_action` of each response said
    slot_events: tuple[tuple[str, Any], ...] = ()  # (slot, value) in order
    slots: Mapping[str, Any] = field(default_factory=dict)  # every slot after the turn
    references: tuple[str, ...] = ()  # request references the bot gave

    @property
    def asks(self) -> str | None:
        """The slot the active form asks next, None when no form asks anything."""
        value = self.slots.get("requested_slot")
        return str(value) if value else None

    def ran(self, action: str) -> bool:
        return action in self.actions

    def last_set(self, slot: str) -> Any:
        """The last value other than None given to `slot` in this turn (before any clearing)."""
        values = [value for name, value in self.slot_events if name == slot and value is not None]
        return values[-1] if values else None


def _since_last_message(events: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            return events[index + 1 :]
    return events


def read_turn(messages: Sequence[Mapping[str, Any]], tracker: Mapping[str, Any]) -> Turn:
    """The turn from the REST answer (`messages`) and the tracker fetched right after it."""
    events = _since_last_message(tracker.get("events") or [])
    texts = " ".join(str(m.get("text") or "") for m in messages)
    return Turn(
        payloads=tuple(str(b.get("payload", "")) for m in messages for b in m.get("buttons") or ()),
        actions=tuple(str(e["name"]) for e in events if e.get("event") == "action"),
        utterances=tuple(
            str((e.get("metadata") or {}).get("utter_action"))
            for e in events
            if e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action")
        ),
        slot_events=tuple(
            (str(e["name"]), e.get("value")) for e in events if e.get("event") == "slot"
        ),
        slots=dict(tracker.get("slots") or {}),
        references=tuple(find_references(texts)),
    )
