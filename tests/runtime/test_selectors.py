"""Which messages each ResponseSelector reads (runtime/selectors.py)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.training_data.message import Message

from runtime.selectors import GatedResponseSelector, needs_selector

# As in config.yml: the course's selector also reads follow-ups, the FAQ's nothing more.
ALSO_AFTER = {"course": {"follow_up", "out_of_scope"}, "faq": set()}


def _ranking(**confidences: float) -> list[dict[str, Any]]:
    return [{"name": n, "confidence": c} for n, c in confidences.items()]


def _needs(top: str, retrieval: str = "course", **confidences: float) -> bool:
    ranking = _ranking(**confidences)
    intent = next(i for i in ranking if i["name"] == top)
    return needs_selector(intent, ranking, retrieval, ALSO_AFTER[retrieval], 0.6, 0.1)


def test_a_confident_greeting_needs_neither_selector() -> None:
    assert not _needs("greet", "course", greet=0.97, course=0.01, faq=0.01)
    assert not _needs("greet", "faq", greet=0.97, course=0.01, faq=0.01)


def test_a_course_question_needs_the_course_selector_only() -> None:
    assert _needs("course", "course", course=0.9, faq=0.05)
    assert not _needs("course", "faq", course=0.9, faq=0.05)


def test_a_follow_up_is_searched_among_the_course_notions() -> None:
    assert _needs("follow_up", "course", follow_up=0.95, course=0.02)
    assert not _needs("follow_up", "faq", follow_up=0.95, faq=0.02)


def test_a_doubtful_message_gets_both_rankings() -> None:
    """What the FallbackClassifier may take over is rescued or offered from both selectors."""
    assert _needs("shop_info", "course", shop_info=0.55, course=0.02)
    assert _needs("shop_info", "faq", shop_info=0.55, faq=0.02)


def test_a_retrieval_intent_with_a_real_share_is_read_for_the_tie_break() -> None:
    assert _needs("course", "faq", course=0.7, faq=0.25)
    assert not _needs("course", "faq", course=0.7, faq=0.05)


def test_without_a_classifier_before_it_the_selector_always_runs() -> None:
    assert needs_selector(None, [], "course", set(), 0.6, 0.1)
    assert needs_selector({"name": "greet", "confidence": 1.0}, [], None, set(), 0.6, 0.1)


def test_the_skipped_messages_pass_unchanged_and_the_others_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []

    def fake_process(self: Any, messages: list[Message]) -> list[Message]:
        for message in messages:
            read.append(message.get("text"))
            message.set("response_selector", {"course": {"ranking": []}}, add_to_output=True)
        return messages

    monkeypatch.setattr(ResponseSelector, "process", fake_process)
    selector = object.__new__(GatedResponseSelector)
    selector.component_config = {
        **GatedResponseSelector.get_default_config(),
        "also_after": ["follow_up"],
    }
    selector.retrieval_intent = "course"
    greeting = Message(
        data={
            "text": "bonjour",
            "intent": {"name": "greet", "confidence": 0.98},
            "intent_ranking": _ranking(greet=0.98, course=0.01),
        }
    )
    question = Message(
        data={
            "text": "c'est quoi le ROPO",
            "intent": {"name": "course", "confidence": 0.9},
            "intent_ranking": _ranking(course=0.9, greet=0.01),
        }
    )
    assert selector.process([greeting, question]) == [greeting, question]
    assert read == ["c'est quoi le ROPO"]
    assert greeting.get("response_selector") is None
    assert question.get("response_selector") == {"course": {"ranking": []}}
