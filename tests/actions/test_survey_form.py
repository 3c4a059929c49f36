"""The survey form's validation of typed and crafted answers, run with a tracker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.survey import (
    NOT_ANSWERED,
    ValidateSurveyForm,
    is_no_comment,
)
from logic.text.catalogue import say
from tests.actions.conftest import make_tracker

ROOT = Path(__file__).resolve().parents[2]
DOMAIN: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def answer(
    slot: str,
    value: Any,
    *,
    text: str | None = None,
    intent: str = "nlu_fallback",
    failures: float = 0.0,
    requested: str | None = None,
    slots: dict[str, Any] | None = None,
) -> Tracker:
    """The tracker Rasa sends to the validation: `slot` just set to `value` from `text`."""
    typed = str(value) if text is None else text
    return make_tracker(
        slots={
            "requested_slot": slot if requested is None else requested,
            "survey_failures": failures,
            slot: value,
            **(slots or {}),
        },
        latest_message={"text": typed, "intent": {"name": intent}, "entities": []},
        events=[
            {"event": "user", "text": typed, "parse_data": {"intent": {"name": intent}}},
            {"event": "action", "name": "survey_form"},
            {"event": "slot", "name": slot, "value": value},
        ],
    )


def message_only(text: str, intent: str, requested: str) -> Tracker:
    """A message from which the form extracted nothing (intent `stop`: not_intent)."""
    return make_tracker(
        slots={"requested_slot": requested, "survey_failures": 0.0},
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        events=[
            {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
            {"event": "action", "name": "survey_form"},
        ],
    )


def slots_set(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def validate(dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    return slots_set(await ValidateSurveyForm().run(dispatcher, tracker, DOMAIN))


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["text"] for m in dispatcher.messages]


# --- accepted answers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slot", "value", "expected"),
    [
        ("nps", "9", 9),
        ("nps", "neuf", 9),
        ("nps", "9/10", 9),
        ("nps", "je mettrais 8", 8),
        ("nps", "0", 0),
        ("nps", 10, 10),
        ("csat", "Très satisfait", "tres_satisfait"),
        ("csat", "plutôt satisfait", "satisfait"),
        ("csat", "pas du tout satisfait", "tres_insatisfait"),
        ("csat", "3", "insatisfait"),
        ("ces", "2", 2),
        ("ces", "moyen", 3),
        ("ces", "très facile", 1),
        ("ces", 5, 5),
    ],
)
async def test_a_valid_answer_is_kept_as_its_clean_value_and_resets_the_counter(
    dispatcher: CollectingDispatcher, slot: str, value: Any, expected: Any
) -> None:
    result = await validate(dispatcher, answer(slot, value, failures=1.0))
    assert result == {slot: expected, "survey_failures": 0.0}
    assert dispatcher.messages == []


# --- rejected answers --------------------------------------------------------------------


async def test_a_crafted_99_is_refused_with_the_reason_and_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = answer("nps", 99, text='/give_feedback{"nps": 99}', intent="give_feedback")
    result = await validate(dispatcher, tracker)
    assert result == {"nps": None, "survey_failures": 1.0}
    assert texts(dispatcher) == [
        "99 n'est pas sur l'échelle de 0 à 10. J'attends une note entière de 0 (pas du tout "
        "probable) à 10 (très probable), par exemple 8."
    ]


@pytest.mark.parametrize(
    ("slot", "value", "reason"),
    [
        ("nps", "15", "15 n'est pas sur l'échelle de 0 à 10"),
        ("nps", "9/20", "pas sur 20"),
        ("nps", "7,5", "nombre entier"),
        ("nps", "super", "Je n'ai pas compris"),
        ("csat", "ni satisfait ni insatisfait", "pas de réponse neutre"),
        ("csat", "bleu", "très satisfait, satisfait, insatisfait ou très insatisfait"),
        ("csat", "9", "9 n'est pas sur l'échelle de 1 à 4"),
        ("ces", "6", "6 n'est pas sur l'échelle de 1 à 5"),
        ("ces", "0", "0 n'est pas sur l'échelle de 1 à 5"),
        ("ces", True, "Je n'ai pas compris"),
    ],
)
async def test_an_invalid_answer_is_explained_and_the_question_asked_again(
    dispatcher: CollectingDispatcher, slot: str, value: Any, reason: str
) -> None:
    result = await validate(dispatcher, answer(slot, value))
    assert result == {slot: None, "survey_failures": 1.0}
    assert reason in texts(dispatcher)[0]


async def test_the_second_failure_on_a_question_moves_on(dispatcher: CollectingDispatcher) -> None:
    first = await validate(dispatcher, answer("nps", "15"))
    assert first == {"nps": None, "survey_failures": 1.0}
    second = CollectingDispatcher()
    result = await validate(second, answer("nps", "douze", failures=first["survey_failures"]))
    assert result == {"nps": NOT_ANSWERED, "survey_failures": 0.0}
    assert texts(second) == [say("survey_skip")]


async def test_failures_on_the_next_question_start_from_zero(
    dispatcher: CollectingDispatcher,
) -> None:
    skipped = await validate(dispatcher, answer("nps", "bof", failures=1.0))
    result = await validate(dispatcher, answer("csat", "bleu", failures=skipped["survey_failures"]))
    assert result == {"csat": None, "survey_failures": 1.0}


async def test_a_crafted_value_for_another_question_is_dropped_silently(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = answer("ces", 99, requested="nps", intent="give_feedback", text="/give_feedback")
    result = await validate(dispatcher, tracker)
    assert result == {"ces": None}
    assert dispatcher.messages == []


async def test_a_crafted_valid_value_for_another_question_is_kept_without_touching_the_counter(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = answer("ces", "2", requested="nps", failures=1.0)
    assert await validate(dispatcher, tracker) == {"ces": 2}


async def test_a_crafted_value_before_the_first_question_is_validated_too(
    dispatcher: CollectingDispatcher,
) -> None:
    # At activation the form validates pre-filled slots; no question is being asked yet.
    tracker = answer("nps", 99, intent="give_feedback", text="/give_feedback")
    tracker.slots["requested_slot"] = None
    assert await validate(dispatcher, tracker) == {"nps": None}
    assert dispatcher.messages == []


async def test_the_sentinel_cannot_be_injected(dispatcher: CollectingDispatcher) -> None:
    result = await validate(dispatcher, answer("nps", NOT_ANSWERED))
    assert result == {"nps": None, "survey_failures": 1.0}


# --- stop ----------------------------------------------------------------------------------


async def test_stop_ends_the_form_and_keeps_the_answers_given(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = message_only("stop", "stop", requested="csat")
    tracker.slots["nps"] = 8
    result = await validate(dispatcher, tracker)
    assert result == {"survey_stopped": True, "survey_failures": 0.0, "requested_slot": None}
    assert "nps" not in result  # the NPS already given is kept
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("plus tard", "deny"),
        ("plus tard", "nlu_fallback"),
        ("non merci", "deny"),
        ("pas maintenant", "deny"),
        ("j'arrête", "stop"),
        ("au revoir", "goodbye"),
        ("je n'ai pas le temps là", "stop"),
    ],
)
async def test_plus_tard_extracted_as_an_answer_ends_the_form_too(
    dispatcher: CollectingDispatcher, text: str, intent: str
) -> None:
    result = await validate(dispatcher, answer("nps", text, intent=intent))
    assert result == {
        "nps": None,
        "survey_stopped": True,
        "survey_failures": 0.0,
        "requested_slot": None,
    }


async def test_a_readable_answer_classified_deny_is_an_answer_not_a_stop(
    dispatcher: CollectingDispatcher,
) -> None:
    result = await validate(dispatcher, answer("csat", "pas du tout satisfait", intent="deny"))
    assert result == {"csat": "tres_insatisfait", "survey_failures": 0.0}


async def test_an_answer_the_nlu_took_for_stop_is_read_anyway(
    dispatcher: CollectingDispatcher,
) -> None:
    # The mapping has not_intent: [stop], so nothing was extracted from "10".
    result = await validate(dispatcher, message_only("10", "stop", requested="nps"))
    assert result == {"nps": 10, "survey_failures": 0.0}


async def test_stop_at_the_comment_question_ends_the_survey(
    dispatcher: CollectingDispatcher,
) -> None:
    result = await validate(dispatcher, message_only("stop", "stop", requested="survey_comment"))
    assert result["survey_stopped"] is True
    assert result["requested_slot"] is None


# --- comment -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Pas de commentaire", "deny"),
        ("non", "deny"),
        ("rien", "nlu_fallback"),
        ("non merci, rien à ajouter", "deny"),
        ("RAS.", "nlu_fallback"),
    ],
)
async def test_the_comment_is_optional(
    dispatcher: CollectingDispatcher, text: str, intent: str
) -> None:
    result = await validate(dispatcher, answer("survey_comment", text, intent=intent))
    assert result == {"survey_comment": NOT_ANSWERED, "survey_failures": 0.0}


async def test_no_comment_the_nlu_took_for_stop_completes_the_survey(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = message_only("pas de commentaire", "stop", requested="survey_comment")
    assert await validate(dispatcher, tracker) == {
        "survey_comment": NOT_ANSWERED,
        "survey_failures": 0.0,
    }


async def test_a_comment_is_kept_trimmed_to_2000_characters(
    dispatcher: CollectingDispatcher,
) -> None:
    short = await validate(dispatcher, answer("survey_comment", "  Technicien très poli.  "))
    assert short == {"survey_comment": "Technicien très poli.", "survey_failures": 0.0}
    long = await validate(dispatcher, answer("survey_comment", "a" * 5000))
    assert long["survey_comment"] == "a" * 2000


@pytest.mark.parametrize(
    ("text", "declined"),
    [
        ("", True),
        ("Non, rien", True),
        ("aucun commentaire", True),
        ("non, le technicien était en retard", False),
        ("rien à redire, parfait", False),
    ],
)
def test_is_no_comment(text: str, declined: bool) -> None:
    assert is_no_comment(text) is declined
