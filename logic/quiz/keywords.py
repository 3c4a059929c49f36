"""Tolerant matching of keywords in a student's answer: accents, case, plurals, typos, stems.

A keyword is a phrase; a trailing "*" marks a stem ("renseign*"). Negations just before a
phrase (“pas”, “sans”...) let a rejected phrase pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cache

from logic.quiz.questions import Question
from logic.text.matching import normalize

NEGATIONS = frozenset({"pas", "non", "ni", "sans", "jamais", "plutot", "contrairement", "aucun"})


@cache
def pattern(keyword: str) -> tuple[str, ...]:
    """Normalised tokens of a keyword; a trailing "*" marks a stem."""
    tokens: list[str] = []
    for raw in keyword.split():
        words = normalize(raw.rstrip("*")).split()
        if raw.endswith("*") and words:
            words[-1] += "*"
        tokens.extend(words)
    return tuple(tokens)


def ratio(a: str, b: str) -> float:
    """How alike two strings are, from 0 to 1."""
    return SequenceMatcher(None, a, b).ratio()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _similar(word: str, target: str) -> bool:
    """Same word up to a plural or a typo (1 in 5 letters); short words and numbers exact."""
    if word == target:
        return True
    if word.isdigit() or target.isdigit():
        return False
    if _singular(word) == _singular(target):
        return True
    if min(len(word), len(target)) < 5:
        return False
    # The first letter must agree: "insatisfait" is not a typo of "satisfait".
    return word[0] == target[0] and ratio(word, target) >= 0.8


def _word_matches(word: str, target: str) -> bool:
    """A typed word against a keyword token: exact, plural, typo, or stem ("renseign*")."""
    if not target.endswith("*"):
        return _similar(word, target)
    stem = target[:-1]
    if word.startswith(stem):
        return True
    if len(stem) < 5 or word[:1] != stem[:1]:
        return False
    return any(ratio(word[:n], stem) >= 0.8 for n in (len(stem) - 1, len(stem) + 1))


def _find(tokens: tuple[str, ...], words: Sequence[str]) -> int | None:
    """Index where the keyword starts in `words`: token by token, or glued ("multi canal")."""
    size = len(tokens)
    glued = "".join(tokens) if not any(t.endswith("*") for t in tokens) else ""
    for start in range(len(words)):
        window = words[start : start + size]
        if len(window) == size and all(map(_word_matches, window, tokens)):
            return start
        for width in range(1, size + 2) if glued else ():
            fits = start + width <= len(words) and (size > 1 or width > 1)
            if fits and _singular("".join(words[start : start + width])) == _singular(glued):
                return start
    return None


def mentions(keyword: str, words: Sequence[str], *, negatable: bool = False) -> bool:
    """Whether `words` contain the keyword (not right after a negation if `negatable`)."""
    tokens = pattern(keyword)
    if not tokens:
        return False
    start = _find(tokens, words)
    if start is None:
        return False
    return not (negatable and NEGATIONS.intersection(words[max(0, start - 3) : start]))


def exact_mention(keyword: str, words: Sequence[str]) -> bool:
    """Keyword present as whole words (stems allowed, no typo tolerance: short acronyms)."""
    tokens = pattern(keyword)
    for start in range(len(words) - len(tokens) + 1):
        window = words[start : start + len(tokens)]
        if all(
            w == t or (t.endswith("*") and w.startswith(t[:-1]))
            for w, t in zip(window, tokens, strict=True)
        ):
            return True
    return False


def matched_groups(question: Question, answer_text: str) -> int:
    """How many keyword groups of a short question the answer covers."""
    words = normalize(answer_text).split()
    return sum(any(mentions(k, words) for k in group) for group in question.keywords)


def rejected(question: Question, words: Sequence[str]) -> bool:
    """Whether the answer states one of the question's rejected phrases (not negated)."""
    return any(mentions(phrase, words, negatable=True) for phrase in question.reject)
