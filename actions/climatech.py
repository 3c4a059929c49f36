"""Climatech after-sales answers: parts, news, hours, troubleshooting, settings, products.

Every answer comes from knowledge/climatech/ through the `logic` package.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button, latest_text, mark_after_sales
from logic import catalogue, offers, opening_hours, settings_help, troubleshooting
from logic.clock import now
from logic.knowledge import load_knowledge
from logic.text.catalogue import say


class ActionPartLookup(Action):
    """Annexe 1, message 1: a part's reference, price and stock, at any hour."""

    def name(self) -> str:
        return "action_part_lookup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        search = catalogue.search_parts(latest_text(tracker))
        buttons = [
            button(
                f"Réserver {m.part.reference}",
                f'/reserve_part{{"part_reference":"{m.part.reference}"}}',
            )
            for m in search.matches[:3]
            if m.part.stock > 0
        ]
        dispatcher.utter_message(text=search.message, buttons=buttons)
        return mark_after_sales(tracker)


class ActionNews(Action):
    """Annexe 1, message 2: today's news and offers, the hours and the Facebook page."""

    def name(self) -> str:
        return "action_news"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        company = load_knowledge().company
        dispatcher.utter_message(text=offers.news_text(now()))
        dispatcher.utter_message(
            text=say(
                "news_footer", facebook=company.facebook, status=opening_hours.status_text(now())
            )
        )
        return mark_after_sales(tracker)


class ActionShopInfo(Action):
    """Opening hours (open right now?), address, car park and phone number."""

    def name(self) -> str:
        return "action_shop_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=shop_info_text())
        return mark_after_sales(tracker)


def shop_info_text() -> str:
    company = load_knowledge().company
    return say(
        "shop_info",
        status=opening_hours.status_text(now()),
        hours=opening_hours.hours_text(),
        street=company.street,
        postcode=company.postcode,
        city=company.city,
        parking=company.parking,
        phone=company.phone,
    )


class ActionTroubleshoot(Action):
    """Annexe 1, message 3: a step-by-step guide for an error code or a symptom."""

    def name(self) -> str:
        return "action_troubleshoot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        diagnosis = troubleshooting.diagnose(latest_text(tracker))
        events = mark_after_sales(tracker)
        if not diagnosis.found:
            dispatcher.utter_message(text=troubleshooting.diagnosis_text(diagnosis))
            return events
        dispatcher.utter_message(
            text=troubleshooting.diagnosis_text(diagnosis, offer_intervention=False),
            buttons=[
                button(say("solved_button"), "/affirm"),
                button(say("not_solved_button"), "/request_intervention"),
            ],
        )
        # The intervention form then starts with the problem already described.
        return [*events, SlotSet("intervention_problem", diagnosis.title)]


class ActionSettingsHelp(Action):
    """Annexe 1, message 3: how-tos for the small settings, without calling the SAV."""

    def name(self) -> str:
        return "action_settings_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        howtos = settings_help.find_howtos(latest_text(tracker))
        if howtos:
            dispatcher.utter_message(text=settings_help.howto_text(howtos[0]))
            others = [button(h.title, f"comment {h.title.lower()}") for h in howtos[1:]]
            if others:
                dispatcher.utter_message(text=say("settings_more"), buttons=others)
        else:
            dispatcher.utter_message(
                text=say("settings_menu"),
                buttons=[
                    button(title, f"comment {title.lower()}")
                    for _, title in settings_help.howto_menu()
                ],
            )
        return mark_after_sales(tracker)


class ActionProductSpecs(Action):
    """Annexe 1, message 4: specifications from the catalogue, or a comparison of two."""

    def name(self) -> str:
        return "action_product_specs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        answer = catalogue.answer_spec_question(latest_text(tracker))
        if answer.found:
            dispatcher.utter_message(text=answer.text)
        else:
            names = [p.name for p in load_knowledge().products]
            dispatcher.utter_message(
                text=answer.text,
                buttons=[button(n, f"caractéristiques de la {n}") for n in names[:6]],
            )
        return mark_after_sales(tracker)


class ActionMaintenanceContract(Action):
    def name(self) -> str:
        return "action_maintenance_contract"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=offers.contracts_text(),
            buttons=[button(say("callback_button"), "/request_callback")],
        )
        return mark_after_sales(tracker)


class ActionCreditOffer(Action):
    def name(self) -> str:
        return "action_credit_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=offers.credit_text(),
            buttons=[button(say("quote_button"), "/request_quote")],
        )
        return mark_after_sales(tracker)


def handoff_message() -> str:
    """The phone number during opening hours; outside them, when we reopen."""
    moment = now()
    if opening_hours.is_open(moment):
        return say("handoff_open", phone=load_knowledge().company.phone)
    return say("handoff_closed", status=opening_hours.status_text(moment))


class ActionHandoff(Action):
    """ "Je veux parler à un conseiller": the phone when open, else a callback offer."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=handoff_message(),
            buttons=[
                button(say("callback_button"), "/request_callback"),
                button(say("no_thanks_button"), "/deny"),
            ],
        )
        return mark_after_sales(tracker, handoff=True)
