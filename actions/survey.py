"""The satisfaction survey: validation of the answers, storage, offer and goodbye.

The answers are read by `logic.survey.answers`; these actions only map slots to the parsers,
count the failed tries, and store one row per survey. "stop" / "plus tard" (intent `stop`, or
`deny`, or the words themselves) is handled here too: the validation ends the form with
`survey_stopped`, and the form's usual submit rule stores the answers already given.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.common import Button, button, latest_text, record_step
from logic.results import Result
from logic.storage import surveys as survey_store
from logic.storage.after_sales_topics import CONFIRMED, TROUBLESHOOTING
from logic.storage.engine import StorageError, off_loop
from logic.survey.answers import is_stop, normalize, parse_ces, parse_csat, parse_nps
from logic.text.catalogue import render, say

logger = logging.getLogger(__name__)

SlotResult = dict[str, Any]

SCORE_PARSERS: dict[str, Callable[[object], Result[Any]]] = {
    "nps": parse_nps,
    "csat": parse_csat,
    "ces": parse_ces,
}
COMMENT = "survey_comment"
SURVEY_SLOTS: tuple[str, ...] = (*SCORE_PARSERS, COMMENT)
FAILURES = "survey_failures"
STOPPED = "survey_stopped"
OFFERED = "survey_offered"
PENDING = "survey_pending"  # featurized: "oui" starts the survey only right after an offer
AFTER_SALES = "after_sales"
# A question given up after MAX_FAILURES tries, or a comment declined: stored as NULL.
NOT_ANSWERED = "non_renseigne"
MAX_FAILURES = 2
STOP_INTENT = "stop"
# Intents that end the survey at a score question, unless the text is a readable answer.
ENDING_INTENTS = frozenset({STOP_INTENT, "deny", "goodbye"})

_NO_COMMENT_WORDS = (
    r"non|nan|no|nope|rien|aucun|aucune|merci|ok|ras|r a s|je passe|passer|ca ira|c est bon"
    r"|c est tout|tout est dit|pas besoin|pas d avis|pas de commentaires?|sans commentaires?"
    r"|aucun commentaire|pas de remarques?|rien a (?:dire|ajouter|signaler)|rien de plus"
    r"|rien d autre"
)
_NO_COMMENT = re.compile(rf"^(?:{_NO_COMMENT_WORDS})(?:\s+(?:{_NO_COMMENT_WORDS}))*$")


def is_no_comment(text: str) -> bool:
    """True when the answer to the optional comment declines it ("non", "rien"...)."""
    plain = re.sub(r"[,.\-]", " ", normalize(text))
    return not plain.strip() or bool(_NO_COMMENT.match(" ".join(plain.split())))


def _intent(tracker: Tracker) -> str | None:
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def wants_to_stop(requested: str, text: str, intent: str | None) -> bool:
    """Whether the latest message ends the survey while `requested` is being asked.

    "stop" / "plus tard" always do. Otherwise the NLU's `stop`, `deny` ("non merci", or
    "plus tard" taken for a refusal) or `goodbye` ends it, unless the text is a readable
    answer ("pas du tout satisfait" may come as `deny`). At the comment question, a `deny`
    such as "non" means "no comment", not "stop".
    """
    if is_stop(text):
        return True
    if requested == COMMENT:
        return intent == STOP_INTENT and not is_no_comment(text)
    if intent not in ENDING_INTENTS:
        return False
    return not SCORE_PARSERS[requested](text).ok


class ValidateSurveyForm(FormValidationAction):
    """Every answer goes through the parsers, whatever path set the slot (typed text,
    button, crafted `/intent{"nps": 99}`): nothing invalid is ever kept.

    A wrong answer is explained and asked again; the second wrong answer to the same
    question moves on (the question is stored as NULL).
    """

    def name(self) -> str:
        return "validate_survey_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        if requested in SURVEY_SLOTS:
            text, intent = latest_text(tracker), _intent(tracker)
            if wants_to_stop(requested, text, intent):
                return self._stop(tracker)
            if intent == STOP_INTENT:
                # The NLU took a real answer ("10") for "stop", so the form's mapping
                # (not_intent: stop) extracted nothing: read the answer here.
                validate = getattr(self, f"validate_{requested}")
                result: SlotResult = validate(text, dispatcher, tracker, domain)
                return [SlotSet(slot, value) for slot, value in result.items()]
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    def _stop(tracker: Tracker) -> list[EventType]:
        """Ends the form: the text just extracted is dropped, the answers given are kept."""
        dropped = [slot for slot in tracker.slots_to_validate() if slot in SURVEY_SLOTS]
        return [
            *(SlotSet(slot, None) for slot in dropped),
            SlotSet(STOPPED, True),
            SlotSet(FAILURES, 0.0),
            SlotSet(REQUESTED_SLOT, None),
        ]

    @staticmethod
    def _score(
        slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> SlotResult:
        if value is None:  # nothing to validate
            return {}
        answer = SCORE_PARSERS[slot](value)
        current = tracker.get_slot(REQUESTED_SLOT) == slot
        if answer.ok:
            return {slot: answer.value, **({FAILURES: 0.0} if current else {})}
        if not current:
            # A crafted value for a question not being asked: dropped, it will be asked.
            return {slot: None}
        failures = int(tracker.get_slot(FAILURES) or 0) + 1
        if failures >= MAX_FAILURES:
            dispatcher.utter_message(text=say("survey_skip"))
            return {slot: NOT_ANSWERED, FAILURES: 0.0}
        problem = render(answer.problem) if answer.problem else say("survey_not_understood")
        dispatcher.utter_message(text=problem)
        return {slot: None, FAILURES: float(failures)}

    def validate_nps(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        return self._score("nps", value, dispatcher, tracker)

    def validate_csat(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        return self._score("csat", value, dispatcher, tracker)

    def validate_ces(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        return self._score("ces", value, dispatcher, tracker)

    def validate_survey_comment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotResult:
        if value is None:
            return {}
        text = str(value).strip()
        if is_no_comment(text):
            return {COMMENT: NOT_ANSWERED, FAILURES: 0.0}
        return {COMMENT: text[: survey_store.COMMENT_MAX_LENGTH], FAILURES: 0.0}


def _clean(parser: Callable[[object], Result[Any]], value: Any) -> Any:
    """The slot's value as stored: None when skipped, missing or (by any path) invalid."""
    if value is None or value == NOT_ANSWERED:
        return None
    answer = parser(value)
    return answer.value if answer.ok else None


