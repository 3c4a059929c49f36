"""Product specifications: which one a question asks for, the answer, the card, comparisons.

Answers are catalogue messages (keys `sav_spec*`, `sav_card*`, `sav_compare*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, Product
from logic.climatech.products import named_products, search_products
from logic.results import Listing, Message, MessageCode, message
from logic.text.formatting import format_kw, format_number, format_price, join_words
from logic.text.matching import normalize, similarity

SPECS = ("puissance", "bruit", "performance", "surface", "prix", "fiche")
SPEC_PATTERNS = {
    "bruit": r"\b(bruit|bruyante?s?|niveau sonore|sonore|decibels?|db|silencieu(?:x|se)s?)\b",
    "performance": (
        r"\b(scop|seer|cop|rendement|performances?|efficacite|consomm\w*|classe energetique)\b"
    ),
    "puissance": r"\b(puissance|puissante?s?|kw|kilowatts?|watts?)\b",
    "surface": r"\b(surface|m 2|metres? carres?|superficie|combien de pieces)\b",
    "prix": r"\b(prix|tarifs?|coute?s?|cout|cher|combien|euros?)\b",
    "fiche": (
        r"\b(fiches? techniques?|fiche|documentation|notice|pdf|caracteristiques|specifications)\b"
    ),
}
# Close spellings of these words name a spec too ("puisance", "bruyt").
FUZZY_SPECS = {
    "puissance": "puissance",
    "bruit": "bruit",
    "sonore": "bruit",
    "rendement": "performance",
}
NO_VALUE = "—"


class SpecCode(MessageCode):
    """What the bot says about a product's specifications."""

    THE = "sav_spec_the"
    THE_ELIDED = "sav_spec_the_elided"
    THE_START = "sav_spec_the_start"
    THE_ELIDED_START = "sav_spec_the_elided_start"
    HEATING_ONLY = "sav_spec_heating_only"
    POWER = "sav_spec_power"
    NOISE = "sav_spec_noise"
    SCOP = "sav_spec_scop"
    SEER = "sav_spec_seer"
    PERFORMANCE = "sav_spec_performance"
    SURFACE = "sav_spec_surface"
    PRICE = "sav_spec_price"
    DATASHEET = "sav_spec_datasheet"
    WHICH_MODEL = "sav_spec_which_model"
    CARD_HEAD = "sav_card_head"
    CARD_ROW = "sav_card_row"
    SURFACE_RANGE = "sav_card_surface_range"
    COMPARE_HEAD = "sav_compare_head"
    COMPARE_ROW = "sav_compare_row"
    QUIETEST = "sav_compare_quietest"
    STRONGEST = "sav_compare_strongest"
    CHEAPEST = "sav_compare_cheapest"


class Row(MessageCode):
    """Labels of the rows of a product card."""

    TYPE = "sav_row_type"
    HEATING = "sav_row_heating"
    COOLING = "sav_row_cooling"
    SURFACE = "sav_row_surface"
    SCOP = "sav_row_scop"
    SEER = "sav_row_seer"
    NOISE_INDOOR = "sav_row_noise_indoor"
    NOISE_OUTDOOR = "sav_row_noise_outdoor"
    PRICE = "sav_row_price"
    DATASHEET = "sav_row_datasheet"


Value = Message | str


@dataclass(frozen=True)
class SpecAnswer:
    """The answer to a specification question, with what was understood."""

    products: tuple[Product, ...]
    spec: str | None  # one of SPECS, None for the whole card
    message: Message | Listing

    @property
    def found(self) -> bool:
        return bool(self.products)


@dataclass(frozen=True)
class Comparison:
    """Two products side by side: (label, first value, second value) rows and the answer."""

    first: Product
    second: Product
    rows: tuple[tuple[Row, Value, Value], ...]
    message: Listing


def detect_spec(text: str) -> str | None:
    """Which specification the question is about (see SPECS), typos tolerated."""
    words = normalize(text)
    for spec, pattern in SPEC_PATTERNS.items():
        if re.search(pattern, words):
            return spec
    for word in words.split():
        for target, spec in FUZZY_SPECS.items():
            if similarity(word, target) >= 0.8:
                return spec
    return None


def the_product(product: Product, start: bool = False) -> Message:
    """ "l'Aria 25" (or "L'Aria 25" to start a sentence): the article the name takes."""
    elided = normalize(product.name)[:1] in "aeiouyh"
    codes = {
        (True, False): SpecCode.THE_ELIDED,
        (True, True): SpecCode.THE_ELIDED_START,
        (False, False): SpecCode.THE,
        (False, True): SpecCode.THE_START,
    }
    return message(codes[elided, start], name=product.name)


