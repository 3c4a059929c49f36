"""NPS, CSAT and CES as the course defines them (annexe 6 of the Climatech case).

Plain Python: the storage, the CLI and the Rasa actions all compute through here, so the
figures the bot states and the ones the dashboard shows cannot drift apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

CSAT_KEYS: tuple[str, ...] = (
    "tres_satisfait",
    "satisfait",
    "insatisfait",
    "tres_insatisfait",
)
CSAT_SATISFIED: frozenset[str] = frozenset({"tres_satisfait", "satisfait"})
CSAT_LABELS: dict[str, str] = {
    "tres_satisfait": "très satisfaits",
    "satisfait": "satisfaits",
    "insatisfait": "insatisfaits",
    "tres_insatisfait": "très insatisfaits",
}
CES_KEYS: tuple[str, ...] = ("1", "2", "3", "4", "5")
NPS_MIN, NPS_MAX = 0, 10
CES_MIN, CES_MAX = 1, 5
# The JSON of issue 4 uses plural keys; the database stores the singular kind.
REQUEST_KEYS: dict[str, str] = {
    "appointment": "appointments",
    "reservation": "reservations",
    "callback": "callbacks",
    "quote": "quotes",
}


# --- rounding and French number formatting -------------------------------------------


def _round1(value: Fraction) -> float:
    """Rounds half away from zero to one decimal (exact, so monotonic in its input)."""
    scaled = abs(value) * 10
    rounded = Fraction(math.floor(scaled + Fraction(1, 2)), 10)
    return float(rounded if value >= 0 else -rounded)


def _percent(part: int | Fraction, whole: int | Fraction) -> float | None:
    """Rounded percentage, None when there is nothing to divide by."""
    if not whole:
        return None
    return _round1(Fraction(part) * 100 / Fraction(whole))


def fmt(value: float | Fraction, *, sign: bool = False) -> str:
    """French display of a number: '2,4', '70', '+20' (at most one decimal)."""
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    number = _round1(exact)
    text = f"{number:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    if text in ("-0", "+0"):
        text = "0"
    if sign and number > 0:
        text = "+" + text
    return text


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NpsResult:
    """NPS from -100 to +100 (None without answers) and its counts."""

    score: float | None
    responses: int
    promoters: int
    passives: int
    detractors: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "responses": self.responses,
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
        }


@dataclass(frozen=True)
class CsatResult:
    """CSAT: % of 'très satisfait' + 'satisfait' (None without answers)."""

    score: float | None
    responses: int
    distribution: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "responses": self.responses,
            "distribution": dict(self.distribution),
        }


@dataclass(frozen=True)
class CesResult:
    """CES: mean effort from 1 to 5, distribution, and % of low / medium / high effort."""

    mean: float | None
    responses: int
    distribution: dict[str, int]
    low: float | None  # notes 1-2
    medium: float | None  # notes 3-4
    high: float | None  # note 5

    def as_dict(self) -> dict[str, Any]:
        """The issue-4 JSON shape (the shares are derivable from the distribution)."""
        return {
            "mean": self.mean,
            "responses": self.responses,
            "distribution": dict(self.distribution),
        }


@dataclass(frozen=True)
class ConversationStats:
    """Conversation counts; handoffs_after_sales = after-sales ones handed to a human."""

    total: int = 0
    after_sales: int = 0
    handoffs: int = 0
    handoffs_after_sales: int = 0

    @property
    def containment_rate(self) -> float | None:
        """% of after-sales conversations the bot solved without a handoff."""
        return _percent(self.after_sales - self.handoffs_after_sales, self.after_sales)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "after_sales": self.after_sales,
            "handoffs": self.handoffs,
            "containment_rate": self.containment_rate,
        }


def conversation_stats(flags: Iterable[tuple[bool, bool]]) -> ConversationStats:
    """Counts from one (after_sales, handoff) pair per conversation."""
    total = after_sales = handoffs = both = 0
    for is_after_sales, handoff in flags:
        total += 1
        after_sales += bool(is_after_sales)
        handoffs += bool(handoff)
        both += bool(is_after_sales and handoff)
    return ConversationStats(total, after_sales, handoffs, both)


# --- the three indicators --------------------------------------------------------------


def _check_int(value: object, low: int, high: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name}: expected an integer from {low} to {high}, got {value!r}")
    return value


def nps_from_counts(promoters: int, passives: int, detractors: int) -> NpsResult:
    """NPS from the three category counts."""
    if min(promoters, passives, detractors) < 0:
        raise ValueError("counts must not be negative")
    total = promoters + passives + detractors
    return NpsResult(
        score=_percent(promoters - detractors, total),
        responses=total,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
    )


def nps(scores: Iterable[int | None]) -> NpsResult:
    """NPS from 0-10 scores: promoters 9-10, passives 7-8, detractors 0-6; None ignored."""
    promoters = passives = detractors = 0
    for score in scores:
        if score is None:
            continue
        value = _check_int(score, NPS_MIN, NPS_MAX, "NPS")
        if value >= 9:
            promoters += 1
        elif value >= 7:
            passives += 1
        else:
            detractors += 1
    return nps_from_counts(promoters, passives, detractors)


def csat_from_counts(counts: Mapping[str, int]) -> CsatResult:
    """CSAT from counts per category (missing categories count 0)."""
    unknown = set(counts) - set(CSAT_KEYS)
    if unknown:
        raise ValueError(f"unknown CSAT categories: {sorted(unknown)}")
    distribution = {key: int(counts.get(key, 0)) for key in CSAT_KEYS}
    if min(distribution.values()) < 0:
        raise ValueError("counts must not be negative")
    total = sum(distribution.values())
    satisfied = sum(distribution[key] for key in CSAT_SATISFIED)
    return CsatResult(_percent(satisfied, total), total, distribution)


def csat(answers: Iterable[str | None]) -> CsatResult:
    """CSAT from answers among CSAT_KEYS; None ignored."""
    counts = Counter(answer for answer in answers if answer is not None)
    return csat_from_counts(counts)


def ces_from_counts(counts: Mapping[int, int] | Mapping[str, int]) -> CesResult:
    """CES from counts per effort note (keys 1..5 as int or str)."""
    distribution = dict.fromkeys(CES_KEYS, 0)
    for note, count in counts.items():
        key = str(note)
        if key not in distribution:
            raise ValueError(f"CES: expected a note from 1 to 5, got {note!r}")
        if count < 0:
            raise ValueError("counts must not be negative")
        distribution[key] += int(count)
    total = sum(distribution.values())
    weighted = sum(int(key) * count for key, count in distribution.items())
    low = distribution["1"] + distribution["2"]
    medium = distribution["3"] + distribution["4"]
    return CesResult(
        mean=_round1(Fraction(weighted, total)) if total else None,
        responses=total,
        distribution=distribution,
        low=_percent(low, total),
        medium=_percent(medium, total),
        high=_percent(distribution["5"], total),
    )


def ces(scores: Iterable[int | None]) -> CesResult:
    """CES from 1-5 effort notes (1 = very low effort); None ignored."""
    counts = Counter(
        _check_int(score, CES_MIN, CES_MAX, "CES") for score in scores if score is not None
    )
    return ces_from_counts(counts)


# --- the issue-4 JSON --------------------------------------------------------------------


def summary(
    nps_scores: Iterable[int | None] = (),
    csat_answers: Iterable[str | None] = (),
    ces_scores: Iterable[int | None] = (),
    conversations: ConversationStats | None = None,
    requests: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The JSON shared by `make indicators` and the dashboard (issue 4), from raw answers.

    `requests` maps a request kind ("appointment", "reservation", "callback", "quote")
    to its count; other kinds are not part of the shape and are ignored.
    """
    counts = requests or {}
    return {
        "nps": nps(nps_scores).as_dict(),
        "csat": csat(csat_answers).as_dict(),
        "ces": ces(ces_scores).as_dict(),
        "conversations": (conversations or ConversationStats()).as_dict(),
        "requests": {plural: int(counts.get(kind, 0)) for kind, plural in REQUEST_KEYS.items()},
    }


