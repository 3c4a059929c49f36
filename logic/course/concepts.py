"""The registry of course concepts (knowledge/concepts.yml): titles, themes, lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
# A course answer's button as written in data/responses/: braces doubled, since Rasa's
# response interpolation reads {…} as a slot and unescapes {{…}}.
RESPONSE_BUTTON_PAYLOAD = re.compile(r'^/explain\{\{"concept": ?"(?P<key>[a-z0-9_]+)"\}\}$')


@dataclass(frozen=True)
class Concept:
    key: str
    title: str
    theme: str

    @property
    def payload(self) -> str:
        """The button payload that makes the bot explain this concept."""
        return f'/explain{{"concept":"{self.key}"}}'


def response_button_concept(payload: str) -> str | None:
    """The concept a course answer's button explains (data/responses/ form), or None."""
    match = RESPONSE_BUTTON_PAYLOAD.match(payload)
    return match["key"] if match else None


def follow_up_payload(facet: str, key: str) -> str:
    """The button payload asking one facet of a notion ("example" of "ropo")."""
    return f'/follow_up{{"facet":"{facet}","concept":"{key}"}}'


def quiz_payload(key: str) -> str:
    """The button payload of a quiz on one notion ("Teste-moi là-dessus")."""
    return f'/start_quiz{{"concept":"{key}"}}'


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
