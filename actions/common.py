"""What the actions share (the only action module they import).

Buttons, the after-sales flag, the texts of the shop and of a handoff, and the forms that
answer a question asked in the middle of a form.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from logic.climatech import offers, opening_hours
from logic.climatech.faq import FAQ_INTENT, faq_answer
from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.references import Management, management_asked, parse_reference
from logic.clock import now
from logic.course.concepts import Concept, follow_up_payload, load_registry, quiz_payload
from logic.course.facets import Facet, load_facets
from logic.course.followup import facet_asked, is_pure_followup, is_short
from logic.course.followup import settings as followup_settings
from logic.course.intents import RETRIEVAL_INTENT
from logic.course.menu import menu_buttons
from logic.course.tutor import FOLLOW_UP_INTENT, Answer, Question, Reply
from logic.course.tutor import answer as tutor_answer
from logic.course.wording import followup_button, lack
from logic.course.wording import lead as lead_code
from logic.results import message
from logic.storage import after_sales_topics as topics
from logic.storage import class_sessions
from logic.storage import conversations as conversation_store
from logic.storage import requests as request_store
from logic.storage.engine import StorageError, off_loop
from logic.suggestions import Candidate
from logic.survey.answers import is_stop
from logic.survey.calculator.compute import wants_recompute
from logic.survey.calculator.single import figure_in_context
from logic.text.catalogue import render, say
from logic.text.matching import normalize
from logic.understanding.audience import AUDIENCE_SLOT, Audience, audience_of, parse_audience
from logic.understanding.buttons import option_button
from logic.understanding.decision import Decision, decide, rankings

logger = logging.getLogger(__name__)

Button = dict[str, str]


def button(title: str, payload: str) -> Button:
    return {"title": title, "payload": payload}


async def mark_after_sales(tracker: Tracker, handoff: bool | None = None) -> list[EventType]:
    """Records that this conversation is an after-sales one (and a handoff, if any).

    The containment rate of the dashboard comes from these rows. A database hiccup must not
    break the answer the customer is waiting for, so it is only logged (without the id).
    """
    try:
        await off_loop(
            conversation_store.mark_conversation,
            tracker.sender_id,
            channel=tracker.get_latest_input_channel(),
            after_sales=True,
            handoff=handoff,
        )
    except StorageError:
        logger.warning("could not record an after-sales conversation", exc_info=True)
    topic = "advisor" if handoff else None
    await record_step(tracker, topic)
    return [SlotSet("after_sales", True)]


async def record_step(tracker: Tracker, topic: str | None = None, kind: str | None = None) -> None:
    """The dashboard's after-sales step of the latest message: its topic comes from the form
    just completed or the intent, unless given. A failure is only logged, as above."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    found_topic, found_kind = topics.step_of(intent, tracker.events)
    try:
        await off_loop(
            class_sessions.record_step, tracker.sender_id, topic or found_topic, kind or found_kind
        )
    except StorageError:
        logger.warning("could not record an after-sales step", exc_info=True)


def audience(tracker: Tracker) -> Audience | None:
    """Who is talking: the slot set at session start, else the latest message's metadata."""
    return parse_audience(tracker.get_slot(AUDIENCE_SLOT)) or audience_of(
        tracker.latest_message.get("metadata"), tracker.get_latest_input_channel()
    )


def latest_text(tracker: Tracker) -> str:
    """What the user typed last, as a string (never None)."""
    return str(tracker.latest_message.get("text") or "")


def shop_info_text() -> str:
    """Opening hours (open right now?), address, car park and phone number."""
    company = load_knowledge().company
    return say(
        "shop_info",
        status=render(opening_hours.status(now())),
        hours=render(opening_hours.week_hours()),
        street=company.street,
        postcode=company.postcode,
        city=company.city,
        parking=company.parking,
        phone=company.phone,
    )


def handoff_message() -> str:
    """The phone number during opening hours; outside them, when we reopen."""
    moment = now()
    if opening_hours.is_open(moment):
        return say("handoff_open", phone=load_knowledge().company.phone)
    return say("handoff_closed", status=render(opening_hours.status(moment)))


# --- questions asked in the middle of a form ----------------------------------------------
# The forms take any text as an answer (a name can look like anything to the NLU), so a
# message counts as a question only when the NLU is confident about a question intent *and*
# it reads like a question. Everything else goes to the slot's own validation.

