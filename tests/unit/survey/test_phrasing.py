"""Pieces of a sentence joined through the catalogue."""

from __future__ import annotations

from logic.survey.phrasing import Joint, chain
from logic.text.catalogue import render


def test_pieces_are_joined_left_to_right() -> None:
    assert chain(Joint.AND, []) == ""
    assert chain(Joint.AND, ["a"]) == "a"
    assert render(chain(Joint.AND, ["a", "b", "c"])) == "a et b et c"
    assert render(chain(Joint.SEMICOLON, ["a", "b"])) == "a ; b"
