"""Product adviser: recommends catalogue models for a home, with the reason for each.

Sizing rule (a rule of thumb, stated to the customer as an estimate):
    power needed (kW) = surface (m²) × W/m² for the insulation / 1000
with 60 W/m² for a well insulated home (recent, BBC), 80 W/m² for an average one and
110 W/m² for a poorly insulated one. The same figure sizes heating and cooling, which
keeps the rule simple and errs on the safe side for cooling in Brittany.
A model fits when its power (heating, or cooling for air conditioning only) reaches the
need; in each family the smallest model that fits is proposed.
Answers are catalogue messages (keys `sav_advice*`, `sav_adviser*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, Product
from logic.results import Listing, Message, MessageCode, Result, failure, message, success
from logic.text.formatting import format_kw, format_price
from logic.text.matching import normalize

# Slot values (also the words shown in the answer): housing, insulation, need.
WATTS_PER_M2 = {"bonne": 60, "moyenne": 80, "faible": 110}
HOUSING = ("maison", "appartement")
NEEDS = ("chauffage", "climatisation", "les_deux")
MAX_SPLIT_ROOMS = 4  # our multi-splits serve at most four rooms


class AdviceCode(MessageCode):
    """What the adviser says."""

    NEED_HEATING = "sav_advice_need_heating"
    NEED_COOLING = "sav_advice_need_cooling"
    NEED_BOTH = "sav_advice_need_both"
    HEAD = "sav_advice_head"
    NOTHING_FITS = "sav_advice_nothing_fits"
    INTRO = "sav_advice_intro"
    BULLET = "sav_bullet"
    ESTIMATE = "sav_advice_estimate"
    REASON = "sav_advice_reason"
    MODE_HEATING = "sav_advice_mode_heating"
    MODE_COOLING = "sav_advice_mode_cooling"
    UNITS = "sav_advice_units"


class AdviserQuestion(MessageCode):
    """Why an answer to the adviser's questions was not understood (asked again)."""

    HOUSING = "sav_adviser_housing"
    INSULATION = "sav_adviser_insulation"
    NEED = "sav_adviser_need"


NEED_LABELS = {
    "chauffage": AdviceCode.NEED_HEATING,
    "climatisation": AdviceCode.NEED_COOLING,
    "les_deux": AdviceCode.NEED_BOTH,
}


@dataclass(frozen=True)
class Project:
    """What the customer told the adviser."""

    housing: str  # "maison" or "appartement"
    surface_m2: int
    rooms: int  # rooms to heat or cool
    insulation: str  # "bonne", "moyenne" or "faible"
    need: str  # "chauffage", "climatisation" or "les_deux"


@dataclass(frozen=True)
class Recommendation:
    """A recommended model and the reason for it."""

    product: Product
    reason: Message


@dataclass(frozen=True)
class Advice:
    """The estimated need and up to three recommended models, with the summary to show."""

    project: Project
    required_kw: float
    recommendations: tuple[Recommendation, ...]
    message: Message | Listing


def required_power_kw(surface_m2: float, insulation: str) -> float:
    """Power needed for `surface_m2` with this insulation (W/m² rule above), to 0.1 kW."""
    if insulation not in WATTS_PER_M2:
        raise ValueError(f"insulation must be one of {sorted(WATTS_PER_M2)}")
    return round(surface_m2 * WATTS_PER_M2[insulation] / 1000, 1)


def _families(project: Project) -> list[str]:
    """Product types worth proposing, in order of preference for this project."""
    house = project.housing == "maison"
    split = "clim_mono_split" if project.rooms == 1 else "clim_multi_split"
    splits = [split] if project.rooms <= MAX_SPLIT_ROOMS else []
    ducted = ["pac_air_air"] if house and (project.rooms >= 3 or project.surface_m2 >= 80) else []
    if project.need == "chauffage":
        return (["pac_air_eau"] if house else []) + ducted + splits
    # Cooling needs a reversible model; many rooms in a house are best served by ducts.
    return ducted + splits if project.rooms > 3 else splits + ducted


def _fits(product: Product, project: Project, need_kw: float) -> bool:
    power = product.cooling_kw if project.need == "climatisation" else product.heating_kw
    if power is None or power < need_kw:
        return False
    if project.need != "chauffage" and not product.reversible:
        return False
    if product.type == "clim_multi_split":
        return product.indoor_units >= project.rooms
    return True


