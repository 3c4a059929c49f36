"""The JSON the dashboard page draws: the indicators plus what helps reading them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from logic.climatech.urgencies import complaint_categories, urgencies
from logic.course.concepts import load_registry
from logic.storage.reports import AfterSalesCounts, Comment
from logic.survey.interpretation import EffortLevel, ces_level, interpretation
from logic.text.catalogue import render

GOOD, MID, BAD, NONE = "good", "mid", "bad", ""
CES_TONES = {EffortLevel.LOW: GOOD, EffortLevel.MEDIUM: MID, EffortLevel.HIGH: BAD}


def complaint_labels() -> dict[str, str]:
    """The card "Réclamations et urgences": complaint categories, titled as in their file."""
    return {key: c.title for key, c in complaint_categories().items()}


def urgency_labels() -> dict[str, str]:
    """Urgency kinds, titled as in knowledge/climatech/urgencies.yml."""
    return {key: u.title for key, u in urgencies().kinds.items()}


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


def _labelled(counts: dict[str, int], labels: dict[str, str]) -> list[dict[str, Any]]:
    """[{key, label, count}] in the labels' order; a key without a label shows as itself."""
    keys = [*labels, *(key for key in counts if key not in labels)]
    return [{"key": k, "label": labels.get(k, k), "count": counts.get(k, 0)} for k in keys]


def after_sales(counts: AfterSalesCounts) -> dict[str, Any]:
    """The card "Réclamations et urgences": totals, and each category or urgency named."""
    return {
        "complaints": {
            "total": counts.complaints_total,
            "categories": _labelled(counts.complaints, complaint_labels()),
        },
        "urgent": {
            "total": counts.urgent_total,
            "urgencies": _labelled(counts.urgent, urgency_labels()),
        },
        "priority_callbacks": counts.priority_callbacks,
    }


def payload(
    summary: dict[str, Any],
    nps_notes: dict[str, int],
    comments: list[Comment],
    now: datetime,
    missed: Sequence[tuple[str, int]] = (),
    after_sales_counts: AfterSalesCounts | None = None,
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
        "after_sales": after_sales(after_sales_counts or AfterSalesCounts()),
        "updated_at": now.isoformat(timespec="seconds"),
    }
