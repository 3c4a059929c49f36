"""Reading a student's figures: the text made plain, the announced total, the numbers attached
to each category word, and which indicator is asked for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from logic.results import Message, MessageCode, message
from logic.survey.answers import normalize
from logic.survey.calculator.reply import Ask, Topic
from logic.survey.formulas import fmt
from logic.survey.phrasing import Joint, chain

NUM = r"(\d+(?:\.\d+)?)"
_PCT = r"(?:\s*(%))?"
_UNIT = (
    r"(?:reponses?|repondants?|personnes?(?: interrogees)?|clients?(?: interroges)?"
    r"|avis|questionnaires?|sondes)"
)
_TOTAL_PATTERNS = (
    re.compile(rf"\b(?:sur|parmi)\s+{NUM}\s+{_UNIT}\b"),
    re.compile(rf"\b(?:sur|parmi)\s+{NUM}\s*(?:,|$)"),
    re.compile(rf"\b(?:au )?total(?: de)?\s+{NUM}\b"),
    re.compile(
        rf"\b{NUM}\s+{_UNIT}(?: au total)?\b"
        r"(?!\s*(?:de|a|ont|qui ont|(?:avec|pour|sur) la note|avec(?: une)? note)\b)"
    ),
    # "10 clients ont noté leur effort": a total, unlike "3 clients ont mis 2"
    re.compile(rf"\b{NUM}\s+{_UNIT}\s+ont (?:note|evalue|juge)\b(?!\s+(?:la note\s+)?\d)"),
)
# A lone number in the text ("9", "-1", "2.5").
LOOSE_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")


class Of(MessageCode):
    """ "de passifs" but "d'insatisfaits": French elision before a vowel."""

    PLAIN = "figures_of"
    ELIDED = "figures_of_elided"


def of(word: str) -> Message:
    """ "de <word>", elided as "d'<word>" before a vowel or a mute h."""
    return message(Of.ELIDED if word[0] in "aeiouyéèêh" else Of.PLAIN, word=word)


def and_list(items: list[Message | str]) -> Message | str:
    """The items joined by "et"."""
    return chain(Joint.AND, items)


def prepare(text: str) -> str:
    """Normalized text, "pour cent" as "%", and "45,5" as 45.5 unless it is part of a
    list written without spaces ("1,2,2,3")."""
    plain = normalize(text)
    plain = re.sub(r"\s*pour ?cent\b", " %", plain)
    return re.sub(r"(?<![\d,])(\d+),(\d+)(?![,\d])", r"\1.\2", plain)


def take_total(text: str) -> tuple[Fraction | None, str, Message | None]:
    """Finds "sur 200 réponses" and blanks it; returns (total, text, conflict question)."""
    totals: list[Fraction] = []
    for pattern in _TOTAL_PATTERNS:
        for match in pattern.finditer(text):
            totals.append(Fraction(match.group(1)))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    if len(set(totals)) > 1:
        shown = and_list([fmt(t) for t in sorted(set(totals))])
        return None, text, message(Ask.TWO_TOTALS, shown=shown)
    return (totals[0] if totals else None), text, None


@dataclass(frozen=True)
class Figure:
    """A number read next to a category word, and whether it is a percentage."""

    value: Fraction
    percent: bool


def assign(text: str, categories: dict[str, str]) -> tuple[dict[str, list[Figure]], set[str]]:
    """Numbers attached to category words ("45 promoteurs" or "promoteurs 45").

    The style (number before or after the word) is chosen for the whole text, as the one
    that attaches the most numbers, so "promoteurs 45 passifs 35" is not misread.
    Returns the figures per category and the categories mentioned without a number.
    """
    combined = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in categories.items()))
    spans = [(m.lastgroup or "", m.start(), m.end()) for m in combined.finditer(text)]
    before_re = re.compile(
        rf"{NUM}{_PCT}\s*(?:de |d )?(?:(?:clients?|repondants?|personnes?|reponses?) )?"
        r"(?:sont |se disent |de )?$"
    )
    after_re = re.compile(rf"^\s*(?:=|-|sont|de|a|avec)?\s*{NUM}{_PCT}")
    styles: list[dict[str, list[Figure]]] = [{}, {}]
    for index, (key, start, end) in enumerate(spans):
        previous_end = spans[index - 1][2] if index else 0
        next_start = spans[index + 1][1] if index + 1 < len(spans) else len(text)
        before = before_re.search(text[previous_end:start])
        after = after_re.search(text[end:next_start])
        for style, match in ((styles[0], before), (styles[1], after)):
            if match:
                figure = Figure(Fraction(match.group(1)), match.group(2) == "%")
                style.setdefault(key, []).append(figure)
    count = [sum(len(v) for v in style.values()) for style in styles]
    chosen = styles[1] if count[1] > count[0] else styles[0]
    mentioned = {key for key, _, _ in spans}
    return chosen, mentioned - set(chosen)


@dataclass(frozen=True)
class Scale:
    """The scale a student names ("sur une échelle de 1 à 10"): its lowest and highest note."""

    low: int
    high: int


_SCALE_HIGH = r"(4|5|7|10)"
_SCALE_PATTERNS = (
    # "sur une échelle de 1 à 10", "échelle allant de 5 à 1"
    re.compile(
        r"\b(?:sur |avec |selon )?(?:une |l |la )?echelle (?:allant |qui va )?(?:de |entre )?"
        r"(\d+) ?(?:a|et|-) ?(\d+)\b"
    ),
    # "de 0 à 10", "entre 1 et 5", "de 1 (faible) à 5 (élevé)" (but not "de 1 et 5")
    re.compile(
        rf"\b(?:de ([01]) (?:[a-z]+ ){{0,3}}a|entre ([01]) (?:[a-z]+ ){{0,3}}et) {_SCALE_HIGH}\b"
        rf"(?: (?:eleve|fort|tres \w+)\b)?(?! (?:{_UNIT}|notes?|fois)\b)"
    ),
    # "notes 1 à 10", "note 0 a 10"
    re.compile(rf"\bnotes? ([01]) a {_SCALE_HIGH}\b(?! (?:{_UNIT}|notes?|fois)\b)"),
    # "(1-5)" once the brackets are gone, "0-10"
    re.compile(rf"(?<![\d.,-])([01]) ?- ?{_SCALE_HIGH}(?![\d.,-])"),
    # "sur 10", "/10" (but "sur 10 réponses" is a total)
    re.compile(rf"(?:\bsur |/)(){_SCALE_HIGH}\b(?![.,]\d| (?:{_UNIT}|notes?)\b)"),
)


def take_scale(text: str) -> tuple[Scale | None, str]:
    """Finds the scale words and blanks them: the scale is not an answer."""
    scale: Scale | None = None
    for pattern in _SCALE_PATTERNS:
        for match in pattern.finditer(text):
            numbers = [int(group) for group in match.groups() if group]
            ends = numbers[-1:] + numbers[:-1]
            high = max(ends)
            scale = Scale(min(ends) if len(ends) == 2 else int(high != 10), high)
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return scale, text


def is_int(value: Fraction) -> bool:
    return value.denominator == 1


def sum_text(values: list[Fraction]) -> str:
    """ "45 + 35 = 80"."""
    return " + ".join(fmt(v) for v in values) + f" = {fmt(sum(values, Fraction(0)))}"


def detect_topic(text: str) -> Topic | None:
    """Which indicator the student asks for, None when unclear or several."""
    plain = prepare(text)
    if re.search(r"\bannexe 7\b", plain):
        return "annexe7"
    explicit: set[Topic] = set()
    if re.search(r"\bnps\b|net promoter", plain):
        explicit.add("nps")
    if re.search(r"\bcsat\b|customer satisfaction", plain):
        explicit.add("csat")
    # "ces" is also a French word ("ces notes"): only the acronym or "le CES" count.
    starts = re.match(r"\s*ces\s*[:=(]", text, re.IGNORECASE)  # "ces : 1, 2, 2"
    if (
        starts
        or re.search(r"\bCES\b", text)
        or re.search(
            r"\b(?:le|du|un|mon|notre) ces\b|customer effort|\bcalcul\w* ces\b"
            r"|^ces (?:=|-|avec|sur|de|moyen|pour|egal|vaut)\b|^ces$",
            plain,
        )
    ):
        explicit.add("ces")
    if len(explicit) == 1:
        return explicit.pop()
    if explicit:
        return None
    hints: set[Topic] = set()
    if re.search(r"promot|detract|\bpassifs?\b|recommand", plain):
        hints.add("nps")
    if re.search(r"satisf|mecontent", plain):
        hints.add("csat")
    if re.search(r"effort", plain):
        hints.add("ces")
    return hints.pop() if len(hints) == 1 else None
