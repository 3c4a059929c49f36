"""The action server's answers are checked as Rasa checks them, with a schema compiled once."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import runtime.tracker_store  # noqa: F401  (what Rasa imports: it puts the check in place)

ACTION = RemoteAction("action_answer", None)
ANSWER = {
    "events": [{"event": "slot", "name": "topic", "value": "nps", "timestamp": None}],
    "responses": [{"text": "Le NPS mesure la recommandation.", "buttons": []}],
}


def test_a_valid_answer_passes() -> None:
    assert ACTION._validate_action_result(ANSWER) is True


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [{"event": "no_such_event"}], "responses": []},
        {"events": {"event": "slot"}, "responses": []},
        {"events": [], "responses": ["not an object"]},
    ],
)
def test_an_invalid_answer_is_refused_with_rasas_message(answer: dict) -> None:
    with pytest.raises(ValidationError) as refused:
        ACTION._validate_action_result(answer)
    assert "Failed to validate Action server response" in refused.value.message


def test_the_check_is_the_projects_once_the_store_is_loaded() -> None:
    assert RemoteAction._validate_action_result.__module__ == "runtime.action_results"
