"""Climatech after-sales actions, run with a tracker and a dispatcher (fixed clock)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.ask import AskQuestion
from actions.climatech import ActionHandoff, ActionPartLookup, ActionTroubleshoot
from actions.forms import ValidateAppointmentForm
from actions.interruptions import looks_like_question
from logic import storage
from tests.actions.conftest import make_tracker

MONDAY_AFTERNOON = "2026-11-23T15:00:00+01:00"
SUNDAY_EVENING = "2026-11-22T21:00:00+01:00"
DOMAIN = {
    "forms": {
        "appointment_form": {
            "required_slots": ["contact_name", "contact", "appointment_date", "appointment_time"]
        }
    },
    "slots": {},
}


pytestmark = pytest.mark.usefixtures("db_url")


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", MONDAY_AFTERNOON)


def _said(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


async def test_part_lookup_gives_reference_price_and_stock(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "la ref du filtre de mon aria 50 svp"})
    events = await ActionPartLookup().run(dispatcher, tracker, {})
    text = _said(dispatcher)
    assert "CT-FIL-2050" in text and "16,90" in text
    assert SlotSet("after_sales", True) in events
    payload = dispatcher.messages[0]["buttons"][0]["payload"]
    assert payload == '/reserve_part{"part_reference":"CT-FIL-2050"}'


async def test_part_lookup_of_an_unknown_reference_says_so(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "CT-XYZ-9999"})
    await ActionPartLookup().run(dispatcher, tracker, {})
    assert "n'existe pas" in _said(dispatcher)
    assert not dispatcher.messages[0]["buttons"]


async def test_troubleshoot_prepares_the_intervention(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(latest_message={"text": "ma clim affiche E4"})
    events = await ActionTroubleshoot().run(dispatcher, tracker, {})
    assert "E4" in _said(dispatcher)
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/affirm", "/request_intervention"]
    assert any(e.get("name") == "intervention_problem" and e.get("value") for e in events)


async def test_handoff_when_open_gives_the_phone(dispatcher: CollectingDispatcher) -> None:
    await ActionHandoff().run(dispatcher, make_tracker(), {})
    assert "02 61 91 42 10" in _said(dispatcher)


async def test_handoff_when_closed_offers_a_callback(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", SUNDAY_EVENING)
    await ActionHandoff().run(dispatcher, make_tracker(), {})
    assert "rappellera dès la réouverture" in _said(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/request_callback"
    summary = storage.load_summary()
    assert summary["conversations"]["handoffs"] == 1


async def test_privacy_notice_only_before_the_first_personal_question(
    dispatcher: CollectingDispatcher,
) -> None:
    ask_name = next(c for c in AskQuestion.__subclasses__() if c.slot == "contact_name")()
    events = await ask_name.run(dispatcher, make_tracker(), {})
    assert "conservées 90 jours" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("privacy_notice_shown", True)]
    again = CollectingDispatcher()
    await ask_name.run(again, make_tracker(slots={"privacy_notice_shown": True}), {})
    assert len(again.messages) == 1 and "nom" in again.messages[0]["text"]


def _in_form(text: str, intent: str, confidence: float = 0.99) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "response_selector": {
            "default": {"response": {"intent_response_key": "course/ropo"}, "ranking": []}
        },
    }


async def test_a_course_question_inside_a_form_is_answered_then_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact_name"},
        latest_message=_in_form("c'est quoi le ropo ?", "course"),
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["response"] == "utter_course/ropo"
    assert events == [SlotSet("contact_name", None)]


async def test_a_name_is_a_name_even_if_the_nlu_thinks_otherwise(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact_name", "contact_name": "Jeanne Le Goff"},
        latest_message=_in_form("Jeanne Le Goff", "course"),
        events=[
            {"event": "user", "text": "Jeanne Le Goff"},
            {"event": "slot", "name": "contact_name", "value": "Jeanne Le Goff"},
        ],
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert SlotSet("contact_name", "Jeanne Le Goff") in events
    assert not dispatcher.messages


async def test_a_phone_number_mistaken_for_stop_is_still_an_answer(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact"},
        latest_message=_in_form("06 11 22 33 44", "stop", confidence=0.56),
        events=[{"event": "user", "text": "06 11 22 33 44"}],
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert SlotSet("contact", "06 11 22 33 44") in events


async def test_a_real_stop_is_left_to_the_stop_rule(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact"},
        latest_message=_in_form("annuler", "stop"),
        events=[{"event": "user", "text": "annuler"}],
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert not any(e.get("name") == "contact" for e in events)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("c'est quoi le ropo ?", True),
        ("Au fait, vous êtes ouverts le samedi", True),
        ("Qu'est-ce que le CSAT", True),
        ("Jeanne Le Goff", False),
        ("06 12 34 56 78", False),
    ],
)
def test_what_counts_as_a_question_inside_a_form(text: str, question: bool) -> None:
    tracker = make_tracker(latest_message=_in_form(text, "shop_info"))
    assert looks_like_question(tracker) is question
