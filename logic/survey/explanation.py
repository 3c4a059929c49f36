"""NPS, CSAT and CES computed step by step for students: one message per line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from logic.results import Listing, Message, MessageCode, message
from logic.survey.formulas import CSAT_KEYS, CSAT_LABELS, ces, fmt, nps_from_counts, round1
from logic.survey.interpretation import ces_level, half, interpret_nps
from logic.survey.phrasing import Joint, chain


class Step(MessageCode):
    """The lines of the step-by-step computations."""

    NPS_TITLE = "indicator_nps_title"
    NPS_FORMULA_COUNTS = "indicator_nps_formula_counts"
    NPS_FORMULA = "indicator_nps_formula"
    NPS_NO_ANSWER = "indicator_nps_no_answer"
    NPS_TOTAL = "indicator_nps_total"
    NPS_PROMOTERS = "indicator_nps_promoters"
    NPS_DETRACTORS = "indicator_nps_detractors"
    NPS_RESULT = "indicator_nps_result"
    NPS_SHARES = "indicator_nps_shares"
    NPS_SHARES_RESULT = "indicator_nps_shares_result"
    NPS_GOOD = "indicator_nps_good"
    NPS_BAD = "indicator_nps_bad"
    NPS_NIL = "indicator_nps_nil"
    CSAT_TITLE = "indicator_csat_title"
    CSAT_FORMULA = "indicator_csat_formula"
    CSAT_NO_ANSWER = "indicator_csat_no_answer"
    CSAT_PART = "indicator_csat_part"
    CSAT_OTHERS = "indicator_csat_others"
    CSAT_ANSWERS = "indicator_csat_answers"
    CSAT_SHARES_RESULT = "indicator_csat_shares_result"
    CSAT_SATISFIED = "indicator_csat_satisfied"
    CSAT_RESULT = "indicator_csat_result"
    CSAT_READING = "indicator_csat_reading"
    CES_TITLE = "indicator_ces_title"
    CES_FORMULA = "indicator_ces_formula"
    CES_NO_NOTE = "indicator_ces_no_note"
    CES_COUNT = "indicator_ces_count"
    CES_SUM = "indicator_ces_sum"
    CES_RESULT = "indicator_ces_result"
    CES_SHARES = "indicator_ces_shares"
    CES_READING = "indicator_ces_reading"


class Impossible(MessageCode):
    """Why figures cannot be explained."""

    NEGATIVE_COUNTS = "indicator_negative_counts"
    BAD_PERCENTAGES = "indicator_bad_percentages"
    UNKNOWN_CATEGORIES = "indicator_unknown_categories"
    TOO_MANY = "indicator_too_many"


class IndicatorError(ValueError):
    """Figures that cannot be explained, with the message saying why."""

    def __init__(self, problem: Message) -> None:
        super().__init__(problem.code.value)
        self.problem = problem


def _fail(code: Impossible, **params: object) -> IndicatorError:
    return IndicatorError(message(code, **params))


def _lines(*items: Message | str) -> Listing:
    return Listing(list(items))


def explain_nps(promoters: int, passives: int, detractors: int) -> Listing:
    """The NPS computed step by step from category counts."""
    if min(promoters, passives, detractors) < 0:
        raise _fail(Impossible.NEGATIVE_COUNTS)
    total = promoters + passives + detractors
    head = (message(Step.NPS_TITLE), message(Step.NPS_FORMULA_COUNTS))
    if total == 0:
        return _lines(*head, message(Step.NPS_NO_ANSWER))
    result = nps_from_counts(promoters, passives, detractors)
    p = Fraction(promoters * 100, total)
    d = Fraction(detractors * 100, total)
    counts = {"promoters": promoters, "passives": passives, "detractors": detractors}
    return _lines(
        *head,
        message(Step.NPS_TOTAL, **counts, total=total),
        message(Step.NPS_PROMOTERS, promoters=promoters, total=total, share=fmt(p)),
        message(Step.NPS_DETRACTORS, detractors=detractors, total=total, share=fmt(d)),
        message(
            Step.NPS_RESULT,
            promoters=fmt(p),
            detractors=fmt(d),
            score=fmt(result.score or 0, sign=True),
        ),
        interpret_nps(result),
    )


def explain_nps_percentages(promoters: float, detractors: float) -> Listing:
    """The NPS step by step from percentages of promoters and detractors."""
    if promoters < 0 or detractors < 0 or promoters + detractors > 100:
        raise _fail(Impossible.BAD_PERCENTAGES)
    p, d = Fraction(str(promoters)), Fraction(str(detractors))
    score = round1(p - d)
    verdict = Step.NPS_GOOD if score > 0 else Step.NPS_BAD if score < 0 else Step.NPS_NIL
    return _lines(
        message(Step.NPS_TITLE),
        message(Step.NPS_FORMULA),
        message(Step.NPS_SHARES, promoters=fmt(p), detractors=fmt(d), passives=fmt(100 - p - d)),
        message(
            Step.NPS_SHARES_RESULT, promoters=fmt(p), detractors=fmt(d), score=fmt(score, sign=True)
        ),
        message(verdict),
    )


def explain_csat(
    counts: Mapping[str, float],
    total: float | None = None,
    *,
    percentages: bool = False,
) -> Listing:
    """The CSAT step by step from counts (or percentages) per category.

    Categories missing from `counts` are unknown; with `total`, the remainder is shown as
    the other answers. `percentages=True` means the values are % (total = 100).
    """
    unknown = set(counts) - set(CSAT_KEYS)
    if unknown:
        raise _fail(Impossible.UNKNOWN_CATEGORIES, categories=sorted(unknown))
    values = {key: Fraction(str(counts[key])) for key in CSAT_KEYS if key in counts}
    if any(v < 0 for v in values.values()):
        raise _fail(Impossible.NEGATIVE_COUNTS)
    given = sum(values.values(), Fraction(0))
    whole = Fraction(100) if percentages else Fraction(str(total)) if total is not None else given
    if given > whole:
        raise _fail(Impossible.TOO_MANY, given=fmt(given), whole=fmt(whole))
    unit = " %" if percentages else ""
    lines: list[Message | str] = [message(Step.CSAT_TITLE), message(Step.CSAT_FORMULA)]
    if whole == 0:
        return _lines(*lines, message(Step.CSAT_NO_ANSWER))
    parts: list[Message | str] = [
        message(Step.CSAT_PART, label=CSAT_LABELS[key], value=fmt(v), unit=unit)
        for key, v in values.items()
    ] or [""]
    rest = whole - given
    if rest:
        parts.append(message(Step.CSAT_OTHERS, value=fmt(rest), unit=unit))
    detail = chain(Joint.SEMICOLON, parts)
    lines.append(message(Step.CSAT_ANSWERS, whole=fmt(whole), unit=unit, detail=detail))
    very = values.get("tres_satisfait", Fraction(0))
    plain = values.get("satisfait", Fraction(0))
    satisfied = very + plain
    score = round1(satisfied * 100 / whole)
    if percentages:
        lines.append(
            message(Step.CSAT_SHARES_RESULT, very=fmt(very), satisfied=fmt(plain), score=fmt(score))
        )
    else:
        lines += [
            message(
                Step.CSAT_SATISFIED, very=fmt(very), satisfied=fmt(plain), total=fmt(satisfied)
            ),
            message(Step.CSAT_RESULT, satisfied=fmt(satisfied), whole=fmt(whole), score=fmt(score)),
        ]
    lines.append(message(Step.CSAT_READING, share=half(score), others=fmt(100 - score)))
    return _lines(*lines)


def explain_ces(scores: Iterable[int]) -> Listing:
    """The CES step by step from individual 1-5 effort notes."""
    result = ces(scores)
    head = (message(Step.CES_TITLE), message(Step.CES_FORMULA))
    if result.mean is None:
        return _lines(*head, message(Step.CES_NO_NOTE))
    used = [(int(k), c) for k, c in result.distribution.items() if c]
    terms = " + ".join(f"{count} × {note}" if count > 1 else str(note) for note, count in used)
    weighted = sum(note * count for note, count in used)
    exact = Fraction(weighted, result.responses)
    equals = "=" if exact == Fraction(str(result.mean)) else "≈"
    return _lines(
        *head,
        message(Step.CES_COUNT, responses=result.responses),
        message(Step.CES_SUM, terms=terms, weighted=weighted),
        message(
            Step.CES_RESULT,
            weighted=weighted,
            responses=result.responses,
            equals=equals,
            mean=fmt(result.mean),
        ),
        message(
            Step.CES_SHARES,
            low=fmt(result.low or 0),
            medium=fmt(result.medium or 0),
            high=fmt(result.high or 0),
        ),
        message(Step.CES_READING, level=message(ces_level(result.mean))),
    )
