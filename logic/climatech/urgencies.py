"""Complaints and urgent breakdowns, recognised from the customer's words.

knowledge/climatech/complaints.yml and urgencies.yml give, for each category or kind, the
words that reveal it; urgencies also give the safety steps to say before anything else.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import Field, validator

from logic.climatech import opening_hours
from logic.climatech.knowledge.documents import keyed
from logic.climatech.knowledge.models import Knowledge, Model
from logic.results import Message, MessageCode, message
from logic.text.formatting import format_date, format_time
from logic.text.matching import normalize

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge" / "climatech"
OTHER_COMPLAINT = "other"
# The kind to assume when an urgent breakdown names none the file knows.
DEFAULT_URGENCY = "no_heating"
VULNERABLE_URGENCY = "no_heating_vulnerable"


class Category(Model):
    key: str
    title: str
    keywords: tuple[str, ...] = ()


class Urgency(Category):
    safety: tuple[str, ...] = ()


class ComplaintsFile(Model):
    categories: dict[str, Category]

    _keyed = validator("categories", pre=True, allow_reuse=True)(keyed)


class UrgenciesFile(Model):
    kinds: dict[str, Urgency]
    vulnerable_keywords: tuple[str, ...] = Field(default_factory=tuple)

    _keyed = validator("kinds", pre=True, allow_reuse=True)(keyed)


@cache
def complaint_categories(path: Path = KNOWLEDGE / "complaints.yml") -> dict[str, Category]:
    return dict(ComplaintsFile.parse_obj(yaml.safe_load(path.read_text("utf-8"))).categories)


@cache
def urgencies(path: Path = KNOWLEDGE / "urgencies.yml") -> UrgenciesFile:
    return UrgenciesFile.parse_obj(yaml.safe_load(path.read_text("utf-8")))


def _hits(text: str, keywords: tuple[str, ...]) -> int:
    """How many of the keywords the normalised text contains, as whole words."""
    return sum(bool(re.search(rf"\b{re.escape(normalize(k))}\b", text)) for k in keywords if k)


C = TypeVar("C", bound=Category)


def _best(text: str, categories: list[C]) -> C | None:
    """The category with the most keywords in the text (the first one on a tie), if any."""
    plain = normalize(text)
    scored = [(_hits(plain, c.keywords), c) for c in categories]
    score, best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best if score > 0 else None


def complaint_category(text: str) -> Category:
    """The category of a complaint; "other" when no category's words appear."""
    categories = complaint_categories()
    found = _best(text, [c for k, c in categories.items() if k != OTHER_COMPLAINT])
    return found or categories[OTHER_COMPLAINT]


def urgency_kind(text: str) -> Urgency:
    """The kind of an urgent breakdown; a vulnerable person at home raises "no heating"."""
    known = urgencies()
    found = _best(text, list(known.kinds.values()))
    vulnerable = _hits(normalize(text), known.vulnerable_keywords) > 0
    if found is None or (vulnerable and found.key == DEFAULT_URGENCY):
        key = VULNERABLE_URGENCY if vulnerable else DEFAULT_URGENCY
        return known.kinds.get(key) or next(iter(known.kinds.values()))
    return found


class OpeningCode(MessageCode):
    AT = "priority_opening_at"  # day, time


class PriorityCode(MessageCode):
    """When a person calls back a complaint or an urgency."""

    OPEN = "priority_when_open"
    CLOSED = "priority_when_closed"  # opening: "demain à 9 h", "lundi 7 décembre à 14 h"


def callback_timing(now: datetime, kb: Knowledge | None = None) -> Message:
    """Today while the showroom is open; otherwise its next opening, said in French."""
    if opening_hours.is_open(now, kb):
        return message(PriorityCode.OPEN)
    start = opening_hours.next_opening(now, kb)
    if start is None:
        return message(PriorityCode.OPEN)
    today = opening_hours.to_paris(now).date()
    day: Message | str = format_date(start.date())
    if start.date() == today:  # closed for lunch: back this afternoon
        day = Message(opening_hours.HoursCode.TODAY)
    elif start.date() == today + timedelta(days=1):
        day = Message(opening_hours.HoursCode.TOMORROW)
    return message(
        PriorityCode.CLOSED,
        opening=Message(OpeningCode.AT, {"day": day, "time": format_time(start.time())}),
    )
