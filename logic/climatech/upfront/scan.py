"""The message as the finders read it, and the rule that settles competing candidates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from logic.text.matching import fold
from logic.text.numbers import NUMBER_WORDS

T = TypeVar("T")

# Counts in words from 2: "un" and "une" are articles far more often than counts.
COUNT_WORDS = "|".join(word for word, value in NUMBER_WORDS.items() if 2 <= value <= 12)
MARK = "qq"  # what a taken value leaves behind: a word no finder reads


class Scan:
    """The folded message; each finder takes out what it reads.

    So the digits of a phone number, a surface or a time are never read again as a
    quantity, a day or a number of rooms.
    """

    def __init__(self, text: str) -> None:
        # Apostrophes split words as `normalize` does: "l'après-midi" -> "l apres-midi".
        self.text = " ".join(re.sub(r"['’`]", " ", fold(text)).split())

    def take(
        self,
        pattern: str | re.Pattern[str],
        keep: Callable[[re.Match[str]], bool] = lambda match: True,
        mark: str = MARK,
    ) -> list[re.Match[str]]:
        """The matches of `pattern` that `keep` accepts, replaced in the text by `mark`."""
        found = [m for m in re.finditer(pattern, self.text) if keep(m)]
        pieces, end = [], 0
        for match in found:
            pieces += [self.text[end : match.start()], f" {mark} "]
            end = match.end()
        self.text = " ".join("".join([*pieces, self.text[end:]]).split())
        return found


def words_before(match: re.Match[str], count: int = 2) -> list[str]:
    """The `count` words before `match` in the text it was found in."""
    return match.string[: match.start()].split()[-count:]


def contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """True when the words hold `phrase` word for word (a plural s or x aside)."""

    def same(word: str, wanted: str) -> bool:
        return word.rstrip("sx") == wanted.rstrip("sx")

    return bool(phrase) and any(
        all(same(w, p) for w, p in zip(words[i : i + len(phrase)], phrase, strict=True))
        for i in range(len(words) - len(phrase) + 1)
    )


def unique(values: Iterable[T | None]) -> T | None:
    """The one value every candidate gives; None if there is none or they disagree.

    A None among the candidates is a contradiction read in the message ("lundi 3 décembre"
    when the 3rd is a Thursday): it empties the field too.
    """
    found = list(values)
    if not found or None in found or len(set(found)) > 1:
        return None
    return found[0]
