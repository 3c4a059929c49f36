"""The home, the need, the model and the part type a message names."""

from __future__ import annotations

import re

from logic.climatech.adviser import parse_housing, parse_insulation, parse_need
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.products import named_products
from logic.climatech.upfront.scan import MARK, contains, unique
from logic.text.matching import similarity, tokens

# The adviser's parsers read an answer to their own question; in a free message their
# wider words mislead ("c'est fermé" is no farm, "bonne journée" no insulation), so only
# plain words are looked for here, then the parser gives the value.
HOUSE = re.compile(r"\b(maisons?|pavillon|longere|villa|chalet|plain pied)\b")
FLAT = re.compile(r"\b(appartements?|appart|studio|duplex|[tf] [1-6])\b")
INSULATED = re.compile(r"((?:[a-z0-9]+ ){0,3})(isol[a-z]*(?: [a-z0-9]+)?)")
LABELLED = re.compile(r"\b(bbc|rt 2012|re 2020|passoire(?: thermique)?)\b")
NOT_INSULATED = re.compile(r"\bpas (?:du tout |tres |vraiment |bien |assez )?isol")
HEATING = re.compile(r"\b(chauffage|chauffer|en hiver|l hiver)\b")
COOLING = re.compile(
    r"\b(climatisation|climatiser|rafraichir|refroidir|rafraichissement|en ete|l ete)\b"
)
BOTH = re.compile(
    r"\b(reversibles?|ete comme hiver|hiver comme ete|toute l annee|chaud et froid)\b"
)
# Part words that mean something else as often ("carte bancaire", "support technique"),
# in the singular.
AMBIGUOUS = frozenset({
    "carte", "support", "traitement", "evacuation", "fixation", "volet", "vase", "bombe",
    "application", "appli", "wifi", "wi fi", "flexible",
})  # fmt: skip


def housing(words: str) -> str | None:
    """ "maison" or "appartement" ("une longère", "un T3"); "à la maison" says nothing."""
    found = [m[1] for m in HOUSE.finditer(words) if not words[: m.start()].endswith("a la ")]
    found += [m[1] for m in FLAT.finditer(words)]
    return unique(parse_housing(word).value for word in found)


def insulation(words: str) -> str | None:
    """ "bonne", "moyenne" or "faible", from the words next to "isolé" or a label (BBC)."""
    found: list[str | None] = [parse_insulation(m[1]).value for m in LABELLED.finditer(words)]
    for match in INSULATED.finditer(words):
        before = match[1].split()
        window = " ".join([*before[-2:], match[2]]).replace("moyennement", "moyenne")
        if NOT_INSULATED.search(" ".join([*before, match[2]])):
            found.append("faible")
        elif "pas" in before:
            found.append(None)  # "pas très bien isolée", "pas mal isolée": no clear answer
        elif (result := parse_insulation(window)).ok:
            found.append(result.value)
    return unique(found)


def need(words: str) -> str | None:
    """ "chauffage", "climatisation" or "les_deux", when the message says what the home needs."""
    heat, cool = HEATING.search(words), COOLING.search(words)
    if not (heat or cool or BOTH.search(words)):
        return None
    wanted = (
        "les_deux"
        if BOTH.search(words) or (heat and cool)
        else "chauffage"
        if heat
        else "climatisation"
    )
    return parse_need(wanted).value


def take_model(words: str, kb: Knowledge) -> tuple[str | None, str]:
    """The one model named ("l'aria 35"), and the words with its number taken out."""
    named = named_products(words, kb)
    for product in named:
        words = _without_number(words, tokens(product.name))
    return (named[0].name if len(named) == 1 else None), words


def _without_number(words: str, name: list[str]) -> str:
    """ "aria 25 filtre" -> "aria qq filtre": the model's number is no quantity."""

    def mark(match: re.Match[str]) -> str:
        named = any(similarity(match[1], word) >= 0.8 for word in name[:-1])
        return f"{match[1]} {MARK}" if named else match.group()

    return re.sub(rf"\b([a-z]+) {re.escape(name[-1])}\b", mark, words)


def part_type(words: str, kb: Knowledge) -> str | None:
    """The label of the one part type named ("filtre", "piles" for "piles de télécommande")."""
    found: dict[str, int] = {}
    present = tokens(words)
    for key, kind in kb.part_types.items():
        for phrase in kind.words:
            wanted = tokens(phrase)
            singular = " ".join(word.rstrip("sx") for word in wanted)
            if singular not in AMBIGUOUS and contains(present, wanted):
                found[key] = max(found.get(key, 0), len(wanted))
    if not found:
        return None
    # The longest phrase is the most specific: "pile de télécommande" names piles.
    longest = max(found.values())
    best = [key for key, length in found.items() if length == longest]
    return kb.part_types[best[0]].label if len(best) == 1 else None