QUESTION_INTENTS = {
    RETRIEVAL_INTENT,
    FAQ_INTENT,
    "shop_info",
    "sav_news",
    "maintenance_contract",
    "credit_offer",
    "help",
    "bot_challenge",
    "human_handoff",
    FOLLOW_UP_INTENT,
}
MIN_CONFIDENCE = 0.8
STOP_CONFIDENCE = 0.7
QUESTION_START = re.compile(
    r"^(c est quoi|c koi|qu est ce|quel|quelle|quels|quelles|comment|pourquoi|combien|ou |"
    r"quand|est ce|vous |tu |je veux|je voudrais|aide|menu|explique|definition|au fait)"
)


def looks_like_question(tracker: Tracker) -> bool:
    """A confident question intent, worded as a question (not an answer such as a name)."""
    message = tracker.latest_message
    intent = message.get("intent") or {}
    if intent.get("name") not in QUESTION_INTENTS:
        return False
    if float(intent.get("confidence") or 0.0) < MIN_CONFIDENCE:
        return False
    text = str(message.get("text") or "").strip()
    if intent.get("name") == FOLLOW_UP_INTENT:  # "un exemple ?" in the quiz: about its notion
        return text.startswith("/") or (is_short(text) and facet_asked(text) is not None)
    return text.endswith("?") or bool(QUESTION_START.match(normalize(text)))


def is_real_stop(tracker: Tracker) -> bool:
    """The NLU's `stop` on a form answer is trusted only for short words without figures.

    A phone number or a name can be classified `stop` by mistake: such an answer must not
    throw away the form, so it goes to the slot's validation instead.
    """
    message = tracker.latest_message
    text = str(message.get("text") or "")
    if is_stop(text):
        return True
    confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
    return confidence >= STOP_CONFIDENCE and not re.search(r"\d", text) and len(text.split()) <= 6


def utter_answer(dispatcher: CollectingDispatcher, label: str) -> bool:
    """Says the answer "course/<key>" or "faq/<key>"; False when there is none."""
    intent, _, key = label.partition("/")
    if intent == RETRIEVAL_INTENT:
        say_notion(dispatcher, key)
        return True
    answer = faq_answer(key) if intent == FAQ_INTENT else None
    if answer is None:
        return False
    dispatcher.utter_message(text=answer.text, buttons=[dict(answer.button)])
    return True


# --- the course's tutor: the notion under discussion and its facets ----------------------

NOTION_SLOT = "notion"
FACET_SLOT = "notion_facet"
COMPARED_SLOT = "notions_compared"


def followup_buttons(key: str, given: Facet | None = None) -> list[Button]:
    """ "Un exemple", "Plus simplement", "Teste-moi là-dessus" under a course answer, but
    not the one for the facet just `given`."""
    found = []
    for facet in followup_settings().buttons:
        if facet is given:
            continue
        quiz = facet is Facet.QUIZ
        payload = quiz_payload(key) if quiz else follow_up_payload(facet.value, key)
        found.append(button(render(message(followup_button(facet))), payload))
    return found


def notion_events(key: str, facet: Facet) -> list[EventType]:
    """The notion under discussion and the facet just given on it, for the follow-ups."""
    return [SlotSet(NOTION_SLOT, key), SlotSet(FACET_SLOT, facet.value)]


def say_notion(dispatcher: CollectingDispatcher, key: str) -> list[EventType]:
    """A notion's own answer, with its related notions and the follow-ups as buttons."""
    dispatcher.utter_message(response=f"utter_course/{key}", buttons=followup_buttons(key))
    return notion_events(key, Facet.DEFINITION)


def _title(key: str | None) -> str:
    concept: Concept | None = load_registry().get(key)
    return concept.title if concept else str(key)


def _previous_user_text(tracker: Tracker) -> str:
    """The student's message before the latest one ("" at the start)."""
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen += 1
            if seen == 2:
                return str(event.get("text") or "")
    return ""


