"""Parsers for the satisfaction survey's answers (typed text, button payloads, slot values).

Every parser returns a `Result`: the value, or a problem whose `AnswerCode` tells "out of
range" apart from "not understood" and whose message says what is expected, so the bot can
ask again. Slot values set by any path (buttons, crafted `/inform{...}`) go through the same
parsers.
"""

from __future__ import annotations

import re
from typing import Any

from logic.results import MessageCode, Result, failure, message, success
from logic.survey.formulas import CSAT_KEYS
from logic.text.matching import fold
from logic.text.numbers import NUMBER_WORDS

# Button numbers in the order the course lists the answers (1 = très satisfait).
CSAT_BUTTONS: dict[int, str] = {i: key for i, key in enumerate(CSAT_KEYS, start=1)}
CSAT_LABELS: dict[str, str] = {
    "tres_satisfait": "Très satisfait",
    "satisfait": "Satisfait",
    "insatisfait": "Insatisfait",
    "tres_insatisfait": "Très insatisfait",
}
# Labels of the CES buttons: the course's bands (1-2 low, 3-4 medium, 5 high).
CES_LABELS: dict[int, str] = {
    1: "très faible",
    2: "faible",
    3: "moyen",
    4: "assez élevé",
    5: "élevé",
}


class Expected(MessageCode):
    """What each question expects, quoted in its error messages."""

    NPS = "survey_answer_expected_nps"
    CSAT = "survey_answer_expected_csat"
    CES = "survey_answer_expected_ces"


class AnswerCode(MessageCode):
    """Why an answer was refused; `out_of_range` tells a number off the scale apart."""

    OUT_OF_RANGE = "survey_answer_out_of_range"
    NO_NOTE = "survey_answer_no_note"
    NO_ANSWER = "survey_answer_no_answer"
    NOT_UNDERSTOOD = "survey_answer_not_understood"
    NOTE_NOT_UNDERSTOOD = "survey_answer_note_not_understood"
    CHOICE_NOT_UNDERSTOOD = "survey_answer_choice_not_understood"
    NO_NEUTRAL = "survey_answer_no_neutral"
    WRONG_SCALE = "survey_answer_wrong_scale"
    SEVERAL_NUMBERS = "survey_answer_several_numbers"
    NOT_AN_INTEGER = "survey_answer_not_an_integer"

    @property
    def out_of_range(self) -> bool:
        return self is AnswerCode.OUT_OF_RANGE


def _refuse(code: AnswerCode, expected: Expected, **params: object) -> Result[Any]:
    return failure(code, expected=message(expected), **params)


