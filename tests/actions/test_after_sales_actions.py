"""Complaints, urgent breakdowns, a request's status, the follow-ups of the after-sales
answers, and the requests they lead to (priority, urgency, moving an appointment)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.after_sales import (
    ActionComplaint,
    ActionPickCheapest,
    ActionRequestStatus,
    ActionSeverity,
    ActionStillBroken,
    ActionUrgentBreakdown,
)
from actions.requests import (
    ActionSubmitAppointment,
    ActionSubmitIntervention,
    ActionSubmitPriorityCallback,
    ActionSubmitReschedule,
)
from logic.climatech.parts import find_part
from logic.climatech.references import parse_reference
from logic.climatech.troubleshooting import find_error_code
from logic.climatech.upfront.extract import PROBLEM_LIMIT
from logic.climatech.urgencies import urgencies
from logic.storage import requests as request_store
from logic.storage.engine import StorageError
from logic.text.catalogue import say
from logic.text.formatting import format_price
from tests.actions.conftest import make_tracker
from tests.actions.test_requests import APPOINTMENT

TUESDAY_MORNING = "2026-11-24T10:00:00+01:00"
SUNDAY_EVENING = "2026-11-22T21:00:00+01:00"
MONDAY_AFTERNOON = "2026-11-23T15:00:00+01:00"
INTERVENTION = {
    "intervention_problem": "l'appareil fuit ou goutte",
    "postcode": "22200",
    "contact_name": "Jeanne Le Goff",
    "contact_phone": "06 12 34 56 78",
}

pytestmark = pytest.mark.usefixtures("db_url")


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", MONDAY_AFTERNOON)


def _text(dispatcher: CollectingDispatcher, index: int = 0) -> str:
    return str(dispatcher.messages[index].get("text") or "")


def _payloads(dispatcher: CollectingDispatcher, index: int = 0) -> list[str]:
    return [b["payload"] for b in dispatcher.messages[index].get("buttons") or []]


def _reference(dispatcher: CollectingDispatcher) -> str:
    reference = parse_reference(_text(dispatcher, -1))
    assert reference is not None, _text(dispatcher, -1)
    return reference


def _says(text: str) -> Tracker:
    return make_tracker(latest_message={"text": text, "intent": {}, "entities": []})


# --- a complaint ---------------------------------------------------------------------------


async def test_a_complaint_is_stored_with_its_category_and_priority(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", TUESDAY_MORNING)
    tracker = _says("Personne ne répond jamais au téléphone, c'est inadmissible")
    events = await ActionComplaint().run(dispatcher, tracker, {})
    reference = _reference(dispatcher)
    assert reference.startswith("REC-")
    stored = request_store.get_request(reference)
    assert stored is not None and stored.kind == "complaint"
    assert stored.details == {"category": "phone_unanswered", "priority": True}
    apology = say(
        "complaint_recorded", category="personne ne répond au téléphone", reference=reference
    )
    assert dispatcher.messages[0]["text"] == f"{apology} {say('priority_when_open')}"
    assert SlotSet("priority_reason", f"complaint:{reference}") in events
    assert SlotSet("after_sales", True) in events


async def test_a_complaint_when_closed_says_when_a_person_calls(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", SUNDAY_EVENING)
    await ActionComplaint().run(dispatcher, _says("vous êtes vraiment nuls"), {})
    reference = _reference(dispatcher)
    stored = request_store.get_request(reference)
    assert stored is not None and stored.details["category"] == "other"
    opening = say("priority_opening_at", day=say("hours_tomorrow"), time="14 h")
    assert _text(dispatcher).endswith(say("priority_when_closed", opening=opening))


async def test_a_complaint_not_stored_still_gets_the_apology(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise StorageError("database is locked")

    monkeypatch.setattr(request_store, "create_request", broken)
    monkeypatch.setenv("CLIMABOT_NOW", TUESDAY_MORNING)
    events = await ActionComplaint().run(dispatcher, _says("le technicien n'est pas venu"), {})
    assert _text(dispatcher) == f"{say('complaint_not_recorded')} {say('priority_when_open')}"
    assert parse_reference(_text(dispatcher)) is None
    assert SlotSet("priority_reason", "complaint:") in events


async def test_the_priority_callback_after_a_complaint_is_stored_as_priority(
    dispatcher: CollectingDispatcher,
) -> None:
    complained = CollectingDispatcher()
    events = await ActionComplaint().run(complained, _says("j'attends toujours mon devis"), {})
    complaint = _reference(complained)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    slots["contact_phone"] = "06 12 34 56 78"
    slots["privacy_notice_shown"] = True  # the form asked the phone after the notice
    events = await ActionSubmitPriorityCallback().run(dispatcher, make_tracker(slots=slots), {})
    reference = _reference(dispatcher)
    assert reference.startswith("RAP-")
    assert _text(dispatcher) == say(
        "priority_callback_confirmed", phone="06 12 34 56 78", reference=reference
    )
    stored = request_store.get_request(reference)
    assert stored is not None and stored.kind == "callback"
    assert stored.details == {"phone": "06 12 34 56 78", "priority": True, "complaint": complaint}
    assert SlotSet("priority_reason", None) in events  # the next request is not a priority


async def test_details_given_up_front_are_stored_only_after_the_notice(
    dispatcher: CollectingDispatcher,
) -> None:
    """ "Rappelez-moi au 06..." fills the form at once: no question, so the notice comes here."""
    slots = {"contact_phone": "06 12 34 56 78"}
    events = await ActionSubmitPriorityCallback().run(dispatcher, make_tracker(slots=slots), {})
    assert _text(dispatcher, 0) == say("form_privacy_notice")
    assert parse_reference(_text(dispatcher, 1)) is not None
    assert SlotSet("privacy_notice_shown", True) in events
    again = CollectingDispatcher()
    slots = {**slots, "privacy_notice_shown": True}
    await ActionSubmitPriorityCallback().run(again, make_tracker(slots=slots), {})
    assert say("form_privacy_notice") not in [m.get("text") for m in again.messages]


# --- an urgent breakdown -------------------------------------------------------------------


def _safety(kind: str) -> str:
    urgency = urgencies().kinds[kind]
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(urgency.safety, 1))
    return say("urgency_safety", title=urgency.title.lower(), steps=steps)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("au secours ça fuit, il y a une flaque sous la clim", "water_leak"),
        ("ça sent le brûlé et il y a de la fumée", "burning_smell"),
        ("la pac chauffe plus et mon bébé a froid", "no_heating_vulnerable"),
    ],
)
async def test_an_urgency_says_its_safety_steps_first(
    dispatcher: CollectingDispatcher, text: str, kind: str
) -> None:
    events = await ActionUrgentBreakdown().run(dispatcher, _says(text), {})
    assert [m["text"] for m in dispatcher.messages] == [_safety(kind), say("urgency_next")]
    assert SlotSet("priority_reason", f"urgency:{kind}") in events
    assert SlotSet("intervention_problem", text) in events
    assert SlotSet("after_sales", True) in events


async def test_the_problem_of_an_urgency_is_kept_short_on_one_line(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "ça fuit\n\n  de partout " + "vraiment " * 40
    events = await ActionUrgentBreakdown().run(dispatcher, _says(text), {})
    [problem] = [e["value"] for e in events if e.get("name") == "intervention_problem"]
    assert problem.startswith("ça fuit de partout vraiment") and len(problem) <= PROBLEM_LIMIT
    assert "\n" not in problem and "  " not in problem


async def test_an_urgent_intervention_is_stored_as_priority_with_its_urgency(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = {**INTERVENTION, "priority_reason": "urgency:water_leak"}
    events = await ActionSubmitIntervention().run(dispatcher, make_tracker(slots=slots), {})
    reference = _reference(dispatcher)
    stored = request_store.get_request(reference)
    assert stored is not None and stored.kind == "intervention"
    assert stored.details["priority"] is True and stored.details["urgency"] == "water_leak"
    assert stored.details["intervention_problem"] == "l'appareil fuit ou goutte"
    assert SlotSet("priority_reason", None) in events


async def test_an_ordinary_intervention_is_no_priority(dispatcher: CollectingDispatcher) -> None:
    await ActionSubmitIntervention().run(dispatcher, make_tracker(slots=INTERVENTION), {})
    stored = request_store.get_request(_reference(dispatcher))
    assert stored is not None
    assert "priority" not in stored.details and "urgency" not in stored.details


# --- where a request stands ----------------------------------------------------------------


async def _appointment(sender_id: str = "owner") -> str:
    made = CollectingDispatcher()
    await ActionSubmitAppointment().run(
        made, make_tracker(slots=APPOINTMENT, sender_id=sender_id), {}
    )
    return _reference(made)


async def test_the_status_of_my_appointment(dispatcher: CollectingDispatcher) -> None:
    reference = await _appointment()
    tracker = make_tracker(
        latest_message={"text": f"où en est mon rdv {reference.lower()} ?"}, sender_id="owner"
    )
    events = await ActionRequestStatus().run(dispatcher, tracker, {})
    assert _text(dispatcher) == say(
        "status_appointment_upcoming", reference=reference, day="mardi 24 novembre", time="10 h"
    )
    assert SlotSet("request_reference", None) in events


async def test_the_status_by_the_reference_slot(dispatcher: CollectingDispatcher) -> None:
    reference = await _appointment()
    tracker = make_tracker(
        slots={"request_reference": reference},
        latest_message={"text": "et alors ?"},
        sender_id="owner",
    )
    await ActionRequestStatus().run(dispatcher, tracker, {})
    assert _text(dispatcher) == say(
        "status_appointment_upcoming", reference=reference, day="mardi 24 novembre", time="10 h"
    )


async def test_someone_else_gets_nothing_about_the_request(
    dispatcher: CollectingDispatcher,
) -> None:
    reference = await _appointment()
    stranger = make_tracker(latest_message={"text": f"où en est {reference} ?"}, sender_id="x")
    await ActionRequestStatus().run(dispatcher, stranger, {})
    assert _text(dispatcher) == say("status_not_yours", reference=reference)
    assert "24 novembre" not in _text(dispatcher)


async def test_the_status_without_a_reference_asks_for_it(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await ActionRequestStatus().run(dispatcher, _says("où en est ma demande ?"), {})
    assert _text(dispatcher) == say("status_needs_reference")
    assert events == []


# --- moving an appointment -----------------------------------------------------------------


def _moving(reference: str, sender_id: str = "owner") -> Tracker:
    slots = {
        "request_reference": reference,
        "appointment_date": "2026-11-26",
        "appointment_time": "15:00",
    }
    return make_tracker(slots=slots, sender_id=sender_id)


async def test_my_appointment_moves_to_the_new_day_and_time(
    dispatcher: CollectingDispatcher,
) -> None:
    reference = await _appointment()
    events = await ActionSubmitReschedule().run(dispatcher, _moving(reference), {})
    assert _text(dispatcher) == say(
        "reschedule_moved", reference=reference, day="jeudi 26 novembre", time="à 15 h"
    )
    stored = request_store.get_request(reference)
    assert stored is not None
    assert stored.details["appointment_start"] == "2026-11-26T15:00:00+01:00"
    assert request_store.appointment_starts("2026-11-24") == []  # the old place is free
    for slot in ("request_reference", "appointment_date", "appointment_time"):
        assert SlotSet(slot, None) in events


async def test_an_unknown_appointment_is_not_moved(dispatcher: CollectingDispatcher) -> None:
    await ActionSubmitReschedule().run(dispatcher, _moving("RDV-9ZZZ"), {})
    assert _text(dispatcher) == say("reschedule_unknown_reference", reference="RDV-9ZZZ")


async def test_someone_else_cannot_move_my_appointment(dispatcher: CollectingDispatcher) -> None:
    reference = await _appointment()
    await ActionSubmitReschedule().run(dispatcher, _moving(reference, sender_id="x"), {})
    assert _text(dispatcher) == say("reschedule_not_yours", reference=reference)
    stored = request_store.get_request(reference)
    assert stored is not None
    assert stored.details["appointment_start"] == "2026-11-24T10:00:00+01:00"


async def test_moving_without_a_reference_stores_nothing(dispatcher: CollectingDispatcher) -> None:
    reference = await _appointment()
    await ActionSubmitReschedule().run(dispatcher, _moving(""), {})
    assert _text(dispatcher) == say("request_incomplete")
    stored = request_store.get_request(reference)
    assert stored is not None
    assert stored.details["appointment_start"] == "2026-11-24T10:00:00+01:00"


# --- follow-ups: still broken, is it serious, the cheapest ---------------------------------


async def test_still_broken_after_a_guide_offers_a_technician(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"intervention_problem": "l'appareil fuit ou goutte"})
    events = await ActionStillBroken().run(dispatcher, tracker, {})
    assert _text(dispatcher) == say("still_broken_offer", problem="l'appareil fuit ou goutte")
    assert dispatcher.messages[0]["buttons"] == [
        {"title": say("intervention_button"), "payload": "/request_intervention"},
        {"title": say("handoff_button"), "payload": "/human_handoff"},
    ]
    assert SlotSet("after_sales", True) in events


async def test_still_broken_without_a_problem_asks_what_is_wrong(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionStillBroken().run(dispatcher, make_tracker(), {})
    assert _text(dispatcher) == say("still_broken_unknown")
    assert _payloads(dispatcher) == ["/troubleshoot", "/request_intervention", "/human_handoff"]
    assert dispatcher.messages[0]["buttons"][0]["title"] == say("error_code_button")


def _severity(code: str) -> str:
    found = find_error_code(code)
    assert found is not None
    return say("severity_code", code=found.code, title=found.title, technician=found.technician)


@pytest.mark.parametrize(
    ("text", "slot", "code"),
    [
        ("E4 c'est grave ?", None, "E4"),
        ("c'est grave docteur ?", "E4", "E4"),  # the code of the guide just given
        ("et E5, c'est grave ?", "E4", "E5"),  # the code typed comes first
    ],
)
async def test_severity_of_an_error_code(
    dispatcher: CollectingDispatcher, text: str, slot: str | None, code: str
) -> None:
    tracker = make_tracker(slots={"error_code": slot}, latest_message={"text": text})
    events = await ActionSeverity().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == [
        _severity(code),
        say("severity_general"),
    ]
    assert _payloads(dispatcher, 1) == ["/request_intervention"]
    assert events == [SlotSet("error_code", code)]


async def test_severity_without_a_code_asks_for_it(dispatcher: CollectingDispatcher) -> None:
    events = await ActionSeverity().run(dispatcher, _says("c'est grave ?"), {})
    [message] = dispatcher.messages
    assert message["text"] == f"{say('severity_unknown')} {say('severity_general')}"
    assert _payloads(dispatcher) == ["/troubleshoot"]
    assert events == []


async def test_the_cheapest_of_the_parts_just_listed(dispatcher: CollectingDispatcher) -> None:
    listed = ["CT-FIL-2050", "CT-FIL-2035", "CT-TEL-3010"]
    await ActionPickCheapest().run(dispatcher, make_tracker(slots={"listed_items": listed}), {})
    part = find_part("CT-FIL-2035")
    assert part is not None
    assert _text(dispatcher) == say(
        "cheapest_part",
        designation=part.designation,
        reference="CT-FIL-2035",
        price=format_price(part.price_eur),
    )


async def test_the_cheapest_of_the_models_just_recommended(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(slots={"listed_items": ["Aria 50", "Aria 35"]})
    await ActionPickCheapest().run(dispatcher, tracker, {})
    assert _text(dispatcher) == say("cheapest_product", name="Aria 35", price="2 290 €")


@pytest.mark.parametrize("listed", [None, []])
async def test_the_cheapest_of_nothing_asks_among_what(
    dispatcher: CollectingDispatcher, listed: list[Any] | None
) -> None:
    await ActionPickCheapest().run(dispatcher, make_tracker(slots={"listed_items": listed}), {})
    assert _text(dispatcher) == say("cheapest_unknown")
