"""What the NLU says about the course: its retrieval intent and the ResponseSelector's output.

Also the labels of the other intents the bot may suggest when it is unsure.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from logic.course.concepts import KNOWLEDGE_DIR

RETRIEVAL_INTENT = "course"  # answered by the ResponseSelector with utter_course/<key>


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
