"""The questions the forms ask (knowledge/questions.yml) and the privacy notice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

QUESTIONS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "questions.yml"


@dataclass(frozen=True)
class Question:
    slot: str
    text: str
    buttons: tuple[str, ...] = ()
    personal: bool = False


@dataclass(frozen=True)
class Questionnaire:
    privacy_notice: str
    questions: dict[str, Question]


@cache
def load_questions(path: Path = QUESTIONS_FILE) -> Questionnaire:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = {
        slot: Question(
            slot=slot,
            text=entry["text"],
            buttons=tuple(entry.get("buttons", ())),
            personal=bool(entry.get("personal", False)),
        )
        for slot, entry in raw["questions"].items()
    }
    return Questionnaire(
        privacy_notice=" ".join(raw["privacy_notice"].split()), questions=questions
    )
