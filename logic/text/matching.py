"""Tolerant text matching for French customer messages (accents, case, typos, plurals)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

# Articles, prepositions and possessives carry no meaning for lookups; negations
# ("pas", "plus") are kept because "chauffe plus" differs from "chauffe".
STOPWORDS = frozenset({
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "de", "des", "du",
    "elle", "en", "est", "et", "il", "j", "je", "l", "la", "le", "les", "m", "ma", "me",
    "mes", "mon", "n", "ne", "nos", "notre", "on", "ou", "par", "pour", "qu", "que", "qui",
    "s", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "tes", "ton", "un", "une",
    "vos", "votre", "y",
})  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents ("Éteinte" -> "eteinte"); every other character kept."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Lower-case, accent-free text with single spaces; letters and digits split apart."""
    text = re.sub(r"[^a-z0-9]+", " ", fold(text))
    # "aria25" and "g10" name the same models as "aria 25" and "g 10".
    text = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", text)
    return " ".join(text.split())


def tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Normalised words of `text`, stopwords removed unless asked."""
    words = normalize(text).split()
    return words if keep_stopwords else [w for w in words if w not in STOPWORDS]


@lru_cache(maxsize=4096)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """tokens() of a known phrase (keywords of the knowledge files), computed once."""
    return tuple(tokens(phrase))


def _singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


# Every message is compared with every keyword of the guides, parts and products: the
# same pairs of words come back from message to message.
@lru_cache(maxsize=65536)
def similarity(word: str, target: str) -> float:
    """0 to 1: how well a typed word matches a known word (typos, plural, prefix)."""
    if word == target:
        return 1.0
    if word.isdigit() or target.isdigit():
        return 0.0
    a, b = _singular(word), _singular(target)
    if a == b:
        return 1.0
    # Short words must be exact: "fuit" and "fait" differ by one letter.
    if min(len(a), len(b)) < 5:
        return 0.0
    matcher = SequenceMatcher(None, a, b)
    # The quick ratios are upper bounds of ratio(): most pairs stop there.
    if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8:
        ratio = matcher.ratio()
        if ratio >= 0.8:
            return ratio
    # A truncated word ("telecom", "thermo") still names the longer one.
    if len(a) >= 5 and b.startswith(a):
        return 0.8
    return 0.0


def phrase_score(phrase: str, words: list[str]) -> float:
    """Share of the phrase's words found in `words`, in order; 0 unless all are found.

    Returns the mean similarity when every word of the phrase appears (small gaps
    allowed), so a longer matched phrase is a more specific match.
    """
    wanted = phrase_tokens(phrase)
    if not wanted:
        return 0.0
    position = 0
    total = 0.0
    for target in wanted:
        best, best_at = 0.0, -1
        for index in range(position, len(words)):
            score = similarity(words[index], target)
            if score > best:
                best, best_at = score, index
                if score == 1.0:
                    break
        if best_at < 0:
            return 0.0
        total += best
        position = best_at + 1
    return total / len(wanted)


def best_phrase(phrases: list[str] | tuple[str, ...], words: list[str]) -> tuple[float, int]:
    """Best (similarity, word count) over phrases; the word count ranks specificity."""
    best = (0.0, 0)
    for phrase in phrases:
        score = phrase_score(phrase, words)
        if score > 0:
            candidate = (score, len(phrase_tokens(phrase)))
            if (candidate[1], candidate[0]) > (best[1], best[0]):
                best = candidate
    return best
