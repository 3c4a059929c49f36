"""Reading a student's words about the course: which facet is asked, which notions are
named, whether the message is elliptic ("et le CSAT ?"), which detail question it matches.

The word lists and thresholds live in knowledge/followups.yml.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from logic.course.facets import KNOWLEDGE_DIR, Detail, Facet, load_facets
from logic.text.matching import normalize


@dataclass(frozen=True)
class Settings:
    facet_words: dict[Facet, tuple[re.Pattern[str], ...]]
    elliptic_start: re.Pattern[str]
    elliptic_max_words: int
    followup_max_words: int
    detail_threshold: float
    global_detail_threshold: float
    global_detail_margin: float
    buttons: tuple[Facet, ...]
    stopwords: frozenset[str]
    filler: frozenset[str]
    ambiguous_aliases: dict[str, re.Pattern[str]]
    definition_words: re.Pattern[str]
    question_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    synonyms: dict[str, tuple[str, ...]]
    listing_asks: re.Pattern[str]
    listing_min: int
    listed_names: tuple[tuple[re.Pattern[str], str], ...]


@cache
def settings(path: Path = KNOWLEDGE_DIR / "followups.yml") -> Settings:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Settings(
        facet_words={
            Facet(name): tuple(re.compile(p) for p in patterns)
            for name, patterns in raw["facet_words"].items()
        },
        elliptic_start=re.compile(raw["elliptic_start"]),
        elliptic_max_words=int(raw["elliptic_max_words"]),
        followup_max_words=int(raw["followup_max_words"]),
        detail_threshold=float(raw["detail_threshold"]),
        global_detail_threshold=float(raw["global_detail_threshold"]),
        global_detail_margin=float(raw["global_detail_margin"]),
        buttons=tuple(Facet(f) for f in raw["buttons"]),
        stopwords=frozenset(raw["stopwords"].split()),
        filler=frozenset(raw["filler"].split()),
        definition_words=re.compile(raw["definition_words"]),
        ambiguous_aliases={
            alias: re.compile(pattern) for alias, pattern in raw["ambiguous_aliases"].items()
        },
        question_kinds=tuple(
            (f"?{kind}", re.compile(pattern)) for kind, pattern in raw["question_kinds"].items()
        ),
        synonyms={
            normalize(word): tuple(normalize(same).split())
            for word, same in (raw.get("synonyms") or {}).items()
        },
        listing_asks=re.compile(raw["listed_names"]["asks"]),
        listing_min=int(raw["listed_names"]["min"]),
        listed_names=tuple(
            (re.compile(rf"\b{re.escape(normalize(name))}\b"), key)
            for key, names in raw["listed_names"]["names"].items()
            for name in names
        ),
    )


def facet_asked(text: str) -> Facet | None:
    """The facet the words ask for ("un exemple ?" → example), if any."""
    plain = normalize(text)
    for facet, patterns in settings().facet_words.items():
        if any(p.search(plain) for p in patterns):
            return facet
    return None


def is_pure_followup(text: str) -> bool:
    """Only facet words and filler ("et un exemple alors ?"): the notion must come from
    the conversation, whatever the NLU guessed."""
    plain = normalize(text)
    if facet_asked(text) is None:
        return False
    for patterns in settings().facet_words.values():
        for pattern in patterns:
            plain = pattern.sub(" ", plain)
    return not (content_words(plain) - {_stem(w) for w in settings().filler})


def is_definition_question(text: str, notion: str) -> bool:
    """ "c'est quoi le ROPO ?", "définition du multicanal": only the notion and how one asks
    what it is, so its own answer, not one of its details."""
    plain = normalize(text)
    if not settings().definition_words.search(plain):
        return False
    rest = settings().definition_words.sub(" ", plain)
    return not (
        content_words(rest, drop=_alias_words(notion)) - {_stem(w) for w in settings().filler}
    )


def sibling_named(text: str, context: str, themes: dict[str, str]) -> str | None:
    """ "et celle du téléphone ?" after the store's added value: the notion whose names hold
    the message's words, among those of the notion under discussion's theme."""
    # "même question pour le chat": the words after the ellipsis' start name the notion.
    rest = settings().elliptic_start.sub(" ", normalize(text))
    words = content_words(rest) - {_stem(w) for w in settings().filler}
    if not words:
        return None
    found = []
    for key in load_facets():
        if key == context:
            continue
        named = _alias_content_words(key)
        if words <= named or (words & named and len(words) == 1):
            found.append(key)
    same_theme = [k for k in found if themes.get(k) == themes.get(context)]
    candidates = same_theme or found
    return candidates[0] if len(candidates) == 1 else None


def is_elliptic(text: str) -> bool:
    """ "et le CSAT ?", "et pour les promoteurs ?": the same question about something else."""
    plain = normalize(text)
    short = len(plain.split()) <= settings().elliptic_max_words
    return short and bool(settings().elliptic_start.match(plain))


def is_short(text: str) -> bool:
    return len(normalize(text).split()) <= settings().followup_max_words


@cache
def _alias_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every alias as a whole-word pattern, the longest first (so "csat" loses to nothing)."""
    pairs = [
        (normalize(alias), key) for key, notion in load_facets().items() for alias in notion.aliases
    ]
    pairs = [(alias, key) for alias, key in pairs if alias]
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
    return tuple((re.compile(rf"\b{re.escape(alias)}\b"), key) for alias, key in pairs)


