"""Who is talking: a Climatech customer (the site), a student (the revision page, the
terminal), or nobody known (an API client), and which domain each intent belongs to."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from logic.course.concepts import KNOWLEDGE_DIR

AUDIENCE_SLOT = "audience"
METADATA_KEY = "audience"
TERMINAL_CHANNEL = "cmdline"  # `rasa shell`: a student revising


class Audience(str, Enum):
    CLIENT = "client"
    STUDENT = "etudiant"


class Domain(str, Enum):
    COURSE = "course"
    CLIMATECH = "climatech"
    CONVERSATION = "conversation"  # greet, thank, affirm...: nobody's in particular


AUDIENCE_DOMAIN = {Audience.CLIENT: Domain.CLIMATECH, Audience.STUDENT: Domain.COURSE}


@cache
def settings(path: Path = KNOWLEDGE_DIR / "understanding.yml") -> dict[str, Any]:
    """knowledge/understanding.yml: intent domains, retrieval intents, thresholds."""
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def parse_audience(value: object) -> Audience | None:
    """ "client" / "etudiant" (any case); anything else is unknown."""
    try:
        return Audience(str(value).strip().lower())
    except ValueError:
        return None


def audience_of(metadata: Mapping[str, Any] | None, channel: str | None) -> Audience | None:
    """The audience a message's metadata declares; the terminal is a student."""
    declared = parse_audience((metadata or {}).get(METADATA_KEY))
    if declared is not None:
        return declared
    return Audience.STUDENT if channel == TERMINAL_CHANNEL else None


def retrieval_intents() -> dict[str, Domain]:
    """The retrieval intents and the domain of their answers."""
    return {name: Domain(domain) for name, domain in settings()["retrieval_intents"].items()}


def domain_of(label: str) -> Domain:
    """The domain of an intent or of a retrieval answer such as "faq/parking"."""
    intent = label.partition("/")[0]
    retrieval = retrieval_intents()
    if intent in retrieval:
        return retrieval[intent]
    for domain, intents in settings()["domains"].items():
        if intent in intents:
            return Domain(domain)
    return Domain.CONVERSATION


def prefers(audience: Audience | None, label: str) -> bool:
    """Whether `label` is in the domain of this audience (never without an audience)."""
    return audience is not None and domain_of(label) == AUDIENCE_DOMAIN[audience]
