"""Indicators from individual notes, listed one by one ("3, 8, 9 et 9") or counted per note
("10 notes de 1", "12 personnes ont mis 9"): the NPS from 0-10 notes, the CES from 1-5
effort notes (or 1-7, the course's other example of a scale)."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from logic.results import Message, MessageCode, message
from logic.survey.calculator.counts import read_pairs
from logic.survey.calculator.reading import LOOSE_NUMBER, Scale, is_int, take_total
from logic.survey.calculator.reply import Ask, FiguresReply, Topic, computed, question
from logic.survey.explanation import Step, explain_ces, explain_nps
from logic.survey.formulas import fmt


class Sorted(MessageCode):
    """The line sorting NPS notes into the three categories."""

    NOTES = "figures_sorted_notes"
    PROMOTER = "figures_sorted_promoter"
    PROMOTERS = "figures_sorted_promoters"
    PASSIVE = "figures_sorted_passive"
    PASSIVES = "figures_sorted_passives"
    DETRACTOR = "figures_sorted_detractor"
    DETRACTORS = "figures_sorted_detractors"


class Effort7(MessageCode):
    """The CES on the 1-7 scale, which the course only shows as an example."""

    FORMULA = "figures_ces7_formula"
    BANDS = "figures_ces7_bands"
    MEAN = "figures_ces7_mean"


def _counted(count: int, one: Sorted, many: Sorted) -> Message:
    return message(many if count > 1 else one, count=count)


def read_notes(topic: Topic, text: str) -> Counter[Fraction] | FiguresReply:
    """The notes of `text` with their counts, or the question when a number is unclear."""
    found = read_pairs(text)
    rest = re.sub(r"\b(?:nps|ces|csat)\b", " ", found.rest)
    leftovers = [Fraction(n) for n in LOOSE_NUMBER.findall(rest)]
    counts: Counter[Fraction] = Counter()
    if found.pairs and leftovers:
        return question(topic, Ask.CES_UNKNOWN_NUMBER, number=fmt(leftovers[0]))
    for note, count in found.pairs:
        if not is_int(count) or count <= 0:
            return question(topic, Ask.CES_BAD_COUNT, count=fmt(count))
        counts[note] += int(count)
    if not found.pairs:
        counts.update(leftovers)
    return counts


# Notes grouped by their NPS category ("50 notes de 9-10", "90 ont donné 9 ou 10", "20 en
# dessous") are counts of that category. "7 et 8" is left alone (a list of notes), and so is
# a bare "7 à 8" (after "40 à 1", it says 7 answers of note 8): "à" needs "de" or "notes".
_NPS_RANGES = (
    ("9", "10", "promoteurs"),
    ("7", "8", "passifs"),
    ("0", "6", "detracteurs"),
)
_VERB = r"(?:\b(?:qui )?ont (?:mis|donne|note|repondu)\s+)"
_LEAD = r"(?:de |entre |la note |une note de |des notes de |\bnotes? |\breponses? )"
_BELOW = r"6 ou moins|moins de 7|en dessous(?: de 7)?"


def nps_ranges(text: str) -> str:
    """Counts given per NPS range rewritten as counts of the category ("50 promoteurs")."""
    for low, high, word in _NPS_RANGES:
        loose = rf"{_VERB}?{_LEAD}*(?<!\d){low}\s*(?:-|ou)\s*{high}"
        led = rf"(?:{_VERB}?{_LEAD}+|{_VERB}){low}\s*a\s*{high}"
        below = f"|{_VERB}?{_LEAD}*(?:{_BELOW})" if word == "detracteurs" else ""
        text = re.sub(rf"(?:{loose}|{led}{below})(?!\d|[.,]\d)", f" {word} ", text)
    return text


def nps_categories(counts: Counter[Fraction]) -> dict[str, int]:
    """Promoters (9-10), passives (7-8) and detractors (0-6) among 0-10 notes."""
    p = sum(c for n, c in counts.items() if n >= 9)
    pa = sum(c for n, c in counts.items() if 7 <= n <= 8)
    return {"promoters": p, "passives": pa, "detractors": sum(counts.values()) - p - pa}


def nps_from_notes(text: str, total: Fraction | None) -> FiguresReply:
    """NPS from individual 0-10 notes ("NPS avec les notes 9, 10, 7 et 3", "12 ont mis 9")."""
    counts = read_notes("nps", text)
    if isinstance(counts, FiguresReply):
        return counts
    if not counts:
        return question("nps", Ask.NPS_EXAMPLE)
    if bad := sorted(n for n in counts if not is_int(n) or not 0 <= n <= 10):
        return question("nps", Ask.NPS_BAD_NOTE, note=fmt(bad[0]))
    responses = sum(counts.values())
    if total is not None and total != responses:
        return question("nps", Ask.NPS_NOTES_COUNT, total=fmt(total), count=responses)
    figures = nps_categories(counts)
    p, pa, d = figures["promoters"], figures["passives"], figures["detractors"]
    intro = message(
        Sorted.NOTES,
        count=responses,
        promoters=_counted(p, Sorted.PROMOTER, Sorted.PROMOTERS),
        passives=_counted(pa, Sorted.PASSIVE, Sorted.PASSIVES),
        detractors=_counted(d, Sorted.DETRACTOR, Sorted.DETRACTORS),
    )
    reply = computed("nps", intro, *explain_nps(p, pa, d).items)
    return reply.with_figures({"topic": "nps", "unit": "count", "values": figures})


def ces_from_text(text: str, scale: Scale | None = None) -> FiguresReply:
    """CES from notes ("1, 2, 2, 3 et 5") or counts per note ("10 notes de 1"), on the
    scale the student named (1-5 unless "de 1 à 7")."""
    total, text, conflict = take_total(text)
    if conflict:
        return FiguresReply("ces", conflict, False)
    # 1-5 is the course's scale, 1-7 its other example; notes of 1 to 4 fit in the first.
    if scale is not None and (scale.low != 1 or scale.high > 7):
        return question("ces", Ask.CES_SCALE, low=scale.low, high=scale.high)
    if "%" in text:
        return question("ces", Ask.CES_PERCENTAGES)
    counts = read_notes("ces", text)
    if isinstance(counts, FiguresReply):
        return counts
    if not counts:
        return question("ces", Ask.CES_EXAMPLE)
    if fractional := sorted(n for n in counts if not is_int(n)):
        return question("ces", Ask.CES_FRACTIONAL, note=fmt(fractional[0]))
    high = 7 if scale is not None and scale.high == 7 else 5
    if bad := sorted(n for n in counts if not 1 <= n <= high):
        code = Ask.CES_OFF_SCALE if high == 5 else Ask.CES7_OFF_SCALE
        return question("ces", code, note=fmt(bad[0]))
    responses = sum(counts.values())
    if total is not None and total != responses:
        return question("ces", Ask.CES_NOTES_COUNT, total=fmt(total), count=responses)
    return ces_reply({int(note): count for note, count in counts.items()}, high)


def ces_reply(counts: dict[int, int], high: int) -> FiguresReply:
    """The CES explained from counts per note, on the 1-5 or the 1-7 scale."""
    figures = {
        "topic": "ces",
        "unit": "note",
        "scale": high,
        "values": {str(note): count for note, count in sorted(counts.items()) if count},
    }
    if high == 5:
        scores = [note for note, count in sorted(counts.items()) for _ in range(count)]
        return computed("ces", *explain_ces(scores).items).with_figures(figures)
    return computed("ces", *explain_ces7(counts)).with_figures(figures)


def explain_ces7(counts: dict[int, int]) -> list[Message | str]:
    """The mean effort on a 1-7 scale; the course defines its bands on the 1-5 scale only."""
    used = [(note, count) for note, count in sorted(counts.items()) if count]
    responses = sum(count for _, count in used)
    weighted = sum(note * count for note, count in used)
    terms = " + ".join(f"{count} × {note}" if count > 1 else str(note) for note, count in used)
    exact = Fraction(weighted, responses)
    equals = "=" if Fraction(str(float(fmt(exact).replace(",", ".")))) == exact else "≈"
    return [
        message(Step.CES_TITLE),
        message(Effort7.FORMULA),
        message(Step.CES_COUNT, responses=responses),
        message(Step.CES_SUM, terms=terms, weighted=weighted),
        message(
            Step.CES_RESULT, weighted=weighted, responses=responses, equals=equals, mean=fmt(exact)
        ),
        message(Effort7.MEAN, mean=fmt(exact)),
        message(Effort7.BANDS),
    ]
