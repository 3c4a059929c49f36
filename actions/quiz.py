"""The revision quiz: the bot asks, grades, explains, and offers to retry what was missed.

Only question ids travel in the slots; `logic.quiz.bank` rebuilds the questions from them.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import NOTION_SLOT, QuestionTolerantForm, button, latest_text, quiz_notion
from logic.course.concepts import load_registry
from logic.quiz.bank import question_by_id
from logic.quiz.generation import generate_quiz, notion_quiz, retry_questions
from logic.quiz.grading import grade
from logic.quiz.request import parse_quiz_request
from logic.quiz.similarity import preload_similarity
from logic.quiz.summary import summarize
from logic.storage import quiz_answers as quiz_store
from logic.storage.engine import StorageError, off_loop
from logic.text.catalogue import render, say

logger = logging.getLogger(__name__)
QUIZ_SLOTS = ("quiz_questions", "quiz_index", "quiz_results", "quiz_answer")

_warm_up_lock = threading.Lock()
_warm_up_thread: threading.Thread | None = None


def warm_up_similarity() -> None:
    """Starts loading spaCy's vectors in the background, once per process.

    They take a few seconds to load. Importing this module must start nothing, so the load
    starts with the first quiz: the vectors are ready by the time the student answers.
    """
    global _warm_up_thread
    with _warm_up_lock:
        if _warm_up_thread is None:
            _warm_up_thread = threading.Thread(
                target=preload_similarity, name="quiz-similarity-warm-up", daemon=True
            )
            _warm_up_thread.start()


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
        warm_up_similarity()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        missed = list(tracker.get_slot("quiz_missed") or [])
        notion = quiz_notion(tracker)
        if intent == "retry_quiz" and missed:
            questions = retry_questions(missed)
            intro = say("quiz_retry", count=len(questions))
        elif notion is not None:  # "Teste-moi là-dessus": the notion under discussion
            questions = notion_quiz(notion.key, rng=random.Random())
            intro = say("quiz_intro", count=len(questions), topic=notion.title)
        else:
            size, theme = parse_quiz_request(latest_text(tracker))
            try:
                already = await off_loop(quiz_store.asked_question_ids, tracker.sender_id)
            except StorageError:
                already = set()  # new questions are a nicety: never block the quiz for it
            questions = generate_quiz(size, theme, exclude_ids=already, rng=random.Random())
            themes = load_registry().themes
            topic = themes[theme] if theme in themes else say("quiz_whole_course")
            intro = say("quiz_intro", count=len(questions), topic=topic)
        dispatcher.utter_message(text=intro)
        return [
            SlotSet("quiz_questions", [q.id for q in questions]),
            SlotSet("quiz_index", 0),
            SlotSet("quiz_results", []),
            SlotSet("concept", None),
        ]


class ActionAskQuizAnswer(Action):
    """Asks the current question, with buttons for multiple choice and true / false."""

    def name(self) -> str:
        return "action_ask_quiz_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        warm_up_similarity()  # also after a restart of the server in the middle of a quiz
        ids, index = _questions(tracker), _index(tracker)
        if index >= len(ids):
            return []
        question = question_by_id(ids[index])
        prompt = render(question.prompt)
        dispatcher.utter_message(
            text=say("quiz_question", number=index + 1, total=len(ids), prompt=prompt),
            buttons=[button(option, option) for option in question.options],
        )
        return []


class ValidateQuizForm(QuestionTolerantForm):
    """Grades each answer, explains it, stores it, and moves to the next question."""

    def name(self) -> str:
        return "validate_quiz_form"

    async def validate_quiz_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        ids, index = _questions(tracker), _index(tracker)
        if value is None:  # a reset, not an answer
            return {}
        if index >= len(ids):
            return {"quiz_answer": "fini"}
        question = question_by_id(ids[index])
        # In a thread: grading a short answer may wait for spaCy's vectors, still loading
        # in the background for a few seconds after the first quiz of the process.
        verdict = await asyncio.to_thread(grade, question, str(value))
        dispatcher.utter_message(text=render(verdict.feedback))
        try:
            await off_loop(
                quiz_store.save_quiz_answer,
                tracker.sender_id,
                question.id,
                question.concept,
                verdict.correct,
            )
        except StorageError:
            logger.warning("could not store a quiz answer", exc_info=True)
        results = [*list(tracker.get_slot("quiz_results") or []), [question.id, verdict.correct]]
        finished = index + 1 >= len(ids)
        return {
            NOTION_SLOT: question.concept,  # a follow-up now concerns the question corrected
            "notion_facet": None,
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
            (question_by_id(str(qid)), bool(correct))
            for qid, correct in tracker.get_slot("quiz_results") or []
        ]
        summary = summarize(results)
        buttons = [button(say("quiz_new_button"), "/start_quiz")]
        if summary.offer_retry:
            buttons.insert(0, button(say("quiz_retry_button"), "/retry_quiz"))
        dispatcher.utter_message(text=render(summary.message), buttons=buttons)
        return [
            *[SlotSet(slot, None) for slot in QUIZ_SLOTS],
            SlotSet("quiz_missed", list(summary.missed_ids)),
        ]
