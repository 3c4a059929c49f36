"""The greeting, the menu's sentence and the out-of-scope answer, by audience."""

from __future__ import annotations

import pytest

from logic.text.catalogue import render, say
from logic.understanding.audience import Audience
from logic.understanding.greeting import greeting, menu_intro, out_of_scope

AUDIENCES = [Audience.CLIENT, Audience.STUDENT, None]


@pytest.mark.parametrize(
    ("audience", "key"),
    [
        (Audience.CLIENT, "greet_client"),
        (Audience.STUDENT, "greet_student"),
        (None, "greet_anyone"),
    ],
)
def test_greeting(audience: Audience | None, key: str) -> None:
    assert render(greeting(audience)) == say(key)


@pytest.mark.parametrize(
    ("audience", "key"),
    [
        (Audience.CLIENT, "menu_client"),
        (Audience.STUDENT, "course_menu_intro"),
        (None, "course_menu_intro"),  # the course's themes come first for a visitor
    ],
)
def test_menu_intro(audience: Audience | None, key: str) -> None:
    assert render(menu_intro(audience)) == say(key)


@pytest.mark.parametrize(
    ("audience", "key"),
    [
        (Audience.CLIENT, "out_of_scope_client"),
        (Audience.STUDENT, "out_of_scope_student"),
        (None, "out_of_scope_anyone"),
    ],
)
def test_out_of_scope(audience: Audience | None, key: str) -> None:
    assert render(out_of_scope(audience)) == say(key)


def test_each_audience_is_told_something_different() -> None:
    assert len({render(greeting(a)) for a in AUDIENCES}) == 3
    assert len({render(out_of_scope(a)) for a in AUDIENCES}) == 3
