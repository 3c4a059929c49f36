"""The revision quiz: the bot asks, grades, explains, and offers to retry what was missed.

Only question ids travel in the slots; `logic.quiz` rebuilds the questions from them.
"""

from __future__ import annotations

import logging
import random
import threading
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import button, latest_text
from actions.interruptions import QuestionTolerantForm
from logic import quiz, storage
from logic.concepts import load_registry
from logic.text.catalogue import say

logger = logging.getLogger(__name__)
QUIZ_SLOTS = ("quiz_questions", "quiz_index", "quiz_results", "quiz_answer")

# spaCy's vectors take a few seconds to load: do it now rather than at a student's first answer.
threading.Thread(target=quiz.preload_similarity, daemon=True).start()


def _questions(tracker: Tracker) -> list[str]:
    return list(tracker.get_slot("quiz_questions") or [])


def _index(tracker: Tracker) -> int:
    return int(tracker.get_slot("quiz_index") or 0)


class ActionStartQuiz(Action):
    """ "Interroge-moi", "quiz sur le NPS", or the retry button: draws the questions."""

    def name(self) -> str:
        return "action_start_quiz"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        missed = list(tracker.get_slot("quiz_missed") or [])
        if intent == "retry_quiz" and missed:
            questions = quiz.retry_questions(missed)
            intro = say("quiz_retry", count=len(questions))
        else:
            size, theme = quiz.parse_quiz_request(latest_text(tracker))
            try:
                already = storage.asked_question_ids(tracker.sender_id)
            except storage.StorageError:
                already = set()  # new questions are a nicety: never block the quiz for it
            questions = quiz.generate_quiz(size, theme, exclude_ids=already, rng=random.Random())
            topic = load_registry().themes.get(theme or "", "tout le cours")
            intro = say("quiz_intro", count=len(questions), topic=topic)
        dispatcher.utter_message(text=intro)
        return [
            SlotSet("quiz_questions", [q.id for q in questions]),
            SlotSet("quiz_index", 0),
            SlotSet("quiz_results", []),
        ]


class ActionAskQuizAnswer(Action):
    """Asks the current question, with buttons for multiple choice and true / false."""

    def name(self) -> str:
        return "action_ask_quiz_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ids, index = _questions(tracker), _index(tracker)
        if index >= len(ids):
            return []
        question = quiz.question_by_id(ids[index])
        dispatcher.utter_message(
            text=say("quiz_question", number=index + 1, total=len(ids), prompt=question.prompt),
            buttons=[button(option, option) for option in question.options],
        )
        return []


class ValidateQuizForm(QuestionTolerantForm):
    """Grades each answer, explains it, stores it, and moves to the next question."""

    def name(self) -> str:
        return "validate_quiz_form"

    def validate_quiz_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        ids, index = _questions(tracker), _index(tracker)
        if value is None:  # a reset, not an answer
            return {}
        if index >= len(ids):
            return {"quiz_answer": "fini"}
        question = quiz.question_by_id(ids[index])
        grade = quiz.grade(question, "" if value is None else str(value))
        dispatcher.utter_message(text=grade.feedback)
        try:
            storage.save_quiz_answer(
                tracker.sender_id, question.id, question.concept, grade.correct
            )
        except storage.StorageError:
            logger.warning("could not store a quiz answer", exc_info=True)
        results = [*list(tracker.get_slot("quiz_results") or []), [question.id, grade.correct]]
        finished = index + 1 >= len(ids)
        return {
            "quiz_answer": "fini" if finished else None,
            "quiz_index": index + 1,
            "quiz_results": results,
        }


class ActionQuizSummary(Action):
    """The score, the concepts to revise, and a button to retry just the missed questions."""

    def name(self) -> str:
        return "action_quiz_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        results = [
            (quiz.question_by_id(str(qid)), bool(correct))
            for qid, correct in tracker.get_slot("quiz_results") or []
        ]
        summary = quiz.summarize(results)
        buttons = [button(say("quiz_new_button"), "/start_quiz")]
        if summary.offer_retry:
            buttons.insert(0, button(say("quiz_retry_button"), "/retry_quiz"))
        dispatcher.utter_message(text=summary.text, buttons=buttons)
        return [
            *[SlotSet(slot, None) for slot in QUIZ_SLOTS],
            SlotSet("quiz_missed", list(summary.missed_ids)),
        ]
