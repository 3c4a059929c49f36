"""Who is talking (the page's metadata, the terminal) and which domain each guess is in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from logic.understanding.audience import (
    Audience,
    Domain,
    audience_of,
    domain_of,
    parse_audience,
    prefers,
    retrieval_intents,
    settings,
)

DOMAIN_FILE = Path(__file__).resolve().parents[3] / "domain.yml"


@pytest.mark.parametrize(
    ("metadata", "channel", "expected"),
    [
        ({"audience": "client"}, "socketio", Audience.CLIENT),
        ({"audience": "etudiant"}, "socketio", Audience.STUDENT),
        ({"audience": " CLIENT "}, "rest", Audience.CLIENT),
        ({"audience": "client"}, "cmdline", Audience.CLIENT),  # the page's word comes first
        (None, "cmdline", Audience.STUDENT),  # `rasa shell`: a student revising
        ({}, "cmdline", Audience.STUDENT),
        ({"audience": "pirate"}, "cmdline", Audience.STUDENT),
        (None, "rest", None),  # an API client: nobody known
        ({"audience": "pirate"}, "socketio", None),
        ({"other": "client"}, None, None),
    ],
)
def test_audience_of_the_metadata_or_the_terminal(
    metadata: dict[str, str] | None, channel: str | None, expected: Audience | None
) -> None:
    assert audience_of(metadata, channel) == expected


@pytest.mark.parametrize("value", [None, "", 3, "students", "clients"])
def test_an_unknown_audience_is_none(value: object) -> None:
    assert parse_audience(value) is None


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("course/ropo", Domain.COURSE),
        ("course", Domain.COURSE),
        ("explain", Domain.COURSE),
        ("start_quiz", Domain.COURSE),
        ("faq/parking", Domain.CLIMATECH),
        ("faq", Domain.CLIMATECH),
        ("troubleshoot", Domain.CLIMATECH),
        ("complaint", Domain.CLIMATECH),
        ("faq_topic", Domain.CLIMATECH),
        ("greet", Domain.CONVERSATION),
        ("thank", Domain.CONVERSATION),
        ("nlu_fallback", Domain.CONVERSATION),
    ],
)
def test_domain_of_intents_and_retrieval_answers(label: str, expected: Domain) -> None:
    assert domain_of(label) == expected


def test_each_audience_prefers_its_own_domain_only() -> None:
    assert prefers(Audience.CLIENT, "faq/parking") and prefers(Audience.CLIENT, "troubleshoot")
    assert not prefers(Audience.CLIENT, "course/ropo")
    assert prefers(Audience.STUDENT, "course/ropo") and prefers(Audience.STUDENT, "start_quiz")
    assert not prefers(Audience.STUDENT, "faq/parking")
    assert not prefers(Audience.CLIENT, "greet") and not prefers(Audience.STUDENT, "greet")
    assert not prefers(None, "course/ropo") and not prefers(None, "faq/parking")


def test_the_settings_name_only_intents_of_the_domain() -> None:
    """A typo in knowledge/understanding.yml would silently put an intent in no domain."""
    declared = {
        i if isinstance(i, str) else next(iter(i))
        for i in yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))["intents"]
    }
    listed = [intent for intents in settings()["domains"].values() for intent in intents]
    assert sorted(set(listed) - declared) == []
    assert len(listed) == len(set(listed)), "an intent is in two domains"
    assert set(retrieval_intents()) <= declared
    assert set(retrieval_intents().values()) == {Domain.COURSE, Domain.CLIMATECH}


def test_the_thresholds_are_confidences() -> None:
    assert 0 < float(settings()["selector_threshold"]) < 1
    assert 0 < float(settings()["tie_margin"]) < 1
