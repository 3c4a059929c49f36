"""The clarification asked when the NLU is unsure."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionClarify, ActionCoreFallback
from tests.actions.conftest import make_tracker

UNSURE_ABOUT_ROPO = {
    "text": "le truc du web en magasin",
    "intent": {"name": "nlu_fallback", "confidence": 0.45},
    "intent_ranking": [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "course", "confidence": 0.40},
        {"name": "help", "confidence": 0.30},
        {"name": "affirm", "confidence": 0.20},
    ],
    "response_selector": {
        "default": {
            "ranking": [
                {"intent_response_key": "course/ropo", "confidence": 0.7},
                {"intent_response_key": "course/click_and_collect", "confidence": 0.2},
                {"intent_response_key": "course/drive", "confidence": 0.1},
            ]
        }
    },
}


async def test_clarify_suggests_the_likely_concepts_then_other(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionClarify().run(dispatcher, make_tracker(latest_message=UNSURE_ABOUT_ROPO), {})
    message = dispatcher.messages[0]
    assert message["text"].startswith("Je ne suis pas sûr")
    titles = [b["title"] for b in message["buttons"]]
    # Ranked by joint confidence: help 0.30, course 0.40 x ropo 0.7, course 0.40 x c&c 0.2.
    assert titles == [
        "Voir ce que je sais faire",
        "ROPO / web to store",
        "Le click and collect",
        "Autre chose",
    ]
    assert message["buttons"][1]["payload"] == '/explain{"concept":"ropo"}'
    assert message["buttons"][-1]["payload"] == "/deny"


async def test_clarify_without_any_guess_asks_to_rephrase(dispatcher: CollectingDispatcher) -> None:
    nothing = {"text": "???", "intent": {"name": "nlu_fallback"}, "intent_ranking": []}
    await ActionClarify().run(dispatcher, make_tracker(latest_message=nothing), {})
    assert "reformuler" in dispatcher.messages[0]["text"]


async def test_core_fallback_answers_in_french_and_forgets_the_message(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await ActionCoreFallback().run(dispatcher, make_tracker(), {})
    assert "menu" in dispatcher.messages[0]["text"]
    assert events == [UserUtteranceReverted()]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("je veux annuler ma demande RAP-BPZ8", "action_cancel_request"),
        ("supprimez mes données RDV-7K3Q", "action_delete_my_data"),
    ],
)
async def test_a_reference_with_its_verb_is_managed_whatever_the_nlu_read(
    dispatcher: CollectingDispatcher, text: str, action: str
) -> None:
    # "BPZ8" is no word: the NLU may read the message as a course question, or be unsure.
    unsure = {**UNSURE_ABOUT_ROPO, "text": text}
    events = await ActionClarify().run(dispatcher, make_tracker(latest_message=unsure), {})
    assert events == [FollowupAction(action)]
    assert dispatcher.messages == []
