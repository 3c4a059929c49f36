"""One long conversation for the runtime's trackers and policies: the project's test stories
one after the other, with a fallback's revert, a revert, a restart and a new session between."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from runtime.launcher import ROOT


def trackers(paths: list[str], domain: Domain) -> list[Any]:
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / p) for p in paths]
    )
    graph = importer.get_stories()
    return TrainingDataGenerator(graph, domain, augmentation_factor=0).generate()


def conversation(domain: Domain) -> list[Event]:
    """The test stories one after the other, with events that rewrite the past in between."""
    events: list[Event] = [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted()]
    stories = [t for t in trackers(["tests/stories"], domain) if not t.is_rule_tracker]
    assert len(stories) >= 30
    for index, story in enumerate(stories):
        body = [e for e in story.events if not isinstance(e, SessionStarted)]
        body = [
            e
            for e in body
            if not (isinstance(e, ActionExecuted) and e.action_name == ACTION_SESSION_START_NAME)
        ]
        events += body
        if index == 5:  # the two-stage fallback takes back a message
            events += [
                ActionExecuted(ACTION_LISTEN_NAME),
                UserUttered("euh", {"name": "nlu_fallback"}),
                UserUtteranceReverted(),
            ]
        if index == 9:
            events += [ActionExecuted("utter_greet"), ActionReverted()]
        if index == 20:
            events += [ActionExecuted("action_restart"), Restarted()]
        if index == 30:
            events += [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted()]
    return events


def growing(
    domain: Domain, events: list[Event], kind: type[DialogueStateTracker] = DialogueStateTracker
) -> Iterator[DialogueStateTracker]:
    """One tracker, as Rasa's processor grows it: yielded before each action."""
    tracker = kind("long", domain.slots)
    for event in events:
        if isinstance(event, ActionExecuted):
            yield tracker
        tracker.update(event)
    yield tracker
