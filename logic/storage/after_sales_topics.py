"""The topic of an after-sales step, from what the action already knows: the form that has
just been completed, else the intent of the customer's latest message.

A topic names a kind of after-sales question (parts, troubleshooting, a callback...). Some
topics put the customer in the hands of a person (an adviser, a callback, a complaint or an
urgency that a person calls back about): those are the handoffs of the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Kinds of step.
QUESTION = "question"  # a question the bot answered (or handed over, for a person topic)
CONFIRMED = "confirmed"  # the customer says the problem is solved
NOT_SOLVED = "not_solved"  # "ça ne marche toujours pas"
KINDS = (QUESTION, CONFIRMED, NOT_SOLVED)

# The topics, in the order the dashboard lists them.
TOPICS = (
    "faq",
    "parts",
    "click_collect",
    "troubleshooting",
    "settings",
    "products",
    "news",
    "shop",
    "contract",
    "credit",
    "appointment",
    "quote",
    "intervention",
    "callback",
    "complaint",
    "urgent",
    "request_follow_up",
    "advisor",
    "other",
)
OTHER = "other"
TROUBLESHOOTING = "troubleshooting"
FAQ = "faq"
PERSON_TOPICS = frozenset({"advisor", "callback", "complaint", "urgent"})
# After a first answer, asking for these means the answer was not enough.
MORE_HELP_TOPICS = PERSON_TOPICS | {"intervention"}

BY_INTENT: Mapping[str, str] = {
    "faq": FAQ,
    "faq_topic": FAQ,
    "sav_part_lookup": "parts",
    "pick_cheapest": "parts",
    "reserve_part": "click_collect",
    "troubleshoot": TROUBLESHOOTING,
    "still_broken": TROUBLESHOOTING,
    "ask_severity": TROUBLESHOOTING,
    "settings_help": "settings",
    "product_specs": "products",
    "product_advice": "products",
    "sav_news": "news",
    "shop_info": "shop",
    "maintenance_contract": "contract",
    "credit_offer": "credit",
    "book_appointment": "appointment",
    "request_quote": "quote",
    "request_intervention": "intervention",
    "request_callback": "callback",
    "complaint": "complaint",
    "urgent_breakdown": "urgent",
    "request_status": "request_follow_up",
    "reschedule_appointment": "request_follow_up",
    "cancel_request": "request_follow_up",
    "human_handoff": "advisor",
}

BY_FORM: Mapping[str, str] = {
    "appointment_form": "appointment",
    "reservation_form": "click_collect",
    "callback_form": "callback",
    "priority_callback_form": "callback",
    "quote_form": "quote",
    "intervention_form": "intervention",
    "reschedule_form": "request_follow_up",
    "adviser_form": "products",
}


def completed_form(events: Iterable[Mapping[str, Any]]) -> str | None:
    """The form the latest message completed (its loop ended since that message), or None.

    `events` are the tracker's events, oldest first, as the action server receives them.
    """
    ended = False
    for event in reversed(list(events)):
        kind = event.get("event")
        if kind == "active_loop":
            name = event.get("name")
            if name is None:
                ended = True
            else:
                return str(name) if ended else None
        elif kind == "user" and not ended:
            return None
    return None


def topic_of(intent: str | None, form: str | None = None) -> str:
    """A completed form's topic, else the intent's, else "other"."""
    if form is not None and form in BY_FORM:
        return BY_FORM[form]
    return BY_INTENT.get(str(intent), OTHER)


def kind_of(intent: str | None) -> str:
    """ "Toujours en panne" is a step of its own; every other message is a question."""
    return NOT_SOLVED if intent == "still_broken" else QUESTION


def step_of(intent: str | None, events: Iterable[Mapping[str, Any]]) -> tuple[str, str]:
    """(topic, kind) of the step an action records: a completed form is a question of its
    own topic, else the latest message's intent says both."""
    form = completed_form(events)
    if form is not None and form in BY_FORM:
        return BY_FORM[form], QUESTION
    return topic_of(intent), kind_of(intent)
