"""Catalogue look-ups: spare parts by free text or reference, products, specs, comparison.

Free-text search tolerates typos, missing accents and partial names ("télécomande pour
ma PAC", "filtre clim murale aria 25"); results are ranked with a score from 0 to 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches

from logic.knowledge import Knowledge, Part, Product, load_knowledge
from logic.text.formatting import capitalize, format_kw, format_number, format_price, join_words
from logic.text.matching import best_phrase, normalize, similarity, tokens

REFERENCE = re.compile(r"\bCT[\s_-]?([A-Z]{3})[\s_-]?(\d{4})\b", re.IGNORECASE)
PRODUCT_THRESHOLD = 0.75  # a product is named (not just its family) above this score
MIN_TEXT_SCORE = 0.5  # without type nor model, at least half the words must match
RELATIVE_CUT = 0.85  # drop matches far behind the best one (other models of the family)


@dataclass(frozen=True)
class ProductMatch:
    """A product and how well the message names it (0 to 1)."""

    product: Product
    score: float


@dataclass(frozen=True)
class PartMatch:
    """A part and how well it matches the query (0 to 1)."""

    part: Part
    score: float


@dataclass(frozen=True)
class PartSearch:
    """Ranked parts for a free-text query, with a French answer ready to show."""

    query: str
    matches: tuple[PartMatch, ...]
    part_types: tuple[str, ...]  # part type keys understood in the query
    products: tuple[Product, ...]  # products understood in the query, best first
    message: str

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def best(self) -> Part | None:
        return self.matches[0].part if self.matches else None


# --- references ----------------------------------------------------------------------------


def normalize_reference(text: str) -> str | None:
    """ "ct fil 2035", "CTFIL2035" -> "CT-FIL-2035"; None if no reference shape is found."""
    match = REFERENCE.search(text)
    return f"CT-{match[1].upper()}-{match[2]}" if match else None


def find_part(reference: str, kb: Knowledge | None = None) -> Part | None:
    """The part with this exact reference (case, spaces and dashes ignored), or None."""
    kb = kb or load_knowledge()
    wanted = normalize_reference(reference)
    return kb.part(wanted) if wanted else None


# --- products ------------------------------------------------------------------------------


def _name_score(product: Product, words: list[str]) -> float:
    """How fully the product's name appears in `words` (the family word weighs more).

    The family word alone ("aria") gives every model of the family the same 0.6.
    """
    wanted = tokens(product.name)
    found = [max((similarity(w, t) for w in words), default=0.0) for t in wanted]
    if found[0] and not any(found[1:]):
        return 0.6 * found[0]
    weights = [1.5] + [1.0] * (len(wanted) - 1)
    return sum(w * f for w, f in zip(weights, found, strict=True)) / sum(weights)


def _type_scores(words: list[str], kb: Knowledge) -> dict[str, float]:
    """Product type key -> score when the message names a family ("PAC", "clim murale")."""
    scores: dict[str, float] = {}
    for key, kind in kb.product_types.items():
        score, _ = best_phrase(kind.words, words)
        if score:
            scores[key] = max(scores.get(key, 0.0), 0.5 * score)
    for family in kb.families:
        score, _ = best_phrase(family.words, words)
        for key in family.types if score else ():
            scores[key] = max(scores.get(key, 0.0), 0.45 * score)
    return scores


def search_products(
    text: str, kb: Knowledge | None = None, minimum: float = 0.45
) -> list[ProductMatch]:
    """Products named or designated in `text`, best first (name typos tolerated)."""
    kb = kb or load_knowledge()
    words = tokens(text)
    by_type = _type_scores(words, kb)
    found = []
    for product in kb.products:
        score = max(_name_score(product, words), by_type.get(product.type, 0.0))
        if score >= minimum:
            found.append(ProductMatch(product, round(score, 3)))
    return sorted(found, key=lambda m: -m.score)


def _name_forms(kb: Knowledge) -> list[tuple[list[str], Product]]:
    """Full names first (longest first), then short forms ("aeris 10", "duo 50")."""
    full = [(tokens(p.name), p) for p in kb.products]
    short = [([name[i], name[-1]], p) for name, p in full if len(name) == 3 for i in (0, 1)]
    return sorted(full, key=lambda f: -len(f[0])) + short


def named_products(text: str, kb: Knowledge | None = None) -> list[Product]:
    """Products named in `text` ("Aria 25", "l'hidra 9", "hydra 9 ou 12"), in text order."""
    kb = kb or load_knowledge()
    words = tokens(text)
    forms = _name_forms(kb)
    found: list[Product] = []
    family: str | None = None
    index = 0
    while index < len(words):
        for name, product in forms:
            window = words[index : index + len(name)]
            if len(window) == len(name) and all(
                similarity(w, t) >= 0.8 for w, t in zip(window, name, strict=True)
            ):
                found.append(product)
                family, index = name[0], index + len(name)
                break
        else:
            # A bare number after a named model of the same family: "hydra 9 ou 12".
            word = words[index]
            same = [p for n, p in forms if family and word.isdigit() and n == [family, word]]
            found += same[:1]
            index += 1
    return list(dict.fromkeys(found))


def find_product(text: str, kb: Knowledge | None = None) -> Product | None:
    """The single product named in `text`, or None when absent or ambiguous."""
    named = named_products(text, kb)
    return named[0] if len(named) == 1 else None


# --- parts ---------------------------------------------------------------------------------


def _part_type_scores(words: list[str], kb: Knowledge) -> dict[str, float]:
    """Part type key -> score; the most specific phrase found wins ("piles de télécommande")."""
    found = {key: best_phrase(kind.words, words) for key, kind in kb.part_types.items()}
    found = {key: value for key, value in found.items() if value[0] > 0}
    if not found:
        return {}
    longest = max(length for _, length in found.values())
    return {
        key: score if length == longest else score / 2 for key, (score, length) in found.items()
    }


def _vocabulary(part: Part, kb: Knowledge) -> set[str]:
    words = set(tokens(part.designation)) | set(tokens(kb.part_types[part.type].label))
    for phrase in kb.part_types[part.type].words:
        words |= set(tokens(phrase))
    for product_id in part.compatible:
        product = kb.product(product_id)
        if product:
            words |= set(tokens(product.name)) | set(tokens(product.type_label))
    return words


def _text_score(words: list[str], vocabulary: set[str]) -> float:
    if not words:
        return 0.0
    return sum(max((similarity(w, v) for v in vocabulary), default=0.0) for w in words) / len(words)


def search_parts(text: str, kb: Knowledge | None = None, limit: int = 5) -> PartSearch:
    """Parts matching a free-text description or a reference, best first, with a message."""
    kb = kb or load_knowledge()
    reference = normalize_reference(text)
    if reference:
        part = kb.part(reference)
        if part:
            return PartSearch(
                text, (PartMatch(part, 1.0),), (part.type,), (), parts_text([part], kb)
            )
        # A swapped digit is the usual typo: offer the closest real references.
        close = get_close_matches(reference, [p.reference for p in kb.parts], n=3, cutoff=0.85)
        advice = (
            "vérifiez-la sur l'emballage, ou décrivez la pièce : "
            "le modèle de l'appareil et le type de pièce."
        )
        if close:
            advice = f"Vouliez-vous dire {join_words(close, 'ou')} ? Sinon, {advice}"
        message = (
            f"La référence {reference} n'existe pas dans notre catalogue. {capitalize(advice)}"
        )
        return PartSearch(text, (), (), (), message)
    words = tokens(text)
    types = _part_type_scores(words, kb)
    products = {m.product.id: m.score for m in search_products(text, kb)}
    matches = []
    for part in kb.parts:
        components = []
        if types:
            components.append(types.get(part.type, 0.0))
        if products:
            components.append(max((products.get(c, 0.0) for c in part.compatible), default=0.0))
        text_score = _text_score(words, _vocabulary(part, kb))
        if 0.0 in components:
            continue
        if components:
            score = 0.85 * sum(components) / len(components) + 0.15 * text_score
        elif text_score >= MIN_TEXT_SCORE:
            score = text_score * 0.8
        else:
            continue
        matches.append(PartMatch(part, round(score, 3)))
    matches.sort(key=lambda m: (-m.score, not m.part.in_stock, m.part.reference))
    if matches:
        matches = [m for m in matches if m.score >= RELATIVE_CUT * matches[0].score][:limit]
    detected = tuple(kb.product(i) for i in products)
    found_products = tuple(p for p in detected if p is not None)
    type_keys = tuple(sorted(types, key=lambda k: -types[k]))
    message = _search_message(matches, type_keys, found_products, products, kb)
    return PartSearch(text, tuple(matches), type_keys, found_products, message)


def _search_message(
    matches: list[PartMatch],
    types: tuple[str, ...],
    products: tuple[Product, ...],
    scores: dict[str, float],
    kb: Knowledge,
) -> str:
    if matches:
        text = parts_text([m.part for m in matches], kb)
        precise = [p for p in products if scores[p.id] >= PRODUCT_THRESHOLD]
        if len(products) > 1 and not precise:
            text += "\nPrécisez le modèle de votre appareil (par exemple Aria 25) pour affiner."
        return text
    if types and products:
        kind = kb.part_types[types[0]].label
        precise = [p for p in products if scores[p.id] >= PRODUCT_THRESHOLD]
        names = join_words([p.name for p in (precise or list(products))[:3]], "ou")
        return (
            f"Je n'ai pas de pièce de type « {kind} » pour {names}. "
            "Vérifiez le modèle inscrit sur l'étiquette de l'appareil, ou demandez-nous conseil."
        )
    return (
        "Je n'ai trouvé aucune pièce correspondante. Indiquez le modèle de votre appareil "
        "(par exemple Aria 25 ou Hydra 9) et le type de pièce (filtre, télécommande, sonde…), "
        "ou la référence CT-… inscrite sur l'emballage."
    )


def stock_text(part: Part) -> str:
    """ "en stock (12)", "plus que 2 en stock" or "en rupture, de retour sous 5 jours"."""
    if part.stock <= 0:
        delay = f", de retour sous {part.restock_days} jours" if part.restock_days else ""
        return f"en rupture de stock{delay}"
    if part.stock <= 2:
        return f"plus que {part.stock} en stock"
    return f"en stock ({part.stock})"


def part_text(part: Part) -> str:
    """One line: designation, reference, price and stock."""
    price = format_price(part.price_eur)
    return f"{part.designation} : réf. {part.reference}, {price}, {stock_text(part)}."


def parts_text(parts: list[Part], kb: Knowledge | None = None) -> str:
    """A bulleted list of parts, followed by the click and collect reminder."""
    kb = kb or load_knowledge()
    lines = [f"• {part_text(p)}" for p in parts]
    collect = kb.company.click_and_collect
    lines.append(f"Réservez en click and collect : retrait {collect.pickup} ; {collect.payment}.")
    return "\n".join(lines)


# --- product specifications ----------------------------------------------------------------

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


@dataclass(frozen=True)
class SpecAnswer:
    """The answer to a specification question, with what was understood."""

    products: tuple[Product, ...]
    spec: str | None  # one of SPECS, None for the whole card
    text: str

    @property
    def found(self) -> bool:
        return bool(self.products)


def detect_spec(text: str) -> str | None:
    """Which specification the question is about (see SPECS), typos tolerated."""
    words = normalize(text)
    for spec, pattern in SPEC_PATTERNS.items():
        if re.search(pattern, words):
            return spec
    fuzzy = {
        "puissance": "puissance",
        "bruit": "bruit",
        "sonore": "bruit",
        "rendement": "performance",
    }
    for word in words.split():
        for target, spec in fuzzy.items():
            if similarity(word, target) >= 0.8:
                return spec
    return None


def _the(name: str) -> str:
    return f"l'{name}" if normalize(name)[:1] in "aeiouyh" else f"le {name}"


def spec_text(product: Product, spec: str | None, kb: Knowledge | None = None) -> str:
    """One French sentence giving `spec` of `product` (None: the whole product card)."""
    kb = kb or load_knowledge()
    the = _the(product.name)
    heating = format_kw(product.heating_kw or 0)
    if spec == "puissance":
        if product.cooling_kw is None:
            return (
                f"{capitalize(the)} a une puissance de chauffage de {heating} "
                f"({product.type_label} : elle ne climatise pas)."
            )
        return (
            f"{capitalize(the)} a une puissance de {heating} en chauffage "
            f"et de {format_kw(product.cooling_kw)} en refroidissement."
        )
    if spec == "bruit":
        return (
            f"Niveau sonore de {the} : {product.noise_indoor_dba} dB(A) pour l'unité intérieure "
            f"(petite vitesse) et {product.noise_outdoor_dba} dB(A) pour l'unité extérieure, à 1 m."
        )
    if spec == "performance":
        parts = [f"un SCOP de {format_number(product.scop)} en chauffage"] if product.scop else []
        if product.seer:
            parts.append(f"un SEER de {format_number(product.seer)} en refroidissement")
        example = format_number(product.scop) if product.scop else ""
        return (
            f"{capitalize(the)} a {join_words(parts)} : pour 1 kWh d'électricité consommé, "
            f"l'appareil restitue en moyenne {example} kWh de chaleur sur la saison."
        )
    if spec == "surface":
        return (
            f"{capitalize(the)} convient pour {product.surface_min_m2} à "
            f"{product.surface_max_m2} m² dans un logement moyennement isolé."
        )
    if spec == "prix":
        return (
            f"{capitalize(the)} coûte environ {format_price(product.price_eur)} ({kb.price_note})."
        )
    if spec == "fiche":
        return (
            f"La fiche technique de {the} est le fichier {product.datasheet}, "
            f"à télécharger sur {kb.company.website}/fiches-techniques/{product.datasheet}."
        )
    return product_card(product, kb)


def product_card(product: Product, kb: Knowledge | None = None) -> str:
    """All the specifications of a product, one per line."""
    kb = kb or load_knowledge()
    lines = [f"{product.name} : {product.type_label}, {product.description}."]
    lines += [f"• {label} : {value}" for label, value in _rows(product, kb)]
    return "\n".join(lines)


def _rows(product: Product, kb: Knowledge) -> list[tuple[str, str]]:
    def optional(value: float | None, unit: str = "") -> str:
        return "—" if value is None else f"{format_number(value)}{unit}"

    return [
        ("Type", product.type_label),
        ("Chauffage", optional(product.heating_kw, " kW")),
        ("Refroidissement", optional(product.cooling_kw, " kW")),
        ("Surface conseillée", f"{product.surface_min_m2} à {product.surface_max_m2} m²"),
        ("SCOP", optional(product.scop)),
        ("SEER", optional(product.seer)),
        ("Bruit intérieur", f"{product.noise_indoor_dba} dB(A)"),
        ("Bruit extérieur", f"{product.noise_outdoor_dba} dB(A)"),
        ("Prix indicatif", f"{format_price(product.price_eur)}"),
        ("Fiche technique", product.datasheet),
    ]


@dataclass(frozen=True)
class Comparison:
    """Two products side by side: (label, first value, second value) rows and a text."""

    first: Product
    second: Product
    rows: tuple[tuple[str, str, str], ...]
    text: str


def compare_products(first: Product, second: Product, kb: Knowledge | None = None) -> Comparison:
    """A side-by-side comparison with the quietest, most powerful and cheapest named."""
    kb = kb or load_knowledge()
    rows = tuple(
        (label, a, b)
        for (label, a), (_, b) in zip(_rows(first, kb), _rows(second, kb), strict=True)
    )
    lines = [f"Comparatif {first.name} / {second.name}"]
    lines += [f"• {label} : {a} / {b}" for label, a, b in rows]
    pair = (first, second)
    quiet = min(pair, key=lambda p: p.noise_indoor_dba)
    strong = max(pair, key=lambda p: p.heating_kw or 0)
    cheap = min(pair, key=lambda p: p.price_eur)
    if first.noise_indoor_dba != second.noise_indoor_dba:
        lines.append(
            f"Le plus silencieux à l'intérieur : {quiet.name} ({quiet.noise_indoor_dba} dB(A))."
        )
    if first.heating_kw != second.heating_kw:
        lines.append(
            f"Le plus puissant en chauffage : {strong.name} ({format_kw(strong.heating_kw or 0)})."
        )
    if first.price_eur != second.price_eur:
        lines.append(
            f"Le moins cher : {cheap.name} ({format_price(cheap.price_eur)}, {kb.price_note})."
        )
    return Comparison(first, second, rows, "\n".join(lines))


def answer_spec_question(text: str, kb: Knowledge | None = None) -> SpecAnswer:
    """Answers "quelle est la puissance de l'Aria 25 ?" or "comparez Hydra 9 et Hydra 12"."""
    kb = kb or load_knowledge()
    named = named_products(text, kb)
    spec = detect_spec(text)
    if not named:
        family = search_products(text, kb)
        choices = [m.product.name for m in family] or [p.name for p in kb.products]
        return SpecAnswer(
            (),
            spec,
            f"De quel modèle parlez-vous ? Par exemple : {join_words(choices[:6], 'ou')}. "
            "Le nom figure sur l'étiquette de l'unité intérieure et sur votre facture.",
        )
    if len(named) >= 2:
        comparison = compare_products(named[0], named[1], kb)
        return SpecAnswer((named[0], named[1]), spec, comparison.text)
    return SpecAnswer((named[0],), spec, spec_text(named[0], spec, kb))


def products_text(products: list[Product]) -> str:
    """Bulleted product names with their type and indicative price."""
    return "\n".join(f"• {p.name} : {p.type_label}, {format_price(p.price_eur)}" for p in products)
