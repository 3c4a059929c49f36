"""The end-of-quiz summary: score, appreciation, concepts to revise, retry offer."""

from __future__ import annotations

import pytest

from logic.quiz.bank import load_bank, question_by_id
from logic.quiz.grading import grade
from logic.quiz.summary import Appreciation, SummaryText, appreciation, summarize
from logic.text.catalogue import render


def test_summary_lists_missed_concepts_and_offers_a_retry() -> None:
    nps_q, nps_tf, ropo = (question_by_id(i) for i in ("nps-1", "nps-4", "ropo-1"))
    wrong = grade(nps_tf, "je ne sais pas")
    summary = summarize([(nps_q, False), (nps_tf, wrong), (ropo, True)])
    assert (summary.score, summary.total) == (1, 3)
    assert summary.missed_concepts == ("nps",)
    assert summary.missed_ids == ("nps-1", "nps-4")
    assert summary.offer_retry
    codes = [line.code for line in summary.message.items if not isinstance(line, str)]
    assert codes == [SummaryText.SCORE, SummaryText.TO_REVISE, SummaryText.RETRY_OFFER]
    text = render(summarize([(nps_q, False), (nps_tf, False), (ropo, True)]).message)
    assert "Score : 1/3" in text
    assert "Notions à revoir : Le NPS." in text
    assert "retenter" in text


def test_summary_without_mistakes_offers_no_retry() -> None:
    summary = summarize([(q, True) for q in load_bank()[:5]])
    text = render(summary.message)
    assert text.startswith("Score : 5/5. Sans faute")
    assert not summary.offer_retry and "retenter" not in text


def test_an_empty_quiz_says_no_question_was_asked() -> None:
    assert render(summarize([]).message) == "Aucune question n'a été posée."


@pytest.mark.parametrize(
    ("score", "total", "expected"),
    [(5, 5, Appreciation.PERFECT), (7, 10, Appreciation.VERY_GOOD),
     (5, 10, Appreciation.GOOD_START), (4, 10, Appreciation.KEEP_GOING)],
)  # fmt: skip
def test_the_appreciation_follows_the_score(score: int, total: int, expected: Appreciation) -> None:
    assert appreciation(score, total) is expected
