"""NPS and CSAT from counts or percentages per category: one path, parameterised by indicator.

The checks (two figures for one category, mixed units, over 100 %, totals that do not add
up, one missing category deduced) are the same for both; each indicator then says what it
still needs and how it is explained.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from logic.results import Message, MessageCode, message
from logic.survey.calculator.notes import nps_from_notes
from logic.survey.calculator.reading import (
    Figure,
    and_list,
    assign,
    is_int,
    of,
    sum_text,
    take_total,
)
from logic.survey.calculator.reply import Ask, FiguresReply, Topic, computed, question
from logic.survey.explanation import explain_csat, explain_nps, explain_nps_percentages
from logic.survey.formulas import CSAT_LABELS, fmt

# Rounded percentages may miss 100 by a little (33 + 33 + 33): tolerated up to this.
PERCENT_TOLERANCE = Fraction(1)


class Deduction(MessageCode):
    """The line saying which category was deduced from the total."""

    PERCENT = "figures_deduced_percent"
    COUNT = "figures_deduced_count"


class Wanted(MessageCode):
    """The NPS categories asked for when missing."""

    PROMOTERS = "figures_wanted_promoters"
    PASSIVES = "figures_wanted_passives"
    DETRACTORS = "figures_wanted_detractors"


NPS_WANTED = {
    "promoters": Wanted.PROMOTERS,
    "passives": Wanted.PASSIVES,
    "detractors": Wanted.DETRACTORS,
}


@dataclass
class Tally:
    """The figures once checked: numbers per category, those still missing, the whole."""

    numbers: dict[str, Fraction]
    missing: list[str]
    whole: Fraction | None
    given: Fraction  # sum of the figures the student gave (before any deduction)
    percent: bool
    note: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class Shares:
    """What differs between the NPS and the CSAT read from categories."""

    topic: Topic
    categories: dict[str, str]  # pattern per category, the most specific first
    labels: dict[str, str]  # plural label per category, in the course's order
    mismatch: Ask  # "the three / four categories make ..."
    sums_in_course_order: bool  # else in the order the student wrote them
    quiet_deduction: str | None  # a percentage the explanation shows anyway
    # Reply when no category has a number (None: go on with what was mentioned).
    without_figures: Callable[[str, Fraction | None, set[str]], FiguresReply | None]
    finish: Callable[[Tally], FiguresReply]


def from_text(spec: Shares, text: str) -> FiguresReply:
    """The indicator computed from the categories' figures in `text`, or a question."""
    total, text, conflict = take_total(text)
    if conflict:
        return FiguresReply(spec.topic, conflict, False)
    figures, unnumbered = assign(text, spec.categories)
    if not figures and (reply := spec.without_figures(text, total, unnumbered)):
        return reply
    return _checked(spec, text, total, figures)


def _checked(
    spec: Shares, text: str, total: Fraction | None, figures: dict[str, list[Figure]]
) -> FiguresReply:
    topic, labels = spec.topic, spec.labels
    for key, found in figures.items():
        if len({(f.value, f.percent) for f in found}) > 1:
            shown = and_list([fmt(f.value) for f in found])
            return question(topic, Ask.TWO_FIGURES, label=labels[key], shown=shown)
    values = {key: found[0] for key, found in figures.items()}
    kinds = {f.percent for f in values.values()}
    if len(kinds) > 1:
        return question(topic, Ask.MIXED_UNITS)
    # "en %" says the figures are percentages, unless a total of answers is given ("le CSAT
    # (en %) : sur 20 réponses, ..." asks for the result in %).
    said_percent = bool(re.search(r"\ben (?:%|pourcentages?)", text))
    percent = kinds == {True} or (total is None and said_percent)
    numbers = {key: f.value for key, f in values.items()}
    whole = Fraction(100) if percent else total
    unit = " %" if percent else ""
    if percent and (over := [k for k, v in numbers.items() if v > 100]):
        return question(topic, Ask.OVER_100, label=labels[over[0]], value=fmt(numbers[over[0]]))
    if not percent and (bad := [k for k, v in numbers.items() if not is_int(v)]):
        return question(topic, Ask.NOT_WHOLE, label=labels[bad[0]], value=fmt(numbers[bad[0]]))
    missing = [key for key in labels if key not in numbers]
    given = sum(numbers.values(), Fraction(0))
    if spec.sums_in_course_order:
        shown = sum_text([numbers[key] for key in labels if key in numbers])
    else:
        shown = sum_text(list(numbers.values()))
    if whole is not None and given > whole:  # rounding never exceeds 100 %
        limit = "100 %" if percent else message(Ask.ANNOUNCED, whole=fmt(whole))
        return question(topic, Ask.EXCEEDS, shown=shown, unit=unit, limit=limit)
    tolerance = PERCENT_TOLERANCE if percent else Fraction(0)
    if whole is not None and not missing and abs(given - whole) > tolerance:
        expected = (
            message(Ask.TOTAL_100) if percent else message(Ask.ANNOUNCED_TOTAL, whole=fmt(whole))
        )
        return question(topic, spec.mismatch, shown=shown, unit=unit, expected=expected)
    tally = Tally(numbers, missing, whole, given, percent)
    if len(missing) == 1 and whole is not None:
        key = missing[0]
        numbers[key] = whole - given
        if not (percent and key == spec.quiet_deduction):
            tally.note.append(_deduced(numbers[key], labels[key], whole, given, percent))
        tally.missing = []
    return spec.finish(tally)


