"""Indicators from individual notes: the NPS from 0-10 notes, the CES from 1-5 effort notes
(listed one by one or counted per note)."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from logic.results import Message, MessageCode, message
from logic.survey.calculator.reading import LOOSE_NUMBER, NUM, is_int, take_total
from logic.survey.calculator.reply import Ask, FiguresReply, computed, question
from logic.survey.explanation import explain_ces, explain_nps
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


def _counted(count: int, one: Sorted, many: Sorted) -> Message:
    return message(many if count > 1 else one, count=count)


def nps_from_notes(text: str, total: Fraction | None) -> FiguresReply:
    """NPS from individual 0-10 notes ("NPS avec les notes 9, 10, 7 et 3")."""
    text = re.sub(r"\b(?:de )?0 a 10\b|\bsur 10\b|/10\b", " ", text)
    notes = [Fraction(n) for n in LOOSE_NUMBER.findall(text)]
    if not notes:
        return question("nps", Ask.NPS_EXAMPLE)
    if bad := [n for n in notes if not is_int(n) or not 0 <= n <= 10]:
        return question("nps", Ask.NPS_BAD_NOTE, note=fmt(bad[0]))
    if total is not None and total != len(notes):
        return question("nps", Ask.NPS_NOTES_COUNT, total=fmt(total), count=len(notes))
    p = sum(1 for n in notes if n >= 9)
    pa = sum(1 for n in notes if 7 <= n <= 8)
    d = len(notes) - p - pa
    intro = message(
        Sorted.NOTES,
        count=len(notes),
        promoters=_counted(p, Sorted.PROMOTER, Sorted.PROMOTERS),
        passives=_counted(pa, Sorted.PASSIVE, Sorted.PASSIVES),
        detractors=_counted(d, Sorted.DETRACTOR, Sorted.DETRACTORS),
    )
    return computed("nps", intro, *explain_nps(p, pa, d).items)


_CES_COUNT_PATTERNS = (
    # "10 notes de 1", "5 réponses à 3", "3 clients ont mis 2"
    re.compile(
        rf"\b{NUM}\s+(?:notes?|reponses?|clients?|personnes?|avis|fois)\s+"
        rf"(?:de|a|egales? a|ont (?:mis|donne|note)|avec(?: la note)?|la note)\s+{NUM}"
    ),
    # "2 fois 3": count first
    re.compile(rf"\b{NUM}\s+fois\s+(?:la note\s+)?{NUM}"),
)
_CES_NOTE_FIRST = re.compile(
    rf"\b(?:la )?note\s+{NUM}\s*(?:=|-|a ete donnee|donnee)?\s*{NUM}\s+"
    r"(?:fois|reponses?|clients?)\b"
)


def ces_from_text(text: str) -> FiguresReply:
    """CES from notes ("1, 2, 2, 3 et 5") or counts per note ("10 notes de 1")."""
    total, text, conflict = take_total(text)
    if conflict:
        return FiguresReply("ces", conflict, False)
    # The scale itself is not data: "de 1 à 5", "sur 5", "/5".
    text = re.sub(r"\b(?:de |entre )?1 (?:a|et) [57]\b|\bsur [57]\b|/[57]\b", " ", text)
    if "%" in text:
        return question("ces", Ask.CES_PERCENTAGES)
    counts: Counter[Fraction] = Counter()
    pairs: list[tuple[Fraction, Fraction]] = []
    for pattern in _CES_COUNT_PATTERNS:
        pairs += [(Fraction(m.group(1)), Fraction(m.group(2))) for m in pattern.finditer(text)]
        text = pattern.sub(" ", text)
    pairs += [(Fraction(m.group(2)), Fraction(m.group(1))) for m in _CES_NOTE_FIRST.finditer(text)]
    text = _CES_NOTE_FIRST.sub(" ", text)
    text = re.sub(r"\bces\b", " ", text)
    leftovers = [Fraction(n) for n in LOOSE_NUMBER.findall(text)]
    if pairs and leftovers:
        return question("ces", Ask.CES_UNKNOWN_NUMBER, number=fmt(leftovers[0]))
    if pairs:
        for count, note in pairs:
            if not is_int(count) or count <= 0:
                return question("ces", Ask.CES_BAD_COUNT, count=fmt(count))
            counts[note] += int(count)
    else:
        counts.update(leftovers)
    if not counts:
        return question("ces", Ask.CES_EXAMPLE)
    if fractional := sorted(n for n in counts if not is_int(n)):
        return question("ces", Ask.CES_FRACTIONAL, note=fmt(fractional[0]))
    if bad := sorted(n for n in counts if not 1 <= n <= 5):
        return question("ces", Ask.CES_OFF_SCALE, note=fmt(bad[0]))
    responses = sum(counts.values())
    if total is not None and total != responses:
        return question("ces", Ask.CES_NOTES_COUNT, total=fmt(total), count=responses)
    scores = [int(note) for note, count in sorted(counts.items()) for _ in range(count)]
    return computed("ces", *explain_ces(scores).items)
