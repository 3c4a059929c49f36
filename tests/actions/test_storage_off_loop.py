"""A database wait never holds the action server's event loop: while one conversation's
storage call waits, another conversation's action runs to its answer."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.after_sales import ActionRequestStatus
from actions.climatech import ActionShopInfo
from actions.forms import ValidateAppointmentForm
from actions.indicators import ActionAnnexe7, ActionShowIndicators
from actions.quiz import ValidateQuizForm
from actions.requests import ActionCancelRequest, ActionSubmitAppointment
from actions.session import ActionSessionStart
from actions.survey import ActionSubmitSurvey
from logic.quiz.bank import load_bank
from logic.storage import conversations as conversation_store
from logic.storage import quiz_answers as quiz_store
from logic.storage import reports
from logic.storage import requests as request_store
from logic.storage import surveys as survey_store
from tests.actions.conftest import make_tracker

HOLD_S = 5.0  # a call made on the loop itself blocks it this long, then the test fails
APPOINTMENT = {
    "contact_name": "Jeanne Le Goff",
    "contact": "06 12 34 56 78",
    "appointment_date": "2026-11-24",
    "appointment_time": "10:00",
    "privacy_notice_shown": True,
}

Call = Callable[[CollectingDispatcher], Awaitable[Any]]


class HeldStorage:
    """A storage function whose calls wait until released, then do their real work."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function
        self.started = threading.Event()
        self.released = threading.Event()
        self.done = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.started.set()
        self.released.wait(timeout=HOLD_S)
        result = self.function(*args, **kwargs)
        self.done += 1
        return result


def _said(text: str) -> dict[str, Any]:
    return {"text": text, "intent": {}, "entities": []}


def _quiz_answer(dispatcher: CollectingDispatcher) -> Awaitable[Any]:
    question = load_bank()[0]
    tracker = make_tracker(slots={"quiz_questions": [question.id], "quiz_index": 0})
    return ValidateQuizForm().validate_quiz_answer(question.answer, dispatcher, tracker, {})


CASES: list[tuple[str, ModuleType, str, Call]] = [
    (
        "session start",
        conversation_store,
        "mark_conversation",
        lambda d: ActionSessionStart().run(d, make_tracker(), {}),
    ),
    (
        "after-sales mark",
        conversation_store,
        "mark_conversation",
        lambda d: ActionShopInfo().run(d, make_tracker(), {}),
    ),
    (
        "survey",
        survey_store,
        "save_survey",
        lambda d: ActionSubmitSurvey().run(d, make_tracker(slots={"nps": 9}), {}),
    ),
    ("quiz answer", quiz_store, "save_quiz_answer", _quiz_answer),
    (
        "request",
        request_store,
        "create_request",
        lambda d: ActionSubmitAppointment().run(d, make_tracker(slots=APPOINTMENT), {}),
    ),
    (
        "request status",
        request_store,
        "status_for",
        lambda d: ActionRequestStatus().run(
            d, make_tracker(latest_message=_said("où en est RDV-7K3Q ?")), {}
        ),
    ),
    (
        "cancellation",
        request_store,
        "get_request",
        lambda d: ActionCancelRequest().run(
            d, make_tracker(latest_message=_said("annuler RDV-7K3Q")), {}
        ),
    ),
    (
        "booked slots",
        request_store,
        "appointment_starts",
        lambda d: ValidateAppointmentForm().validate_appointment_date(
            "demain", d, make_tracker(), {}
        ),
    ),
    (
        "indicators",
        reports,
        "load_summary",
        lambda d: ActionShowIndicators().run(d, make_tracker(), {}),
    ),
]


@pytest.mark.parametrize(
    ("store", "function", "call"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
async def test_another_conversation_is_answered_while_the_database_waits(
    store: ModuleType, function: str, call: Call, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldStorage(getattr(store, function))
    monkeypatch.setattr(store, function, held)
    waiting = asyncio.create_task(call(CollectingDispatcher()))
    for _ in range(int(HOLD_S * 100)):
        if held.started.is_set():
            break
        await asyncio.sleep(0.01)
    assert held.started.is_set()

    other = CollectingDispatcher()
    await ActionAnnexe7().run(other, make_tracker(sender_id="someone-else"), {})
    assert other.messages
    assert not waiting.done()  # still waiting for the database, yet the other one is answered

    held.released.set()
    await waiting
    assert held.done == 1  # the held call did its work: nothing lost
