"""The intents the bot may suggest when unsure: each has a French label."""

from __future__ import annotations

from logic.course.intents import RETRIEVAL_INTENT, intent_labels


def test_suggested_intents_have_french_labels() -> None:
    labels = intent_labels()
    assert labels and all(isinstance(label, str) and label for label in labels.values())
    assert RETRIEVAL_INTENT not in labels
