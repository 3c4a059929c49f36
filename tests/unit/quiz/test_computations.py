"""Computation questions: exact answers on random figures, rebuilt from their id."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from logic.quiz.bank import question_by_id
from logic.quiz.computations import computation_from_id, is_computation_id, make_computation
from logic.quiz.grading import grade
from logic.quiz.questions import Question, QuestionText
from logic.survey import formulas
from logic.text.catalogue import render


def figures(question: Question) -> list[int]:
    return [int(n) for n in question.id.split("-")[2:]]


@pytest.mark.parametrize("seed", range(60))
def test_computation_answers_are_exact(seed: int) -> None:
    rng = random.Random(seed)
    nps = make_computation("nps", rng)
    p, pa, d = figures(nps)
    assert nps.value == Fraction(100 * (p - d), p + pa + d)
    assert nps.value == Fraction(str(formulas.nps_from_counts(p, pa, d).score))
    assert nps.answer == formulas.fmt(float(nps.value), sign=True)

    csat = make_computation("csat", rng)
    counts = figures(csat)
    assert csat.value == Fraction(100 * (counts[0] + counts[1]), sum(counts))
    mapping = dict(zip(formulas.CSAT_KEYS, counts, strict=True))
    assert csat.value == Fraction(str(formulas.csat_from_counts(mapping).score))

    ces = make_computation("ces", rng)
    scores = figures(ces)
    assert ces.value == Fraction(sum(scores), len(scores))
    assert ces.value == Fraction(str(formulas.ces(scores).mean))

    for question in (nps, csat, ces):
        assert question.kind == "computation" and question.theme == "indicateurs"
        assert grade(question, question.answer).correct
        assert question_by_id(question.id) == question


def test_computation_questions_state_their_figures() -> None:
    nps = computation_from_id("calc-nps-12-5-3")
    assert not isinstance(nps.text, str) and nps.text.code is QuestionText.NPS
    assert render(nps.text) == (
        "Calculez le NPS : sur 20 clients interrogés, 12 ont donné 9 ou 10, "
        "5 ont donné 7 ou 8 et 3 ont donné de 0 à 6."
    )
    csat = render(computation_from_id("calc-csat-15-20-10-5").text)
    assert csat.startswith("Calculez le CSAT (en %) : sur 50 réponses, 15 ")
    ces = render(computation_from_id("calc-ces-2-3-1-4-2").text)
    assert ces == (
        "Calculez le CES moyen : 5 clients ont noté leur effort "
        "de 1 (faible) à 5 (élevé) : 2, 3, 1, 4, 2."
    )


def test_computation_ids_are_recognised_and_checked() -> None:
    assert is_computation_id("calc-ces-2-3") and not is_computation_id("ces-3")
    for bad in ("calc-nps-1-2", "calc-csat-1-2-3", "calc-ces", "calc-mood-1-2"):
        with pytest.raises(KeyError):
            computation_from_id(bad)
    with pytest.raises(ValueError):
        make_computation("mood", random.Random(0))
