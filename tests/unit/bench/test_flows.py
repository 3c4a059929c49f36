"""The scripted customers check each turn on structured fields and end with a row's key."""

from __future__ import annotations

import random

from bench.loadtest.flows import (
    End,
    Expect,
    course_flow,
    part_flow,
    request_key,
    reserve_payload,
    survey_flow,
    survey_key,
)
from bench.loadtest.showroom import sender_key
from bench.loadtest.turns import Turn


def _asks(slot: str) -> Turn:
    return Turn(slots={"requested_slot": slot})


def test_an_expectation_names_what_is_missing() -> None:
    turn = Turn(actions=("action_part_lookup",), payloads=("/x",), slots={"requested_slot": "nps"})
    assert Expect(asks="nps", action="action_part_lookup", payload="/x").wrong(turn) is None
    assert "csat" in (Expect(asks="csat").wrong(turn) or "")
    assert "action_submit_survey" in (Expect(action="action_submit_survey").wrong(turn) or "")
    assert "utter_greet" in (Expect(utterance="utter_greet").wrong(turn) or "")
    assert "/y" in (Expect(payload="/y").wrong(turn) or "")


def test_a_course_answer_must_be_the_concept_asked() -> None:
    flow = course_flow(random.Random(1), "load-u000-f000")
    message = flow.first()
    while isinstance(message, str):
        expect = flow.steps[flow.position].expect  # type: ignore[attr-defined]
        if expect.action:  # the greeting is an action (it depends on the audience)
            message = flow.react(Turn(actions=(expect.action,)))
        else:
            message = flow.react(Turn(utterances=(expect.utterance,)))
    assert message == End()
    wrong = course_flow(random.Random(1), "load-u000-f001")
    wrong.first()
    end = wrong.react(Turn(utterances=("utter_course/autre",)))
    assert isinstance(end, End) and end.wrong


def test_a_reservation_ends_with_the_key_of_its_row() -> None:
    rng = random.Random(0)
    while True:  # a part lookup that goes on to click and collect
        flow = part_flow(rng, "load-u001-f002", "06 12 34 56 78")
        if flow.kind == "reservation":
            break
    what = flow.what.split("|")[1]  # type: ignore[attr-defined]
    part = what.split("x")[0]
    flow.first()
    lookup = Turn(actions=("action_part_lookup",), payloads=(reserve_payload(part),))
    assert flow.react(lookup) == reserve_payload(part)
    assert isinstance(flow.react(_asks("quantity")), str)
    assert isinstance(flow.react(_asks("contact_name")), str)
    assert flow.react(_asks("contact_phone")) == "06 12 34 56 78"
    end = flow.react(Turn(actions=("action_submit_reservation",), references=("CC-7K3Q",)))
    key = sender_key("load-u001-f002")
    assert end == End(request=request_key("reservation", "CC-7K3Q", key, what))


def test_a_submission_without_a_reference_is_wrong() -> None:
    rng = random.Random(0)
    flow = part_flow(rng, "s", "06 12 34 56 78")
    while flow.kind != "reservation":
        flow = part_flow(rng, "s", "06 12 34 56 78")
    flow.position = len(flow.steps) - 1  # type: ignore[attr-defined]
    end = flow.react(Turn(actions=("action_submit_reservation",), references=("RDV-AB23",)))
    assert isinstance(end, End) and end.wrong == "no reservation reference given"


def test_a_survey_follows_the_form_questions() -> None:
    flow = survey_flow(random.Random(2), "load-u002-f000")
    assert flow.first() == "je veux donner mon avis"
    for slot in ("nps", "csat", "ces", "survey_comment"):
        assert isinstance(flow.react(_asks(slot)), str)
    end = flow.react(Turn(actions=("action_submit_survey",)))
    assert end == End(survey=flow.stored)
    assert flow.stored is not None and flow.stored.endswith("|True")
    assert survey_key(7, "satisfait", 2, "ok", 1) == "7|satisfait|2|ok|True"
