"""A follow-up that changes one figure of the last computation recomputes; without a last
computation it asks for the figures."""

from __future__ import annotations

from typing import Any

import pytest

from logic.results import Message
from logic.survey.calculator.compute import compute_from_text, wants_recompute
from logic.survey.calculator.followup import Edit, is_follow_up, read_edits
from logic.survey.calculator.reading import prepare
from logic.survey.calculator.reply import Ask, FiguresReply
from logic.text.catalogue import render

NPS_COUNTS = {
    "topic": "nps",
    "unit": "count",
    "values": {"promoters": 45, "passives": 35, "detractors": 20},
}
NPS_SHARES = {"topic": "nps", "unit": "percent", "values": {"promoters": 50, "detractors": 20}}
CES_COUNTS = {"topic": "ces", "unit": "note", "scale": 5, "values": {"1": 10, "3": 5}}
CSAT_COUNTS = {
    "topic": "csat",
    "unit": "count",
    "values": {"tres_satisfait": 90, "satisfait": 50, "insatisfait": 40, "tres_insatisfait": 20},
    "total": None,
}


def _text(reply: FiguresReply) -> str:
    return render(reply.answer)


def _code(reply: FiguresReply) -> object:
    return reply.answer.code if isinstance(reply.answer, Message) else None


def _recomputed(text: str, last: dict[str, Any], *fragments: str) -> FiguresReply:
    reply = compute_from_text(text, last)
    assert reply.complete, _text(reply)
    assert _text(reply).startswith("Je refais le calcul"), _text(reply)
    for fragment in fragments:
        assert fragment in _text(reply), _text(reply)
    return reply


def test_detractors_rising_to_a_percentage() -> None:
    reply = _recomputed(
        "et si les détracteurs montent à 40 % ?", NPS_SHARES, "détracteurs : 20 % → 40 %", "+10"
    )
    assert reply.figures == {
        **NPS_SHARES,
        "values": {"promoters": 50, "detractors": 40},
        "total": None,
    }


def test_a_percentage_change_on_counts_works_on_their_shares() -> None:
    _recomputed("et si les détracteurs montent à 40 % ?", NPS_COUNTS, "20 % → 40 %", "45 − 40 = +5")


def test_another_count_of_promoters() -> None:
    reply = _recomputed(
        "et avec 20 promoteurs ?", NPS_COUNTS, "promoteurs : 45 → 20", "20 + 35 + 20 = 75"
    )
    assert reply.figures is not None and reply.figures["values"]["promoters"] == 20


def test_adding_notes_to_a_ces() -> None:
    reply = _recomputed(
        "et si on ajoute 10 notes de 5 ?", CES_COUNTS, "notes de 5 : 0 → 10", "75 / 25 = 3"
    )
    assert reply.figures is not None and reply.figures["values"] == {"1": 10, "3": 5, "5": 10}


def test_adding_notes_to_an_nps_sorts_them() -> None:
    _recomputed("et si on ajoute 10 notes de 9 ?", NPS_COUNTS, "promoteurs : 45 → 55")
    _recomputed(
        "et si on rajoute les notes 9 et 3 ?",
        NPS_COUNTS,
        "promoteurs : 45 → 46",
        "détracteurs : 20 → 21",
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("et si les très satisfaits baissent de 30 ?", "très satisfaits : 90 → 60"),
        ("et si on enlève 10 insatisfaits ?", "insatisfaits : 40 → 30"),
        ("et avec 70 satisfaits ?", "90 + 70 = 160"),
    ],
)
def test_csat_follow_ups(text: str, fragment: str) -> None:
    _recomputed(text, CSAT_COUNTS, fragment)


def test_two_changes_at_once() -> None:
    _recomputed(
        "et si les promoteurs passent à 60 % et les détracteurs à 10 % ?",
        NPS_COUNTS,
        "ces changements",
        "NPS = 60 − 10 = +50",
    )


def test_without_a_last_computation_the_follow_up_asks_for_the_figures() -> None:
    for text in (
        "et si les détracteurs montent à 40 % ?",
        "et avec 20 promoteurs ?",
        "et si on ajoute 10 notes de 5 ?",
    ):
        reply = compute_from_text(text)
        assert not reply.complete
        assert _code(reply) is Ask.NO_PREVIOUS


def test_impossible_changes_are_questioned() -> None:
    assert (
        _code(compute_from_text("et si on enlève 30 détracteurs ?", NPS_COUNTS))
        is Ask.CHANGE_NEGATIVE
    )
    assert (
        _code(compute_from_text("et si les détracteurs montent à 90 % ?", NPS_SHARES))
        is Ask.EXCEEDS
    )
    assert _code(compute_from_text("et avec 20 promoteurs ?", NPS_SHARES)) is Ask.MIXED_UNITS
    assert (
        _code(compute_from_text("et si on ajoute 10 notes de 7 ?", CES_COUNTS)) is Ask.CES_OFF_SCALE
    )
    assert _code(compute_from_text("et si c'était mieux ?", NPS_COUNTS)) is Ask.CHANGE_UNCLEAR


def test_a_follow_up_with_complete_figures_of_its_own_is_a_new_computation() -> None:
    reply = compute_from_text("et avec les notes 9, 9 et 3 ?", NPS_COUNTS)
    assert reply.complete and "Classement des 3 notes" in _text(reply)
    other = compute_from_text("et le CES avec 10 notes de 1 et 5 notes de 3 ?", NPS_COUNTS)
    assert other.complete and other.topic == "ces"


def test_the_indicator_asked_about_carries_to_the_next_figures() -> None:
    reply = compute_from_text("10 notes de 1 et 5 notes de 3", {"topic": "ces"})
    assert reply.complete and reply.topic == "ces"
    assert compute_from_text("10 notes de 1 et 5 notes de 3").topic is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("et si les détracteurs montent à 40 % ?", [Edit("detractors", "set", 40, True)]),
        ("et avec 20 promoteurs ?", [Edit("promoters", "set", 20, False)]),
        ("et si les passifs baissent de 5 ?", [Edit("passives", "remove", 5, False)]),
        ("et si on ajoute 3 notes de 10 ?", [Edit("promoters", "add", 3, False)]),
    ],
)
def test_read_edits(text: str, expected: list[Edit]) -> None:
    assert read_edits(prepare(text), "nps") == expected


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("et si les détracteurs montent à 40 % ?", True),
        ("et avec 20 promoteurs ?", True),
        ("et si on ajoute 10 notes de 5 ?", True),
        ("mais avec 30 passifs", True),
        ("calcule le NPS avec 45 promoteurs, 35 passifs et 20 détracteurs", False),
        ("CES avec 10 notes de 1 et 5 notes de 3", False),
    ],
)
def test_is_follow_up(text: str, follow_up: bool) -> None:
    assert is_follow_up(prepare(text)) is follow_up


def test_wants_recompute_only_with_figures_and_a_last_computation() -> None:
    assert wants_recompute("et si les détracteurs montent à 40 % ?", NPS_COUNTS)
    assert not wants_recompute("et si les détracteurs montent à 40 % ?", None)
    assert not wants_recompute("et si les détracteurs montent à 40 % ?", {"topic": "nps"})
    assert not wants_recompute("et un exemple ?", NPS_COUNTS)
    assert not wants_recompute("et le CSAT ?", NPS_COUNTS)
