"""Texts said by the custom actions, read from knowledge/messages.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

MESSAGES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "messages.yml"


@cache
def _messages(path: Path = MESSAGES_FILE) -> dict[str, str]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def say(key: str, **values: Any) -> str:
    """The message `key`, its placeholders filled; a missing key is a bug, so it raises."""
    return _messages()[key].format(**values)
