"""One figure, not a survey: where a respondent's note falls ("une note de 6 au NPS, détracteur
ou passif ?") and what an indicator's value says ("un NPS de +10 c'est bon ?", "un CES de 2
c'est bien ?"). Computing an indicator over that one figure would answer another question."""

from __future__ import annotations

import re
from fractions import Fraction

from logic.results import MessageCode, message
from logic.survey.calculator.reading import (
    LOOSE_NUMBER,
    Scale,
    detect_topic,
    is_int,
    prepare,
    take_scale,
)
from logic.survey.calculator.reply import Ask, FiguresReply, Topic, question
from logic.survey.formulas import fmt
from logic.survey.interpretation import CONSEQUENCES, ces_level


class OneFigure(MessageCode):
    """Where one note or one score falls, in the course's categories and bands."""

    PROMOTER = "figures_one_promoter"
    PASSIVE = "figures_one_passive"
    DETRACTOR = "figures_one_detractor"
    NPS_POSITIVE = "figures_one_nps_positive"
    NPS_NEGATIVE = "figures_one_nps_negative"
    NPS_ZERO = "figures_one_nps_zero"
    NPS_OFF_RANGE = "figures_one_nps_off_range"
    CES = "figures_one_ces"
    CES7 = "figures_one_ces7"


_NAMES = re.compile(r"\b(?:nps|csat|ces)\b")
# A number that counts people or answers ("45 promoteurs", "10 notes de 1") is not one figure.
_COUNTED = re.compile(
    r"\d\s*(?:%|promoteurs?|passifs?|detracteurs?|reponses?|personnes?|clients?|notes\b"
    r"|satisfaits?|insatisfaits?|fois)"
)
# "calcule le NPS avec la note 9": the computation asked for, even over one note.
_COMPUTE = re.compile(r"\b(?:calcul\w*|fait combien|donne combien)\b")
# "une note de 6", "j'ai mis 7", "un 8 au NPS": one respondent's note ("les notes 3 et 9" is a
# list, to compute).
_NOTE = re.compile(
    r"\b(?:une|la|ma|sa|leur) note\b|\bnote (?:de |a |= )?\d"
    r"|\b(?:mets|met|mis|mettre|donne|donner|donnee?|repond\w*)\s+(?:un |une |la note )?\d"
    r"|\b(?:un|une|le)\s+\d+\s+(?:au|a la|en|pour le|sur le)\b"
)
_SIGNED = re.compile(r"[+-]\s*\d")
# "c'est bien ?", "bon ou pas", "détracteur ou passif ?", "ça veut dire quoi ?", "effort faible
# ou élevé ?": what a figure is worth.
_WORTH = re.compile(
    r"\bc est (?:bien|bon|grave|mauvais|correct|nul|normal|positif|negatif)\b"
    r"|\b(?:bien|bon) ou (?:pas|mal|mauvais)\b|\best ce (?:bien|bon)\b|\bca vaut quoi\b"
    r"|\b(?:promoteur|passif|detracteur)s? ou\b|\bca (?:compte|correspond)\b"
    r"|\b(?:ca )?(?:signifie|veut dire|donne|indique) quoi\b|\b(?:faible|moyen|eleve)e?s? ou\b"
)
# A number that numbers something else: "l'annexe 7", "le chapitre 4", "en 2018".
_NOT_A_FIGURE = re.compile(
    r"\b(?:annexes?|chapitres?|questions?|messages?|activites?|etapes?|pages?|documents?"
    r"|en|depuis)\s+\d|\d\s*(?:canaux|ans|annees|euros?|millions?|milliards?)\b"
)
# "un NPS de +10", "mon NPS fait 30", "un CES de 2": the indicator's own value.
_SCORE = re.compile(
    r"\b(?:nps|ces)\s+(?:de|=|a|est de|est a|fait|vaut|egal a|d environ)\s*[+-]?\s*\d"
)


