"""The message catalogue: every parameterised sentence the bot says, read from knowledge/messages/.

Fixed texts are domain responses; texts with values to fill in (computed explanations,
validation errors, summaries) live here, one YAML file per area, keys unique across files.
Code picks a key (usually from a result code) and never reads the wording back.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from logic.results import Listing, Message
from logic.text.formatting import join_words

MESSAGES_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "messages"


class CatalogueError(ValueError):
    """A catalogue file is malformed or two files define the same key."""


@cache
def messages(directory: Path = MESSAGES_DIR) -> dict[str, str]:
    """Every key of the catalogue and its template, merged over the area files."""
    merged: dict[str, str] = {}
    for path in sorted(directory.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(content, dict):
            raise CatalogueError(f"{path.name}: expected a mapping of keys to texts")
        for key, text in content.items():
            if key in merged:
                raise CatalogueError(f"{path.name}: key {key!r} is defined twice")
            if not isinstance(text, str):
                raise CatalogueError(f"{path.name}: {key!r} is not a text")
            merged[key] = text
    return merged


def say(key: str, **values: Any) -> str:
    """The message `key`, its placeholders filled; a missing key is a bug, so it raises."""
    return messages()[key].format(**values)


def render(item: Message | Listing | str) -> str:
    """French text of a message from the logic: its template, nested messages rendered first."""
    if isinstance(item, str):
        return item
    if isinstance(item, Listing):
        parts = [render(part) for part in item.items]
        if item.style == "words":
            return join_words(parts)
        return ("\n" if item.style == "lines" else " ").join(parts)
    values = {
        name: render(value) if isinstance(value, Message | Listing) else value
        for name, value in item.params.items()
    }
    return say(str(item.code.value), **values)
