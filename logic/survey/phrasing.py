"""Joins several pieces of a sentence ("45 et 50", "a ; b ; c") through catalogue templates."""

from __future__ import annotations

from collections.abc import Sequence

from logic.results import Message, MessageCode, message


class Joint(MessageCode):
    """Templates "{first} <joint> {rest}" that join two pieces of a sentence."""

    AND = "survey_and"
    SEMICOLON = "survey_semicolon"


def chain(joint: Joint, items: Sequence[Message | str]) -> Message | str:
    """The items joined two by two with `joint`, left to right ("a et b et c")."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return message(joint, first=items[0], rest=chain(joint, items[1:]))
