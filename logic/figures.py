"""Reads the figures a student types ("calcule le NPS avec 45 promoteurs...") and answers
with the step-by-step computation, or with a French question when figures are missing or
do not add up. Also explains what survives of annexe 7 of the Climatech case."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from logic.indicators import (
    explain_ces,
    explain_csat,
    explain_nps,
    explain_nps_percentages,
    fmt,
)
from logic.survey_answers import normalize

Topic = Literal["nps", "csat", "ces", "annexe7"]

# Rounded percentages may miss 100 by a little (33 + 33 + 33): tolerated up to this.
PERCENT_TOLERANCE = Fraction(1)

# What survives of annexe 7: only question 2's counts, for notes 1 to 4.
ANNEXE7_Q2_COUNTS: dict[int, int] = {1: 40, 2: 45, 3: 10, 4: 5}


@dataclass(frozen=True)
class FiguresReply:
    """The bot's answer: a computation (complete) or a question asking for figures."""

    topic: Topic | None
    text: str
    complete: bool


def _question(topic: Topic | None, text: str) -> FiguresReply:
    return FiguresReply(topic=topic, text=text, complete=False)


# --- tokens ----------------------------------------------------------------------------

_NUM = r"(\d+(?:\.\d+)?)"
_PCT = r"(?:\s*(%))?"
_UNIT = (
    r"(?:reponses?|repondants?|personnes?(?: interrogees)?|clients?(?: interroges)?"
    r"|avis|questionnaires?|sondes)"
)
_TOTAL_PATTERNS = (
    re.compile(rf"\b(?:sur|parmi)\s+{_NUM}\s+{_UNIT}\b"),
    re.compile(rf"\b(?:sur|parmi)\s+{_NUM}\s*,"),
    re.compile(rf"\b(?:au )?total(?: de)?\s+{_NUM}\b"),
    re.compile(rf"\b{_NUM}\s+{_UNIT}(?: au total)?\b(?!\s*(?:de|a|ont)\b)"),
)


def _prepare(text: str) -> str:
    """Normalized text, "pour cent" as "%", and "45,5" as 45.5 unless it is part of a
    list written without spaces ("1,2,2,3")."""
    plain = normalize(text)
    plain = re.sub(r"\s*pour ?cent\b", " %", plain)
    return re.sub(r"(?<![\d,])(\d+),(\d+)(?![,\d])", r"\1.\2", plain)


def _take_total(text: str) -> tuple[Fraction | None, str, str | None]:
    """Finds "sur 200 réponses" and blanks it; returns (total, text, conflict message)."""
    totals: list[Fraction] = []
    for pattern in _TOTAL_PATTERNS:
        for match in pattern.finditer(text):
            totals.append(Fraction(match.group(1)))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    if len(set(totals)) > 1:
        shown = " et ".join(fmt(t) for t in sorted(set(totals)))
        return (
            None,
            text,
            f"J'ai lu deux nombres totaux de réponses ({shown}) : lequel est le bon ?",
        )
    return (totals[0] if totals else None), text, None


@dataclass(frozen=True)
class _Figure:
    value: Fraction
    percent: bool


def _assign(text: str, categories: dict[str, str]) -> tuple[dict[str, list[_Figure]], set[str]]:
    """Numbers attached to category words ("45 promoteurs" or "promoteurs 45").

    The style (number before or after the word) is chosen for the whole text, as the one
    that attaches the most numbers, so "promoteurs 45 passifs 35" is not misread.
    Returns the figures per category and the categories mentioned without a number.
    """
    combined = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in categories.items()))
    spans = [(m.lastgroup or "", m.start(), m.end()) for m in combined.finditer(text)]
    before_re = re.compile(
        rf"{_NUM}{_PCT}\s*(?:de |d )?(?:(?:clients?|repondants?|personnes?|reponses?) )?"
        r"(?:sont |se disent |de )?$"
    )
    after_re = re.compile(rf"^\s*(?:=|-|sont|de|a|avec)?\s*{_NUM}{_PCT}")
    styles: list[dict[str, list[_Figure]]] = [{}, {}]
    for index, (key, start, end) in enumerate(spans):
        previous_end = spans[index - 1][2] if index else 0
        next_start = spans[index + 1][1] if index + 1 < len(spans) else len(text)
        before = before_re.search(text[previous_end:start])
        after = after_re.search(text[end:next_start])
        for style, match in ((styles[0], before), (styles[1], after)):
            if match:
                figure = _Figure(Fraction(match.group(1)), match.group(2) == "%")
                style.setdefault(key, []).append(figure)
    count = [sum(len(v) for v in style.values()) for style in styles]
    chosen = styles[1] if count[1] > count[0] else styles[0]
    mentioned = {key for key, _, _ in spans}
    return chosen, mentioned - set(chosen)


