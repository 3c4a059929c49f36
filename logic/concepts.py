"""The registry of course concepts (knowledge/concepts.yml): titles, themes, lookups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
RETRIEVAL_INTENT = "course"  # answered by the ResponseSelector with utter_course/<key>


@dataclass(frozen=True)
class Concept:
    key: str
    title: str
    theme: str

    @property
    def payload(self) -> str:
        """The button payload that makes the bot explain this concept."""
        return f'/explain{{"concept":"{self.key}"}}'


@dataclass(frozen=True)
class Registry:
    themes: dict[str, str]
    concepts: dict[str, Concept]

    def by_theme(self, theme: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.theme == theme]

    def get(self, key: str | None) -> Concept | None:
        return self.concepts.get(key or "")


@cache
def load_registry(path: Path = KNOWLEDGE_DIR / "concepts.yml") -> Registry:
    """Reads the registry once; every theme referenced must be declared."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    themes = dict(raw["themes"])
    concepts = {
        key: Concept(key=key, title=value["title"], theme=value["theme"])
        for key, value in raw["concepts"].items()
    }
    unknown = {c.theme for c in concepts.values()} - set(themes)
    if unknown:
        raise ValueError(f"undeclared themes in {path}: {sorted(unknown)}")
    return Registry(themes=themes, concepts=concepts)


@cache
def intent_labels(path: Path = KNOWLEDGE_DIR / "intents.yml") -> dict[str, str]:
    """French labels of the non-course intents that may be suggested to the user."""
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["labels"])


def response_selection(parse: Mapping[str, Any]) -> dict[str, Any]:
    """The ResponseSelector's output in a parse result (`response` and `ranking`).

    Rasa files it under the retrieval intent, or under "default" when the selector was
    trained on every retrieval intent, as here.
    """
    selector = parse.get("response_selector") or {}
    return dict(selector.get(RETRIEVAL_INTENT) or selector.get("default") or {})
