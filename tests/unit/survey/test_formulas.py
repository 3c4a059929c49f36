"""NPS, CSAT, CES: exact values, course examples and properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logic.survey import formulas as ind
from logic.survey.explanation import explain_csat, explain_nps
from logic.survey.interpretation import Reading, interpretation
from logic.text.catalogue import render

nps_scores = st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=10)), max_size=200)
csat_answers = st.lists(st.one_of(st.none(), st.sampled_from(ind.CSAT_KEYS)), max_size=200)
ces_scores = st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=5)), max_size=200)


# --- properties ----------------------------------------------------------------------------


@given(nps_scores)
def test_nps_is_within_bounds(scores: list[int | None]) -> None:
    result = ind.nps(scores)
    answered = [s for s in scores if s is not None]
    assert result.responses == len(answered)
    assert result.promoters + result.passives + result.detractors == result.responses
    if answered:
        assert result.score is not None and -100 <= result.score <= 100
    else:
        assert result.score is None


@given(nps_scores, st.randoms(use_true_random=False))
def test_nps_does_not_depend_on_order(scores: list[int | None], rnd: object) -> None:
    shuffled = list(scores)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert ind.nps(shuffled) == ind.nps(scores)


@given(nps_scores, st.sampled_from([9, 10]))
def test_adding_a_promoter_never_lowers_the_nps(scores: list[int | None], promoter: int) -> None:
    before = ind.nps(scores).score
    after = ind.nps([*scores, promoter]).score
    assert after is not None
    assert before is None or after >= before


@given(nps_scores, st.integers(min_value=0, max_value=6))
def test_adding_a_detractor_never_raises_the_nps(scores: list[int | None], detractor: int) -> None:
    before = ind.nps(scores).score
    after = ind.nps([*scores, detractor]).score
    assert after is not None
    assert before is None or after <= before


@given(csat_answers)
def test_csat_is_within_bounds(answers: list[str | None]) -> None:
    result = ind.csat(answers)
    assert sum(result.distribution.values()) == result.responses
    if result.responses:
        assert result.score is not None and 0 <= result.score <= 100
    else:
        assert result.score is None


@given(ces_scores)
def test_ces_mean_and_shares(scores: list[int | None]) -> None:
    result = ind.ces(scores)
    if not result.responses:
        assert result.mean is None and result.low is None
        return
    assert result.mean is not None and 1 <= result.mean <= 5
    shares = [result.low, result.medium, result.high]
    assert all(s is not None for s in shares)
    assert abs(sum(s for s in shares if s is not None) - 100) <= 0.15  # rounding only


# --- exact values --------------------------------------------------------------------------


def test_course_csat_example_40_plus_30_is_70() -> None:
    counts = {
        "tres_satisfait": 40,
        "satisfait": 30,
        "insatisfait": 20,
        "tres_insatisfait": 10,
    }
    assert ind.csat_from_counts(counts).score == 70.0
    answers = ["tres_satisfait"] * 40 + ["satisfait"] * 30 + ["insatisfait"] * 30
    assert ind.csat(answers).score == 70.0
    text = render(explain_csat({"tres_satisfait": 40, "satisfait": 30}, percentages=True))
    assert "CSAT = 40 % + 30 % = 70 %" in text


def test_nps_counts_and_score() -> None:
    result = ind.nps([10, 9, 9, 10, 9, 7, 8, 0, 3, 6])
    assert result == ind.NpsResult(score=20.0, responses=10, promoters=5, passives=2, detractors=3)
    assert ind.nps([None, 7, None, 8]).score == 0.0


@pytest.mark.parametrize(
    ("counts", "score"),
    [
        ((2, 0, 1), 33.3),
        ((1, 0, 2), -33.3),
        ((1, 5, 0), 16.7),
        ((1, 15, 0), 6.3),
        ((0, 1, 0), 0.0),
    ],
)
def test_nps_is_rounded_to_one_decimal(counts: tuple[int, int, int], score: float) -> None:
    assert ind.nps_from_counts(*counts).score == score


def test_ces_mean_distribution_and_shares() -> None:
    result = ind.ces([1, 2, 2, 3, 5, None])
    assert result.mean == 2.6
    assert result.distribution == {"1": 1, "2": 2, "3": 1, "4": 0, "5": 1}
    assert (result.low, result.medium, result.high) == (60.0, 20.0, 20.0)
    assert ind.ces_from_counts({1: 10, 3: 5}).mean == 1.7


def test_empty_inputs_give_none_never_a_division_by_zero() -> None:
    assert ind.nps([]).score is None
    assert ind.nps([None, None]).responses == 0
    assert ind.csat([]).score is None
    assert ind.ces([]).mean is None
    assert ind.ConversationStats().containment_rate is None
    data = ind.summary()
    assert data["nps"]["score"] is None
    assert data["csat"]["score"] is None
    assert data["ces"]["mean"] is None
    assert data["conversations"]["containment_rate"] is None
    lines = interpretation(data)
    assert [line.code for line in lines] == [Reading.NPS_NONE, Reading.CSAT_NONE, Reading.CES_NONE]
    assert all("pas encore de réponse" in render(line) for line in lines)


@pytest.mark.parametrize(
    "call",
    [
        lambda: ind.nps([11]),
        lambda: ind.nps([-1]),
        lambda: ind.nps([True]),
        lambda: ind.nps([7.5]),  # type: ignore[list-item]
        lambda: ind.ces([0]),
        lambda: ind.ces([6]),
        lambda: ind.csat(["bof"]),
        lambda: ind.nps_from_counts(-1, 0, 0),
        lambda: explain_nps(1, -1, 0),
    ],
)
def test_invalid_values_are_rejected(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]


def test_summary_has_exactly_the_dashboard_shape() -> None:
    data = ind.summary(
        nps_scores=[10, 9, 9, 10, 9, 7, 8, 0, 3, 6],
        csat_answers=["tres_satisfait"] * 4
        + ["satisfait"] * 3
        + ["insatisfait"] * 2
        + ["tres_insatisfait"],
        ces_scores=[1, 1, 1, 2, 2, 3, 3, 3, 4, 5],
        conversations=ind.ConversationStats(
            total=40, after_sales=25, handoffs=5, handoffs_after_sales=5
        ),
        requests={
            "appointment": 4,
            "reservation": 6,
            "callback": 3,
            "quote": 2,
            "intervention": 7,
        },
    )
    assert data == {
        "nps": {
            "score": 20.0,
            "responses": 10,
            "promoters": 5,
            "passives": 2,
            "detractors": 3,
        },
        "csat": {
            "score": 70.0,
            "responses": 10,
            "distribution": {
                "tres_satisfait": 4,
                "satisfait": 3,
                "insatisfait": 2,
                "tres_insatisfait": 1,
            },
        },
        "ces": {
            "mean": 2.5,
            "responses": 10,
            "distribution": {"1": 3, "2": 2, "3": 3, "4": 1, "5": 1},
        },
        "conversations": {
            "total": 40,
            "after_sales": 25,
            "handoffs": 5,
            "containment_rate": 80.0,
        },
        "requests": {"appointments": 4, "reservations": 6, "callbacks": 3, "quotes": 2},
    }


def test_containment_counts_only_after_sales_handoffs() -> None:
    stats = ind.conversation_stats([(True, False), (True, True), (False, True), (False, False)])
    assert stats == ind.ConversationStats(4, 2, 2, 1)
    assert stats.containment_rate == 50.0


@pytest.mark.parametrize(
    ("value", "sign", "text"),
    [
        (20.0, True, "+20"),
        (2.45, False, "2,5"),
        (-0.04, True, "0"),
        (-12.5, True, "-12,5"),
        (70, False, "70"),
    ],
)
def test_french_number_format(value: float, sign: bool, text: str) -> None:
    assert ind.fmt(value, sign=sign) == text
