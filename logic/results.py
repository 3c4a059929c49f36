"""What pure functions return instead of sentences: a code from an enum and its parameters.

The code's value is a key of the message catalogue (knowledge/messages/); only the actions
turn a `Message` into French, with `logic.text.catalogue.render`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")


class MessageCode(str, enum.Enum):
    """Base of every enum of message codes; each value is a key of the catalogue.

    The catalogue's data check collects the subclasses to find missing or unused keys.
    """


@dataclass(frozen=True)
class Message:
    """A sentence to say: its catalogue code and the values of its placeholders.

    A parameter may itself be a `Message` or a `Listing`, rendered before being inserted.
    """

    code: MessageCode
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Listing:
    """Several messages (or plain values) shown together: one per line, or as "a, b et c"."""

    items: Sequence[Message | str]
    style: Literal["lines", "words", "spaces"] = "lines"


def message(code: MessageCode, **params: Any) -> Message:
    """Shorthand for `Message(code, params)`."""
    return Message(code, params)


@dataclass(frozen=True)
class Result(Generic[T]):
    """A clean value, or the message saying why there is none and what is expected."""

    value: T | None = None
    problem: Message | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.value is not None

    @property
    def code(self) -> MessageCode | None:
        """The problem's code (None when the result is ok)."""
        return self.problem.code if self.problem else None


def success(value: T) -> Result[T]:
    """A result holding `value`."""
    return Result(value=value)


def failure(code: MessageCode, **params: Any) -> Result[Any]:
    """A result without a value, with the code that explains why."""
    return Result(problem=Message(code, params))
