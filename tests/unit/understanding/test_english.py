"""Messages written in English: at least two English words, and far more than French ones."""

from __future__ import annotations

import pytest

from logic.understanding.english import is_english


@pytest.mark.parametrize(
    "text",
    [
        "Do you speak English?",
        "hi there, how are you",
        "what is the price of the Aria 25",
        "My heat pump is not working",
        "Bonjour, is the showroom open today?",  # one French word among English ones
        "WHAT IS THE PRICE",
    ],
)
def test_english_messages(text: str) -> None:
    assert is_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le NPS ?",
        "je voudrais un rendez-vous pour mardi",
        "ma pompe à chaleur ne chauffe plus",
        "vous avez un parking ?",
        "ok cool top",  # words shared by both languages are no evidence
        "je voudrais the price",  # mixed: two English words against one French
        "le showroom is open ?",  # as many French words as English ones
        "",
        "123 456",
    ],
)
def test_french_mixed_and_empty_messages(text: str) -> None:
    assert not is_english(text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hello", True),
        ("Hi!", True),
        ("hey", True),
        ("thanks", True),
        ("the", False),
        ("parking", False),
        ("bonjour", False),
        ("ok", False),
    ],
)
def test_one_word_is_english_only_as_a_greeting(word: str, expected: bool) -> None:
    assert is_english(word) is expected
