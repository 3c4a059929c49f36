"""The revision actions, run with a tracker and a dispatcher."""

from __future__ import annotations

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswer
from actions.conversation import ActionShowMenu
from actions.course import ActionExplainConcept, ActionShowTheme
from logic.course.concepts import load_registry
from logic.course.facets import Facet, load_facets
from logic.course.wording import FacetLack, FollowupButton
from logic.text.catalogue import say
from tests.actions.conftest import make_tracker


async def test_explain_utters_the_concept_response_and_clears_the_slot(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await ActionExplainConcept().run(
        dispatcher, make_tracker(slots={"concept": "ropo"}), {}
    )
    assert dispatcher.messages[0]["response"] == "utter_course/ropo"
    # ROPO is now the notion under discussion: "et un exemple ?" will be about it.
    assert events == [
        SlotSet("notion", "ropo"),
        SlotSet("notion_facet", "definition"),
        SlotSet("concept", None),
    ]


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


# --- the tutor: follow-ups on the notion under discussion ----------------------------------


async def _follow_up(
    text: str, slots: dict[str, object], entities: list[dict[str, str]] | None = None
):  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    parse = {
        "text": text,
        "intent": {"name": "follow_up", "confidence": 0.95},
        "intent_ranking": [{"name": "follow_up", "confidence": 0.95}],
        "entities": entities or [],
    }
    tracker = make_tracker(slots=slots, latest_message=parse)
    events = await ActionAnswer().run(dispatcher, tracker, {})
    return dispatcher, events


async def test_un_exemple_after_the_ropo_gives_the_courses_example() -> None:
    dispatcher, events = await _follow_up("et un exemple ?", {"notion": "ropo"})
    [message] = dispatcher.messages
    assert load_facets()["ropo"].text(Facet.EXAMPLE) in message["text"]
    assert SlotSet("notion_facet", "example") in events
    titles = [b["title"] for b in message["buttons"]]
    assert (
        say(FollowupButton.SIMPLE.value) in titles
        and say(FollowupButton.EXAMPLE.value) not in titles
    )


async def test_a_follow_up_button_names_its_notion_and_facet() -> None:
    entities = [{"entity": "facet", "value": "simple"}, {"entity": "concept", "value": "nps"}]
    dispatcher, events = await _follow_up(
        '/follow_up{"facet":"simple"}', {"notion": "ropo"}, entities
    )
    assert load_facets()["nps"].text(Facet.SIMPLE) in dispatcher.messages[0]["text"]
    assert SlotSet("notion", "nps") in events


async def test_a_follow_up_with_no_notion_in_context_asks_which_with_buttons() -> None:
    dispatcher, events = await _follow_up("un exemple ?", {})
    [message] = dispatcher.messages
    assert message["text"] == say("course_which_notion")
    assert message["buttons"]
    assert events == []


async def test_a_missing_facet_says_so_and_offers_a_neighbour() -> None:
    dispatcher, _ = await _follow_up("un exemple ?", {"notion": "kumar_rangaswamy"})
    [message] = dispatcher.messages
    assert message["text"].startswith(
        say(
            "course_facet_missing",
            what=say(FacetLack.EXAMPLE.value),
            title="Étude Kumar et Rangaswamy",
        )
    )
