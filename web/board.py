"""The JSON the dashboard page draws: the indicators plus what helps reading them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from logic.course.concepts import load_registry
from logic.storage.reports import Comment
from logic.survey.interpretation import EffortLevel, ces_level, interpretation
from logic.text.catalogue import render

GOOD, MID, BAD, NONE = "good", "mid", "bad", ""
CES_TONES = {EffortLevel.LOW: GOOD, EffortLevel.MEDIUM: MID, EffortLevel.HIGH: BAD}


def _nps_tone(score: float | None) -> str:
    """The course's reading: a good NPS is positive."""
    if score is None:
        return NONE
    return GOOD if score > 0 else BAD if score < 0 else MID


def _csat_tone(score: float | None) -> str:
    """More than half of the customers satisfied, or not (as interpret_csat reads it)."""
    if score is None:
        return NONE
    return GOOD if score > 50 else BAD


def _ces_tone(mean: float | None) -> str:
    return NONE if mean is None else CES_TONES[ces_level(mean)]


def comment_tone(comment: Comment) -> str:
    """A comment is coloured by its NPS category (promoter, passive, detractor)."""
    if comment.nps is None:
        return NONE
    return GOOD if comment.nps >= 9 else MID if comment.nps >= 7 else BAD


def payload(
    summary: dict[str, Any],
    nps_notes: dict[str, int],
    comments: list[Comment],
    now: datetime,
    missed: Sequence[tuple[str, int]] = (),
) -> dict[str, Any]:
    registry = load_registry()
    return {
        "indicators": summary,
        "nps_notes": nps_notes,
        "tones": {
            "nps": _nps_tone(summary["nps"]["score"]),
            "csat": _csat_tone(summary["csat"]["score"]),
            "ces": _ces_tone(summary["ces"]["mean"]),
        },
        "interpretation": [render(line) for line in interpretation(summary)],
        "comments": [{**c.as_dict(), "tone": comment_tone(c)} for c in comments],
        "missed_concepts": [
            {"title": concept.title if (concept := registry.get(key)) else key, "wrong": wrong}
            for key, wrong in missed
        ],
        "updated_at": now.isoformat(timespec="seconds"),
    }
