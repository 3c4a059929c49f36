"""The quiz actions: questions drawn, graded with the course's explanation, stored, retried."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.quiz
from actions.quiz import ActionAskQuizAnswer, ActionQuizSummary, ActionStartQuiz, ValidateQuizForm
from logic.quiz.bank import load_bank, question_by_id
from logic.storage.quiz_answers import save_quiz_answer
from logic.storage.reports import most_missed_concepts
from tests.actions.conftest import make_tracker

pytestmark = pytest.mark.usefixtures("db_url")


@pytest.fixture(autouse=True)
def warm_ups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the similarity warm-ups instead of loading spaCy in the background."""
    started: list[str] = []
    monkeypatch.setattr(actions.quiz, "preload_similarity", lambda: started.append("load"))
    monkeypatch.setattr(actions.quiz, "_warm_up_thread", None)
    return started


def _slot(events: list[dict], name: str) -> object:
    return next(e["value"] for e in events if e.get("name") == name)


async def test_a_themed_quiz_draws_questions_of_that_theme(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        latest_message={"text": "quiz sur le NPS", "intent": {"name": "start_quiz"}}
    )
    events = await ActionStartQuiz().run(dispatcher, tracker, {})
    ids = _slot(events, "quiz_questions")
    assert isinstance(ids, list) and len(ids) == 5 and len(set(ids)) == 5
    assert {question_by_id(i).theme for i in ids} == {"indicateurs"}
    assert "Indicateurs de satisfaction" in dispatcher.messages[0]["text"]


async def test_questions_already_answered_are_not_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    message = {"text": "interroge moi sur le chapitre 1", "intent": {"name": "start_quiz"}}
    first = _slot(
        await ActionStartQuiz().run(dispatcher, make_tracker(latest_message=message), {}),
        "quiz_questions",
    )
    for qid in first:  # type: ignore[union-attr]
        question = question_by_id(qid)
        save_quiz_answer("test-user", qid, question.concept, True)
    second = _slot(
        await ActionStartQuiz().run(dispatcher, make_tracker(latest_message=message), {}),
        "quiz_questions",
    )
    assert not set(first) & set(second)  # type: ignore[arg-type]


async def test_a_multiple_choice_question_comes_with_buttons(
    dispatcher: CollectingDispatcher,
) -> None:
    qid = next(q.id for q in load_bank() if q.kind == "mcq")
    tracker = make_tracker(slots={"quiz_questions": [qid, qid], "quiz_index": 0})
    await ActionAskQuizAnswer().run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["text"].startswith("Question 1/2 : ")
    assert f"\nA. {question_by_id(qid).options[0]}\n" in message["text"]
    assert [b["title"] for b in message["buttons"]] == list(question_by_id(qid).options)


async def test_an_answer_is_graded_explained_stored_and_the_quiz_moves_on(
    dispatcher: CollectingDispatcher,
) -> None:
    question = next(q for q in load_bank() if q.kind == "true_false")
    other = next(q for q in load_bank() if q.id != question.id)
    wrong = "Faux" if question.answer == "Vrai" else "Vrai"
    tracker = make_tracker(slots={"quiz_questions": [question.id, other.id], "quiz_index": 0})
    result = await ValidateQuizForm().validate_quiz_answer(wrong, dispatcher, tracker, {})
    assert result == {
        "notion": question.concept,  # a follow-up now concerns the question just corrected
        "notion_facet": None,
        "quiz_answer": None,
        "quiz_index": 1,
        "quiz_results": [[question.id, False]],
    }
    assert "Pas tout à fait" in dispatcher.messages[0]["text"]
    assert most_missed_concepts() == [(question.concept, 1)]


async def test_the_last_answer_ends_the_quiz(dispatcher: CollectingDispatcher) -> None:
    question = next(q for q in load_bank() if q.kind == "true_false")
    tracker = make_tracker(slots={"quiz_questions": [question.id], "quiz_index": 0})
    result = await ValidateQuizForm().validate_quiz_answer(question.answer, dispatcher, tracker, {})
    assert result["quiz_answer"] == "fini"
    assert "Bonne réponse" in dispatcher.messages[0]["text"]


async def test_summary_offers_to_retry_only_the_missed_ones(
    dispatcher: CollectingDispatcher,
) -> None:
    bank = load_bank()
    results = [[bank[0].id, True], [bank[1].id, False]]
    events = await ActionQuizSummary().run(
        dispatcher, make_tracker(slots={"quiz_results": results}), {}
    )
    assert "Score : 1/2" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/retry_quiz"
    assert SlotSet("quiz_missed", [bank[1].id]) in events


async def test_retry_asks_the_missed_questions(dispatcher: CollectingDispatcher) -> None:
    missed = [load_bank()[3].id]
    tracker = make_tracker(
        slots={"quiz_missed": missed},
        latest_message={"text": "/retry_quiz", "intent": {"name": "retry_quiz"}},
    )
    events = await ActionStartQuiz().run(dispatcher, tracker, {})
    assert _slot(events, "quiz_questions") == missed


async def test_a_reset_of_the_answer_is_not_graded(dispatcher: CollectingDispatcher) -> None:
    qid = load_bank()[0].id
    tracker = make_tracker(slots={"quiz_questions": [qid], "quiz_index": 0})
    assert await ValidateQuizForm().validate_quiz_answer(None, dispatcher, tracker, {}) == {}
    assert not dispatcher.messages


def test_importing_the_quiz_actions_starts_no_thread() -> None:
    """The spaCy warm-up waits for the first quiz: an import has no side effect."""
    code = (
        "import threading; before = threading.active_count(); import actions.quiz; "
        "print(threading.active_count() - before)"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


async def test_the_first_quiz_warms_the_similarity_up_once(
    dispatcher: CollectingDispatcher, warm_ups: list[str]
) -> None:
    tracker = make_tracker(latest_message={"text": "quiz", "intent": {"name": "start_quiz"}})
    await ActionStartQuiz().run(dispatcher, tracker, {})
    await ActionStartQuiz().run(dispatcher, tracker, {})
    thread = actions.quiz._warm_up_thread
    assert isinstance(thread, threading.Thread) and thread.daemon
    thread.join(timeout=5)
    assert warm_ups == ["load"]