def tutor_question(tracker: Tracker, decision: Decision | None) -> Question:
    """The latest message, the notion under discussion and what the NLU is sure of."""
    message = tracker.latest_message
    entities = {str(e.get("entity")): str(e.get("value")) for e in message.get("entities") or []}
    intent = (message.get("intent") or {}).get("name")
    answer = decision.answer if decision else None
    selected = (
        answer.partition("/")[2] if answer and answer.startswith(f"{RETRIEVAL_INTENT}/") else None
    )
    return Question(
        text=latest_text(tracker),
        intent=intent,
        selected=selected,
        facet=entities.get("facet"),
        notion=entities.get("concept") if intent == FOLLOW_UP_INTENT else None,
        context=tracker.get_slot(NOTION_SLOT),
        context_facet=tracker.get_slot(FACET_SLOT),
        previous_text=_previous_user_text(tracker),
        # A customer's doubtful message is not searched for a course detail.
        search_details=audience(tracker) is not Audience.CLIENT,
        ranking=tuple(
            c.name.partition("/")[2] for c in rankings(message).get(RETRIEVAL_INTENT, [])
        ),
    )


def say_tutor(dispatcher: CollectingDispatcher, tracker: Tracker, found: Answer) -> list[EventType]:
    """Says the tutor's answer; the notion and facet it gave become the context."""
    key = found.notion
    if found.reply is Reply.WHICH_NOTION or key is None:
        dispatcher.utter_message(
            text=say("course_which_notion"), buttons=menu_buttons(audience(tracker))
        )
        return []
    if found.reply is Reply.NOTION:
        return say_notion(dispatcher, key)
    if found.reply is Reply.QUIZ:
        quiz = button(say("course_followup_quiz"), quiz_payload(key))
        dispatcher.utter_message(text=say("course_quiz_offer", title=_title(key)), buttons=[quiz])
        return notion_events(key, Facet.DEFINITION)
    buttons = followup_buttons(key, given=found.facet)
    if found.reply is Reply.MISSING:
        what = render(message(lack(found.facet)))
        text = say("course_facet_missing", what=what, title=_title(key))
        if found.other is not None:
            text = f"{text} {say('course_facet_elsewhere', title=_title(found.other))}"
            payload = follow_up_payload(found.facet.value, found.other)
            buttons = [button(_title(found.other), payload), *buttons]
        dispatcher.utter_message(text=text, buttons=buttons)
        return notion_events(key, found.facet)
    if found.reply is Reply.SIDE_BY_SIDE and found.others:
        lines = [
            say("course_side_by_side_line", title=_title(k), text=_simple(k)) for k in found.others
        ]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return [*notion_events(key, Facet.DIFFERENCE), SlotSet(COMPARED_SLOT, list(found.others))]
    lead = render(message(lead_code(found.facet), title=_title(key)))
    dispatcher.utter_message(text=f"{lead}\n{found.text}", buttons=buttons)
    return notion_events(key, found.facet)


def _simple(key: str) -> str:
    notion = load_facets().get(key)
    return (notion.text(Facet.SIMPLE) if notion else None) or _title(key)


def tutor(
    dispatcher: CollectingDispatcher, tracker: Tracker, decision: Decision | None
) -> list[EventType] | None:
    """The tutor's answer to a course question or follow-up; None when it is not one."""
    found = tutor_answer(tutor_question(tracker, decision))
    return None if found is None else say_tutor(dispatcher, tracker, found)


