"""What a quiz question is, and the codes of the question texts built from templates."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from logic.results import Listing, Message, MessageCode

Kind = Literal["mcq", "true_false", "short", "computation"]
STORED_KINDS: tuple[Kind, ...] = ("mcq", "true_false", "short")
# Button titles of a true/false question; the typed answer is matched against them.
TRUE_FALSE_OPTIONS: tuple[str, str] = ("Vrai", "Faux")
LETTERS = "abcdefgh"
COMPUTATION_PREFIX = "calc"
# What the bot says: a text read from knowledge/quiz.yml or a message built from a template.
Wording = Message | Listing | str


class QuestionText(MessageCode):
    """Templates of the question texts that are not stored as written."""

    TRUE_FALSE = "quiz_true_false"
    OPTION = "quiz_option"
    NPS = "quiz_compute_nps"
    CSAT = "quiz_compute_csat"
    CES = "quiz_compute_ces"


@dataclass(frozen=True)
class Question:
    """One quiz question; `options` are the button titles (mcq and true/false only)."""

    id: str
    kind: Kind
    concept: str
    theme: str
    text: Message | str
    options: tuple[str, ...]
    answer: str
    explanation: Wording
    keywords: tuple[tuple[str, ...], ...] = ()
    min_groups: int = 0
    reject: tuple[str, ...] = ()
    exact: bool = False  # short answers graded on keywords only (lists, acronyms, formulas)
    value: Fraction | None = None

    @property
    def prompt(self) -> Wording:
        """The question as the bot asks it (mcq options lettered A, B, C, D, one per line)."""
        if self.kind != "mcq":
            return self.text
        lines = [
            Message(QuestionText.OPTION, {"letter": LETTERS[i].upper(), "option": option})
            for i, option in enumerate(self.options)
        ]
        return Listing([self.text, *lines])
