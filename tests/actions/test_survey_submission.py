"""The survey's storage, its offer and the goodbye, run with a tracker and a dispatcher."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.survey import (
    NOT_ANSWERED,
    ActionGoodbye,
    ActionOfferSurvey,
    ActionSubmitSurvey,
)
from logic.storage import surveys as survey_store
from logic.storage.engine import StorageError, get_engine
from logic.storage.schema import survey_responses
from logic.text.catalogue import say
from tests.actions.conftest import make_tracker

ROOT = Path(__file__).resolve().parents[2]
DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
SURVEY_SLOTS = ("nps", "csat", "ces", "survey_comment")


def _rows(url: str) -> list[dict[str, Any]]:
    with get_engine(url).connect() as connection:
        result = connection.execute(select(survey_responses).order_by(survey_responses.c.id))
        return [dict(row._mapping) for row in result]


def slots_set(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["text"] for m in dispatcher.messages]


# --- submit ---------------------------------------------------------------------------------


def finished(slots: dict[str, Any], channel: str | None = "rest") -> Tracker:
    events = [{"event": "user", "text": "x", "input_channel": channel}] if channel else []
    return make_tracker(slots=slots, events=events)


RESET = {
    "nps": None,
    "csat": None,
    "ces": None,
    "survey_comment": None,
    "survey_failures": 0.0,
    "survey_stopped": None,
    "survey_offered": True,
}


async def test_a_complete_survey_is_stored_and_the_slots_reset(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    slots = {"nps": 9, "csat": "satisfait", "ces": 2, "survey_comment": "Rapide et clair"}
    events = await ActionSubmitSurvey().run(dispatcher, finished(slots), DOMAIN)
    assert slots_set(events) == RESET
    assert texts(dispatcher) == [say("survey_thanks")]
    [row] = _rows(db_url)
    assert (row["nps"], row["csat"], row["ces"], row["comment"]) == (
        9,
        "satisfait",
        2,
        "Rapide et clair",
    )
    assert row["completed"] is True
    assert row["channel"] == "rest"


async def test_a_stopped_survey_keeps_the_answers_given(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    slots = {"nps": 8, "survey_stopped": True}
    await ActionSubmitSurvey().run(dispatcher, finished(slots), DOMAIN)
    assert texts(dispatcher) == [say("survey_stopped_kept")]
    assert "conservées" in texts(dispatcher)[0]
    [row] = _rows(db_url)
    assert (row["nps"], row["csat"], row["ces"], row["comment"]) == (8, None, None, None)
    assert row["completed"] is False


async def test_a_survey_stopped_at_once_says_thanks_anyway(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    await ActionSubmitSurvey().run(dispatcher, finished({"survey_stopped": True}), DOMAIN)
    assert texts(dispatcher) == [say("survey_stopped_empty")]
    [row] = _rows(db_url)
    assert row["completed"] is False


async def test_a_skipped_question_and_no_comment_are_stored_as_null(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    slots = {
        "nps": NOT_ANSWERED,
        "csat": "tres_satisfait",
        "ces": 1,
        "survey_comment": NOT_ANSWERED,
    }
    await ActionSubmitSurvey().run(dispatcher, finished(slots, channel=None), DOMAIN)
    [row] = _rows(db_url)
    assert (row["nps"], row["csat"], row["ces"], row["comment"]) == (
        None,
        "tres_satisfait",
        1,
        None,
    )
    assert row["completed"] is False  # one of the three questions was not answered
    assert row["channel"] is None
    assert texts(dispatcher) == [say("survey_thanks")]


async def test_an_invalid_value_that_reached_a_slot_is_never_stored(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    slots = {"nps": 99, "csat": "ravi", "ces": "7", "survey_comment": "ok"}
    await ActionSubmitSurvey().run(dispatcher, finished(slots), DOMAIN)
    [row] = _rows(db_url)
    # "ravi" is a wording of "très satisfait"; 99 and 7 are out of range.
    assert (row["nps"], row["csat"], row["ces"]) == (None, "tres_satisfait", None)
    assert row["completed"] is False


async def test_a_storage_failure_is_said_in_french_without_a_trace(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_: Any) -> int:
        raise StorageError("database unavailable: disk I/O error")

    monkeypatch.setattr(survey_store, "save_survey", broken)
    slots = {"nps": 9, "csat": "satisfait", "ces": 2}
    events = await ActionSubmitSurvey().run(dispatcher, finished(slots), DOMAIN)
    assert texts(dispatcher) == [say("survey_not_saved")]
    assert "Réessayez plus tard" in texts(dispatcher)[0]
    assert "disk" not in texts(dispatcher)[0] and "Error" not in texts(dispatcher)[0]
    assert slots_set(events) == RESET


# --- offer and goodbye ------------------------------------------------------------------------


def _assert_offer(dispatcher: CollectingDispatcher, text_key: str) -> None:
    [message] = dispatcher.messages
    assert message["text"] == say(text_key)
    assert message["buttons"] == [
        {"title": "Oui, je réponds", "payload": "/give_feedback"},
        {"title": "Non merci", "payload": "/deny"},
    ]


# No offer shown: a "oui" that follows must not start the survey.
NO_OFFER = [SlotSet("survey_pending", False)]


async def test_the_survey_is_offered_to_an_after_sales_customer_once(
    dispatcher: CollectingDispatcher,
) -> None:
    slots: dict[str, Any] = {"after_sales": True}
    events = await ActionOfferSurvey().run(dispatcher, make_tracker(slots=slots), DOMAIN)
    _assert_offer(dispatcher, "survey_offer")
    # The offer is on screen: a featurized slot lets the rules tell "oui" to it from a stray one.
    assert events == [SlotSet("survey_offered", True), SlotSet("survey_pending", True)]
    slots.update(slots_set(events))
    again = CollectingDispatcher()
    assert await ActionOfferSurvey().run(again, make_tracker(slots=slots), DOMAIN) == NO_OFFER
    assert again.messages == []


@pytest.mark.parametrize("after_sales", [None, False])
async def test_no_offer_outside_after_sales(
    dispatcher: CollectingDispatcher, after_sales: bool | None
) -> None:
    tracker = make_tracker(slots={"after_sales": after_sales})
    assert await ActionOfferSurvey().run(dispatcher, tracker, DOMAIN) == NO_OFFER
    assert dispatcher.messages == []


async def test_goodbye_to_a_student(dispatcher: CollectingDispatcher) -> None:
    assert await ActionGoodbye().run(dispatcher, make_tracker(), DOMAIN) == NO_OFFER
    [message] = dispatcher.messages
    assert message["text"] == say("goodbye")
    assert not message.get("buttons")


async def test_goodbye_to_a_customer_offers_the_survey_first(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"after_sales": True})
    events = await ActionGoodbye().run(dispatcher, tracker, DOMAIN)
    _assert_offer(dispatcher, "survey_offer_goodbye")
    assert events == [SlotSet("survey_offered", True), SlotSet("survey_pending", True)]


async def test_goodbye_to_a_customer_already_asked(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"after_sales": True, "survey_offered": True})
    assert await ActionGoodbye().run(dispatcher, tracker, DOMAIN) == NO_OFFER
    assert texts(dispatcher) == [say("goodbye")]


async def test_a_survey_answered_unprompted_is_not_offered_again(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    slots: dict[str, Any] = {"after_sales": True, "nps": 10, "csat": "satisfait", "ces": 1}
    slots.update(slots_set(await ActionSubmitSurvey().run(dispatcher, finished(slots), DOMAIN)))
    offer = CollectingDispatcher()
    assert await ActionOfferSurvey().run(offer, make_tracker(slots=slots), DOMAIN) == NO_OFFER
    assert offer.messages == []


def test_every_survey_slot_is_in_the_form() -> None:
    assert tuple(DOMAIN["forms"]["survey_form"]["required_slots"]) == SURVEY_SLOTS
