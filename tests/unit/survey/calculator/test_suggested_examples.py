"""Every phrasing the bot suggests for the calculator is itself a test: typed as suggested,
it gives a computation, not a question.

The examples are the « quoted » phrasings of the calculator's messages (`figures_*`), read
in the context where the bot says them: a message about the CES is said while the student
computes a CES, a follow-up example after a computation. The computation questions of the quiz
are also phrasings the bot shows, so a student pasting one into the calculator gets it computed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from logic.quiz.questions import QuestionText
from logic.results import Message
from logic.survey.calculator.compute import compute_from_text
from logic.survey.calculator.followup import is_follow_up
from logic.survey.calculator.reading import prepare
from logic.text.catalogue import messages, render

# Quoted pieces that complete what the student typed rather than replace it, with the text
# they complete.
FRAGMENTS = {
    "sur une échelle de 1 à 7": "CES avec les notes 1, 7 et 3",  # figures_ces_off_scale
    "1, 2": "CES : les notes sont 1,2 et 3",  # figures_ces_fractional: "1,2" read as 1.2
}
FIGURES_BEFORE: dict[str, Any] = {
    "topic": "nps",
    "unit": "count",
    "values": {"promoters": 45, "passives": 35, "detractors": 20},
}


def _topic(key: str) -> str | None:
    match = re.match(r"figures_(nps|csat|ces)", key)
    return match.group(1) if match else None


def suggested() -> list[tuple[str, str]]:
    """(message key, quoted phrasing) for every « » example with figures in the calculator's
    messages."""
    found = []
    for key, text in sorted(messages().items()):
        if key.startswith("figures_") and not key.startswith("figures_annexe7"):
            # a phrasing has figures; « très satisfaits » only names a category
            quotes = re.findall(r"« ([^»]+?) »", text)
            found += [(key, quoted) for quoted in quotes if re.search(r"\d", quoted)]
    return found


def test_the_calculator_suggests_examples() -> None:
    keys = {key for key, _ in suggested()}
    assert {"figures_nps_example", "figures_ces_example", "figures_csat_example"} <= keys
    assert len(suggested()) >= 10


@pytest.mark.parametrize(("key", "phrasing"), suggested())
def test_every_suggested_phrasing_is_computed(key: str, phrasing: str) -> None:
    if phrasing in FRAGMENTS:
        text = FRAGMENTS[phrasing]
        assert not compute_from_text(text).complete  # the question that suggests the fragment
        completed = text.replace("1,2", phrasing) if "," in phrasing else f"{text} {phrasing}"
        reply = compute_from_text(completed)
    elif is_follow_up(prepare(phrasing)):
        reply = compute_from_text(phrasing, FIGURES_BEFORE)
    else:
        topic = _topic(key)
        reply = compute_from_text(phrasing, {"topic": topic} if topic else None)
    assert reply.complete, f"{key}: « {phrasing} » → {render(reply.answer)}"


@pytest.mark.parametrize(
    ("code", "params"),
    [
        (QuestionText.NPS, {"responses": 20, "promoters": 9, "passives": 6, "detractors": 5}),
        (
            QuestionText.CSAT,
            {
                "responses": 20,
                "detail": "5 très satisfaits, 6 satisfaits, 5 insatisfaits, 4 très insatisfaits",
            },
        ),
        (QuestionText.CES, {"count": 5, "scores": "1, 2, 2, 4, 5"}),
    ],
)
def test_the_quiz_computation_questions_are_computed(
    code: QuestionText, params: dict[str, Any]
) -> None:
    question = render(Message(code, params))
    reply = compute_from_text(question)
    assert reply.complete, f"{question} → {render(reply.answer)}"
