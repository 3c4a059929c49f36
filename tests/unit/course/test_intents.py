"""What the NLU says about the course: the ResponseSelector's output, suggested intents."""

from __future__ import annotations

from logic.course.intents import RETRIEVAL_INTENT, intent_labels, response_selection


def test_the_selection_is_read_under_the_intent_or_default() -> None:
    chosen = {"response": {"intent_response_key": "course/nps"}}
    assert response_selection({"response_selector": {RETRIEVAL_INTENT: chosen}}) == chosen
    assert response_selection({"response_selector": {"default": chosen}}) == chosen
    assert response_selection({}) == {}


def test_suggested_intents_have_french_labels() -> None:
    labels = intent_labels()
    assert labels and all(isinstance(label, str) and label for label in labels.values())
    assert RETRIEVAL_INTENT not in labels