def _single(figures: dict[str, list[_Figure]], labels: dict[str, str]) -> str | None:
    """A question when one category was given two different numbers."""
    for key, values in figures.items():
        if len({(f.value, f.percent) for f in values}) > 1:
            shown = " et ".join(fmt(f.value) for f in values)
            return f"J'ai lu deux nombres pour les {labels[key]} ({shown}) : lequel est le bon ?"
    return None


def _de(word: str) -> str:
    """French elision: "de passifs" but "d'insatisfaits"."""
    return f"d'{word}" if word[0] in "aeiouyéèêh" else f"de {word}"


def _deduced(value: Fraction, label: str, whole: Fraction, given: Fraction, percent: bool) -> str:
    if percent:
        return f"J'en déduis {fmt(value)} % {_de(label)} (100 % − {fmt(given)} %).\n"
    return f"J'en déduis {fmt(value)} {label} ({fmt(whole)} − {fmt(given)}).\n"


def _is_int(value: Fraction) -> bool:
    return value.denominator == 1


def _sum_text(values: list[Fraction]) -> str:
    return " + ".join(fmt(v) for v in values) + f" = {fmt(sum(values, Fraction(0)))}"


# --- detection -----------------------------------------------------------------------------

_NPS_CATEGORIES = {
    "promoters": r"\bpromot(?:eur|rice)\w*",
    "passives": r"\bpassi(?:f|fs|ve|ves)\b|\bneutres?\b",
    "detractors": r"\bdetract(?:eur|rice)\w*",
}
_NPS_LABELS = {
    "promoters": "promoteurs",
    "passives": "passifs",
    "detractors": "détracteurs",
}
_CSAT_CATEGORIES = {
    "tres_insatisfait": r"\b(?:tres (?:insatisfait|mecontent)\w*|pas du tout satisfait\w*)",
    "tres_satisfait": r"\btres (?:satisfait|content)\w*",
    "insatisfait": r"\b(?:insatisfait\w*|pas satisfait\w*|mecontent\w*|peu satisfait\w*)",
    "satisfait": r"\b(?:(?:plutot|assez) )?(?:satisfait|content)\w*",
}
_CSAT_LABELS = {
    "tres_satisfait": "très satisfaits",
    "satisfait": "satisfaits",
    "insatisfait": "insatisfaits",
    "tres_insatisfait": "très insatisfaits",
}


