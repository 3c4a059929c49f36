"""The greeting, the menu and the out-of-scope answer for each audience, the audience set at
session start, and the survey offer that a following "oui" may accept."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionGreet, ActionOutOfScope, ActionRephrase, ActionShowMenu
from actions.session import ActionSessionStart
from actions.survey import ActionOfferSurvey
from logic.course.concepts import load_registry
from logic.course.menu import sav_menu, theme_payload
from logic.storage.reports import load_summary
from logic.text.catalogue import say
from tests.actions.conftest import make_tracker

pytestmark = pytest.mark.usefixtures("db_url")

THEMES = [{"title": t, "payload": theme_payload(k)} for k, t in load_registry().themes.items()]
SAV = {"title": sav_menu()["title"], "payload": theme_payload("sav")}
# What each audience is greeted with, then offered: (greeting, menu sentence, buttons).
BY_AUDIENCE: dict[str | None, tuple[str, str, list[dict[str, str]]]] = {
    "client": ("greet_client", "menu_client", list(sav_menu()["buttons"])),
    "etudiant": ("greet_student", "course_menu_intro", THEMES),
    None: ("greet_anyone", "course_menu_intro", [*THEMES, SAV]),
}


def _texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [str(m.get("text") or "") for m in dispatcher.messages]


@pytest.mark.parametrize("audience", ["client", "etudiant", None])
async def test_greet_then_the_menu_of_the_audience(
    dispatcher: CollectingDispatcher, audience: str | None
) -> None:
    greeting, intro, buttons = BY_AUDIENCE[audience]
    events = await ActionGreet().run(dispatcher, make_tracker(slots={"audience": audience}), {})
    assert _texts(dispatcher) == [say(greeting), say(intro)]
    assert dispatcher.messages[1]["buttons"] == buttons
    assert events == []


def test_a_customer_is_never_offered_the_course_themes() -> None:
    payloads = {b["payload"] for b in BY_AUDIENCE["client"][2]}
    assert payloads and payloads.isdisjoint({b["payload"] for b in THEMES})
    assert SAV not in BY_AUDIENCE["etudiant"][2]


async def test_greet_reads_the_metadata_when_no_slot_is_set(
    dispatcher: CollectingDispatcher,
) -> None:
    message = {"text": "bonjour", "intent": {"name": "greet"}, "metadata": {"audience": "client"}}
    await ActionGreet().run(dispatcher, make_tracker(latest_message=message), {})
    assert _texts(dispatcher) == [say("greet_client"), say("menu_client")]


async def test_the_terminal_is_a_student(dispatcher: CollectingDispatcher) -> None:
    events = [{"event": "user", "text": "salut", "input_channel": "cmdline", "parse_data": {}}]
    await ActionGreet().run(dispatcher, make_tracker(events=events), {})
    assert _texts(dispatcher)[0] == say("greet_student")
    assert dispatcher.messages[1]["buttons"] == THEMES


@pytest.mark.parametrize("audience", ["client", "etudiant", None])
async def test_show_menu_of_the_audience(
    dispatcher: CollectingDispatcher, audience: str | None
) -> None:
    _, intro, buttons = BY_AUDIENCE[audience]
    await ActionShowMenu().run(dispatcher, make_tracker(slots={"audience": audience}), {})
    [message] = dispatcher.messages
    assert (message["text"], message["buttons"]) == (say(intro), buttons)


@pytest.mark.parametrize(
    ("audience", "key"),
    [
        ("client", "out_of_scope_client"),
        ("etudiant", "out_of_scope_student"),
        (None, "out_of_scope_anyone"),
    ],
)
async def test_out_of_scope_says_what_the_bot_covers_for_the_audience(
    dispatcher: CollectingDispatcher, audience: str | None, key: str
) -> None:
    await ActionOutOfScope().run(dispatcher, make_tracker(slots={"audience": audience}), {})
    [message] = dispatcher.messages
    assert message["text"] == say(key)
    assert message["buttons"] == [{"title": say("menu_button"), "payload": "/help"}]


def _off_topic(text: str) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": "out_of_scope", "confidence": 0.7},
        "intent_ranking": [{"name": "out_of_scope", "confidence": 0.7}],
        "entities": [],
    }


async def test_a_follow_up_read_as_off_topic_is_answered_on_the_notion_discussed(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"audience": "etudiant", "notion": "ropo"}, latest_message=_off_topic("un exemple ?")
    )
    events = await ActionOutOfScope().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert say("out_of_scope_student") not in message["text"]
    assert SlotSet("notion_facet", "example") in events


async def test_off_topic_stays_off_topic_while_a_notion_is_discussed(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"audience": "etudiant", "notion": "ropo"},
        latest_message=_off_topic("tu connais une bonne pizzeria à Rennes ?"),
    )
    assert await ActionOutOfScope().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages[0]["text"] == say("out_of_scope_student")


@pytest.mark.parametrize(
    ("text", "notion", "mention"),
    [
        ("la forme juridique de climatech", "climatech_presentation", "SARL"),
        ("qui a inventé le net promoter score", "nps", "Reichheld"),
    ],
)
async def test_a_students_course_detail_read_as_off_topic_gets_the_detail(
    dispatcher: CollectingDispatcher, text: str, notion: str, mention: str
) -> None:
    tracker = make_tracker(slots={"audience": "etudiant"}, latest_message=_off_topic(text))
    events = await ActionOutOfScope().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert mention in message["text"]
    assert SlotSet("notion", notion) in events and SlotSet("notion_facet", "detail") in events


@pytest.mark.parametrize(
    "text", ["j'ai perdu mon chat", "tu connais une bonne pizzeria à Rennes ?", "le mobile de Jean"]
)
async def test_off_topic_naming_a_course_word_is_not_answered_with_a_notion(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = make_tracker(slots={"audience": "etudiant"}, latest_message=_off_topic(text))
    assert await ActionOutOfScope().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages[0]["text"] == say("out_of_scope_student")


async def test_a_customers_off_topic_message_is_never_searched_in_the_course(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"audience": "client"}, latest_message=_off_topic("la forme juridique de climatech")
    )
    assert await ActionOutOfScope().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages[0]["text"] == say("out_of_scope_client")


# --- session start -------------------------------------------------------------------------


async def _session_start(**tracker: Any) -> list[dict[str, Any]]:
    return await ActionSessionStart().run(CollectingDispatcher(), make_tracker(**tracker), {})


@pytest.mark.parametrize(("declared", "expected"), [("client", "client"), ("Etudiant", "etudiant")])
async def test_session_start_sets_the_audience_of_the_page(declared: str, expected: str) -> None:
    events = await _session_start(slots={"session_started_metadata": {"audience": declared}})
    assert events == [
        SessionStarted(),
        SlotSet("audience", expected),
        ActionExecuted("action_listen"),
    ]


async def test_session_start_in_the_terminal_is_a_student() -> None:
    events = [{"event": "user", "text": "/restart", "input_channel": "cmdline", "parse_data": {}}]
    found = await _session_start(events=events)
    assert SlotSet("audience", "etudiant") in found


@pytest.mark.parametrize("metadata", [None, {}, {"audience": "pirate"}])
async def test_session_start_without_audience_sets_none(metadata: dict[str, str] | None) -> None:
    events = await _session_start(slots={"session_started_metadata": metadata})
    assert events == [SessionStarted(), ActionExecuted("action_listen")]
    assert load_summary()["conversations"]["total"] == 1


# --- the survey offer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "offered"),
    [
        ({"after_sales": True}, True),
        ({"after_sales": True, "survey_offered": True}, False),  # once per conversation
        ({}, False),  # a student is never asked
    ],
)
async def test_survey_pending_only_when_the_offer_is_shown(
    dispatcher: CollectingDispatcher, slots: dict[str, Any], offered: bool
) -> None:
    events = await ActionOfferSurvey().run(dispatcher, make_tracker(slots=slots), {})
    assert SlotSet("survey_pending", offered) in events
    assert _texts(dispatcher) == ([say("survey_offer")] if offered else [])
    if offered:
        payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
        assert payloads == ["/give_feedback", "/deny"]


def _deny(text: str) -> dict[str, Any]:
    return {"text": text, "intent": {"name": "deny", "confidence": 0.9}, "entities": []}


@pytest.mark.parametrize("notion", ["ropo", None])
async def test_no_after_an_answer_asks_to_rephrase(
    dispatcher: CollectingDispatcher, notion: str | None
) -> None:
    tracker = make_tracker(
        slots={"audience": "etudiant", "notion": notion}, latest_message=_deny("non")
    )
    assert await ActionRephrase().run(dispatcher, tracker, {}) == []
    assert [m.get("response") for m in dispatcher.messages] == ["utter_ask_rephrase"]


async def test_not_understood_read_as_no_gets_the_simpler_version_of_the_notion(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"audience": "etudiant", "notion": "ropo"}, latest_message=_deny("jcapte pas")
    )
    events = await ActionRephrase().run(dispatcher, tracker, {})
    assert SlotSet("notion_facet", "simple") in events
    [message] = dispatcher.messages
    assert message.get("response") != "utter_ask_rephrase" and message["text"]


async def test_not_understood_with_no_notion_discussed_asks_to_rephrase(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"audience": "etudiant"}, latest_message=_deny("jcapte pas"))
    await ActionRephrase().run(dispatcher, tracker, {})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_ask_rephrase"]
