"""The calculator's entry point: a student's text in, the computation or a question out."""

from __future__ import annotations

from logic.survey.calculator.annexe7 import annexe7
from logic.survey.calculator.notes import ces_from_text
from logic.survey.calculator.reading import detect_topic, prepare
from logic.survey.calculator.reply import Ask, FiguresReply, Topic, computed, question
from logic.survey.calculator.shares import CSAT, NPS, from_text
from logic.survey.explanation import IndicatorError


def compute_from_text(text: str) -> FiguresReply:
    """Reads a student's figures and returns the computation or a question."""
    topic = detect_topic(text)
    try:
        return _compute(topic, text)
    except IndicatorError as error:  # a combination the checks did not foresee
        return question(topic, Ask.IMPOSSIBLE, error=error.problem)
    except ValueError as error:
        return question(topic, Ask.IMPOSSIBLE, error=str(error))


def _compute(topic: Topic | None, text: str) -> FiguresReply:
    plain = prepare(text)
    if topic == "annexe7":
        return computed("annexe7", *annexe7().items)
    if topic == "nps":
        return from_text(NPS, plain)
    if topic == "csat":
        return from_text(CSAT, plain)
    if topic == "ces":
        return ces_from_text(plain)
    return question(None, Ask.WHICH_INDICATOR)