def course_detail(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """A course detail the message asks although the NLU read it as something else ("la
    forme juridique de climatech" as off-topic); None when the tutor finds no detail."""
    found = tutor_answer(tutor_question(tracker, None))
    if found is None or found.reply is not Reply.DETAIL:
        return None
    return say_tutor(dispatcher, tracker, found)


def quiz_notion(tracker: Tracker) -> Concept | None:
    """The notion a quiz request is about: a "Teste-moi" button's, or the notion under
    discussion for "teste-moi là-dessus" (a request that names no theme)."""
    registry = load_registry()
    named = registry.get(tracker.get_slot("concept"))
    if named is not None:
        return named
    text = latest_text(tracker)
    if is_pure_followup(text) and facet_asked(text) is Facet.QUIZ:
        return registry.get(tracker.get_slot(NOTION_SLOT))
    return None


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Answers the question of the latest message, then announces the form goes on."""
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    if intent in (FOLLOW_UP_INTENT, RETRIEVAL_INTENT):
        if tutor(dispatcher, tracker, decide(message, audience(tracker))) is None:
            dispatcher.utter_message(text=say("interruption_help"))
            return
    elif intent == FAQ_INTENT:
        decision = decide(message, audience(tracker))
        if decision.answer is None or not utter_answer(dispatcher, decision.answer):
            dispatcher.utter_message(text=say("interruption_help"))
            return
    elif intent == "shop_info":
        dispatcher.utter_message(text=shop_info_text())
    elif intent == "sav_news":
        dispatcher.utter_message(text=render(offers.news_summary(now())))
    elif intent == "maintenance_contract":
        dispatcher.utter_message(text=render(offers.contracts_summary()))
    elif intent == "credit_offer":
        dispatcher.utter_message(text=render(offers.credit_summary()))
    elif intent == "human_handoff":
        dispatcher.utter_message(text=handoff_message())
    elif intent == "bot_challenge":
        dispatcher.utter_message(text=say("interruption_bot"))
        return
    else:  # help: the way out of the form is what the user needs to know
        dispatcher.utter_message(text=say("interruption_help"))
        return
    dispatcher.utter_message(text=say("resume_form"))


class QuestionTolerantForm(FormValidationAction, ABC):
    """A form whose questions may be interrupted by a question of the user's own."""

    @abstractmethod
    def name(self) -> str:
        """validate_<form>: a shared base, never registered by itself."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        if requested and looks_like_question(tracker):
            answer_question(dispatcher, tracker)
            return [SlotSet(requested, None)]  # the form asks its question again
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if requested and intent == "stop" and not is_real_stop(tracker):
            # `stop` is excluded from the slot mappings: take the text as the answer here.
            tracker.add_slots([SlotSet(requested, str(tracker.latest_message.get("text") or ""))])
        return await super().run(dispatcher, tracker, domain)


def offer_options(
    dispatcher: CollectingDispatcher, guesses: list[Candidate], who: Audience | None
) -> None:
    """ "Vouliez-vous dire… ?" with the guesses as buttons, or the menu when none has one.

    "Autre chose" sends `/deny`, which a rule answers with a request to rephrase.
    """
    buttons: list[dict[str, str]] = []
    for guess in guesses:  # one button per title: the first one (the audience's) wins
        found = option_button(guess.name)
        if found is not None and found["title"] not in {b["title"] for b in buttons}:
            buttons.append(found)
    if not buttons:
        dispatcher.utter_message(text=say("clarify_nothing"), buttons=menu_buttons(who))
        return
    buttons.append({"title": say("clarify_other"), "payload": "/deny"})
    dispatcher.utter_message(text=say("clarify_question"), buttons=buttons)


async def say_status(
    dispatcher: CollectingDispatcher, tracker: Tracker, reference: str
) -> list[EventType]:
    """Where request `reference` stands, for its owner only (the rule of cancellation)."""
    try:
        status = await off_loop(
            request_store.status_for, reference, tracker.sender_id, latest_text(tracker), now()
        )
    except StorageError:
        dispatcher.utter_message(text=say("storage_unavailable"))
        return []
    dispatcher.utter_message(text=render(status))
    return [*await mark_after_sales(tracker), SlotSet("request_reference", None)]


MANAGING_ACTIONS = {
    Management.CANCEL: "action_cancel_request",
    Management.DELETE_DATA: "action_delete_my_data",
}


async def answer_or_ask(
    dispatcher: CollectingDispatcher, tracker: Tracker, decision: Decision
) -> list[EventType]:
    """The decided answer; else, for a message naming a request's reference, its status
    ("et ma demande RAP-K2NA ?"); else "Vouliez-vous dire… ?" with the likely answers."""
    managing = management_asked(latest_text(tracker))
    if managing is not None:
        # "annuler RAP-BPZ8" read as something else: the reference's letters misled the NLU.
        return [FollowupAction(MANAGING_ACTIONS[managing])]
    if wants_recompute(latest_text(tracker), tracker.get_slot("last_calculation")):
        # "et si les détracteurs montent à 40 % ?" right after a computation: recompute.
        return [FollowupAction("action_compute_indicator")]
    if figure_in_context(latest_text(tracker), tracker.get_slot(NOTION_SLOT)) is not None:
        # "si j'ai 4, c'est bien ?" while the CES is under discussion: the calculator reads it.
        return [FollowupAction("action_compute_indicator")]
    answer = decision.answer
    course = answer in (None, FOLLOW_UP_INTENT) or str(answer).startswith(f"{RETRIEVAL_INTENT}/")
    if course:
        events = tutor(dispatcher, tracker, decision)
        if events is not None:
            return events
    if decision.answer is not None and utter_answer(dispatcher, decision.answer):
        return []
    reference = parse_reference(latest_text(tracker))
    if reference is not None:
        return await say_status(dispatcher, tracker, reference)
    offer_options(dispatcher, decision.options, audience(tracker))
    return []
