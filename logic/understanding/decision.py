"""What to do with the NLU's reading of a message: answer, or ask with buttons.

A retrieval answer (a course notion, a FAQ answer) is given only when the
ResponseSelector's own confidence clears `selector_threshold`; when the two best answers
belong to different domains and are close, the page's audience decides. Otherwise the bot
asks, offering the likeliest answers of the audience's domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from logic.suggestions import Candidate, suggest
from logic.understanding.audience import (
    Audience,
    Domain,
    domain_of,
    prefers,
    retrieval_intents,
    settings,
)

FALLBACK = "nlu_fallback"
# Worth suggesting only when the message itself is small talk, never for a question on content.
CONVERSATION_ONLY = frozenset({"greet", "goodbye", "thank", "help", "bot_challenge"})
MAX_BUTTONS = 3


@dataclass(frozen=True)
class Decision:
    """`answer` is an intent or "<retrieval intent>/<key>"; None means: ask, with `options`."""

    answer: str | None
    confidence: float
    options: list[Candidate] = field(default_factory=list)


def _ranked(selector: Mapping[str, Any]) -> list[Candidate]:
    return [
        Candidate(
            name=str(r.get("intent_response_key")), confidence=float(r.get("confidence") or 0)
        )
        for r in selector.get("ranking") or []
        if r.get("intent_response_key")
    ]


def rankings(parse: Mapping[str, Any]) -> dict[str, list[Candidate]]:
    """Each retrieval intent's answers ("course/nps", "faq/parking"), best first.

    There is one ResponseSelector per retrieval intent (config.yml), so each answer's
    confidence is its own selector's, whatever the other domain holds.
    """
    found: dict[str, list[Candidate]] = {}
    for selector in (parse.get("response_selector") or {}).values():
        if isinstance(selector, Mapping):  # "all_retrieval_intents" is a list of names
            for answer in _ranked(selector):
                found.setdefault(answer.name.partition("/")[0], []).append(answer)
    return {
        intent: sorted(answers, key=lambda a: a.confidence, reverse=True)
        for intent, answers in found.items()
    }


def retrieval_ranking(parse: Mapping[str, Any]) -> list[Candidate]:
    """Every retrieval answer, best first."""
    merged = [answer for answers in rankings(parse).values() for answer in answers]
    return sorted(merged, key=lambda a: a.confidence, reverse=True)


def candidates(parse: Mapping[str, Any]) -> list[Candidate]:
    """Every guess, comparable: intents, and retrieval answers weighted by their intent."""
    intents = {
        str(i["name"]): float(i.get("confidence") or 0.0)
        for i in parse.get("intent_ranking", [])
        if i.get("name")
    }
    retrieval = retrieval_intents()
    found = [Candidate(n, c) for n, c in intents.items() if n not in retrieval]
    for answer in retrieval_ranking(parse):
        weight = intents.get(answer.name.partition("/")[0], 0.0)
        found.append(Candidate(answer.name, weight * answer.confidence))
    return found


def _tie_break(
    parse: Mapping[str, Any], intent: str, best: Candidate, audience: Audience | None, limit: float
) -> Candidate:
    """`best`, or the other domain's confident answer when the audience prefers that domain
    and the NLU hesitated between the two retrieval intents."""
    if audience is None or prefers(audience, best.name):
        return best
    scores = {
        str(i.get("name")): float(i.get("confidence") or 0.0)
        for i in parse.get("intent_ranking", [])
    }
    margin = float(settings()["tie_margin"])
    for other, answers in rankings(parse).items():
        close = scores.get(intent, 0.0) - scores.get(other, 0.0) <= margin
        preferred = answers and prefers(audience, answers[0].name)
        if other != intent and close and preferred and answers[0].confidence >= limit:
            return answers[0]
    return best


def options(parse: Mapping[str, Any], audience: Audience | None) -> list[Candidate]:
    """Up to three likely answers to offer as buttons, the audience's domain first.

    Small-talk intents are left out when the likeliest guess is about content.
    """
    guesses = suggest(candidates(parse), limit=10)
    if guesses and domain_of(guesses[0].name) != Domain.CONVERSATION:
        guesses = [g for g in guesses if g.name not in CONVERSATION_ONLY]
    if audience is not None:
        guesses.sort(key=lambda g: not prefers(audience, g.name))  # stable: keeps the order
    return guesses[:MAX_BUTTONS]


def _rescue(parse: Mapping[str, Any], audience: Audience | None) -> Decision | None:
    """A message the intent classifier doubted, while a ResponseSelector is sure of its
    answer: that answer (the classifier spreads its confidence thin over 50 intents, and often
    hesitates between the course and the FAQ, when the selector has no doubt)."""
    limit = float(settings()["rescue_threshold"])
    sure = [answers[0] for answers in rankings(parse).values() if answers]
    sure = [a for a in sure if a.confidence >= limit]
    if not sure:
        return None
    sure.sort(key=lambda a: (prefers(audience, a.name), a.confidence), reverse=True)
    return Decision(sure[0].name, sure[0].confidence)


def decide(
    parse: Mapping[str, Any], audience: Audience | None = None, threshold: float | None = None
) -> Decision:
    """Answer or ask, as the bot will do for this parse result.

    `threshold` replaces the configured selector threshold (to choose it on held-out data).
    """
    intent = parse.get("intent") or {}
    name = str(intent.get("name") or FALLBACK)
    confidence = float(intent.get("confidence") or 0.0)
    if name == FALLBACK:
        rescued = _rescue(parse, audience)
        return rescued or Decision(None, confidence, options(parse, audience))
    if name not in retrieval_intents():
        return Decision(name, confidence)
    own = rankings(parse).get(name)
    limit = float(settings()["selector_threshold"]) if threshold is None else threshold
    if not own:
        return Decision(None, confidence, options(parse, audience))
    chosen = _tie_break(parse, name, own[0], audience, limit)
    if chosen.confidence < limit:
        return Decision(None, chosen.confidence, options(parse, audience))
    return Decision(chosen.name, chosen.confidence)