def notions_named(text: str) -> list[str]:
    """The notions the text names by one of their aliases, in the order they appear."""
    plain = normalize(text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    ambiguous = settings().ambiguous_aliases
    for pattern, key in _alias_patterns():
        for match in pattern.finditer(plain):
            span = match.span()
            word = match.group()
            if word in ambiguous and not _names_it(word, text, plain, ambiguous[word]):
                continue
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue  # inside a longer alias already found
            taken.append(span)
            found.append((span[0], key))
    ordered: list[str] = []
    for _, key in sorted(found):
        if key not in ordered:
            ordered.append(key)
    return ordered


def notions_listed(text: str) -> list[str]:
    """ "VA du mail, du sms et du tel ?": the notions a list of bare names names, in order,
    when the message asks what they bring; else none."""
    plain = normalize(text)
    if not settings().listing_asks.search(plain):
        return []
    found = sorted(
        (match.start(), key)
        for pattern, key in settings().listed_names
        for match in pattern.finditer(plain)
    )
    ordered = list(dict.fromkeys(key for _, key in found))
    return ordered if len(ordered) >= settings().listing_min else []


def _names_it(alias: str, text: str, plain: str, context: re.Pattern[str]) -> bool:
    """An everyday word as an alias: in capitals ("CES"), after an article, or alone."""
    typed_in_capitals = re.search(rf"\b{re.escape(alias.upper())}\b", text) is not None
    return typed_in_capitals or context.search(plain) is not None or plain == alias


# --- detail questions -----------------------------------------------------------------------


def _stem(word: str) -> str:
    """A crude French stem: no plural, no final e ("créée", "faite", "améliore"), 7 letters."""
    if len(word) > 4 and word.endswith(("s", "x")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word[:7]


@lru_cache(maxsize=4096)
def _reading(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The text's normalised words once its question kinds are taken out, and those kinds:
    read once per message, whatever the number of notions its words are compared with."""
    plain = normalize(re.sub(r"\bCA\b", "chiffre d'affaires", text))  # not "ça"
    kinds = frozenset(kind for kind, pattern in settings().question_kinds if pattern.search(plain))
    for _, pattern in settings().question_kinds:
        plain = pattern.sub(" ", plain)
    synonyms = settings().synonyms
    return tuple(same for word in plain.split() for same in synonyms.get(word, (word,))), kinds


def content_words(text: str, drop: Iterable[str] = ()) -> set[str]:
    """The stems of the words that carry content, and the kinds of question asked."""
    words, kinds = _reading(text)
    synonyms = settings().synonyms
    dropped = set(drop)
    ignored = settings().stopwords | dropped.union(*(synonyms.get(w, ()) for w in dropped))
    return {_stem(w) for w in words if w not in ignored and (len(w) > 1 or w.isdigit())} | kinds


@dataclass(frozen=True)
class DetailMatch:
    notion: str
    detail: Detail
    score: float
    shared: int = 0  # words of the question found in the detail's questions


@dataclass(frozen=True)
class _Indexed:
    notion: str
    detail: Detail
    words: frozenset[str]  # of all its questions
    phrasings: tuple[frozenset[str], ...]  # of each question
    answer_only: frozenset[str]  # of its answer, not in its questions


@cache
def _index() -> tuple[_Indexed, ...]:
    found = []
    for key, notion in load_facets().items():
        for detail in notion.details:
            phrasings = tuple(frozenset(content_words(a)) for a in detail.asks)
            words = frozenset().union(*phrasings)
            answer = frozenset(content_words(detail.answer)) - words
            found.append(_Indexed(key, detail, words, phrasings, answer))
    return tuple(found)


@cache
def _rarity() -> dict[str, float]:
    """How rare each stem is among the detail questions: rare words weigh more."""
    index = _index()
    counts: dict[str, int] = {}
    for item in index:
        for word in item.words:
            counts[word] = counts.get(word, 0) + 1
    total = len(index) or 1
    return {word: math.log(1 + total / count) for word, count in counts.items()}


@cache
def _alias_content_words(key: str) -> frozenset[str]:
    """The content words of the notion's names, as `content_words` reads a message."""
    notion = load_facets().get(key)
    return frozenset(
        w for alias in (notion.aliases if notion else ()) for w in content_words(alias)
    )


@cache
def _alias_words(key: str) -> frozenset[str]:
    notion = load_facets().get(key)
    return frozenset(
        w for alias in (notion.aliases if notion else ()) for w in normalize(alias).split()
    )


@cache
def _name_words(key: str) -> frozenset[str]:
    """The words of the notion's names, left out of a question about it: "les passifs du
    NPS" is about the passives once the NPS is known. Not their digits ("le message 6")."""
    return frozenset(w for w in _alias_words(key) if not w.isdigit())


GUESS_MIN_SHARED = 2  # words in common before a notion nobody named is guessed from a detail
ANSWER_WEIGHT = 0.5  # a word of the answer only says less than a word of the question


@cache
def _unknown_rarity() -> float:
    """The weight of a word no detail question has: the rarest's."""
    return max(_rarity().values(), default=1.0)


def _score(asked: set[str], question: frozenset[str], answer: frozenset[str]) -> float:
    # fsum: the same total whatever order the sets give their words in (it changes with the
    # hash seed), so equal scores stay equal and ties are broken the same way at every start.
    rarity, unknown = _rarity(), _unknown_rarity()
    weight = math.fsum(rarity.get(w, unknown) for w in asked)
    if not weight:
        return 0.0
    shared = math.fsum(rarity.get(w, unknown) for w in asked & question)
    shared += ANSWER_WEIGHT * math.fsum(rarity.get(w, unknown) for w in (asked & answer) - question)
    return shared / weight


def detail_matches(text: str, notions: Iterable[str] | None = None) -> list[DetailMatch]:
    """Detail questions ranked by how much of the student's words they share, each
    notion's own names left out of the words."""
    scope = set(notions) if notions is not None else None
    matches: list[tuple[float, int, float, DetailMatch]] = []
    asked_about: dict[str, set[str]] = {}  # the question's words, once per notion
    every_word = content_words(text)
    for item in _index():
        if scope is not None and item.notion not in scope:
            continue
        if item.notion not in asked_about:
            asked_about[item.notion] = content_words(text, drop=_name_words(item.notion))
        asked = asked_about[item.notion]
        if asked:
            score = _score(asked, item.words, item.answer_only)
            # Between equal scores, the detail sharing the most of all the words (names
            # included), then the one with a question about these words only.
            whole = len(every_word & item.words)
            focus = max((len(asked & p) / len(p) for p in item.phrasings if p), default=0.0)
            shared = len(asked & item.words)
            match = DetailMatch(item.notion, item.detail, score, shared)
            matches.append((score, whole, focus, match))
    matches.sort(key=lambda m: (m[0], m[1], m[2]), reverse=True)
    return [m for *_, m in matches]


def best_detail(text: str, notion: str) -> DetailMatch | None:
    """The notion's detail the text asks, when it clearly is one."""
    matches = detail_matches(text, [notion])
    if matches and matches[0].score >= settings().detail_threshold:
        return matches[0]
    return None


def best_detail_among(text: str, notions: Sequence[str], min_shared: int = 1) -> DetailMatch | None:
    """The best detail of a few candidate notions, when it clearly is one: a high score on
    at least `min_shared` words (one rare word in common proves little)."""
    if not notions:
        return None
    matches = detail_matches(text, notions)
    if matches and matches[0].score >= settings().detail_threshold:
        return matches[0] if matches[0].shared >= min_shared else None
    return None


def best_detail_anywhere(text: str, ranking: Sequence[str] = ()) -> DetailMatch | None:
    """A detail of any notion, only when it stands out: a high score, and no other notion's
    detail close to it, unless the NLU ranks that notion lower (`ranking`, best first)."""
    matches = detail_matches(text)
    if not matches or matches[0].score < settings().global_detail_threshold:
        return None
    if matches[0].shared < GUESS_MIN_SHARED:
        return None
    floor = matches[0].score - settings().global_detail_margin
    contenders: dict[str, DetailMatch] = {}
    for match in matches:
        if match.score < floor:
            break
        contenders.setdefault(match.notion, match)
    if len(contenders) == 1:
        return matches[0]
    ranked = [m for m in contenders.values() if m.notion in ranking]
    if not ranked:
        return None  # two notions answer it equally well and the NLU has no preference
    return min(ranked, key=lambda m: list(ranking).index(m.notion))
