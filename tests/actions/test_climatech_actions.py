"""Climatech after-sales actions, run with a tracker and a dispatcher (fixed clock)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.ask import AskQuestion
from actions.climatech import (
    ActionCreditOffer,
    ActionHandoff,
    ActionMaintenanceContract,
    ActionNews,
    ActionPartLookup,
    ActionProductSpecs,
    ActionSettingsHelp,
    ActionTroubleshoot,
)
from actions.common import looks_like_question
from actions.forms import ValidateAppointmentForm
from logic.storage.reports import load_summary
from tests.actions.conftest import make_tracker

MONDAY_AFTERNOON = "2026-11-23T15:00:00+01:00"
SUNDAY_EVENING = "2026-11-22T21:00:00+01:00"
DOMAIN = {
    "forms": {
        "appointment_form": {
            "required_slots": ["contact_name", "contact", "appointment_date", "appointment_time"]
        }
    },
    "slots": {},
}


pytestmark = pytest.mark.usefixtures("db_url")


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", MONDAY_AFTERNOON)


def _said(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


async def test_part_lookup_gives_reference_price_and_stock(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "la ref du filtre de mon aria 50 svp"})
    events = await ActionPartLookup().run(dispatcher, tracker, {})
    text = _said(dispatcher)
    assert "CT-FIL-2050" in text and "16,90" in text
    assert SlotSet("after_sales", True) in events
    payload = dispatcher.messages[0]["buttons"][0]["payload"]
    assert payload == '/reserve_part{"part_reference":"CT-FIL-2050"}'


async def test_part_lookup_of_an_unknown_reference_says_so(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "CT-XYZ-9999"})
    await ActionPartLookup().run(dispatcher, tracker, {})
    assert "n'existe pas" in _said(dispatcher)
    assert not dispatcher.messages[0]["buttons"]


async def test_troubleshoot_prepares_the_intervention(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(latest_message={"text": "ma clim affiche E4"})
    events = await ActionTroubleshoot().run(dispatcher, tracker, {})
    assert "E4" in _said(dispatcher)
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/affirm", "/request_intervention"]
    assert any(e.get("name") == "intervention_problem" and e.get("value") for e in events)


async def test_handoff_when_open_gives_the_phone(dispatcher: CollectingDispatcher) -> None:
    await ActionHandoff().run(dispatcher, make_tracker(), {})
    assert "02 61 91 42 10" in _said(dispatcher)


async def test_handoff_when_closed_offers_a_callback(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", SUNDAY_EVENING)
    await ActionHandoff().run(dispatcher, make_tracker(), {})
    assert "rappellera dès la réouverture" in _said(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/request_callback"
    summary = load_summary()
    assert summary["conversations"]["handoffs"] == 1


async def test_part_lookup_buttons_reserve_the_parts_in_stock(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "CT-FIL-2035"})
    await ActionPartLookup().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith(
        "• Filtres à air Aria 25 / Aria 35 (lot de 2) : réf. CT-FIL-2035, 14,90 €, en stock (12)."
    )
    assert dispatcher.messages[0]["buttons"][0]["title"] == "Réserver CT-FIL-2035"


async def test_troubleshoot_without_a_guide_asks_for_a_description(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "bonjour"})
    events = await ActionTroubleshoot().run(dispatcher, tracker, {})
    assert _said(dispatcher).startswith("Je n'ai pas reconnu le problème.")
    assert not any(e.get("name") == "intervention_problem" for e in events)


async def test_troubleshoot_leaves_the_intervention_offer_to_the_buttons(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "ma clim fuit"})
    events = await ActionTroubleshoot().run(dispatcher, tracker, {})
    text = _said(dispatcher)
    assert text.startswith("Problème : l'appareil fuit ou goutte.\nVoici ce que vous pouvez")
    assert "je peux demander l'intervention" not in text
    assert SlotSet("intervention_problem", "l'appareil fuit ou goutte") in events


async def test_news_then_the_facebook_page_and_the_hours(dispatcher: CollectingDispatcher) -> None:
    await ActionNews().run(dispatcher, make_tracker(), {})
    news, footer = (m["text"] for m in dispatcher.messages)
    assert news.startswith("Nos actualités du moment :\n• ")
    assert "(jusqu'au lundi 30 novembre)" in news
    assert footer.startswith("Suivez aussi nos actualités sur Facebook : https://")


async def test_settings_help_gives_the_steps_and_related_howtos(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(latest_message={"text": "mode hors gel"})
    await ActionSettingsHelp().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Activer le mode vacances (hors-gel) :\n1. ")


async def test_settings_help_without_a_match_shows_the_menu(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionSettingsHelp().run(dispatcher, make_tracker(latest_message={"text": "euh"}), {})
    assert dispatcher.messages[0]["text"] == "Quel réglage voulez-vous faire ?"
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "Nettoyer les filtres" in titles


async def test_product_specs_answer_or_ask_which_model(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(latest_message={"text": "puissance de l'aria 25"})
    await ActionProductSpecs().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"] == (
        "L'Aria 25 a une puissance de 3,2 kW en chauffage et de 2,5 kW en refroidissement."
    )
    unsure = CollectingDispatcher()
    await ActionProductSpecs().run(unsure, make_tracker(latest_message={"text": "le bruit"}), {})
    assert unsure.messages[0]["text"].startswith("De quel modèle parlez-vous ?")
    assert unsure.messages[0]["buttons"][0]["payload"] == "caractéristiques de la Aria 25"


async def test_contracts_and_credit_are_shown_with_their_buttons(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionMaintenanceContract().run(dispatcher, make_tracker(), {})
    await ActionCreditOffer().run(dispatcher, make_tracker(), {})
    contracts, credit = (m["text"] for m in dispatcher.messages)
    assert contracts.startswith("• Contrat Essentiel (climatiseur réversible mono-split) : 119 €")
    assert contracts.endswith("Sans contrat, une visite d'entretien coûte 149 €.")
    assert "48 mensualités de 137,63 €, sans frais de dossier" in credit
    assert [m["buttons"][0]["payload"] for m in dispatcher.messages] == [
        "/request_callback",
        "/request_quote",
    ]


async def test_privacy_notice_only_before_the_first_personal_question(
    dispatcher: CollectingDispatcher,
) -> None:
    ask_name = next(c for c in AskQuestion.__subclasses__() if c.slot == "contact_name")()
    events = await ask_name.run(dispatcher, make_tracker(), {})
    assert "conservées 90 jours" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("privacy_notice_shown", True)]
    again = CollectingDispatcher()
    await ask_name.run(again, make_tracker(slots={"privacy_notice_shown": True}), {})
    assert len(again.messages) == 1 and "nom" in again.messages[0]["text"]


def _in_form(text: str, intent: str, confidence: float = 0.99) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "response_selector": {
            "course": {
                "response": {"intent_response_key": "course/ropo", "confidence": 0.9},
                "ranking": [{"intent_response_key": "course/ropo", "confidence": 0.9}],
            }
        },
    }


async def test_a_course_question_inside_a_form_is_answered_then_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact_name"},
        latest_message=_in_form("c'est quoi le ropo ?", "course"),
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["response"] == "utter_course/ropo"
    assert events == [SlotSet("contact_name", None)]


async def test_a_name_is_a_name_even_if_the_nlu_thinks_otherwise(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact_name", "contact_name": "Jeanne Le Goff"},
        latest_message=_in_form("Jeanne Le Goff", "course"),
        events=[
            {"event": "user", "text": "Jeanne Le Goff"},
            {"event": "slot", "name": "contact_name", "value": "Jeanne Le Goff"},
        ],
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert SlotSet("contact_name", "Jeanne Le Goff") in events
    assert not dispatcher.messages


async def test_a_phone_number_mistaken_for_stop_is_still_an_answer(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact"},
        latest_message=_in_form("06 11 22 33 44", "stop", confidence=0.56),
        events=[{"event": "user", "text": "06 11 22 33 44"}],
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert SlotSet("contact", "06 11 22 33 44") in events


async def test_a_real_stop_is_left_to_the_stop_rule(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(
        slots={"requested_slot": "contact"},
        latest_message=_in_form("annuler", "stop"),
        events=[{"event": "user", "text": "annuler"}],
    )
    events = await ValidateAppointmentForm().run(dispatcher, tracker, DOMAIN)
    assert not any(e.get("name") == "contact" for e in events)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("c'est quoi le ropo ?", True),
        ("Au fait, vous êtes ouverts le samedi", True),
        ("Qu'est-ce que le CSAT", True),
        ("Jeanne Le Goff", False),
        ("06 12 34 56 78", False),
    ],
)
def test_what_counts_as_a_question_inside_a_form(text: str, question: bool) -> None:
    tracker = make_tracker(latest_message=_in_form(text, "shop_info"))
    assert looks_like_question(tracker) is question