def normalize(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces (keeps / - , .)."""
    plain = re.sub(r"[’'`_!?;:()\"«»\[\]{}]", " ", fold(text))
    return re.sub(r"\s+", " ", plain).strip()


_NUMBER = re.compile(
    r"(?<![\w.,])(-?\d+(?:[.,]\d+)?)(?![\w])|\b(" + "|".join(NUMBER_WORDS) + r")\b"
)


def _numbers(text: str) -> list[float]:
    """Numbers in normalized text; "un"/"une" only count when nothing else is there,
    since they are usually articles ("je mettrais un 8", "une note de neuf")."""
    digits: list[float] = []
    words: list[tuple[str, int]] = []
    for match in _NUMBER.finditer(text):
        if match.group(1) is not None:
            digits.append(float(match.group(1).replace(",", ".")))
        else:
            words.append((match.group(2), NUMBER_WORDS[match.group(2)]))
    if digits:
        return digits
    strong = [float(value) for word, value in words if word not in ("un", "une")]
    return strong or [float(value) for _, value in words]


def _word_or_digit(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


_DENOMINATOR = re.compile(r"(?:/|\bsur\b)\s*(\w+)")


def _scale_number(
    raw: object, low: int, high: int, scale: int, expected: Expected
) -> Result[int] | None:
    """Reads one integer note (value, "8", "8/10", "8 sur 10", "huit"); None if no number."""
    if isinstance(raw, bool):
        return _refuse(AnswerCode.NOT_UNDERSTOOD, expected)
    if isinstance(raw, (int, float)):
        numbers = [float(raw)]
    else:
        text = normalize(str(raw))
        # "9/10", "10 sur 10": the denominator must be the scale's, then it is dropped.
        for match in _DENOMINATOR.finditer(text):
            value = _word_or_digit(match.group(1))
            if value is not None and value != scale:
                return _refuse(AnswerCode.WRONG_SCALE, expected, scale=scale, value=value)
        text = _DENOMINATOR.sub(
            lambda m: " " if _word_or_digit(m.group(1)) is not None else m.group(0),
            text,
        )
        numbers = _numbers(text)
    if not numbers:
        return None
    if len(set(numbers)) > 1:
        return _refuse(AnswerCode.SEVERAL_NUMBERS, expected)
    number = numbers[0]
    if number != int(number):
        return _refuse(AnswerCode.NOT_AN_INTEGER, expected)
    if not low <= number <= high:
        return _refuse(AnswerCode.OUT_OF_RANGE, expected, number=int(number), low=low, high=high)
    return success(int(number))


def parse_nps(raw: object) -> Result[int]:
    """Recommendation note 0..10: "9", "9/10", "neuf", "je mettrais 8", "10 sur 10", "zéro"."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _refuse(AnswerCode.NO_NOTE, Expected.NPS)
    answer = _scale_number(raw, 0, 10, 10, Expected.NPS)
    if answer is None:
        return _refuse(AnswerCode.NOTE_NOT_UNDERSTOOD, Expected.NPS)
    return answer


# CSAT wordings, most specific first; negations before the words they negate.
_NEG = r"(?:pas|jamais|guere)"
_SAT = r"(?:satisfait\w*|content\w*)"
_UNSAT = r"(?:insatisfait\w*|mecontent\w*|decu\w*)"
_CSAT_RULES: tuple[tuple[str, str], ...] = (
    (
        r"\bni\b.*\bni\b",
        "",
    ),  # "ni satisfait ni insatisfait": no neutral answer on this scale
    (rf"\b{_NEG} (?:du tout|le moins du monde) {_SAT}", "tres_insatisfait"),
    (rf"\b{_NEG} {_SAT} du tout\b", "tres_insatisfait"),
    (rf"\b(?:absolument|vraiment|franchement) {_NEG} {_SAT}", "tres_insatisfait"),
    (rf"\baucunement {_SAT}", "tres_insatisfait"),
    (rf"\btres peu {_SAT}", "tres_insatisfait"),
    (rf"\b{_NEG} (?:du tout |tres |vraiment )?{_UNSAT}", "satisfait"),
    (
        rf"\b{_NEG} (?:tres |vraiment |trop |totalement |tout a fait |entierement )?{_SAT}",
        "insatisfait",
    ),
    (
        rf"\b(?:tres|extremement|vraiment|profondement|totalement) {_UNSAT}",
        "tres_insatisfait",
    ),
    (
        r"\b(?:furieux|furieuse|scandalise\w*|catastrophique|horrible|lamentable|inadmissible)\b",
        "tres_insatisfait",
    ),
    (rf"\b(?:peu|moyennement|mal) {_SAT}", "insatisfait"),
    (rf"\b{_UNSAT}", "insatisfait"),
    (r"\b(?:bof|pas terrible|pas top|pas genial|decevant)\b", "insatisfait"),
    (
        r"\b(?:tres|extremement|vraiment|pleinement|totalement|entierement|parfaitement"
        rf"|completement|super|hyper|tout a fait) {_SAT}",
        "tres_satisfait",
    ),
    (
        r"\b(?:ravi|ravie|ravis|enchante\w*|excellent\w*|parfait\w*|genial|au top|aux anges)\b",
        "tres_satisfait",
    ),
    (rf"\b{_SAT}", "satisfait"),
)


def parse_csat(raw: object) -> Result[str]:
    """Satisfaction: one of CSAT_KEYS, from wordings ("plutôt satisfait", "pas du tout
    satisfait", "mécontent", "ravi"...), a key, or a button number 1..4 (CSAT_BUTTONS)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _refuse(AnswerCode.NO_ANSWER, Expected.CSAT)
    if isinstance(raw, str) and raw.strip() in CSAT_KEYS:
        return success(raw.strip())
    text = normalize(str(raw)) if not isinstance(raw, (int, float)) else ""
    for pattern, key in _CSAT_RULES:
        if text and re.search(pattern, text):
            if not key:
                return _refuse(AnswerCode.NO_NEUTRAL, Expected.CSAT)
            return success(key)
    number = _scale_number(raw, 1, 4, 4, Expected.CSAT)
    if number is None:
        return _refuse(AnswerCode.CHOICE_NOT_UNDERSTOOD, Expected.CSAT)
    if number.value is None:
        return Result(problem=number.problem)
    return success(CSAT_BUTTONS[number.value])


_HARD = r"(?:difficile|complique|eleve|important|fort|lourd)"
_EASY = r"(?:facile|simple|faible|leger)"
# Most specific first: negations, then intensified wordings, then plain ones.
_CES_RULES: tuple[tuple[str, int], ...] = (
    (rf"\bpas (?:tres |si |trop |vraiment )?{_EASY}", 4),
    (rf"\bpas (?:du tout |tres |si |trop |vraiment )?{_HARD}", 2),
    (
        rf"\b(?:aucun effort|presque aucun effort|(?:tres|super|extremement) {_EASY}|enfantin)",
        1,
    ),
    (rf"\b(?:tres|extremement|vraiment|trop) {_HARD}", 5),
    (rf"\b(?:assez|plutot) {_HARD}", 4),
    (rf"\b(?:assez|plutot) {_EASY}", 2),
    (rf"\b(?:peu d effort|{_EASY})", 2),
    (r"\b(?:moyen\w*|normal|modere|correct|raisonnable)\b", 3),
    (r"\b(?:difficile|complique)", 4),
    (r"\b(?:beaucoup d effort\w*|enorme|eleve|important|fort|penible|galere)", 5),
)


def parse_ces(raw: object) -> Result[int]:
    """Effort 1..5: "2", "2/5", "deux", or a wording ("très faible" 1, "faible" 2,
    "moyen" 3, "assez élevé" 4, "élevé" 5, "facile", "difficile"...)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _refuse(AnswerCode.NO_NOTE, Expected.CES)
    number = _scale_number(raw, 1, 5, 5, Expected.CES)
    if number is not None:
        return number
    text = normalize(str(raw))
    for pattern, value in _CES_RULES:
        if re.search(pattern, text):
            return success(value)
    return _refuse(AnswerCode.NOT_UNDERSTOOD, Expected.CES)


_STOP = re.compile(
    r"^(?:(?:non|bon|ok|alors)\s+)?(?:(?:je|j|on)\s+)?"
    r"(?:(?:veux|voudrais|prefere|prefererais|vais|va|souhaite)\s+)?(?:(?:l|on)\s+)?"
    r"(?:stop|stopper|arret\w*|annul\w*|quitt\w*|plus tard|pas maintenant|une autre fois|"
    r"laisse\w* tomber|fin|abandonn\w*|ca suffit)"
    r"(?:\s+(?:la|ici|le questionnaire|l enquete|le sondage|svp|stp|merci|s il vous plait|"
    r"s il te plait|maintenant|pour l instant|pour le moment|avec le questionnaire))*$"
)


def is_stop(raw: object) -> bool:
    """True for a short request to stop the survey ("stop", "plus tard", "arrête"...).

    Only the whole message counts, so a comment such as "la clim s'arrête" is not a stop.
    """
    if not isinstance(raw, str):
        return False
    return bool(_STOP.match(normalize(raw).rstrip(" .")))
