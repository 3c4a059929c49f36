"""What the bot accepts as a message before any NLU."""

from __future__ import annotations

import pytest

from logic.text.incoming import MAX_MESSAGE_LENGTH, Refusal, clean, neutralize_payload, refusal


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Bonjour\x00 !\x1b[31m ", "Bonjour ![31m"),
        ("ligne 1\nligne 2\tfin", "ligne 1\nligne 2\tfin"),
        ("abc\u202edcba", "abcdcba"),  # a bidi override that would disguise the text
        ("مرحبا 😀 こんにちは", "مرحبا 😀 こんにちは"),  # scripts and emoji are kept
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # escaped on display
        ("\ud800x", "x"),  # a lone surrogate from JSON cannot be encoded in UTF-8
        (9, "9"),
        (7.5, "7.5"),
        (None, ""),
        (True, ""),
        ({"text": "x"}, ""),
    ],
)
def test_clean_drops_invisible_controls_only(raw: object, expected: str) -> None:
    assert clean(raw) == expected


def test_empty_and_oversized_messages_are_refused() -> None:
    assert refusal(clean(" \n\t\x00 ")) is Refusal.EMPTY
    assert refusal("x" * (MAX_MESSAGE_LENGTH + 1)) is Refusal.TOO_LONG
    assert refusal("x" * MAX_MESSAGE_LENGTH) is None
    assert refusal("/affirm") is None


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ('/explain{"concept": "nps"}', '/explain{"concept": "nps"}'),  # a button of the bot
        ("/affirm", "/affirm"),
        ("/session_start", "session_start"),  # Rasa's internal intents are not for users
        ('/restart{"a": 1}', 'restart{"a": 1}'),
        ("/inexistant", "inexistant"),
        ("//", ""),
        ("/ ", ""),
        ("c'est quoi le NPS ?", "c'est quoi le NPS ?"),
    ],
)
def test_only_domain_intents_can_be_typed_as_payloads(typed: str, read: str) -> None:
    assert neutralize_payload(typed, {"explain", "affirm"}) == read
