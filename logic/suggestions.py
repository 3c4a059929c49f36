"""Chooses what to suggest when the NLU is unsure of what the user meant."""

from __future__ import annotations

from dataclasses import dataclass

# Intents that are never worth suggesting: they carry no request of their own.
NOT_SUGGESTED = {
    "nlu_fallback",
    "affirm",
    "deny",
    "out_of_scope",
    "explain",
    "explore_theme",
}
MIN_CONFIDENCE = 0.05


@dataclass(frozen=True)
class Candidate:
    name: str
    confidence: float


def suggest(candidates: list[Candidate], limit: int = 3) -> list[Candidate]:
    """The most likely distinct candidates, best first, ignoring noise and meta intents."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        if candidate.name in NOT_SUGGESTED or candidate.confidence < MIN_CONFIDENCE:
            continue
        if candidate.name not in best or candidate.confidence > best[candidate.name].confidence:
            best[candidate.name] = candidate
    return sorted(best.values(), key=lambda c: c.confidence, reverse=True)[:limit]