def detect_topic(text: str) -> Topic | None:
    """Which indicator the student asks for, None when unclear or several."""
    plain = _prepare(text)
    if re.search(r"\bannexe 7\b", plain):
        return "annexe7"
    explicit: set[Topic] = set()
    if re.search(r"\bnps\b|net promoter", plain):
        explicit.add("nps")
    if re.search(r"\bcsat\b|customer satisfaction", plain):
        explicit.add("csat")
    # "ces" is also a French word ("ces notes"): only the acronym or "le CES" count.
    if re.search(r"\bCES\b", text) or re.search(
        r"\b(?:le|du|un|mon|notre) ces\b|customer effort", plain
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


# --- NPS -------------------------------------------------------------------------------------


def _nps(text: str) -> FiguresReply:
    total, text, conflict = _take_total(text)
    if conflict:
        return _question("nps", conflict)
    figures, unnumbered = _assign(text, _NPS_CATEGORIES)
    if not figures and not unnumbered:
        return _nps_from_notes(text, total)
    if problem := _single(figures, _NPS_LABELS):
        return _question("nps", problem)
    values = {key: f[0] for key, f in figures.items()}
    kinds = {f.percent for f in values.values()}
    if len(kinds) > 1:
        return _question(
            "nps",
            "Certains chiffres sont en % et d'autres en nombres de réponses : "
            "donnez-les tous de la même façon.",
        )
    percent = kinds == {True} or bool(re.search(r"\ben (?:%|pourcentages?)", text))
    numbers = {key: f.value for key, f in values.items()}
    whole = Fraction(100) if percent else total
    unit = " %" if percent else ""
    if percent and (over := [k for k, v in numbers.items() if v > 100]):
        return _question(
            "nps",
            f"Un pourcentage ne peut pas dépasser 100 % ({_NPS_LABELS[over[0]]} : "
            f"{fmt(numbers[over[0]])} %). Pouvez-vous vérifier ?",
        )
    if not percent and (bad := [k for k, v in numbers.items() if not _is_int(v)]):
        return _question(
            "nps",
            f"Un nombre de réponses est entier ({_NPS_LABELS[bad[0]]} : {fmt(numbers[bad[0]])}). "
            "S'agit-il de pourcentages ? Ajoutez alors le signe %.",
        )
    missing = [key for key in _NPS_CATEGORIES if key not in numbers]
    given = sum(numbers.values(), Fraction(0))
    note = ""
    if whole is not None and given > whole:  # rounding never exceeds 100 %
        return _question(
            "nps",
            f"Les catégories font {_sum_text(list(numbers.values()))}{unit}, plus que "
            f"{'100 %' if percent else f'les {fmt(whole)} réponses annoncées'}. "
            "Quel chiffre dois-je corriger ?",
        )
    if (
        whole is not None
        and not missing
        and abs(given - whole) > (PERCENT_TOLERANCE if percent else 0)
    ):
        return _question(
            "nps",
            f"Les trois catégories font {_sum_text(list(numbers.values()))}{unit}, mais "
            + ("le total doit faire 100 %" if percent else f"vous annoncez {fmt(whole)} réponses")
            + ". Quel chiffre dois-je corriger ?",
        )
    if len(missing) == 1 and whole is not None:
        key = missing[0]
        numbers[key] = whole - given
        if not (percent and key == "passives"):  # the explanation already shows them
            note = _deduced(numbers[key], _NPS_LABELS[key], whole, given, percent)
        missing = []
    if percent:
        if "promoters" in missing or "detractors" in missing:
            return _question("nps", _ask_missing_nps(missing, percent=True))
        return FiguresReply(
            "nps",
            note
            + explain_nps_percentages(float(numbers["promoters"]), float(numbers["detractors"])),
            True,
        )
    if missing:
        return _question("nps", _ask_missing_nps(missing, percent=False))
    p, pa, d = (int(numbers[k]) for k in ("promoters", "passives", "detractors"))
    if p + pa + d == 0:
        return _question(
            "nps",
            "Toutes les catégories sont à 0 : il n'y a aucune réponse à calculer.",
        )
    return FiguresReply("nps", note + explain_nps(p, pa, d), True)


def _ask_missing_nps(missing: list[str], *, percent: bool) -> str:
    names = " et ".join(
        {
            "promoters": "de promoteurs (notes 9-10)",
            "passives": "de passifs (notes 7-8)",
            "detractors": "de détracteurs (notes 0-6)",
        }[key]
        for key in missing
    )
    if percent:
        return (
            f"Quel est le pourcentage {names} ? "
            "Il me faut au moins les promoteurs et les détracteurs."
        )
    return (
        f"Combien y a-t-il {names} ? Sans cela je ne connais pas le nombre total de réponses "
        "(vous pouvez aussi me donner ce total, ou des pourcentages)."
    )


def _nps_from_notes(text: str, total: Fraction | None) -> FiguresReply:
    """NPS from individual 0-10 notes ("NPS avec les notes 9, 10, 7 et 3")."""
    text = re.sub(r"\b(?:de )?0 a 10\b|\bsur 10\b|/10\b", " ", text)
    notes = [Fraction(n) for n in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?", text)]
    if not notes:
        return _question(
            "nps",
            "Donnez-moi les chiffres, par exemple « 45 promoteurs, 35 passifs et 20 "
            "détracteurs », « 60 % de promoteurs et 25 % de détracteurs » ou les notes de 0 à 10.",
        )
    if bad := [n for n in notes if not _is_int(n) or not 0 <= n <= 10]:
        return _question(
            "nps",
            f"La note {fmt(bad[0])} n'est pas sur l'échelle du NPS (entiers de 0 à 10). "
            "Pouvez-vous la corriger ?",
        )
    if total is not None and total != len(notes):
        return _question(
            "nps",
            f"Vous annoncez {fmt(total)} réponses mais je lis {len(notes)} notes : "
            "lesquelles manquent ?",
        )
    p = sum(1 for n in notes if n >= 9)
    pa = sum(1 for n in notes if 7 <= n <= 8)
    d = len(notes) - p - pa
    intro = (
        f"Classement des {len(notes)} notes : {p} promoteur{'s' if p > 1 else ''} (9-10), "
        f"{pa} passif{'s' if pa > 1 else ''} (7-8), {d} détracteur{'s' if d > 1 else ''} (0-6).\n"
    )
    return FiguresReply("nps", intro + explain_nps(p, pa, d), True)


# --- CSAT ------------------------------------------------------------------------------------


def _csat(text: str) -> FiguresReply:
    total, text, conflict = _take_total(text)
    if conflict:
        return _question("csat", conflict)
    figures, _ = _assign(text, _CSAT_CATEGORIES)
    if not figures:
        return _question(
            "csat",
            "Donnez-moi la répartition des réponses, par exemple « sur 200 réponses, 90 très "
            "satisfaits, 50 satisfaits, 40 insatisfaits et 20 très insatisfaits » ou « 40 % "
            "de très satisfaits et 30 % de satisfaits ».",
        )
    if problem := _single(figures, _CSAT_LABELS):
        return _question("csat", problem)
    values = {key: f[0] for key, f in figures.items()}
    kinds = {f.percent for f in values.values()}
    if len(kinds) > 1:
        return _question(
            "csat",
            "Certains chiffres sont en % et d'autres en nombres de réponses : "
            "donnez-les tous de la même façon.",
        )
    percent = kinds == {True} or bool(re.search(r"\ben (?:%|pourcentages?)", text))
    numbers = {key: f.value for key, f in values.items()}
    whole = Fraction(100) if percent else total
    unit = " %" if percent else ""
    tolerance = PERCENT_TOLERANCE if percent else Fraction(0)
    if percent and (over := [k for k, v in numbers.items() if v > 100]):
        return _question(
            "csat",
            f"Un pourcentage ne peut pas dépasser 100 % ({_CSAT_LABELS[over[0]]} : "
            f"{fmt(numbers[over[0]])} %). Pouvez-vous vérifier ?",
        )
    if not percent and (bad := [k for k, v in numbers.items() if not _is_int(v)]):
        return _question(
            "csat",
            f"Un nombre de réponses est entier ({_CSAT_LABELS[bad[0]]} : {fmt(numbers[bad[0]])}). "
            "S'agit-il de pourcentages ? Ajoutez alors le signe %.",
        )
    ordered = [key for key in _CSAT_LABELS if key in numbers]
    given = sum(numbers.values(), Fraction(0))
    missing = [key for key in _CSAT_LABELS if key not in numbers]
    shown = _sum_text([numbers[k] for k in ordered])
    if whole is not None and given > whole:  # rounding never exceeds 100 %
        limit = "100 %" if percent else f"les {fmt(whole)} réponses annoncées"
        return _question(
            "csat",
            f"Les catégories font {shown}{unit}, plus que {limit}. Quel chiffre dois-je corriger ?",
        )
    if whole is not None and not missing and abs(given - whole) > tolerance:
        expected = (
            "le total doit faire 100 %" if percent else f"vous annoncez {fmt(whole)} réponses"
        )
        return _question(
            "csat",
            f"Les quatre catégories font {shown}{unit}, mais {expected}. "
            "Quel chiffre dois-je corriger ?",
        )
    note = ""
    if whole is not None and len(missing) == 1:
        key = missing[0]
        numbers[key] = whole - given
        note = _deduced(numbers[key], _CSAT_LABELS[key], whole, given, percent)
        missing = []
    satisfied_missing = [k for k in ("tres_satisfait", "satisfait") if k in missing]
    if satisfied_missing:
        names = " et ".join(_de(_CSAT_LABELS[k]) for k in satisfied_missing)
        return _question(
            "csat",
            f"Combien y a-t-il {names} ? Le CSAT additionne les « très satisfaits » et les "
            "« satisfaits » (dites 0 s'il n'y en a pas).",
        )
    if missing and whole is None:
        return _question(
            "csat",
            "Sur combien de réponses au total ? Sans ce total (ou le nombre "
            f"{' et '.join(_de(_CSAT_LABELS[k]) for k in missing)}), je ne peux pas "
            "calculer le pourcentage.",
        )
    if (whole if whole is not None else given) == 0:
        return _question("csat", "Il n'y a aucune réponse : le CSAT ne peut pas être calculé.")
    counts = {key: float(value) for key, value in numbers.items()}
    body = explain_csat(
        counts,
        total=None if percent or whole is None else float(whole),
        percentages=percent,
    )
    return FiguresReply("csat", note + body, True)


# --- CES -------------------------------------------------------------------------------------

_CES_COUNT_PATTERNS = (
    # "10 notes de 1", "5 réponses à 3", "3 clients ont mis 2"
    re.compile(
        rf"\b{_NUM}\s+(?:notes?|reponses?|clients?|personnes?|avis|fois)\s+"
        rf"(?:de|a|egales? a|ont (?:mis|donne|note)|avec(?: la note)?|la note)\s+{_NUM}"
    ),
    # "2 fois 3": count first
    re.compile(rf"\b{_NUM}\s+fois\s+(?:la note\s+)?{_NUM}"),
)
_CES_NOTE_FIRST = re.compile(
    rf"\b(?:la )?note\s+{_NUM}\s*(?:=|-|a ete donnee|donnee)?\s*{_NUM}\s+"
    r"(?:fois|reponses?|clients?)\b"
)


def _ces(text: str) -> FiguresReply:
    total, text, conflict = _take_total(text)
    if conflict:
        return _question("ces", conflict)
    # The scale itself is not data: "de 1 à 5", "sur 5", "/5".
    text = re.sub(r"\b(?:de |entre )?1 (?:a|et) [57]\b|\bsur [57]\b|/[57]\b", " ", text)
    if "%" in text:
        return _question(
            "ces",
            "Pour le CES, donnez-moi les notes ou le nombre de réponses par note (de 1 à 5), "
            "par exemple « 10 notes de 1 et 5 notes de 3 », plutôt que des pourcentages.",
        )
    counts: Counter[Fraction] = Counter()
    pairs: list[tuple[Fraction, Fraction]] = []
    for pattern in _CES_COUNT_PATTERNS:
        pairs += [(Fraction(m.group(1)), Fraction(m.group(2))) for m in pattern.finditer(text)]
        text = pattern.sub(" ", text)
    pairs += [(Fraction(m.group(2)), Fraction(m.group(1))) for m in _CES_NOTE_FIRST.finditer(text)]
    text = _CES_NOTE_FIRST.sub(" ", text)
    text = re.sub(r"\bces\b", " ", text)
    leftovers = [Fraction(n) for n in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?", text)]
    if pairs and leftovers:
        return _question(
            "ces",
            f"Je ne sais pas à quoi correspond {fmt(leftovers[0])} : donnez chaque note avec son "
            "nombre de réponses, par exemple « 10 notes de 1 et 5 notes de 3 ».",
        )
    if pairs:
        for count, note in pairs:
            if not _is_int(count) or count <= 0:
                return _question(
                    "ces",
                    f"Le nombre de réponses {fmt(count)} doit être un entier positif.",
                )
            counts[note] += int(count)
    else:
        counts.update(leftovers)
    if not counts:
        return _question(
            "ces",
            "Donnez-moi les notes d'effort (de 1 à 5), par exemple « les notes sont 1, 2, 2, 3 "
            "et 5 » ou « 10 notes de 1 et 5 notes de 3 ».",
        )
    if fractional := sorted(n for n in counts if not _is_int(n)):
        return _question(
            "ces",
            f"La note {fmt(fractional[0])} n'est pas un entier de 1 à 5. S'il s'agit de deux "
            "notes, séparez-les par une virgule et une espace (« 1, 2 »).",
        )
    if bad := sorted(n for n in counts if not 1 <= n <= 5):
        return _question(
            "ces",
            f"La note {fmt(bad[0])} est hors de l'échelle du CES, de 1 (effort très faible) à 5 "
            "(effort élevé). Pouvez-vous la corriger ?",
        )
    responses = sum(counts.values())
    if total is not None and total != responses:
        return _question(
            "ces",
            f"Vous annoncez {fmt(total)} réponses mais je compte {responses} notes : "
            "pouvez-vous vérifier ?",
        )
    scores = [int(note) for note, count in sorted(counts.items()) for _ in range(count)]
    return FiguresReply("ces", explain_ces(scores), True)


# --- entry points ----------------------------------------------------------------------------


def compute_from_text(text: str) -> FiguresReply:
    """Reads a student's figures and returns the computation or a question (French)."""
    topic = detect_topic(text)
    try:
        return _compute(topic, text)
    except ValueError as error:  # a combination the checks above did not foresee
        return _question(topic, f"Ces chiffres ne permettent pas le calcul : {error}")


def _compute(topic: Topic | None, text: str) -> FiguresReply:
    plain = _prepare(text)
    if topic == "annexe7":
        return FiguresReply("annexe7", annexe7(), True)
    if topic == "nps":
        return _nps(plain)
    if topic == "csat":
        return _csat(plain)
    if topic == "ces":
        return _ces(plain)
    return _question(
        None,
        "Quel indicateur voulez-vous calculer : le NPS (recommandation), le CSAT (satisfaction) "
        "ou le CES (effort) ? Donnez-moi aussi les chiffres.",
    )


def annexe7() -> str:
    """What survives of annexe 7 (Climatech survey) and what it allows to compute (French)."""
    c = ANNEXE7_Q2_COUNTS
    total = sum(c.values())
    weighted = sum(note * count for note, count in c.items())
    return "\n".join(
        [
            (
                "Annexe 7 (enquête auprès des clients de Climatech le mois dernier) : le document "
                "est incomplet, ses tableaux ont été en partie perdus."
            ),
            (
                "- Question 1 (recommandation, « sur une échelle de 1 à 10 ») : l'énoncé est là, "
                "mais aucun nombre de réponses n'a survécu. Le NPS ne peut donc pas être calculé "
                "(et le NPS se mesure normalement de 0 à 10)."
            ),
            (
                "- Question 2 : son libellé est perdu ; il reste le tableau « Note de 1 à 4 » avec "
                f"les effectifs : note 1 : {c[1]}, note 2 : {c[2]}, note 3 : {c[3]}, "
                f"note 4 : {c[4]}, "
                f"soit {total} réponses. Quatre niveaux, comme l'échelle du CSAT (très satisfait, "
                "satisfait, insatisfait, très insatisfait)."
            ),
            (
                "- Question 3 (navigation sur le site, échelle de 5 à 1 ; plus la note est forte, "
                "plus l'effort est important) : seuls les libellés des avis survivent (de « Pas du "
                "tout d'accord » à « Tout à fait d'accord »), sans effectifs : le CES ne peut pas "
                "être calculé."
            ),
            "Ce que permettent les chiffres de la question 2 :",
            (
                f"- Moyenne : (1 × {c[1]} + 2 × {c[2]} + 3 × {c[3]} + 4 × {c[4]}) / {total} "
                f"= {weighted} / {total} = {fmt(Fraction(weighted, total))}."
            ),
            "- Le document ne dit pas dans quel sens va l'échelle : il faut poser une hypothèse.",
            (
                f"- Si 1 = très satisfait et 4 = très insatisfait (l'ordre de l'annexe 6) : CSAT = "
                f"({c[1]} + {c[2]}) / {total} = {fmt(Fraction(100 * (c[1] + c[2]), total))} % de "
                "clients satisfaits ou très satisfaits ; la moyenne de "
                f"{fmt(Fraction(weighted, total))} indique des clients plutôt satisfaits."
            ),
            (
                f"- Si au contraire 1 = très insatisfait et 4 = très satisfait : CSAT = "
                f"({c[3]} + {c[4]}) / {total} = {fmt(Fraction(100 * (c[3] + c[4]), total))} %, "
                f"et {fmt(Fraction(100 * (c[1] + c[2]), total))} % de clients insatisfaits : "
                "la conclusion s'inverse."
            ),
        ]
    )
