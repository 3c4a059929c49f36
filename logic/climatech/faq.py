"""Climatech's FAQ (knowledge/climatech/faq.yml): the answers of the retrieval intent `faq`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import validator

from logic.climatech.knowledge.documents import keyed
from logic.climatech.knowledge.models import Model

FAQ_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "climatech" / "faq.yml"
FAQ_INTENT = "faq"
TOPIC_SLOT = "faq_topic"  # set by the buttons that offer a FAQ answer


class NextStep(Model):
    """The button that ends an answer: what the customer will most likely do next."""

    title: str
    payload: str


class FaqAnswer(Model):
    key: str
    title: str
    text: str
    button: NextStep
    fictional: bool = True

    @property
    def payload(self) -> str:
        """The button payload that gives this answer."""
        return f'/{TOPIC_SLOT}{{"{TOPIC_SLOT}":"{self.key}"}}'


class FaqFile(Model):
    menu: tuple[str, ...] = ()
    answers: dict[str, FaqAnswer]

    _keyed = validator("answers", pre=True, allow_reuse=True)(keyed)


@cache
def faq_file(path: Path = FAQ_FILE) -> FaqFile:
    """The FAQ file, read once; a menu key without an answer raises ValueError."""
    faq = FaqFile.parse_obj(yaml.safe_load(path.read_text(encoding="utf-8")))
    unknown = set(faq.menu) - set(faq.answers)
    if unknown:
        raise ValueError(f"FAQ menu keys without an answer: {sorted(unknown)}")
    return faq


def load_faq() -> dict[str, FaqAnswer]:
    """The answers by key."""
    return dict(faq_file().answers)


def faq_menu() -> list[FaqAnswer]:
    """The answers offered when a customer asks for the FAQ itself."""
    faq = faq_file()
    return [faq.answers[key] for key in faq.menu]


def faq_answer(label: str | None) -> FaqAnswer | None:
    """The answer of "faq/<key>" or of a bare key; None when unknown."""
    if not label:
        return None
    return load_faq().get(label.removeprefix(f"{FAQ_INTENT}/"))
