"""The revision actions, run with a tracker and a dispatcher."""

from __future__ import annotations

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionShowMenu
from actions.course import ActionExplainConcept, ActionShowTheme
from logic.course.concepts import load_registry
from tests.actions.conftest import make_tracker


async def test_explain_utters_the_concept_response_and_clears_the_slot(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await ActionExplainConcept().run(
        dispatcher, make_tracker(slots={"concept": "ropo"}), {}
    )
    assert dispatcher.messages[0]["response"] == "utter_course/ropo"
    assert events == [SlotSet("concept", None)]


async def test_explain_an_unknown_concept_offers_the_themes(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionExplainConcept().run(dispatcher, make_tracker(slots={"concept": "astrologie"}), {})
    assert "Je ne connais pas cette notion" in dispatcher.messages[0]["text"]
    assert len(dispatcher.messages[0]["buttons"]) == len(load_registry().themes) + 1


async def test_explain_without_concept_picks_a_real_one(dispatcher: CollectingDispatcher) -> None:
    await ActionExplainConcept().run(dispatcher, make_tracker(), {})
    assert dispatcher.messages[0]["text"].startswith("Une notion au hasard")
    key = dispatcher.messages[1]["response"].removeprefix("utter_course/")
    assert key in load_registry().concepts


async def test_menu_has_one_button_per_theme(dispatcher: CollectingDispatcher) -> None:
    await ActionShowMenu().run(dispatcher, make_tracker(), {})
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert '/explore_theme{"theme":"indicateurs"}' in payloads
    assert payloads[-1] == '/explore_theme{"theme":"sav"}'
    assert len(payloads) == len(load_registry().themes) + 1


async def test_the_after_sales_menu_lists_what_a_customer_needs(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionShowTheme().run(dispatcher, make_tracker(slots={"theme": "sav"}), {})
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert {"/book_appointment", "/troubleshoot", "/give_feedback"} <= set(payloads)


async def test_theme_lists_its_concepts(dispatcher: CollectingDispatcher) -> None:
    await ActionShowTheme().run(dispatcher, make_tracker(slots={"theme": "indicateurs"}), {})
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert {"Le NPS", "Le CSAT", "Le CES"} <= set(titles)
    assert "Le ROPO / web to store" not in titles


async def test_unknown_theme_falls_back_to_the_menu(dispatcher: CollectingDispatcher) -> None:
    await ActionShowTheme().run(dispatcher, make_tracker(slots={"theme": "cuisine"}), {})
    assert "Je ne connais pas ce thème" in dispatcher.messages[0]["text"]
