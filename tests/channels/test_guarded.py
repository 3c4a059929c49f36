"""The guarded channels: a French answer for every message, whatever fails behind."""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from connectors.guarded import guard
from logic.text.catalogue import say


class FakeRasa:
    """Stands for Rasa's message handler: records the message, answers as told."""

    def __init__(self, *answers: str, fail_action: bool = False, crash: bool = False) -> None:
        self.answers = answers
        self.fail_action = fail_action
        self.crash = crash
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.fail_action:  # exactly what Rasa's processor logs when it swallows a failure
            logging.getLogger("rasa.core.processor").exception(
                "Encountered an exception while running action 'appointment_form'."
            )
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
