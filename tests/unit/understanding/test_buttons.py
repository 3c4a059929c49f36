"""The button offering one guess: a course notion, a FAQ answer, or a labelled intent."""

from __future__ import annotations

import pytest

from logic.climatech.faq import faq_answer
from logic.course.concepts import load_registry
from logic.course.intents import intent_labels
from logic.understanding.buttons import option_button


def test_a_course_notion_explains_the_concept() -> None:
    concept = load_registry().get("ropo")
    assert concept is not None
    assert option_button("course/ropo") == {
        "title": concept.title,
        "payload": '/explain{"concept":"ropo"}',
    }


def test_a_faq_answer_sets_its_topic() -> None:
    answer = faq_answer("parking")
    assert answer is not None
    assert option_button("faq/parking") == {
        "title": answer.title,
        "payload": '/faq_topic{"faq_topic":"parking"}',
    }


def test_an_intent_is_offered_with_its_label() -> None:
    assert option_button("troubleshoot") == {
        "title": intent_labels()["troubleshoot"],
        "payload": "/troubleshoot",
    }


@pytest.mark.parametrize(
    "label",
    [
        "course/no_such_concept",
        "faq/no_such_answer",
        "affirm",  # no label: never suggested
        "nlu_fallback",
        "troubleshoot/extra",  # an intent with a key is not an intent
        "",
    ],
)
def test_unknown_labels_give_no_button(label: str) -> None:
    assert option_button(label) is None
