"""The guarded channels: a French answer for every message, whatever fails behind."""

from __future__ import annotations

import inspect
import logging
from typing import Any

import pytest
from rasa.core.actions.action import Action, ActionExecutionRejection
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from logic.text.catalogue import say
from runtime.channels import PROCESSOR_LOGGER, domain_intents, guard, is_swallowed_action_failure


class FakeRasa:
    """Stands for Rasa's message handler: records the message, answers as told."""

    def __init__(self, *answers: str, fail_action: bool = False, crash: bool = False) -> None:
        self.answers = answers
        self.fail_action = fail_action
        self.crash = crash
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.fail_action:  # what Rasa's processor does when it swallows a failure
            await _run_in_rasa_processor(_FailingAction())
        for text in self.answers:
            assert message.output_channel is not None
            await message.output_channel.send_response(message.sender_id, {"text": text})
        if self.crash:
            raise RuntimeError("lock store unreachable")


async def _texts(rasa: FakeRasa, text: Any) -> list[str]:
    collector = CollectingOutputChannel()
    await guard(rasa)(UserMessage(text, collector, "alice", input_channel="rest"))
    return [m["text"] for m in collector.messages]


async def test_a_normal_turn_is_passed_through_cleaned() -> None:
    rasa = FakeRasa("Le NPS mesure la recommandation.")
    assert await _texts(rasa, " C'est quoi le NPS ?\x00 ") == ["Le NPS mesure la recommandation."]
    assert rasa.received[0].text == "C'est quoi le NPS ?"
    assert rasa.received[0].sender_id == "alice"


async def test_a_failed_action_adds_a_french_apology() -> None:
    rasa = FakeRasa("Pour quel jour ?", fail_action=True)
    assert await _texts(rasa, "demain") == ["Pour quel jour ?", say("technical_problem")]


async def test_silence_becomes_an_apology() -> None:
    assert await _texts(FakeRasa(), "demain") == [say("technical_problem")]


async def test_a_crash_becomes_an_apology_not_an_error() -> None:
    assert await _texts(FakeRasa(crash=True), "bonjour") == [say("technical_problem")]


async def test_empty_and_huge_messages_are_answered_without_nlu() -> None:
    rasa = FakeRasa("jamais dit")
    assert await _texts(rasa, "   ") == [say("empty_message")]
    assert await _texts(rasa, None) == [say("empty_message")]
    [too_long] = await _texts(rasa, "a" * 20_000)
    assert "(20 000 caractères)" in too_long and "2 000 caractères" in too_long
    assert rasa.received == []


async def test_a_failure_in_another_turn_does_not_leak() -> None:
    """The failure mark belongs to the turn being handled, not to the next one."""
    assert await _texts(FakeRasa("a", fail_action=True), "x") == ["a", say("technical_problem")]
    assert await _texts(FakeRasa("b"), "y") == ["b"]


async def test_an_internal_payload_is_read_as_text() -> None:
    rasa = FakeRasa("Je n'ai pas compris.")
    await _texts(rasa, "/session_start")
    await _texts(rasa, '/explain{"concept": "nps"}')
    assert [m.text for m in rasa.received] == ["session_start", '/explain{"concept": "nps"}']


class _FailingAction(Action):
    """A custom action whose server is down."""

    def name(self) -> str:
        return "action_failing"

    async def run(
        self,
        output_channel: OutputChannel,
        nlg: NaturalLanguageGenerator,
        tracker: DialogueStateTracker,
        domain: Domain,
    ) -> list[Event]:
        raise RuntimeError("action server down")


class _RejectedAction(_FailingAction):
    """A form's validation that rejects the message: normal, not a failure."""

    async def run(
        self,
        output_channel: OutputChannel,
        nlg: NaturalLanguageGenerator,
        tracker: DialogueStateTracker,
        domain: Domain,
    ) -> list[Event]:
        raise ActionExecutionRejection(self.name())


async def _run_in_rasa_processor(action: Action) -> None:
    """Rasa's own MessageProcessor._run_action, on an empty domain."""
    processor = object.__new__(MessageProcessor)  # only the domain is used on this path
    processor.domain = Domain.empty()
    tracker = DialogueStateTracker("alice", [])
    prediction = PolicyPrediction([], "test")
    await processor._run_action(action, tracker, CollectingOutputChannel(), None, prediction)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.parametrize(
    ("action", "detected"), [(_FailingAction(), True), (_RejectedAction(), False)]
)
async def test_rasa_processor_failures_are_recognised(action: Action, detected: bool) -> None:
    """On Rasa's own code: a swallowed failure is seen, a rejection is not."""
    records = _Records()
    processor_logger = logging.getLogger(PROCESSOR_LOGGER)
    processor_logger.addHandler(records)
    try:
        await _run_in_rasa_processor(action)
    finally:
        processor_logger.removeHandler(records)
    assert any(is_swallowed_action_failure(r) for r in records.records) is detected


def test_other_records_are_not_failures() -> None:
    def record(name: str, level: int, exc_info: Any = None) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, "message", None, exc_info)

    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        exc_info = (RuntimeError, error, error.__traceback__)
    assert is_swallowed_action_failure(record(PROCESSOR_LOGGER, logging.ERROR, exc_info))
    assert not is_swallowed_action_failure(record(PROCESSOR_LOGGER, logging.ERROR))
    assert not is_swallowed_action_failure(record(PROCESSOR_LOGGER, logging.DEBUG, exc_info))
    assert not is_swallowed_action_failure(
        record("rasa.core.actions.action", logging.ERROR, exc_info)
    )


def test_payload_intents_are_the_domains_own() -> None:
    """Read by Rasa's loader: Rasa's added defaults and the retrieval intent are left out."""
    intents = domain_intents()
    assert {"help", "stop", "out_of_scope"} <= intents  # out_of_scope: declared by the domain
    assert not intents & {"session_start", "restart", "back", "nlu_fallback", "course"}


def test_the_processor_logs_an_exception_only_for_a_failed_action() -> None:
    """What `is_swallowed_action_failure` relies on, checked on the installed Rasa."""
    import rasa.core.processor

    source = inspect.getsource(rasa.core.processor)
    assert source.count("logger.exception(") == 1
    assert "logger.exception(" in inspect.getsource(MessageProcessor._run_action)
