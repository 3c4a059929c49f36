"""The facets of every course notion (knowledge/facets/*.yml) and the composites covering
several notions (knowledge/composites.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
FACETS_DIR = KNOWLEDGE_DIR / "facets"


class Facet(str, Enum):
    """What a student asks about a notion. `definition` is the notion's answer itself."""

    DEFINITION = "definition"
    SIMPLE = "simple"
    EXAMPLE = "example"
    FIGURES = "figures"
    CLIMATECH = "climatech"
    WHY = "why"
    CONFUSION = "confusion"
    FORMULA = "formula"
    MORE = "more"
    DETAIL = "detail"
    DIFFERENCE = "difference"
    QUIZ = "quiz"


# The facets written as one text in the data files (every notion has the slot, maybe null).
TEXT_FACETS = (
    Facet.SIMPLE,
    Facet.EXAMPLE,
    Facet.FIGURES,
    Facet.CLIMATECH,
    Facet.WHY,
    Facet.FORMULA,
)
REQUIRED_SLOTS = ("aliases", *(f.value for f in TEXT_FACETS), "confusion", "details")


@dataclass(frozen=True)
class Detail:
    """A detail question students ask about a notion, and its one-sentence answer."""

    asks: tuple[str, ...]
    answer: str
    derived_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Confusion:
    other: str
    text: str


@dataclass(frozen=True)
class NotionFacets:
    key: str
    aliases: tuple[str, ...]
    texts: dict[Facet, str]
    confusion: Confusion | None
    details: tuple[Detail, ...]

    def text(self, facet: Facet) -> str | None:
        """The facet's text; `more` is the notion's details, `confusion` its confusion."""
        if facet is Facet.CONFUSION:
            return self.confusion.text if self.confusion else None
        if facet is Facet.MORE:
            return "\n".join(f"• {d.answer}" for d in self.details[:4]) or None
        return self.texts.get(facet)


class FacetsError(ValueError):
    """A facets file lacks a slot or is malformed."""


def _detail(raw: dict[str, Any], where: str) -> Detail:
    asks = raw.get("ask") or []
    if isinstance(asks, str):
        asks = [asks]
    if not asks or not raw.get("answer"):
        raise FacetsError(f"{where}: a detail needs `ask` and `answer`")
    derived = tuple(str(f) for f in raw.get("from") or ()) if raw.get("derived") else ()
    return Detail(asks=tuple(str(a) for a in asks), answer=str(raw["answer"]), derived_from=derived)


def _notion(key: str, raw: dict[str, Any], where: str) -> NotionFacets:
    missing = [slot for slot in REQUIRED_SLOTS if slot not in raw]
    if missing:
        raise FacetsError(f"{where}: {key} lacks {', '.join(missing)}")
    confusion = raw.get("confusion")
    return NotionFacets(
        key=key,
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        texts={f: str(raw[f.value]) for f in TEXT_FACETS if raw.get(f.value)},
        confusion=Confusion(str(confusion["with"]), str(confusion["text"])) if confusion else None,
        details=tuple(_detail(d, f"{where}: {key}") for d in raw.get("details") or ()),
    )


@cache
def load_facets(directory: Path = FACETS_DIR) -> dict[str, NotionFacets]:
    """Every notion's facets, from all the files of `directory`."""
    found: dict[str, NotionFacets] = {}
    for path in sorted(directory.glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in (raw.get("facets") or {}).items():
            if key in found:
                raise FacetsError(f"{path.name}: {key} has facets in two files")
            found[key] = _notion(key, value or {}, path.name)
    return found


@cache
def load_covers(path: Path = KNOWLEDGE_DIR / "composites.yml") -> dict[str, frozenset[str]]:
    """Each composite notion and the notions its answer covers."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: frozenset(keys) for key, keys in (raw.get("covers") or {}).items()}


def covered_by(key: str) -> frozenset[str]:
    """The notions an answer on `key` covers: itself, and more for a composite."""
    return load_covers().get(key, frozenset()) | {key}


def composite_for(notions: set[str]) -> str | None:
    """The smallest composite whose answer covers every one of `notions`."""
    fitting = [(len(c), k) for k, c in load_covers().items() if notions <= c]
    return min(fitting)[1] if fitting else None
