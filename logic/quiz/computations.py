"""Computation questions: NPS, CSAT and CES on random figures, checked exactly by the indicators.

The figures are part of the question's id ("calc-nps-9-6-5"), so a question is rebuilt from it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

from logic.course.concepts import load_registry
from logic.quiz.questions import COMPUTATION_PREFIX, Question, QuestionText, Wording
from logic.results import Message
from logic.survey import explanation as steps
from logic.survey import formulas

NPS_TOTALS = (10, 20, 25, 40, 50)  # 100 / total has at most one decimal: results are exact
CSAT_TOTALS = (10, 20, 25, 40, 50, 100)
CES_SIZES = (5, 10)
INDICATORS: tuple[str, ...] = ("nps", "csat", "ces")  # also their concept keys


def _exact(score: float | None) -> Fraction:
    """The indicator's value as a fraction (figures are chosen so that no rounding occurs)."""
    if score is None:
        raise ValueError("no answers: nothing to compute")
    return Fraction(str(score))


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` counts of at least 1 each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _nps_question(promoters: int, passives: int, detractors: int) -> Question:
    result = formulas.nps_from_counts(promoters, passives, detractors)
    value = _exact(result.score)
    text = Message(
        QuestionText.NPS,
        {
            "responses": result.responses,
            "promoters": promoters,
            "passives": passives,
            "detractors": detractors,
        },
    )
    figures = f"{promoters}-{passives}-{detractors}"
    explanation = steps.explain_nps(promoters, passives, detractors)
    return _computation("nps", figures, text, formulas.fmt(value, sign=True), value, explanation)


def _csat_question(counts: Sequence[int]) -> Question:
    mapping = dict(zip(formulas.CSAT_KEYS, counts, strict=True))
    value = _exact(formulas.csat_from_counts(mapping).score)
    detail = ", ".join(f"{count} {formulas.CSAT_LABELS[key]}" for key, count in mapping.items())
    text = Message(QuestionText.CSAT, {"responses": sum(counts), "detail": detail})
    figures = "-".join(map(str, counts))
    explanation = steps.explain_csat(mapping)
    return _computation("csat", figures, text, f"{formulas.fmt(value)} %", value, explanation)


def _ces_question(scores: Sequence[int]) -> Question:
    value = _exact(formulas.ces(scores).mean)
    text = Message(QuestionText.CES, {"count": len(scores), "scores": ", ".join(map(str, scores))})
    figures = "-".join(map(str, scores))
    return _computation("ces", figures, text, formulas.fmt(value), value, steps.explain_ces(scores))


def _computation(
    indicator: str,
    figures: str,
    text: Message,
    answer: str,
    value: Fraction,
    explanation: Wording,
) -> Question:
    return Question(
        id=f"{COMPUTATION_PREFIX}-{indicator}-{figures}",
        kind="computation",
        concept=indicator,
        theme=load_registry().concepts[indicator].theme,
        text=text,
        options=(),
        answer=answer,
        explanation=explanation,
        value=value,
    )


def make_computation(indicator: str, rng: random.Random) -> Question:
    """A fresh NPS, CSAT or CES question whose exact answer has at most one decimal."""
    if indicator == "nps":
        return _nps_question(*_split(rng.choice(NPS_TOTALS), 3, rng))
    if indicator == "csat":
        return _csat_question(_split(rng.choice(CSAT_TOTALS), 4, rng))
    if indicator == "ces":
        return _ces_question([rng.randint(1, 5) for _ in range(rng.choice(CES_SIZES))])
    raise ValueError(f"unknown indicator {indicator!r}")


def is_computation_id(qid: str) -> bool:
    """Whether `qid` names a computation question (its figures are in the id)."""
    return qid.startswith(f"{COMPUTATION_PREFIX}-")


def computation_from_id(qid: str) -> Question:
    """The computation question named by `qid`; KeyError if the id is malformed."""
    _, indicator, *figures = qid.split("-")
    try:
        numbers = [int(f) for f in figures]
        if indicator == "nps" and len(numbers) == 3:
            return _nps_question(*numbers)
        if indicator == "csat" and len(numbers) == 4:
            return _csat_question(numbers)
        if indicator == "ces" and numbers:
            return _ces_question(numbers)
    except ValueError:
        pass
    raise KeyError(qid)
