"""Product adviser: recommends catalogue models for a home, with a French reason for each.

Sizing rule (a rule of thumb, stated to the customer as an estimate):
    power needed (kW) = surface (m²) × W/m² for the insulation / 1000
with 60 W/m² for a well insulated home (recent, BBC), 80 W/m² for an average one and
110 W/m² for a poorly insulated one. The same figure sizes heating and cooling, which
keeps the rule simple and errs on the safe side for cooling in Brittany.
A model fits when its power (heating, or cooling for air conditioning only) reaches the
need; in each family the smallest model that fits is proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from logic.knowledge import Knowledge, Product, load_knowledge
from logic.text.formatting import format_kw, format_price
from logic.text.matching import normalize
from logic.validators import Validation

WATTS_PER_M2 = {"bonne": 60, "moyenne": 80, "faible": 110}
HOUSING = ("maison", "appartement")
NEEDS = ("chauffage", "climatisation", "les_deux")
NEED_LABELS = {
    "chauffage": "le chauffage",
    "climatisation": "la climatisation",
    "les_deux": "le chauffage et la climatisation",
}
MAX_SPLIT_ROOMS = 4  # our multi-splits serve at most four rooms


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
    """A recommended model and the French reason for it."""

    product: Product
    reason: str


@dataclass(frozen=True)
class Advice:
    """The estimated need and up to three recommended models, with a French summary."""

    project: Project
    required_kw: float
    recommendations: tuple[Recommendation, ...]
    text: str


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


def _reason(product: Product, project: Project, need_kw: float, kb: Knowledge) -> str:
    cooling_only = project.need == "climatisation"
    power = product.cooling_kw if cooling_only else product.heating_kw
    mode = "en refroidissement" if cooling_only else "en chauffage"
    rooms = f", {product.indoor_units} unités pour vos {project.rooms} pièces"
    fit = rooms if product.type == "clim_multi_split" else ""
    advice = kb.product_types[product.type].advice
    return (
        f"{product.name} ({product.type_label}) : {format_kw(power or 0)} {mode} pour un besoin "
        f"d'environ {format_kw(need_kw)}{fit} ; {advice}. "
        f"Prix indicatif : {format_price(product.price_eur)}."
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
    return Advice(project, need_kw, tuple(chosen), _advice_text(project, need_kw, chosen))


def _advice_text(project: Project, need_kw: float, chosen: list[Recommendation]) -> str:
    watts = WATTS_PER_M2[project.insulation]
    head = (
        f"Pour {NEED_LABELS[project.need]} de votre {project.housing} de {project.surface_m2} m² "
        f"(isolation {project.insulation}), il faut environ {format_kw(need_kw)} "
        f"({project.surface_m2} m² × {watts} W/m²)."
    )
    if not chosen:
        return (
            f"{head} Aucun modèle de notre catalogue standard ne convient seul : un commercial "
            "doit étudier votre projet. Je peux vous proposer un rendez-vous ou un devis gratuit."
        )
    lines = [head, "Je vous conseille :"]
    lines += [f"• {r.reason}" for r in chosen]
    lines.append(
        "C'est une estimation : un commercial la confirmera lors d'un rendez-vous au showroom "
        "ou d'un devis gratuit."
    )
    return "\n".join(lines)


# --- understanding the customer's answers ------------------------------------------------------


def parse_housing(text: str) -> Validation[str]:
    """ "maison" or "appartement" from a free answer ("un T3", "une longère")."""
    words = normalize(text)
    if re.search(r"\b(appartements?|appart|studio|[tf] ?[1-6]|duplex|immeuble|residence)\b", words):
        return Validation(value="appartement")
    if re.search(r"\b(maisons?|pavillon|longere|villa|plain pied|etage|chalet|ferme)\b", words):
        return Validation(value="maison")
    return Validation(error="Vous habitez une maison ou un appartement ?")


def parse_insulation(text: str) -> Validation[str]:
    """ "bonne", "moyenne" or "faible"; "je ne sais pas" counts as average (moyenne)."""
    words = normalize(text)
    poor = (
        r"\b(mal|faible|mauvaise?|pas isole\w*|peu isole\w*|pas bien|ancienne?|vieille|passoire)\b"
    )
    good = r"\b(bien isole\w*|bonne|tres bien|excellente|recente?|neuve?|bbc|rt ?2012|re ?2020)\b"
    if re.search(poor, words):
        return Validation(value="faible")
    if re.search(good, words):
        return Validation(value="bonne")
    if re.search(r"\b(moyenne?|correcte?|normale?|pas mal|sais pas|aucune idee|bof)\b", words):
        return Validation(value="moyenne")
    return Validation(
        error="Votre logement est-il bien isolé (bonne), moyennement, ou mal isolé (faible) ?"
    )


def parse_need(text: str) -> Validation[str]:
    """ "chauffage", "climatisation" or "les_deux" from a free answer."""
    words = normalize(text)
    heat = re.search(r"\b(chauff\w*|hiver|se chauffer)\b", words)
    cool = re.search(r"\b(clim\w*|rafraichi\w*|frais|fraicheur|ete|canicule|refroidi\w*)\b", words)
    both = re.search(
        r"\b(les deux|deux|toute l annee|ete comme hiver|hiver comme ete|reversible)\b", words
    )
    if both or (heat and cool):
        return Validation(value="les_deux")
    if heat:
        return Validation(value="chauffage")
    if cool:
        return Validation(value="climatisation")
    return Validation(error="Vous cherchez plutôt du chauffage, de la climatisation, ou les deux ?")
