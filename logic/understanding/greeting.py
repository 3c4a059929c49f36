"""What the bot says first, offers, and answers off-topic, for each audience."""

from __future__ import annotations

from logic.results import Message, MessageCode
from logic.understanding.audience import Audience


class ConversationCode(MessageCode):
    GREET_CLIENT = "greet_client"
    GREET_STUDENT = "greet_student"
    GREET_ANYONE = "greet_anyone"
    MENU_CLIENT = "menu_client"
    MENU_COURSE = "course_menu_intro"
    OUT_OF_SCOPE_CLIENT = "out_of_scope_client"
    OUT_OF_SCOPE_STUDENT = "out_of_scope_student"
    OUT_OF_SCOPE_ANYONE = "out_of_scope_anyone"


_GREETING = {
    Audience.CLIENT: ConversationCode.GREET_CLIENT,
    Audience.STUDENT: ConversationCode.GREET_STUDENT,
}
_OUT_OF_SCOPE = {
    Audience.CLIENT: ConversationCode.OUT_OF_SCOPE_CLIENT,
    Audience.STUDENT: ConversationCode.OUT_OF_SCOPE_STUDENT,
}


def greeting(audience: Audience | None) -> Message:
    """Climatech's welcome for a customer, the course's for a student, both otherwise."""
    return (
        Message(_GREETING.get(audience, ConversationCode.GREET_ANYONE))
        if audience
        else Message(ConversationCode.GREET_ANYONE)
    )


def menu_intro(audience: Audience | None) -> Message:
    """The sentence above the menu's buttons."""
    return Message(
        ConversationCode.MENU_CLIENT
        if audience == Audience.CLIENT
        else ConversationCode.MENU_COURSE
    )


def out_of_scope(audience: Audience | None) -> Message:
    """What the bot does answer, said when a subject is outside it."""
    return (
        Message(_OUT_OF_SCOPE[audience])
        if audience
        else Message(ConversationCode.OUT_OF_SCOPE_ANYONE)
    )