def _reason(product: Product, project: Project, need_kw: float, kb: Knowledge) -> Message:
    cooling_only = project.need == "climatisation"
    power = product.cooling_kw if cooling_only else product.heating_kw
    mode = AdviceCode.MODE_COOLING if cooling_only else AdviceCode.MODE_HEATING
    fit: Message | str = ""
    if product.type == "clim_multi_split":
        fit = message(AdviceCode.UNITS, units=product.indoor_units, rooms=project.rooms)
    return message(
        AdviceCode.REASON,
        name=product.name,
        type_label=product.type_label,
        power=format_kw(power or 0),
        mode=message(mode),
        need=format_kw(need_kw),
        fit=fit,
        advice=kb.product_types[product.type].advice,
        price=format_price(product.price_eur),
    )


def recommend(project: Project, kb: Knowledge | None = None, limit: int = 3) -> Advice:
    """The smallest fitting model of each suitable family, best family first."""
    kb = kb or load_knowledge()
    need_kw = required_power_kw(project.surface_m2, project.insulation)
    chosen: list[Recommendation] = []
    for family in _families(project):
        fitting = [p for p in kb.products if p.type == family and _fits(p, project, need_kw)]
        if fitting:
            best = min(fitting, key=lambda p: (p.heating_kw or 0, p.price_eur))
            chosen.append(Recommendation(best, _reason(best, project, need_kw, kb)))
    chosen = chosen[:limit]
    return Advice(project, need_kw, tuple(chosen), _advice_answer(project, need_kw, chosen))


def _advice_answer(
    project: Project, need_kw: float, chosen: list[Recommendation]
) -> Message | Listing:
    head = message(
        AdviceCode.HEAD,
        need=message(NEED_LABELS[project.need]),
        housing=project.housing,
        surface=project.surface_m2,
        insulation=project.insulation,
        kw=format_kw(need_kw),
        watts=WATTS_PER_M2[project.insulation],
    )
    if not chosen:
        return message(AdviceCode.NOTHING_FITS, head=head)
    lines: list[Message | str] = [head, message(AdviceCode.INTRO)]
    lines += [message(AdviceCode.BULLET, item=r.reason) for r in chosen]
    lines.append(message(AdviceCode.ESTIMATE))
    return Listing(lines)


# --- understanding the customer's answers ------------------------------------------------------


def parse_housing(text: str) -> Result[str]:
    """ "maison" or "appartement" from a free answer ("un T3", "une longère")."""
    words = normalize(text)
    if re.search(r"\b(appartements?|appart|studio|[tf] ?[1-6]|duplex|immeuble|residence)\b", words):
        return success("appartement")
    if re.search(r"\b(maisons?|pavillon|longere|villa|plain pied|etage|chalet|ferme)\b", words):
        return success("maison")
    return failure(AdviserQuestion.HOUSING)


def parse_insulation(text: str) -> Result[str]:
    """ "bonne", "moyenne" or "faible"; "je ne sais pas" counts as average (moyenne)."""
    words = normalize(text)
    poor = (
        r"\b(mal|faible|mauvaise?|pas isole\w*|peu isole\w*|pas bien|ancienne?|vieille|passoire)\b"
    )
    good = r"\b(bien isole\w*|bonne|tres bien|excellente|recente?|neuve?|bbc|rt ?2012|re ?2020)\b"
    if re.search(poor, words):
        return success("faible")
    if re.search(good, words):
        return success("bonne")
    if re.search(r"\b(moyenne?|correcte?|normale?|pas mal|sais pas|aucune idee|bof)\b", words):
        return success("moyenne")
    return failure(AdviserQuestion.INSULATION)


def parse_need(text: str) -> Result[str]:
    """ "chauffage", "climatisation" or "les_deux" from a free answer."""
    words = normalize(text)
    heat = re.search(r"\b(chauff\w*|hiver|se chauffer)\b", words)
    cool = re.search(r"\b(clim\w*|rafraichi\w*|frais|fraicheur|ete|canicule|refroidi\w*)\b", words)
    both = re.search(
        r"\b(les deux|deux|toute l annee|ete comme hiver|hiver comme ete|reversible)\b", words
    )
    if both or (heat and cool):
        return success("les_deux")
    if heat:
        return success("chauffage")
    if cool:
        return success("climatisation")
    return failure(AdviserQuestion.NEED)
