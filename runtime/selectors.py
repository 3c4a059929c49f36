"""Rasa's ResponseSelector, run only on the messages whose answer it may give.

Each of the two selectors (the course, the FAQ) costs about a tenth of a Rasa process's time
per message, and each message needs at most one of them: a greeting, a phone number or a
date needs neither. A selector here runs when the intent classifier (DIET, before it in the
pipeline) picks its retrieval intent, or an intent whose action reads its ranking
(`also_after`: a course follow-up is searched among the course notions), or gives its
retrieval intent a real share (`min_confidence`: the page's audience may then prefer it,
logic/understanding/decision.py), or is unsure (`unsure_below`: the FallbackClassifier may
take over and the bot then rescues or offers the selectors' best answers).

In config.yml, with ResponseSelector's keys:

    - name: runtime.selectors.GatedResponseSelector
      retrieval_intent: course
      also_after: [follow_up, out_of_scope]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

ALSO_AFTER, UNSURE_BELOW, MIN_CONFIDENCE = "also_after", "unsure_below", "min_confidence"


def needs_selector(
    intent: Mapping[str, Any] | None,
    ranking: Sequence[Mapping[str, Any]],
    retrieval_intent: str | None,
    also_after: Collection[str],
    unsure_below: float,
    min_confidence: float,
) -> bool:
    """Whether a message read as `intent` (`ranking`: every intent's confidence) may be given
    an answer of `retrieval_intent`'s selector, or needs its ranking."""
    if not retrieval_intent or not intent:
        return True  # a selector over every retrieval intent, or no classifier before it
    name = intent.get("name")
    if name == retrieval_intent or name in also_after:
        return True
    if float(intent.get("confidence") or 0.0) < unsure_below:
        return True
    share = next(
        (float(i.get("confidence") or 0.0) for i in ranking if i.get("name") == retrieval_intent),
        0.0,
    )
    return share >= min_confidence


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class GatedResponseSelector(ResponseSelector):
    """ResponseSelector that skips the messages none of its answers can concern."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **ResponseSelector.get_default_config(),
            ALSO_AFTER: [],
            # Above the FallbackClassifier's threshold, so that every message it doubts
            # still has both selectors' answers.
            UNSURE_BELOW: 0.6,
            MIN_CONFIDENCE: 0.1,
        }

    def process(self, messages: list[Message]) -> list[Message]:
        """Selects an answer for the messages that may need one; the others pass as they are."""
        needed = [m for m in messages if self._needed(m)]
        if needed:
            super().process(needed)
        return messages

    def _needed(self, message: Message) -> bool:
        config = self.component_config
        return needs_selector(
            message.get(INTENT),
            message.get(INTENT_RANKING_KEY) or [],
            self.retrieval_intent,
            set(config[ALSO_AFTER]),
            float(config[UNSURE_BELOW]),
            float(config[MIN_CONFIDENCE]),
        )
