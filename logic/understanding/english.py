"""Messages written in English: the bot answers in French and says it speaks French."""

from __future__ import annotations

import re
from functools import cache

from logic.text.matching import fold
from logic.understanding.audience import settings

_WORD = re.compile(r"[a-z']+")
MIN_ENGLISH_WORDS = 2


@cache
def _words(name: str) -> frozenset[str]:
    """A word list of knowledge/understanding.yml."""
    return frozenset(str(word).lower() for word in settings()[name])


def is_english(text: str) -> bool:
    """At least two English words and more than twice as many as French ones.

    One word alone counts only if it is an English greeting ("hello", "hi").
    """
    words = _WORD.findall(fold(text))
    if len(words) <= 1:
        return bool(words) and words[0] in _words("english_openers")
    english = sum(word in _words("english_words") for word in words)
    french = sum(word in _words("french_words") for word in words)
    return english >= MIN_ENGLISH_WORDS and english > 2 * french
