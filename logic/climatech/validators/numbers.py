"""Counts typed in digits or words: quantities of parts to reserve, rooms to equip."""

from __future__ import annotations

import re

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.results import MessageCode, Result, failure, success
from logic.text.matching import normalize
from logic.text.numbers import NUMBER_WORDS

# Quantities also come as "aucun", "une paire", "une douzaine".
QUANTITY_WORDS = {**NUMBER_WORDS, "aucun": 0, "aucune": 0, "paire": 2, "douzaine": 12}
VAGUE_NUMBER = re.compile(r"\b(dizaine|plusieurs|quelques|beaucoup|sais pas|je ne sais)\b")
MINIMUM = 1  # both counts are of "pièces": parts to reserve, rooms to equip


class CountCode(MessageCode):
    """Why a count is refused."""

    NOT_WHOLE = "validation_count_not_whole"
    VAGUE = "validation_count_vague"
    MISSING = "validation_count_missing"
    TOO_LOW = "validation_count_too_low"
    TOO_HIGH = "validation_count_too_high"
    OVER_LIMIT = "validation_quantity_over_limit"


def parse_number(text: str) -> int | None:
    """First whole number in `text`, in digits or words ("deux", "une paire"); else None."""
    # A part reference ("CT-FIL-2035") is not a quantity.
    text = re.sub(r"\bct-?[a-z]{3}-?\d{4}\b", " ", text, flags=re.IGNORECASE)
    match = re.search(r"-?\d+", text)
    if match:
        return int(match.group())
    words = normalize(text).split()
    for index, word in enumerate(words):
        if word in QUANTITY_WORDS:
            # "une paire", "une douzaine": the noun carries the number, not "une".
            following = words[index + 1] if index + 1 < len(words) else ""
            if word in ("un", "une") and following in ("paire", "douzaine"):
                return QUANTITY_WORDS[following]
            return QUANTITY_WORDS[word]
    return None


def _bounded_count(text: str, high: int, example: int) -> Result[int]:
    low = MINIMUM
    if re.search(r"\d+[.,]\d", text):
        return failure(CountCode.NOT_WHOLE, low=low, high=high)
    if VAGUE_NUMBER.search(normalize(text)):
        return failure(CountCode.VAGUE, low=low, high=high, example=example)
    number = parse_number(text)
    if number is None:
        return failure(CountCode.MISSING, low=low, high=high, example=example)
    if number < low:
        return failure(CountCode.TOO_LOW, low=low, high=high)
    if number > high:
        return failure(CountCode.TOO_HIGH, number=number, high=high)
    return success(number)


def validate_quantity(text: str, maximum: int = 10, kb: Knowledge | None = None) -> Result[int]:
    """Quantity of a part to reserve: a whole number from 1 to `maximum` ("deux", "3")."""
    result = _bounded_count(text, maximum, example=2)
    number = parse_number(text)
    if not result.ok and number is not None and number > maximum:
        phone = (kb or load_knowledge()).company.phone
        return failure(CountCode.OVER_LIMIT, number=number, maximum=maximum, phone=phone)
    return result


def validate_rooms(text: str, maximum: int = 10) -> Result[int]:
    """Number of rooms to heat or cool, from 1 to `maximum`."""
    return _bounded_count(text, maximum, example=3)
