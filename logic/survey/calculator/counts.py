"""Notes counted per value, however a student writes them: "10 notes de 1", "40 réponses à 1,
45 à 2", "12 personnes ont mis 9", "1 : 40" one per line, or a table pasted from annexe 7
("|Note de 1 à 4 |1 |2 |3 |4 |" above "|Nombre de Réponses |40 |45 |10 |5 |").

Tables are read in the raw text (normalizing removes the colons and the line breaks) and
rewritten as "40 notes de 1", the phrase the other readers understand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from logic.survey.calculator.reading import NUM

_CELL_SPLIT = re.compile(r"\s*[|\t]\s*")
_INT = re.compile(r"^\d+$")
# "Note 1 | 40", "note 2 : 45", "3 = 10" (note first, as in annexe 7), at the start of a line,
# after a comma, a colon or a cell, or after "note": "de 0 à 10 : 9, 8" is a scale, then notes.
_NOTE_COUNT = re.compile(
    r"(?:^[ \t\-*•|]*|(?<=[,;:|\t])\s*|\b(?:la\s+)?notes?\s*)(?:(?:la\s+)?notes?\s*)?"
    r"(\d+)\s*(?:\||\t|:|=|→|->)\s*(\d+)"
    r"(?:\s*(?:r[ée]ponses?|fois|clients?|personnes?|votes?))?(?![\d.,]*\s*%)",
    re.IGNORECASE | re.MULTILINE,
)
_COUNT_LABEL = re.compile(r"r[ée]ponse|nombre|effectif|client|personne|total|vote", re.I)


def _numeric_row(line: str) -> tuple[str, list[str]] | None:
    """A table row: a label then at least two whole numbers ("|Nombre |40 |45 |")."""
    cells = [cell for cell in _CELL_SPLIT.split(line.strip()) if cell]
    numbers = [cell for cell in cells if _INT.match(cell)]
    labels = [cell for cell in cells if not _INT.match(cell)]
    if len(numbers) < 2 or len(labels) > 1 or not re.search(r"[|\t]", line):
        return None
    return (labels[0] if labels else ""), numbers


def _phrase(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{count} notes de {note}" for note, count in pairs)


def untable(raw: str) -> str:
    """Tables and "note : count" lines rewritten as "40 notes de 1, 45 notes de 2"."""
    lines = raw.splitlines()
    rows = [_numeric_row(line) for line in lines]
    out = list(lines)
    for index in range(1, len(lines)):
        previous, row = rows[index - 1], rows[index]
        if previous is None or row is None or len(previous[1]) != len(row[1]):
            continue
        counts_below = _COUNT_LABEL.search(row[0]) or (
            re.search(r"note", previous[0], re.I) and not re.search(r"note", row[0], re.I)
        )
        if not counts_below:
            continue
        # The notes are the row just above the counts; other note rows (annexe 7 also has
        # "Note de 1 à 10" with no counts left) are dropped, they hold no answer.
        out = ["" if rows[i] is not None and i < index else text for i, text in enumerate(out)]
        # The notes row's label may name the scale ("Note de 1 à 4"): kept.
        out[index] = f"{previous[0]} : " + _phrase(list(zip(previous[1], row[1], strict=True)))
        rows[index] = None
    return "\n".join(_NOTE_COUNT.sub(_rewrite_pair, line) for line in out)


def _rewrite_pair(match: re.Match[str]) -> str:
    return f" {match.group(2)} notes de {match.group(1)}"


# --- in normalized text ------------------------------------------------------------------

_UNITS = r"(?:notes?|reponses?|repondants?|clients?|personnes?|avis|votes?)"
_LINK = (
    r"(?:de|a|pour|egales? a|(?:qui )?ont (?:mis|donne|note|repondu|choisi)|avec(?: la note)?"
    r"|la note|sur la note)"
)
_PAIR_PATTERNS = (
    # "10 notes de 1", "5 réponses à 3", "12 personnes ont mis 9", "3 clients avec la note 2"
    re.compile(rf"\b{NUM}\s+{_UNITS}\s+{_LINK}\s+(?:la note\s+|une note de\s+)?{NUM}\b(?!\s*%)"),
    # "3 ont mis 5": the verb says it is a count
    re.compile(rf"\b{NUM}\s+(?:qui )?ont (?:mis|donne|note|repondu)\s+(?:la note\s+)?{NUM}\b"),
    # "10 clients de plus mettent 9" (in a follow-up)
    re.compile(
        rf"\b{NUM}\s+{_UNITS}(?:\s+(?:de plus|en plus|supplementaires?))?\s+"
        rf"(?:mettent|donnent|notent|mettaient|donnaient)\s+(?:la note\s+)?{NUM}\b"
    ),
    # "2 fois 3", "2 fois la note 3"
    re.compile(rf"\b{NUM}\s+fois\s+(?:la note\s+)?{NUM}\b"),
)
# "la note 1 donnée 3 fois", "note 4 - 2 réponses": note first.
_NOTE_FIRST = re.compile(
    rf"\b(?:la )?note\s+{NUM}\s*(?:=|-|a ete donnee|donnee|pour)?\s*{NUM}\s+"
    r"(?:fois|reponses?|clients?|personnes?)\b"
)
# "note 1 40, note 2 45": a note and its count, in a list.
_NOTE_THEN_COUNT = re.compile(rf"\bnote\s+{NUM}\s+{NUM}(?=\s*(?:,|;|\bet\b|$))")
# After a first pair, "45 à 2" or "et 5 à 4" continue the list.
_FOLLOWING = re.compile(
    rf"(?:^|,|\bet\b|;)\s*{NUM}\s+(?:a|de|pour)\s+(?:la note\s+)?{NUM}\b(?!\s*%)"
)


@dataclass(frozen=True)
class Pairs:
    """The (note, count) pairs read, and the text left once they are blanked."""

    pairs: list[tuple[Fraction, Fraction]]
    rest: str


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def read_pairs(text: str) -> Pairs:
    """(note, count) pairs in normalized text, in the order they are written."""
    found: list[tuple[int, Fraction, Fraction]] = []
    for pattern in _PAIR_PATTERNS:
        found += [
            (m.start(), Fraction(m.group(2)), Fraction(m.group(1))) for m in pattern.finditer(text)
        ]
        text = pattern.sub(_blank, text)
    found += [
        (m.start(), Fraction(m.group(1)), Fraction(m.group(2))) for m in _NOTE_FIRST.finditer(text)
    ]
    text = _NOTE_FIRST.sub(_blank, text)
    found += [
        (m.start(), Fraction(m.group(1)), Fraction(m.group(2)))
        for m in _NOTE_THEN_COUNT.finditer(text)
    ]
    text = _NOTE_THEN_COUNT.sub(_blank, text)
    if found:
        while match := _FOLLOWING.search(text):
            found.append((match.start(), Fraction(match.group(2)), Fraction(match.group(1))))
            text = text[: match.start()] + _blank(match) + text[match.end() :]
    found.sort(key=lambda item: item[0])
    return Pairs([(note, count) for _, note, count in found], text)