# --- interpretation, as the course reads the indicators ----------------------------------


def interpret_nps(result: NpsResult) -> str:
    """One French line: a good NPS is positive."""
    if result.score is None:
        return "NPS : pas encore de réponse, il ne peut pas être calculé."
    head = (
        f"NPS de {fmt(result.score, sign=True)} sur {result.responses} réponse"
        f"{'s' if result.responses > 1 else ''}"
    )
    if result.score > 0:
        return f"{head} : positif, donc bon (plus de promoteurs que de détracteurs)."
    if result.score < 0:
        return (
            f"{head} : négatif, plus de détracteurs que de promoteurs, "
            "l'expérience client est à améliorer."
        )
    return f"{head} : nul, autant de détracteurs que de promoteurs ; un bon NPS est positif."


def interpret_csat(result: CsatResult) -> str:
    """One French line: the share of satisfied customers."""
    if result.score is None:
        return "CSAT : pas encore de réponse, il ne peut pas être calculé."
    share = "plus de la moitié" if result.score > 50 else "au plus la moitié"
    return (
        f"CSAT de {fmt(result.score)} % : {share} des clients interrogés se disent "
        f"satisfaits ou très satisfaits ({fmt(100 - result.score)} % d'insatisfaits)."
    )


def ces_level(mean: float) -> str:
    """Effort level of a 1-5 mean, with the course's bands (1-2 low, 3-4 medium, 5 high)."""
    if mean < 2.5:
        return "faible"
    if mean < 4.5:
        return "moyen"
    return "élevé"


