"""What the actions record for the dashboard: each after-sales step with its topic, the
customer's "c'est réglé" and "toujours en panne", a handoff to a person."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.after_sales import ActionStillBroken
from actions.answers import ActionFaqTopic
from actions.climatech import ActionHandoff, ActionTroubleshoot
from actions.requests import ActionSubmitIntervention
from actions.survey import ActionOfferSurvey
from logic.storage.class_sessions import load_steps
from logic.storage.resolution import AWAY, Outcome, outcome
from logic.storage.schema import sender_key, utc_now
from tests.actions.conftest import make_tracker
from tests.actions.test_after_sales_actions import INTERVENTION

pytestmark = pytest.mark.usefixtures("db_url")
SENDER = "client-42"


def _said(
    intent: str,
    text: str = "",
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return make_tracker(slots, message, events, sender_id=SENDER)


def _steps() -> list[tuple[str, str]]:
    return [(s.topic, s.kind) for s in load_steps().get(sender_key(SENDER), [])]


async def test_a_guide_then_cest_regle_is_a_confirmed_resolution(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionTroubleshoot().run(dispatcher, _said("troubleshoot", "code E5"), {})
    solved = replace_action(_said("affirm", "C'est réglé, merci"), "utter_glad_solved")
    await ActionOfferSurvey().run(CollectingDispatcher(), solved, {})
    assert _steps() == [("troubleshooting", "question"), ("troubleshooting", "confirmed")]
    steps = load_steps()[sender_key(SENDER)]
    assert outcome(steps, utc_now()) is Outcome.CONFIRMED
    # Offered after any other request, the survey records nothing.
    await ActionOfferSurvey().run(CollectingDispatcher(), _said("affirm"), {})
    assert len(_steps()) == 2


async def test_still_broken_then_an_adviser_is_handed_to_a_person(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionTroubleshoot().run(dispatcher, _said("troubleshoot", "code E5"), {})
    await ActionStillBroken().run(dispatcher, _said("still_broken", "toujours en panne"), {})
    await ActionHandoff().run(dispatcher, _said("human_handoff", "un conseiller"), {})
    assert _steps() == [
        ("troubleshooting", "question"),
        ("troubleshooting", "not_solved"),
        ("advisor", "question"),
    ]
    later = utc_now() + AWAY + timedelta(minutes=1)
    assert outcome(load_steps()[sender_key(SENDER)], later) is Outcome.HANDED


async def test_a_completed_form_is_a_question_of_its_own_topic(
    dispatcher: CollectingDispatcher,
) -> None:
    events = [
        {"event": "user", "parse_data": {"intent": {"name": "request_intervention"}}},
        {"event": "active_loop", "name": "intervention_form"},
        {"event": "user", "parse_data": {"intent": {"name": "inform"}}},
        {"event": "active_loop", "name": None},
    ]
    tracker = _said("inform", "22200", slots=INTERVENTION, events=events)
    await ActionSubmitIntervention().run(dispatcher, tracker, {})
    assert _steps() == [("intervention", "question")]


async def test_a_faq_answer_is_an_after_sales_question(dispatcher: CollectingDispatcher) -> None:
    tracker = _said("faq_topic", slots={"faq_topic": "parking"})
    await ActionFaqTopic().run(dispatcher, tracker, {})
    assert _steps() == [("faq", "question")]
    # The FAQ's menu answers no question.
    await ActionFaqTopic().run(CollectingDispatcher(), _said("faq_topic"), {})
    assert _steps() == [("faq", "question")]


def replace_action(tracker: Tracker, name: str) -> Tracker:
    """The tracker as Rasa sends it right after the bot's `name`."""
    copy = tracker.copy()
    copy.latest_action_name = name
    return copy
