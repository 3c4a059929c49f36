"""The calculator's entry point: a student's text in, the computation or a question out.

`last` is what the previous turn left (the slot `last_calculation`): the figures of the
last computation, so that "et si les détracteurs montent à 40 % ?" recomputes with one
figure changed, or only the indicator asked about, so that the figures that answer "Donnez-moi
les notes" are read for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from logic.results import Message
from logic.survey.calculator.annexe7 import ANNEXE7_Q2_COUNTS, annexe7, csat_from_notes
from logic.survey.calculator.counts import untable
from logic.survey.calculator.followup import follow_up, is_follow_up
from logic.survey.calculator.notes import ces_from_text, nps_ranges, read_notes
from logic.survey.calculator.reading import detect_topic, prepare, take_scale
from logic.survey.calculator.reply import Ask, FiguresReply, Topic, computed, question
from logic.survey.calculator.shares import CSAT, NPS, from_text
from logic.survey.calculator.single import one_figure
from logic.survey.explanation import IndicatorError

TOPICS: tuple[Topic, ...] = ("nps", "csat", "ces")


def compute_from_text(text: str, last: Mapping[str, Any] | None = None) -> FiguresReply:
    """Reads a student's figures and returns the computation or a question."""
    raw = untable(text)
    topic = detect_topic(raw)
    previous = dict(last) if isinstance(last, Mapping) and last.get("topic") in TOPICS else None
    try:
        if is_follow_up(prepare(raw)):
            return follow_up(prepare(raw), topic, previous, lambda: _fresh(topic, raw, previous))
        return _fresh(topic, raw, previous)
    except IndicatorError as error:  # a combination the checks did not foresee
        return question(topic, Ask.IMPOSSIBLE, error=error.problem)
    except ValueError as error:
        return question(topic, Ask.IMPOSSIBLE, error=str(error))


def wants_recompute(text: str, last: Mapping[str, Any] | None) -> bool:
    """Whether `text` changes a figure of the last computation ("et si les détracteurs
    montent à 40 % ?"): for routers that see it first (the course's follow-ups), so that they
    hand it to the calculator."""
    plain = prepare(text)
    has_figures = isinstance(last, Mapping) and isinstance(last.get("values"), dict)
    return has_figures and bool(re.search(r"\d", plain)) and is_follow_up(plain)


def topic_of(last: Mapping[str, Any] | None) -> Topic | None:
    """The indicator the previous turn was about, if any."""
    if isinstance(last, Mapping) and last.get("topic") in TOPICS:
        return last["topic"]
    return None


def _fresh(topic: Topic | None, raw: str, previous: dict[str, Any] | None) -> FiguresReply:
    """A computation from the figures of this message alone (the indicator may come from the
    previous turn when this one names none)."""
    if topic == "annexe7":
        return computed("annexe7", *annexe7().items)
    scale, plain = take_scale(prepare(raw))
    single = one_figure(topic, plain, scale)  # only for an indicator named in this message
    if single is not None:
        return single
    if topic is None:
        notes = read_notes("csat", plain)
        if isinstance(notes, dict) and dict(notes) == dict(ANNEXE7_Q2_COUNTS):
            return computed("annexe7", *annexe7().items)  # the table of annexe 7, pasted
        topic = topic_of(previous)
    if topic == "nps":
        if scale is not None and scale.high != 10:
            return question("nps", Ask.NPS_SCALE, high=scale.high)
        return from_text(NPS, nps_ranges(plain))
    if topic == "csat":
        reply = from_text(CSAT, prepare(raw))  # "sur 10" is a total here, not a scale
        # No category named: the figures may be counts of notes 1 to 4 (annexe 7's table).
        if isinstance(reply.answer, Message) and reply.answer.code is Ask.CSAT_EXAMPLE:
            return _csat_from_notes(plain) or reply
        return reply
    if topic == "ces":
        return ces_from_text(plain, scale)
    return question(None, Ask.WHICH_INDICATOR)


def _csat_from_notes(plain: str) -> FiguresReply | None:
    """A CSAT asked on notes 1 to 4 (annexe 7's question 2): both directions of the scale."""
    notes = read_notes("csat", plain)
    if isinstance(notes, FiguresReply) or not notes or any(n not in (1, 2, 3, 4) for n in notes):
        return None
    return computed("csat", *csat_from_notes({int(n): c for n, c in notes.items()}).items)