def _comment(value: Any) -> str | None:
    if value is None or value == NOT_ANSWERED:
        return None
    return str(value).strip()[: survey_store.COMMENT_MAX_LENGTH] or None


def reset_survey() -> list[EventType]:
    """Empties the survey's slots; the survey is not offered again in this conversation."""
    return [
        *(SlotSet(slot, None) for slot in SURVEY_SLOTS),
        SlotSet(FAILURES, 0.0),
        SlotSet(STOPPED, None),
        SlotSet(OFFERED, True),
    ]


class ActionSubmitSurvey(Action):
    """Stores one row (no personal data), thanks the user, empties the survey's slots."""

    def name(self) -> str:
        return "action_submit_survey"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        scores = {
            slot: _clean(parse, tracker.get_slot(slot)) for slot, parse in SCORE_PARSERS.items()
        }
        comment = _comment(tracker.get_slot(COMMENT))
        stopped = bool(tracker.get_slot(STOPPED))
        try:
            await off_loop(
                survey_store.save_survey,
                nps=scores["nps"],
                csat=scores["csat"],
                ces=scores["ces"],
                comment=comment,
                completed=not stopped and None not in scores.values(),
                channel=tracker.get_latest_input_channel(),
            )
        except StorageError:
            logger.warning("could not store a survey", exc_info=True)
            dispatcher.utter_message(text=say("survey_not_saved"))
            return reset_survey()
        if not stopped:
            dispatcher.utter_message(text=say("survey_thanks"))
        elif any(v is not None for v in (*scores.values(), comment)):
            dispatcher.utter_message(text=say("survey_stopped_kept"))
        else:
            dispatcher.utter_message(text=say("survey_stopped_empty"))
        return reset_survey()


def should_offer_survey(tracker: Tracker) -> bool:
    """Once per conversation, and only to an after-sales customer."""
    return bool(tracker.get_slot(AFTER_SALES)) and not tracker.get_slot(OFFERED)


def offer_buttons() -> list[Button]:
    return [
        button(say("survey_offer_yes"), "/give_feedback"),
        button(say("survey_offer_no"), "/deny"),
    ]


def offer_survey(dispatcher: CollectingDispatcher, text: str) -> list[EventType]:
    """Says `text` with the buttons to accept or decline the survey."""
    dispatcher.utter_message(text=text, buttons=offer_buttons())
    return [SlotSet(OFFERED, True), SlotSet(PENDING, True)]


SOLVED_RESPONSE = "utter_glad_solved"  # the rule "The guide solved the problem" says it


class ActionOfferSurvey(Action):
    """After an after-sales request was handled: proposes the survey, or says nothing."""

    def name(self) -> str:
        return "action_offer_survey"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.latest_action_name == SOLVED_RESPONSE:  # "C'est réglé, merci" after a guide
            await record_step(tracker, TROUBLESHOOTING, CONFIRMED)
        if should_offer_survey(tracker):
            return offer_survey(dispatcher, say("survey_offer"))
        return [SlotSet(PENDING, False)]


class ActionGoodbye(Action):
    """Goodbye; an after-sales customer not yet asked gets the survey offer instead."""

    def name(self) -> str:
        return "action_goodbye"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if should_offer_survey(tracker):
            return offer_survey(dispatcher, say("survey_offer_goodbye"))
        dispatcher.utter_message(text=say("goodbye"))
        return [SlotSet(PENDING, False)]