def interpret_ces(result: CesResult) -> str:
    """One French line: a high CES means effort, hence dissatisfied customers."""
    if result.mean is None or result.low is None or result.medium is None:
        return "CES : pas encore de réponse, il ne peut pas être calculé."
    level = ces_level(result.mean)
    consequence = {
        "faible": "peu d'effort demandé, bon signe pour la satisfaction",
        "moyen": "un effort sensible, à réduire pour éviter l'insatisfaction",
        "élevé": "trop d'effort : ces clients sont insatisfaits et risquent de déconseiller "
        "l'entreprise",
    }[level]
    return (
        f"CES moyen de {fmt(result.mean)} sur 5 : effort {level} ({consequence}) ; "
        f"effort faible {fmt(result.low)} %, moyen {fmt(result.medium)} %, "
        f"élevé {fmt(result.high or 0)} %."
    )


def interpretation(data: Mapping[str, Any]) -> list[str]:
    """The three French lines (NPS, CSAT, CES) for a summary() dict."""
    n, c, e = data["nps"], data["csat"], data["ces"]
    return [
        interpret_nps(nps_from_counts(n["promoters"], n["passives"], n["detractors"])),
        interpret_csat(csat_from_counts(c["distribution"])),
        interpret_ces(ces_from_counts(e["distribution"])),
    ]


# --- step-by-step explanations for students -----------------------------------------------


def explain_nps(promoters: int, passives: int, detractors: int) -> str:
    """The NPS computed step by step from category counts (French)."""
    if min(promoters, passives, detractors) < 0:
        raise ValueError("Les effectifs ne peuvent pas être négatifs.")
    total = promoters + passives + detractors
    lines = [
        "Calcul du NPS (Net Promoter Score)",
        (
            "Formule : NPS = % de promoteurs (notes 9-10) − % de détracteurs (notes 0-6). "
            "Les passifs (7-8) comptent dans le total mais pas dans la formule."
        ),
    ]
    if total == 0:
        return "\n".join([*lines, "Aucune réponse : le NPS ne peut pas être calculé."])
    result = nps_from_counts(promoters, passives, detractors)
    p = Fraction(promoters * 100, total)
    d = Fraction(detractors * 100, total)
    lines += [
        f"1. Total des réponses : {promoters} + {passives} + {detractors} = {total}.",
        f"2. % de promoteurs : {promoters} / {total} × 100 = {fmt(p)} %.",
        f"3. % de détracteurs : {detractors} / {total} × 100 = {fmt(d)} %.",
        f"4. NPS = {fmt(p)} − {fmt(d)} = {fmt(result.score or 0, sign=True)}.",
        interpret_nps(result),
    ]
    return "\n".join(lines)


def explain_nps_percentages(promoters: float, detractors: float) -> str:
    """The NPS step by step from percentages of promoters and detractors (French)."""
    if promoters < 0 or detractors < 0 or promoters + detractors > 100:
        raise ValueError("Les pourcentages doivent être positifs et totaliser au plus 100 %.")
    p, d = Fraction(str(promoters)), Fraction(str(detractors))
    score = _round1(p - d)
    lines = [
        "Calcul du NPS (Net Promoter Score)",
        "Formule : NPS = % de promoteurs (notes 9-10) − % de détracteurs (notes 0-6).",
        (
            f"1. Promoteurs : {fmt(p)} % ; détracteurs : {fmt(d)} % ; "
            f"passifs (7-8) : 100 − {fmt(p)} − {fmt(d)} = {fmt(100 - p - d)} % (hors formule)."
        ),
        f"2. NPS = {fmt(p)} − {fmt(d)} = {fmt(score, sign=True)}.",
    ]
    if score > 0:
        lines.append("Le NPS est positif : il est bon.")
    elif score < 0:
        lines.append("Le NPS est négatif : plus de détracteurs que de promoteurs, à améliorer.")
    else:
        lines.append("Le NPS est nul : un bon NPS doit être positif.")
    return "\n".join(lines)


