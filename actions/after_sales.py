"""Complaints, urgent breakdowns, a request already made, and the follow-ups of the
after-sales answers ("ça ne marche toujours pas", "c'est grave ?", "le moins cher ?")."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button, latest_text, mark_after_sales, say_status
from logic.climatech import references, troubleshooting
from logic.climatech.cheapest import cheapest
from logic.climatech.upfront import problem_description
from logic.climatech.urgencies import callback_timing, complaint_category, urgency_kind
from logic.clock import now
from logic.results import Listing
from logic.storage import requests as request_store
from logic.storage.engine import StorageError, off_loop
from logic.text.catalogue import render, say

PRIORITY_SLOT = "priority_reason"  # "complaint:<reference>" or "urgency:<kind>"
PROBLEM_SLOT = "intervention_problem"


class ActionComplaint(Action):
    """An unhappy customer: an apology, the complaint recorded, a priority callback."""

    def name(self) -> str:
        return "action_complaint"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        category = complaint_category(latest_text(tracker))
        try:
            reference = await off_loop(
                request_store.create_request,
                "complaint",
                {"category": category.key, "priority": True},
                tracker.sender_id,
            )
            text = say("complaint_recorded", category=category.title.lower(), reference=reference)
        except StorageError:
            reference, text = "", say("complaint_not_recorded")
        dispatcher.utter_message(text=f"{text} {render(callback_timing(now()))}")
        return [*await mark_after_sales(tracker), SlotSet(PRIORITY_SLOT, f"complaint:{reference}")]


class ActionUrgentBreakdown(Action):
    """An urgent breakdown: the safety steps first, then a priority intervention request."""

    def name(self) -> str:
        return "action_urgent_breakdown"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = latest_text(tracker)
        kind = urgency_kind(text)
        steps = Listing(tuple(f"{n}. {step}" for n, step in enumerate(kind.safety, 1)), "lines")
        dispatcher.utter_message(
            text=say("urgency_safety", title=kind.title.lower(), steps=render(steps))
        )
        dispatcher.utter_message(text=say("urgency_next"))
        return [
            *await mark_after_sales(tracker),
            SlotSet(PRIORITY_SLOT, f"urgency:{kind.key}"),
            SlotSet(PROBLEM_SLOT, problem_description(text) or kind.title),
        ]


class ActionRequestStatus(Action):
    """ "Où en est RDV-7K3Q ?": its status, with the ownership rule of cancellation."""

    def name(self) -> str:
        return "action_request_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = latest_text(tracker)
        reference = references.parse_reference(text) or tracker.get_slot("request_reference")
        if not reference:
            dispatcher.utter_message(text=say("status_needs_reference"))
            return []
        return await say_status(dispatcher, tracker, str(reference))


class ActionStillBroken(Action):
    """After a guide: a technician, with the problem already described; else, what's wrong."""

    def name(self) -> str:
        return "action_still_broken"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        problem = tracker.get_slot(PROBLEM_SLOT)
        if problem:
            dispatcher.utter_message(
                text=say("still_broken_offer", problem=problem),
                buttons=[
                    button(say("intervention_button"), "/request_intervention"),
                    button(say("handoff_button"), "/human_handoff"),
                ],
            )
        else:
            dispatcher.utter_message(
                text=say("still_broken_unknown"),
                buttons=[
                    button(say("error_code_button"), "/troubleshoot"),
                    button(say("intervention_button"), "/request_intervention"),
                    button(say("handoff_button"), "/human_handoff"),
                ],
            )
        return await mark_after_sales(tracker)


class ActionSeverity(Action):
    """ "C'est grave ?" after an error code: when to stop the unit and call."""

    def name(self) -> str:
        return "action_severity"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = latest_text(tracker)
        code = troubleshooting.find_error_code(text) or troubleshooting.find_error_code(
            str(tracker.get_slot("error_code") or "")
        )
        if code is None:
            dispatcher.utter_message(
                text=f"{say('severity_unknown')} {say('severity_general')}",
                buttons=[button(say("error_code_button"), "/troubleshoot")],
            )
            return []
        dispatcher.utter_message(
            text=say("severity_code", code=code.code, title=code.title, technician=code.technician)
        )
        dispatcher.utter_message(
            text=say("severity_general"),
            buttons=[button(say("intervention_button"), "/request_intervention")],
        )
        return [SlotSet("error_code", code.code)]


class ActionPickCheapest(Action):
    """ "Le moins cher ?": the cheapest of the parts or models the bot just listed."""

    def name(self) -> str:
        return "action_pick_cheapest"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=render(cheapest(tracker.get_slot("listed_items"))))
        return []