def _deduced(
    value: Fraction, label: str, whole: Fraction, given: Fraction, percent: bool
) -> Message:
    if percent:
        return message(Deduction.PERCENT, value=fmt(value), label=of(label), given=fmt(given))
    return message(
        Deduction.COUNT, value=fmt(value), label=label, whole=fmt(whole), given=fmt(given)
    )


# --- NPS ------------------------------------------------------------------------------------


def _nps_without_figures(
    text: str, total: Fraction | None, unnumbered: set[str]
) -> FiguresReply | None:
    return None if unnumbered else nps_from_notes(text, total)


def _nps_wanted(missing: list[str]) -> Message | str:
    return and_list([message(NPS_WANTED[key]) for key in missing])


def _finish_nps(tally: Tally) -> FiguresReply:
    numbers, missing = tally.numbers, tally.missing
    if tally.percent:
        if "promoters" in missing or "detractors" in missing:
            return question("nps", Ask.NPS_PERCENTAGES, names=_nps_wanted(missing))
        shares = {key: numbers[key] for key in ("promoters", "detractors")}
        return nps_reply({"topic": "nps", "unit": "percent", "values": shares}, tally.note)
    if missing:
        return question("nps", Ask.NPS_COUNTS, names=_nps_wanted(missing))
    if sum(numbers.values()) == 0:
        return question("nps", Ask.ALL_ZERO)
    return nps_reply({"topic": "nps", "unit": "count", "values": numbers}, tally.note)


def plain(value: Fraction | int | float) -> int | float:
    """A number as JSON keeps it: an int when whole."""
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    return int(exact) if exact.denominator == 1 else float(exact)


def nps_reply(figures: dict[str, Any], note: Sequence[Message | str] = ()) -> FiguresReply:
    """The NPS explained from its figures (counts or percentages), carrying them."""
    values = {key: plain(value) for key, value in figures["values"].items()}
    kept = {**figures, "values": values}
    if figures["unit"] == "percent":
        body = explain_nps_percentages(float(values["promoters"]), float(values["detractors"]))
    else:
        p, pa, d = (int(values[k]) for k in ("promoters", "passives", "detractors"))
        body = explain_nps(p, pa, d)
    return computed("nps", *note, *body.items).with_figures(kept)


NPS = Shares(
    topic="nps",
    categories={
        "promoters": r"\bpromot(?:eur|rice)\w*",
        "passives": r"\bpassi(?:f|fs|ve|ves)\b|\bneutres?\b",
        "detractors": r"\bdetract(?:eur|rice)\w*",
    },
    labels={"promoters": "promoteurs", "passives": "passifs", "detractors": "détracteurs"},
    mismatch=Ask.NPS_MISMATCH,
    sums_in_course_order=False,
    quiet_deduction="passives",
    without_figures=_nps_without_figures,
    finish=_finish_nps,
)


# --- CSAT -----------------------------------------------------------------------------------


def _csat_without_figures(
    text: str, total: Fraction | None, unnumbered: set[str]
) -> FiguresReply | None:
    return question("csat", Ask.CSAT_EXAMPLE)


def _of_labels(keys: Sequence[str]) -> Message | str:
    return and_list([of(CSAT_LABELS[key]) for key in keys])


def _finish_csat(tally: Tally) -> FiguresReply:
    missing, whole = tally.missing, tally.whole
    if satisfied_missing := [k for k in ("tres_satisfait", "satisfait") if k in missing]:
        return question("csat", Ask.CSAT_SATISFIED, names=_of_labels(satisfied_missing))
    if missing and whole is None:
        return question("csat", Ask.CSAT_TOTAL, names=_of_labels(missing))
    if (whole if whole is not None else tally.given) == 0:
        return question("csat", Ask.CSAT_NO_ANSWER)
    figures: dict[str, Any] = {
        "topic": "csat",
        "unit": "percent" if tally.percent else "count",
        "values": tally.numbers,
        # With every category known the total is their sum: a follow-up may change one.
        "total": None if tally.percent or len(tally.numbers) == len(CSAT_LABELS) else whole,
    }
    return csat_reply(figures, tally.note)


def csat_reply(figures: dict[str, Any], note: Sequence[Message | str] = ()) -> FiguresReply:
    """The CSAT explained from its figures (counts with their total, or percentages)."""
    values = {key: plain(value) for key, value in figures["values"].items()}
    total = None if figures.get("total") is None else plain(figures["total"])
    body = explain_csat(
        {key: float(value) for key, value in values.items()},
        total=None if total is None else float(total),
        percentages=figures["unit"] == "percent",
    )
    kept = {**figures, "values": values, "total": total}
    return computed("csat", *note, *body.items).with_figures(kept)


CSAT = Shares(
    topic="csat",
    categories={
        "tres_insatisfait": r"\b(?:tres (?:insatisfait|mecontent)\w*|pas du tout satisfait\w*)",
        "tres_satisfait": r"\btres (?:satisfait|content)\w*",
        "insatisfait": r"\b(?:insatisfait\w*|pas satisfait\w*|mecontent\w*|peu satisfait\w*)",
        "satisfait": r"\b(?:(?:plutot|assez) )?(?:satisfait|content)\w*",
    },
    labels=CSAT_LABELS,
    mismatch=Ask.CSAT_MISMATCH,
    sums_in_course_order=True,
    quiet_deduction=None,
    without_figures=_csat_without_figures,
    finish=_finish_csat,
)
