"""The JSON the dashboard page draws: the indicators plus what helps reading them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import segno
import yaml

from logic.climatech.urgencies import complaint_categories, urgencies
from logic.clock import PARIS
from logic.course.concepts import load_registry
from logic.storage.class_sessions import ClassSession
from logic.storage.reports import AfterSalesCounts, Comment
from logic.storage.resolution import SessionFigures, Step, outcome, questions
from logic.survey.interpretation import EffortLevel, ces_level, interpretation
from logic.text.catalogue import render

GOOD, MID, BAD, NONE = "good", "mid", "bad", ""
WORDING = Path(__file__).resolve().parents[1] / "knowledge" / "dashboard.yml"
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


def qr_data_uri(url: str) -> str:
    """The QR code of the class URL, as an SVG data: URI (the CSP allows data: images)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=8, border=2, dark="#0e4d64"))


@cache
def wording() -> dict[str, dict[str, str]]:
    """knowledge/dashboard.yml: topic names, outcomes, the export's headers."""
    return dict(yaml.safe_load(WORDING.read_text(encoding="utf-8")))


def topic_label(topic: str) -> str:
    """A topic's name; an unknown one shows as itself."""
    return wording()["topics"].get(topic, topic)


def session_figures(figures: SessionFigures, conversations: int = 0) -> dict[str, Any]:
    """The session's conversations, containment, resolution, and the questions by topic,
    each topic named."""
    found = {"conversations": conversations, **figures.as_dict()}
    for topic in found["topics"]:
        topic["label"] = topic_label(topic["topic"])
    return found


def sessions_list(sessions: Sequence[ClassSession], current: ClassSession | None) -> dict[str, Any]:
    return {
        "current": current.as_dict() if current else None,
        "all": [s.as_dict() for s in sessions],
    }


def _local(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S")


def export_rows(conversations: Mapping[str, Sequence[Step]], now: datetime) -> list[list[str]]:
    """The session's CSV: a header, then one row per after-sales conversation, numbered in
    the order they started (no id, no personal data)."""
    header = ["conversation", "start", "end", "questions", "topics", "handed", "outcome"]
    csv_words = wording()["csv"]
    rows = [[csv_words[name] for name in header]]
    ordered = sorted(
        (steps for steps in conversations.values() if steps), key=lambda s: min(x.at for x in s)
    )
    for number, steps in enumerate(ordered, 1):
        asked = questions(steps)
        topics = list(dict.fromkeys(topic for topic, _ in asked))
        handed = any(person for _, person in asked)
        rows.append(
            [
                str(number),
                _local(min(s.at for s in steps)),
                _local(max(s.at for s in steps)),
                str(len(asked)),
                ", ".join(topic_label(t) for t in topics),
                csv_words["yes" if handed else "no"],
                wording()["outcomes"][outcome(steps, now).value],
            ]
        )
    return rows


def payload(
    summary: dict[str, Any],
    nps_notes: dict[str, int],
    comments: list[Comment],
    now: datetime,
    missed: Sequence[tuple[str, int]] = (),
    after_sales_counts: AfterSalesCounts | None = None,
    *,
    figures: SessionFigures | None = None,
    sessions: Sequence[ClassSession] = (),
    current: ClassSession | None = None,
    conversations: int = 0,
) -> dict[str, Any]:
    registry = load_registry()
    return {
        "session": sessions_list(sessions, current),
        "session_after_sales": session_figures(figures or SessionFigures(), conversations),
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