def one_figure(topic: Topic | None, plain: str, scale: Scale | None) -> FiguresReply | None:
    """The answer when `plain` (prepared, scale words blanked) holds one NPS or CES figure."""
    value = _lone_figure(topic, plain, scale)
    if value is None:
        return None
    note, score = _NOTE.search(plain) is not None, _SCORE.search(plain) is not None
    if topic == "ces":
        return _effort(value, scale) if note or score else None
    if note and not _SIGNED.search(plain):  # "+10" is a score: a note has no sign
        return _nps_note(value)
    return _nps_score(value) if score else None


def figure_in_context(text: str, context: str | None) -> FiguresReply | None:
    """A question on what one NPS or CES figure is worth ("un NPS de +10, c'est bon ?"), the
    indicator named or under discussion ("si j'ai 4, c'est bien ?" after the CES); None for
    any other message."""
    scale, plain = take_scale(prepare(text))
    if not _WORTH.search(plain) or _NOT_A_FIGURE.search(plain):
        return None
    named = detect_topic(text)
    if named is not None:
        return one_figure(named, plain, scale)
    topic: Topic = "ces" if context == "ces" else "nps"
    value = _lone_figure(topic, plain, scale) if context == topic else None
    if value is None:
        return None
    if topic == "ces":
        return _effort(value, scale) if 1 <= value <= 7 else None
    if _SIGNED.search(plain) or value > 10:
        return _nps_score(value)
    # 0 to 10 unsigned: a note only when the words say so ("si je mets 7 ?")
    return _nps_note(value) if _NOTE.search(plain) else None


def _lone_figure(topic: Topic | None, plain: str, scale: Scale | None) -> Fraction | None:
    """The message's only number, when it is neither counted nor asked to be computed."""
    if topic not in ("nps", "ces") or _COUNTED.search(plain) or _COMPUTE.search(plain):
        return None
    if scale is not None and scale.high not in (5, 7, 10):
        return None  # the calculator's own question on that scale
    numbers = LOOSE_NUMBER.findall(_NAMES.sub(" ", plain))
    return Fraction(numbers[0]) if len(numbers) == 1 else None


def _nps_note(note: Fraction) -> FiguresReply:
    if not is_int(note) or not 0 <= note <= 10:
        return question("nps", Ask.NPS_BAD_NOTE, note=fmt(note))
    code = (
        OneFigure.PROMOTER if note >= 9 else OneFigure.PASSIVE if note >= 7 else OneFigure.DETRACTOR
    )
    return _said("nps", code, note=fmt(note))


def _nps_score(score: Fraction) -> FiguresReply:
    if not -100 <= score <= 100:
        return _said("nps", OneFigure.NPS_OFF_RANGE, score=fmt(score, sign=True))
    code = (
        OneFigure.NPS_POSITIVE
        if score > 0
        else OneFigure.NPS_NEGATIVE
        if score < 0
        else OneFigure.NPS_ZERO
    )
    return _said("nps", code, score=fmt(score, sign=True))


def _effort(value: Fraction, scale: Scale | None) -> FiguresReply:
    high = scale.high if scale is not None else 5
    if high == 7:
        if not 1 <= value <= 7:
            return question("ces", Ask.CES7_OFF_SCALE, note=fmt(value))
        return _said("ces", OneFigure.CES7, value=fmt(value))
    if not 1 <= value <= 5:
        return question("ces", Ask.CES_OFF_SCALE, note=fmt(value))
    level = ces_level(float(value))
    return _said(
        "ces",
        OneFigure.CES,
        value=fmt(value),
        level=message(level),
        consequence=message(CONSEQUENCES[level]),
    )


def _said(topic: Topic, code: OneFigure, **params: object) -> FiguresReply:
    """A complete answer without figures to recompute: a follow-up has nothing to change."""
    return FiguresReply(topic=topic, answer=message(code, **params), complete=True)
