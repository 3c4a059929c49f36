"""The calculator in the conversation: the figures of a computation kept in the slot
`last_calculation`, and a follow-up that changes one of them recomputing."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.indicators import ActionComputeIndicator
from logic.survey.calculator.compute import compute_from_text
from logic.text.catalogue import render
from tests.actions.conftest import make_tracker


def _asking(text: str) -> dict[str, object]:
    return {"text": text, "intent": {"name": "compute_indicator"}, "entities": []}


async def _run(text: str, last: Any = None) -> tuple[str, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    slots = {"last_calculation": last} if last is not None else {}
    tracker = make_tracker(slots=slots, latest_message=_asking(text))
    events = await ActionComputeIndicator().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    return str(message["text"]), events


def _slot(events: list[dict[str, Any]], name: str) -> Any:
    [value] = [e["value"] for e in events if e["event"] == "slot" and e["name"] == name]
    return value


NPS_IN_CONTEXT = [SlotSet("notion", "nps"), SlotSet("notion_facet", "formula")]


async def test_a_computation_keeps_its_figures() -> None:
    text, events = await _run("NPS avec 50 % de promoteurs et 20 % de détracteurs")
    assert "NPS = 50 − 20 = +30" in text
    assert events == [
        *NPS_IN_CONTEXT,
        SlotSet(
            "last_calculation",
            {"topic": "nps", "unit": "percent", "values": {"promoters": 50, "detractors": 20}},
        ),
    ]


async def test_a_follow_up_recomputes_with_the_figure_changed() -> None:
    _, events = await _run("NPS avec 50 % de promoteurs et 20 % de détracteurs")
    last = _slot(events, "last_calculation")
    text, events = await _run("et si les détracteurs montent à 40 % ?", last)
    assert text.startswith("Je refais le calcul avec ce changement (détracteurs : 20 % → 40 %).")
    assert "NPS = 50 − 40 = +10" in text
    assert _slot(events, "last_calculation")["values"] == {"promoters": 50, "detractors": 40}
    # and again, from the figures just stored
    text, _ = await _run(
        "et si on ajoute 10 notes de 5 ?",
        {"topic": "ces", "unit": "note", "scale": 5, "values": {"1": 10, "3": 5}},
    )
    assert "75 / 25 = 3" in text


async def test_a_follow_up_without_a_computation_asks_for_the_figures() -> None:
    text, events = await _run("et si les détracteurs montent à 40 % ?")
    assert text == render(compute_from_text("et si les détracteurs montent à 40 % ?").answer)
    assert "donnez-moi d'abord les chiffres" in text
    assert events == [*NPS_IN_CONTEXT, SlotSet("last_calculation", {"topic": "nps"})]


async def test_a_question_keeps_the_indicator_for_the_next_figures() -> None:
    text, events = await _run("calcule le CES")
    assert "notes d'effort" in text
    assert _slot(events, "last_calculation") == {"topic": "ces"}
    assert _slot(events, "notion") == "ces"
    text, events = await _run("10 notes de 1 et 5 notes de 3", _slot(events, "last_calculation"))
    assert "10 × 1 + 5 × 3 = 25" in text
    assert _slot(events, "last_calculation")["values"] == {"1": 10, "3": 5}


async def test_a_question_on_the_same_indicator_keeps_the_figures() -> None:
    last = {
        "topic": "nps",
        "unit": "count",
        "values": {"promoters": 45, "passives": 35, "detractors": 20},
    }
    text, events = await _run("et si on enlève 30 détracteurs ?", last)
    assert "il n'y en a que 20" in text
    assert events == NPS_IN_CONTEXT  # the figures stay as they were


async def test_a_figure_asked_about_after_the_ces_is_read_as_a_ces() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"notion": "ces"}, latest_message=_asking("si j'ai 4 c'est bien ?")
    )
    events = await ActionComputeIndicator().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert "effort moyen" in str(message["text"])
    assert _slot(events, "notion") == "ces"
