"""The button that offers one guess of the NLU: a course notion, a FAQ answer or an intent."""

from __future__ import annotations

from logic.climatech.faq import FAQ_INTENT, faq_answer
from logic.course.concepts import load_registry
from logic.course.intents import RETRIEVAL_INTENT, intent_labels

Button = dict[str, str]


def option_button(label: str) -> Button | None:
    """{"title", "payload"} for "course/<key>", "faq/<key>" or an intent with a label."""
    intent, _, key = label.partition("/")
    if intent == RETRIEVAL_INTENT:
        concept = load_registry().get(key)
        return {"title": concept.title, "payload": concept.payload} if concept else None
    if intent == FAQ_INTENT:
        answer = faq_answer(key)
        return {"title": answer.title, "payload": answer.payload} if answer else None
    title = intent_labels().get(intent)
    return {"title": title, "payload": f"/{intent}"} if title and not key else None
