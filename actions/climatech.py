"""Climatech after-sales answers: parts, news, hours, troubleshooting, settings, products.

Every answer comes from knowledge/climatech/ through `logic.climatech`, which returns
message codes; these actions render them with the catalogue (knowledge/messages/).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    button,
    handoff_message,
    latest_text,
    mark_after_sales,
    shop_info_text,
)
from logic.climatech import offers, opening_hours, parts, settings_help, specs, troubleshooting
from logic.climatech.knowledge.loading import load_knowledge
from logic.clock import now
from logic.text.catalogue import render, say


class ActionPartLookup(Action):
    """Annexe 1, message 1: a part's reference, price and stock, at any hour."""

    def name(self) -> str:
        return "action_part_lookup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        search = parts.search_parts(latest_text(tracker))
        buttons = [
            button(
                say("sav_reserve_part_button", reference=m.part.reference),
                f'/reserve_part{{"part_reference":"{m.part.reference}"}}',
            )
            for m in search.matches[:3]
            if m.part.stock > 0
        ]
        dispatcher.utter_message(text=render(search.message), buttons=buttons)
        # "le moins cher ?" next picks from this very list.
        listed = [m.part.reference for m in search.matches]
        return [*await mark_after_sales(tracker), SlotSet("listed_items", listed or None)]


class ActionNews(Action):
    """Annexe 1, message 2: today's news and offers, the hours and the Facebook page."""

    def name(self) -> str:
        return "action_news"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        company = load_knowledge().company
        dispatcher.utter_message(text=render(offers.news_summary(now())))
        dispatcher.utter_message(
            text=say(
                "news_footer", facebook=company.facebook, status=render(opening_hours.status(now()))
            )
        )
        return await mark_after_sales(tracker)


class ActionShopInfo(Action):
    """Opening hours (open right now?), address, car park and phone number."""

    def name(self) -> str:
        return "action_shop_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=shop_info_text())
        return await mark_after_sales(tracker)


class ActionTroubleshoot(Action):
    """Annexe 1, message 3: a step-by-step guide for an error code or a symptom."""

    def name(self) -> str:
        return "action_troubleshoot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        diagnosis = troubleshooting.diagnose(latest_text(tracker))
        events = await mark_after_sales(tracker)
        if not diagnosis.found:
            dispatcher.utter_message(text=render(troubleshooting.diagnosis_answer(diagnosis)))
            return events
        dispatcher.utter_message(
            text=render(troubleshooting.diagnosis_answer(diagnosis, offer_intervention=False)),
            buttons=[
                button(say("solved_button"), "/affirm"),
                button(say("not_solved_button"), "/request_intervention"),
            ],
        )
        # The intervention form then starts with the problem already described, and
        # "c'est grave ?" knows which code it is about.
        code = diagnosis.code.code if diagnosis.code else None
        return [
            *events,
            SlotSet("intervention_problem", diagnosis.title),
            SlotSet("error_code", code),
        ]


class ActionSettingsHelp(Action):
    """Annexe 1, message 3: how-tos for the small settings, without calling the SAV."""

    def name(self) -> str:
        return "action_settings_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        howtos = settings_help.find_howtos(latest_text(tracker))
        if howtos:
            dispatcher.utter_message(text=render(settings_help.howto_answer(howtos[0])))
            # A button sends its payload as if typed: the NLU reads it like any question.
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
        return await mark_after_sales(tracker)


class ActionProductSpecs(Action):
    """Annexe 1, message 4: specifications from the catalogue, or a comparison of two."""

    def name(self) -> str:
        return "action_product_specs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        answer = specs.answer_spec_question(
            latest_text(tracker), asked_before=tracker.get_slot("spec_topic")
        )
        if answer.found:
            dispatcher.utter_message(text=render(answer.message))
        else:
            names = [p.name for p in load_knowledge().products]
            # The payload is read by the NLU as a typed question about that model.
            dispatcher.utter_message(
                text=render(answer.message),
                buttons=[button(n, f"caractéristiques de la {n}") for n in names[:6]],
            )
        # "et pour l'Aria 35 ?" next asks the same specification of another model.
        return [*await mark_after_sales(tracker), SlotSet("spec_topic", answer.spec)]


class ActionMaintenanceContract(Action):
    def name(self) -> str:
        return "action_maintenance_contract"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=render(offers.contracts_summary()),
            buttons=[button(say("callback_button"), "/request_callback")],
        )
        return await mark_after_sales(tracker)


class ActionCreditOffer(Action):
    def name(self) -> str:
        return "action_credit_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=render(offers.credit_summary()),
            buttons=[button(say("quote_button"), "/request_quote")],
        )
        return await mark_after_sales(tracker)


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
        return await mark_after_sales(tracker, handoff=True)
