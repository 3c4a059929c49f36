"""The terminal chat's display and input rules, without any I/O (runtime/terminal.py does it).

An answer of Rasa's REST channel is a list of messages, each with a text and buttons. The
terminal shows the buttons as numbered choices and never their payloads; at the same prompt
the student types a number (that button's payload is sent), a button's title, or any text.
Buttons whose titles are themselves numbers (a 0-10 rating) are shown unnumbered, so that
typing "7" still means the note 7.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from logic.text.incoming import clean

# Typed at the prompt, these end the chat without being sent: `/stop` is what `rasa shell`
# used. "stop" or "quitter" without the slash go to the bot, which stops a quiz or a form.
EXIT_COMMANDS = frozenset({"/stop", "/quit", "/quitter", "/exit"})
MIN_WIDTH = 20
# Below this width the label's hanging indent would leave too little room for the text.
NARROW_WIDTH = 50
ARROW = "›"
_CHOICE_NUMBER = re.compile(r"(\d{1,3})[.)]?")
_NUMERIC_TITLE = re.compile(r"\d+")
# A list item keeps its continuation lines under its text ("- ", "• ", "2. ").
_ITEM = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)])\s+")


class Style(str, Enum):
    """ANSI SGR codes, readable on dark and light backgrounds alike."""

    BOT = "1;36"  # bold cyan
    USER = "1;32"  # bold green
    NUMBER = "1;33"  # bold yellow
    HINT = "2"  # dim
    ERROR = "1;31"  # bold red


@dataclass(frozen=True)
class Choice:
    """One button: what is shown, and what is sent when it is chosen."""

    title: str
    payload: str


@dataclass(frozen=True)
class BotMessage:
    text: str
    choices: tuple[Choice, ...] = ()

    @property
    def numbered(self) -> bool:
        """Choices get numbers unless a title is a number itself (a rating's buttons)."""
        return not any(_NUMERIC_TITLE.fullmatch(c.title.strip()) for c in self.choices)


@dataclass(frozen=True)
class Turn:
    """The bot's answer to one message; its buttons are what the next number refers to."""

    messages: tuple[BotMessage, ...] = ()

    @property
    def choices(self) -> tuple[Choice, ...]:
        return tuple(choice for message in self.messages for choice in message.choices)

    @property
    def numbered(self) -> tuple[Choice, ...]:
        """The choices shown with a number, in the order of their numbers."""
        return tuple(c for message in self.messages if message.numbered for c in message.choices)


def parse_answer(data: object) -> Turn:
    """The webhook's JSON answer; ValueError when it is not a list of messages.

    Texts are cleaned of control characters (a terminal would obey an escape sequence);
    items with neither text nor buttons (an image, a custom payload) are left out.
    """
    if not isinstance(data, list):
        raise ValueError("the answer is not a list of messages")
    messages = []
    for item in data:
        if not isinstance(item, dict):
            continue
        text = clean(item.get("text")) if isinstance(item.get("text"), str) else ""
        choices = tuple(_choices(item.get("buttons")))
        if text or choices:
            messages.append(BotMessage(text, choices))
    return Turn(tuple(messages))


def _choices(buttons: object) -> list[Choice]:
    if not isinstance(buttons, list):
        return []
    found = []
    for button in buttons:
        if not isinstance(button, dict) or not isinstance(button.get("title"), str):
            continue
        title = clean(button["title"])
        payload = button.get("payload")
        if title:
            found.append(Choice(title, payload if isinstance(payload, str) else title))
    return found


def is_exit(typed: str) -> bool:
    return typed.strip().casefold() in EXIT_COMMANDS


def chosen(typed: str, turn: Turn) -> Choice | None:
    """The button `typed` picks, if any.

    A number ("2", "2." or "2)") picks the numbered choice shown with it; a button's title
    (any case) picks that button, so "7" is the note 7 of a rating. Any other text, a
    number out of range included, picks none.
    """
    text = typed.strip()
    numbered = turn.numbered
    number = _CHOICE_NUMBER.fullmatch(text)
    if number and 1 <= int(number.group(1)) <= len(numbered):
        return numbered[int(number.group(1)) - 1]
    for choice in turn.choices:
        if choice.title.casefold() == text.casefold():
            return choice
    return None


def outgoing(typed: str, turn: Turn) -> str:
    """What to send for `typed`: the payload of the button it picks, else the text as typed."""
    choice = chosen(typed, turn)
    return typed.strip() if choice is None else choice.payload


def paint(text: str, style: Style, colour: bool) -> str:
    return f"\x1b[{style.value}m{text}\x1b[0m" if colour and text else text


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """`text` wrapped at `width` columns, its line breaks and blank lines kept.

    Every line starts with `indent`; a list item's continuation lines align with its text.
    Long words (web addresses) are not cut.
    """
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        if not line.strip():
            lines.append("")
            continue
        item = _ITEM.match(line)
        hanging = indent + " " * (item.end() if item else 0)
        lines += textwrap.wrap(
            line.strip(),
            width=max(width, len(hanging) + MIN_WIDTH // 2),
            initial_indent=indent,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [indent]
    return lines


def answer_lines(
    turn: Turn, *, label: str, width: int, colour: bool, hint: str | None = None
) -> list[str]:
    """The bot's answer: the label, the texts, the choices, then the `hint` if given.

    The label starts the first line and the rest hangs under the text, like a transcript;
    on a narrow terminal the label stands on its own line.
    """
    head = f"{label} {ARROW} "
    narrow = width < NARROW_WIDTH
    indent = "  " if narrow else " " * len(head)
    lines: list[str] = [paint(head.rstrip(), Style.BOT, colour)] if narrow else []
    number = 0
    for message in turn.messages:
        if message.text:
            lines += wrap(message.text, width, indent)
        if message.numbered:
            for choice in message.choices:
                number += 1
                mark = f"{number}."
                wrapped = wrap(choice.title, width, indent + " " * (len(mark) + 1))
                rest = wrapped[0][len(indent) + len(mark) :]
                lines.append(indent + paint(mark, Style.NUMBER, colour) + rest)
                lines += wrapped[1:]
        elif message.choices:
            lines += _packed([f"[{c.title}]" for c in message.choices], width, indent, colour)
    if hint and turn.choices:
        lines += [paint(line, Style.HINT, colour) for line in wrap(hint, width, indent)]
    if not narrow:
        if not lines:
            lines = [indent]
        lines[0] = paint(head.rstrip(), Style.BOT, colour) + " " + lines[0][len(indent) :]
    return lines


def _packed(tokens: Sequence[str], width: int, indent: str, colour: bool) -> list[str]:
    """Short choices side by side, as many as fit on each line, none cut."""
    lines: list[list[str]] = [[]]
    used = len(indent)
    for token in tokens:
        if lines[-1] and used + 1 + len(token) > width:
            lines.append([])
            used = len(indent)
        used += len(token) + (1 if lines[-1] else 0)
        lines[-1].append(token)
    return [indent + " ".join(paint(t, Style.NUMBER, colour) for t in line) for line in lines]


def user_line(label: str, text: str, colour: bool, choice: Choice | None = None) -> str:
    """The student's message as it is echoed (piped input, where nothing else shows it)."""
    picked = f" {ARROW} {choice.title}" if choice and choice.title != text else ""
    return f"{paint(f'{label} {ARROW}', Style.USER, colour)} {text}{picked}"


def notice_lines(text: str, width: int, colour: bool, style: Style = Style.HINT) -> list[str]:
    """A line of the terminal itself (welcome, error), in its own colour."""
    return [paint(line, style, colour) for line in wrap(text, width)]