def explain_csat(
    counts: Mapping[str, float],
    total: float | None = None,
    *,
    percentages: bool = False,
) -> str:
    """The CSAT step by step from counts (or percentages) per category (French).

    Categories missing from `counts` are unknown; with `total`, the remainder is shown as
    the other answers. `percentages=True` means the values are % (total = 100).
    """
    unknown = set(counts) - set(CSAT_KEYS)
    if unknown:
        raise ValueError(f"Catégories inconnues : {sorted(unknown)}")
    values = {key: Fraction(str(counts[key])) for key in CSAT_KEYS if key in counts}
    if any(v < 0 for v in values.values()):
        raise ValueError("Les effectifs ne peuvent pas être négatifs.")
    given = sum(values.values(), Fraction(0))
    whole = Fraction(100) if percentages else Fraction(str(total)) if total is not None else given
    if given > whole:
        raise ValueError(f"Le total des catégories ({fmt(given)}) dépasse {fmt(whole)}.")
    unit = " %" if percentages else ""
    lines = [
        "Calcul du CSAT (Customer Satisfaction score)",
        "Formule : CSAT = % de « très satisfaits » + % de « satisfaits ».",
    ]
    if whole == 0:
        return "\n".join([*lines, "Aucune réponse : le CSAT ne peut pas être calculé."])
    detail = " ; ".join(f"{CSAT_LABELS[key]} : {fmt(v)}{unit}" for key, v in values.items())
    rest = whole - given
    if rest:
        detail += f" ; autres réponses (insatisfaites) : {fmt(rest)}{unit}"
    lines.append(f"1. Réponses ({fmt(whole)}{unit} au total) : {detail}.")
    satisfied_parts = [
        values.get("tres_satisfait", Fraction(0)),
        values.get("satisfait", Fraction(0)),
    ]
    satisfied = sum(satisfied_parts, Fraction(0))
    score = _round1(satisfied * 100 / whole)
    if percentages:
        lines.append(
            f"2. CSAT = {fmt(satisfied_parts[0])} % + {fmt(satisfied_parts[1])} % = {fmt(score)} %."
        )
    else:
        lines += [
            (
                f"2. Clients satisfaits : {fmt(satisfied_parts[0])} + {fmt(satisfied_parts[1])} "
                f"= {fmt(satisfied)}."
            ),
            f"3. CSAT = {fmt(satisfied)} / {fmt(whole)} × 100 = {fmt(score)} %.",
        ]
    share = "plus de la moitié" if score > 50 else "au plus la moitié"
    lines.append(
        f"Interprétation : {share} des répondants sont satisfaits ou très satisfaits "
        f"({fmt(100 - score)} % ne le sont pas)."
    )
    return "\n".join(lines)


def explain_ces(scores: Iterable[int]) -> str:
    """The CES step by step from individual 1-5 effort notes (French)."""
    result = ces(scores)
    lines = [
        "Calcul du CES (Customer Effort Score)",
        (
            "Formule : CES = somme des notes d'effort / nombre de réponses "
            "(1-2 : effort faible, 3-4 : effort moyen, 5 : effort élevé)."
        ),
    ]
    if result.mean is None:
        return "\n".join([*lines, "Aucune note : le CES ne peut pas être calculé."])
    used = [(int(k), c) for k, c in result.distribution.items() if c]
    terms = " + ".join(f"{count} × {note}" if count > 1 else str(note) for note, count in used)
    weighted = sum(note * count for note, count in used)
    exact = Fraction(weighted, result.responses)
    equals = "=" if exact == Fraction(str(result.mean)) else "≈"
    lines += [
        f"1. Nombre de réponses : {result.responses}.",
        f"2. Somme des notes : {terms} = {weighted}.",
        f"3. CES = {weighted} / {result.responses} {equals} {fmt(result.mean)}.",
        (
            f"4. Répartition : effort faible (1-2) {fmt(result.low or 0)} %, "
            f"moyen (3-4) {fmt(result.medium or 0)} %, élevé (5) {fmt(result.high or 0)} %."
        ),
        (
            f"Interprétation : effort {ces_level(result.mean)} en moyenne. Plus le score est "
            "élevé, plus l'effort est important et plus les clients risquent d'être "
            "insatisfaits et de déconseiller l'entreprise."
        ),
    ]
    return "\n".join(lines)
