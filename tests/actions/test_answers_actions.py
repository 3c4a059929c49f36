"""Answers chosen by the ResponseSelector, given only when it is confident, and the
"Vouliez-vous dire… ?" buttons asked otherwise, the audience's domain first."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswer, ActionFaqTopic
from actions.common import followup_buttons
from actions.fallback import ActionClarify
from logic.climatech.faq import faq_answer, faq_menu
from logic.course.intents import intent_labels
from logic.course.menu import menu_buttons
from logic.text.catalogue import say
from logic.understanding.audience import Audience
from logic.understanding.buttons import option_button
from tests.actions.conftest import make_tracker
from tests.unit.understanding.parses import nlu_parse

OTHER = {"title": say("clarify_other"), "payload": "/deny"}


def _buttons(*labels: str) -> list[dict[str, str]]:
    """The buttons offering these guesses, then "Autre chose"."""
    found = [option_button(label) for label in labels]
    assert None not in found, labels
    return [*(b for b in found if b is not None), OTHER]


def _faq_message(key: str) -> tuple[str, list[dict[str, str]]]:
    answer = faq_answer(key)
    assert answer is not None
    return answer.text, [{"title": answer.button.title, "payload": answer.button.payload}]


async def _answer(parse: dict[str, Any], audience: str | None = None) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"audience": audience}, latest_message=parse)
    events = await ActionAnswer().run(dispatcher, tracker, {})
    # Only a course answer sets the notion under discussion.
    assert all(e["name"] in ("notion", "notion_facet") for e in events)
    return dispatcher


async def test_a_confident_course_answer_is_its_response() -> None:
    parse = nlu_parse([("course", 0.96)], [("course/ropo", 0.91), ("course/drive", 0.05)])
    dispatcher = await _answer(parse, "etudiant")
    [message] = dispatcher.messages
    assert message["response"] == "utter_course/ropo"
    assert message["buttons"] == followup_buttons("ropo")


async def test_a_confident_faq_answer_is_its_text_and_its_next_step() -> None:
    parse = nlu_parse([("faq", 0.94)], [("faq/parking", 0.88), ("faq/acces_pmr", 0.1)])
    dispatcher = await _answer(parse, "client")
    [message] = dispatcher.messages
    assert (message["text"], message["buttons"]) == _faq_message("parking")
    assert message["buttons"] == [{"title": "Horaires et adresse", "payload": "/shop_info"}]


UNSURE_FAQ = nlu_parse(
    [("faq", 0.62), ("course", 0.3), ("shop_info", 0.05)],
    [("faq/parking", 0.35), ("faq/acces_pmr", 0.3), ("course/ropo", 0.2)],
)


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (None, ("faq/parking", "faq/acces_pmr", "course/ropo")),
        # shop_info (0.05) is weaker than course/ropo (0.3 x 0.2), but it is Climatech's.
        ("client", ("faq/parking", "faq/acces_pmr", "shop_info")),
        ("etudiant", ("course/ropo", "faq/parking", "faq/acces_pmr")),
    ],
)
async def test_an_unsure_answer_asks_with_the_likely_ones(
    audience: str | None, expected: tuple[str, ...]
) -> None:
    [message] = (await _answer(UNSURE_FAQ, audience)).messages
    assert message["text"] == say("clarify_question")
    assert message["buttons"] == _buttons(*expected)
    assert message["buttons"][-1]["payload"] == "/deny"


async def test_an_answer_the_faq_lacks_is_never_said_the_menu_is_offered() -> None:
    parse = nlu_parse([("faq", 0.95)], [("faq/no_such_answer", 0.9)])
    [message] = (await _answer(parse, "client")).messages
    assert message["text"] == say("clarify_nothing")
    assert message["buttons"] == menu_buttons(Audience.CLIENT)


async def test_a_faq_button_gives_its_answer_and_clears_the_topic(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"faq_topic": "moyens_paiement", "audience": "client"})
    events = await ActionFaqTopic().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert (message["text"], message["buttons"]) == _faq_message("moyens_paiement")
    assert events == [SlotSet("faq_topic", None)]


@pytest.mark.parametrize("key", ["no_such_answer", None])
async def test_an_unknown_faq_topic_or_la_faq_shows_the_most_asked_questions(
    dispatcher: CollectingDispatcher, key: str | None
) -> None:
    tracker = make_tracker(slots={"faq_topic": key, "audience": "client"})
    events = await ActionFaqTopic().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["text"] == say("faq_menu_intro")
    assert message["buttons"] == [option_button(f"faq/{a.key}") for a in faq_menu()]
    assert message["buttons"][0]["payload"] == '/faq_topic{"faq_topic":"parking"}'
    assert events == [SlotSet("faq_topic", None)]


# "bonjour, vous avez un parking ?" on Climatech's site: the NLU hesitates (nlu_fallback).
UNSURE_PARKING = nlu_parse(
    [
        ("nlu_fallback", 0.4),
        ("faq", 0.38),
        ("course", 0.2),
        ("greet", 0.18),
        ("bot_challenge", 0.1),
        ("shop_info", 0.08),
    ],
    [("faq/parking", 0.62), ("course/ropo", 0.33), ("faq/acces_pmr", 0.05)],
    text="bonjour, vous avez un parking ?",
)


async def test_clarify_for_a_customer_offers_climatech_first_and_no_small_talk(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"audience": "client"}, latest_message=UNSURE_PARKING)
    await ActionClarify().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["text"] == say("clarify_question")
    # course/ropo (0.2 x 0.33) outranks shop_info (0.08), but a customer sees Climatech first.
    assert message["buttons"] == _buttons("faq/parking", "shop_info", "course/ropo")
    titles = {b["title"] for b in message["buttons"]}
    assert intent_labels()["greet"] not in titles
    assert intent_labels()["bot_challenge"] not in titles


async def test_clarify_for_the_audience_of_the_metadata(dispatcher: CollectingDispatcher) -> None:
    """Before the session's slot is set, the message's own metadata says who is talking."""
    parse = {**UNSURE_PARKING, "metadata": {"audience": "etudiant"}}
    await ActionClarify().run(dispatcher, make_tracker(latest_message=parse), {})
    assert dispatcher.messages[0]["buttons"] == _buttons("course/ropo", "faq/parking", "shop_info")


async def test_clarify_never_shows_two_buttons_with_the_same_title(
    dispatcher: CollectingDispatcher,
) -> None:
    parse = nlu_parse(
        [("nlu_fallback", 0.4), ("faq", 0.38), ("course", 0.36), ("sav_part_lookup", 0.06)],
        [("course/click_and_collect", 0.5), ("faq/cc_fonctionnement", 0.45)],
        text="le click and collect ça marche comment",
    )
    tracker = make_tracker(slots={"audience": "client"}, latest_message=parse)
    await ActionClarify().run(dispatcher, tracker, {})
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert len(titles) == len(set(titles)), titles


@pytest.mark.usefixtures("db_url")
async def test_clarify_on_a_message_with_a_reference_gives_its_status(
    dispatcher: CollectingDispatcher,
) -> None:
    """ "ma demande RAP-K2NA ?" the NLU doubts: the reference itself says what is meant."""
    parse = nlu_parse([("nlu_fallback", 0.5), ("request_status", 0.3)])
    parse["text"] = "et ma demande RAP-K2NA alors ?"
    await ActionClarify().run(dispatcher, make_tracker(latest_message=parse), {})
    assert [m["text"] for m in dispatcher.messages] == [
        say("status_unknown_reference", reference="RAP-K2NA")
    ]


@pytest.mark.usefixtures("db_url")
async def test_an_unsure_answer_on_a_message_with_a_reference_gives_its_status(
    dispatcher: CollectingDispatcher,
) -> None:
    parse = nlu_parse([("faq", 0.9)], [("faq/cc_reservation_prete", 0.3)])
    parse["text"] = "où en est ma demande RAP-UJC7 ?"
    await ActionAnswer().run(dispatcher, make_tracker(latest_message=parse), {})
    assert [m["text"] for m in dispatcher.messages] == [
        say("status_unknown_reference", reference="RAP-UJC7")
    ]