def spec_message(
    product: Product, spec: str | None, kb: Knowledge | None = None
) -> Message | Listing:
    """The answer giving `spec` of `product` (None: the whole product card)."""
    kb = kb or load_knowledge()
    the, start = the_product(product), the_product(product, start=True)
    heating = format_kw(product.heating_kw or 0)
    if spec == "puissance":
        if product.cooling_kw is None:
            return message(
                SpecCode.HEATING_ONLY, the=start, heating=heating, type_label=product.type_label
            )
        return message(
            SpecCode.POWER, the=start, heating=heating, cooling=format_kw(product.cooling_kw)
        )
    if spec == "bruit":
        return message(
            SpecCode.NOISE,
            the=the,
            indoor=product.noise_indoor_dba,
            outdoor=product.noise_outdoor_dba,
        )
    if spec == "performance":
        figures: list[Message | str] = []
        if product.scop:
            figures.append(message(SpecCode.SCOP, scop=format_number(product.scop)))
        if product.seer:
            figures.append(message(SpecCode.SEER, seer=format_number(product.seer)))
        example = format_number(product.scop) if product.scop else ""
        return message(
            SpecCode.PERFORMANCE, the=start, figures=Listing(figures, "words"), example=example
        )
    if spec == "surface":
        return message(
            SpecCode.SURFACE, the=start, low=product.surface_min_m2, high=product.surface_max_m2
        )
    if spec == "prix":
        price = format_price(product.price_eur)
        return message(SpecCode.PRICE, the=start, price=price, note=kb.price_note)
    if spec == "fiche":
        return message(
            SpecCode.DATASHEET,
            the=the,
            datasheet=product.datasheet,
            website=kb.company.website,
        )
    return product_card(product)


def _rows(product: Product) -> list[tuple[Row, Value]]:
    def optional(value: float | None, unit: str = "") -> str:
        return NO_VALUE if value is None else f"{format_number(value)}{unit}"

    surface = message(
        SpecCode.SURFACE_RANGE, low=product.surface_min_m2, high=product.surface_max_m2
    )
    return [
        (Row.TYPE, product.type_label),
        (Row.HEATING, optional(product.heating_kw, " kW")),
        (Row.COOLING, optional(product.cooling_kw, " kW")),
        (Row.SURFACE, surface),
        (Row.SCOP, optional(product.scop)),
        (Row.SEER, optional(product.seer)),
        (Row.NOISE_INDOOR, f"{product.noise_indoor_dba} dB(A)"),
        (Row.NOISE_OUTDOOR, f"{product.noise_outdoor_dba} dB(A)"),
        (Row.PRICE, format_price(product.price_eur)),
        (Row.DATASHEET, product.datasheet),
    ]


def product_card(product: Product) -> Listing:
    """All the specifications of a product, one per line."""
    head = message(
        SpecCode.CARD_HEAD,
        name=product.name,
        type_label=product.type_label,
        description=product.description,
    )
    rows = [
        message(SpecCode.CARD_ROW, label=message(label), value=value)
        for label, value in _rows(product)
    ]
    return Listing([head, *rows])


def compare_products(first: Product, second: Product, kb: Knowledge | None = None) -> Comparison:
    """A side-by-side comparison with the quietest, most powerful and cheapest named."""
    kb = kb or load_knowledge()
    rows = tuple(
        (label, a, b) for (label, a), (_, b) in zip(_rows(first), _rows(second), strict=True)
    )
    lines: list[Message | str] = [
        message(SpecCode.COMPARE_HEAD, first=first.name, second=second.name)
    ]
    lines += [message(SpecCode.COMPARE_ROW, label=message(label), a=a, b=b) for label, a, b in rows]
    pair = (first, second)
    quiet = min(pair, key=lambda p: p.noise_indoor_dba)
    strong = max(pair, key=lambda p: p.heating_kw or 0)
    cheap = min(pair, key=lambda p: p.price_eur)
    if first.noise_indoor_dba != second.noise_indoor_dba:
        lines.append(message(SpecCode.QUIETEST, name=quiet.name, noise=quiet.noise_indoor_dba))
    if first.heating_kw != second.heating_kw:
        power = format_kw(strong.heating_kw or 0)
        lines.append(message(SpecCode.STRONGEST, name=strong.name, power=power))
    if first.price_eur != second.price_eur:
        price = format_price(cheap.price_eur)
        lines.append(message(SpecCode.CHEAPEST, name=cheap.name, price=price, note=kb.price_note))
    return Comparison(first, second, rows, Listing(lines))


def answer_spec_question(
    text: str, kb: Knowledge | None = None, *, asked_before: str | None = None
) -> SpecAnswer:
    """Answers "quelle est la puissance de l'Aria 25 ?" or "comparez Hydra 9 et Hydra 12".

    `asked_before` is the specification of the previous question: "et pour l'Aria 35 ?"
    names only a model, and asks the same thing of it.
    """
    kb = kb or load_knowledge()
    named = named_products(text, kb)
    spec = detect_spec(text) or asked_before
    if not named:
        family = search_products(text, kb)
        choices = [m.product.name for m in family] or [p.name for p in kb.products]
        which = message(SpecCode.WHICH_MODEL, choices=join_words(choices[:6], "ou"))
        return SpecAnswer((), spec, which)
    if len(named) >= 2:
        comparison = compare_products(named[0], named[1], kb)
        return SpecAnswer((named[0], named[1]), spec, comparison.message)
    return SpecAnswer((named[0],), spec, spec_message(named[0], spec, kb))
