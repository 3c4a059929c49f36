"""The project's tracker gives Rasa's applied events and Rasa's copies, without replaying."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import LoopInterrupted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.launcher import ROOT
from runtime.tracker import RecentTracker
from tests.runtime.long_conversation import conversation, growing


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _state(tracker: DialogueStateTracker) -> dict:
    """All a tracker holds: its attributes, its events by identity, its slots by value."""
    fields = {k: v for k, v in vars(tracker).items() if k not in ("_applied", "_seen")}
    fields["events"] = [id(e) for e in tracker.events]
    fields["slots"] = {n: (s.value, s.has_been_set) for n, s in tracker.slots.items()}
    return fields


def test_applied_events_and_copies_are_rasas_all_along(domain: Domain) -> None:
    steps = 0
    for tracker in growing(domain, conversation(domain), RecentTracker):
        assert tracker.applied_events() == DialogueStateTracker.applied_events(tracker)
        assert all(
            map(
                lambda a, b: a is b,
                tracker.applied_events(),
                DialogueStateTracker.applied_events(tracker),
            )
        )
        assert _state(tracker.copy()) == _state(DialogueStateTracker.copy(tracker))
        steps += 1
    assert steps > 250


def test_a_copy_is_its_own(domain: Domain) -> None:
    original = list(growing(domain, conversation(domain)[:120], RecentTracker))[-1]
    original.applied_events()
    before = (_state(original), original.applied_events())
    copied = original.copy()
    copied.update(SlotSet("concept", "ropo"))
    copied.applied_events()
    assert (_state(original), original.applied_events()) == before
    assert copied.get_slot("concept") == "ropo"
    assert copied.applied_events()[-1] == SlotSet("concept", "ropo")


def test_a_copy_inside_a_form_is_its_own(domain: Domain) -> None:
    in_form = next(
        t for t in growing(domain, conversation(domain), RecentTracker) if t.active_loop_name
    )
    copied = in_form.copy()
    copied.update(LoopInterrupted(True))  # Rasa edits the active loop in place
    assert copied.active_loop.is_interrupted and not in_form.active_loop.is_interrupted
