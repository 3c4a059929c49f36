"""The course's retrieval intent, and the labels of the intents the bot may suggest when unsure.

The ResponseSelectors' output is read by logic.understanding.decision.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from logic.course.concepts import KNOWLEDGE_DIR

RETRIEVAL_INTENT = "course"  # answered by the ResponseSelector with utter_course/<key>


@cache
def intent_labels(path: Path = KNOWLEDGE_DIR / "intents.yml") -> dict[str, str]:
    """French labels of the non-course intents that may be suggested to the user."""
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["labels"])
