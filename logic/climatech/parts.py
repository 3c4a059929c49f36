"""Spare parts: references, free-text search, and the lines that describe a part.

Free-text search tolerates typos, missing accents and partial names ("télécomande pour
ma PAC", "filtre clim murale aria 25"); results are ranked with a score from 0 to 1.
Answers are catalogue messages (keys `sav_part*`), rendered by the actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, Part, Product
from logic.climatech.products import search_products
from logic.results import Listing, Message, MessageCode, message
from logic.text.formatting import format_price, join_words
from logic.text.matching import best_phrase, similarity, tokens

REFERENCE = re.compile(r"\bCT[\s_-]?([A-Z]{3})[\s_-]?(\d{4})\b", re.IGNORECASE)
PRODUCT_THRESHOLD = 0.75  # a product is named (not just its family) above this score
MIN_TEXT_SCORE = 0.5  # without type nor model, at least half the words must match
RELATIVE_CUT = 0.85  # drop matches far behind the best one (other models of the family)
LOW_STOCK = 2  # from this many left, the answer says "plus que N"


class PartCode(MessageCode):
    """What the bot says about spare parts."""

    BULLET = "sav_bullet"
    LINE = "sav_part_line"
    IN_STOCK = "sav_part_in_stock"
    LOW_STOCK = "sav_part_low_stock"
    OUT_OF_STOCK = "sav_part_out_of_stock"
    OUT_OF_STOCK_UNTIL = "sav_part_out_of_stock_until"
    COLLECT = "sav_part_collect"
    PRECISE_MODEL = "sav_part_precise_model"
    NONE_FOR_MODEL = "sav_part_none_for_model"
    NOT_FOUND = "sav_part_not_found"
    UNKNOWN_REFERENCE = "sav_part_unknown_reference"
    UNKNOWN_REFERENCE_CLOSE = "sav_part_unknown_reference_close"


@dataclass(frozen=True)
class PartMatch:
    """A part and how well it matches the query (0 to 1)."""

    part: Part
    score: float


@dataclass(frozen=True)
class PartSearch:
    """Ranked parts for a free-text query, with the answer to show."""

    query: str
    matches: tuple[PartMatch, ...]
    part_types: tuple[str, ...]  # part type keys understood in the query
    products: tuple[Product, ...]  # products understood in the query, best first
    message: Message | Listing

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def best(self) -> Part | None:
        return self.matches[0].part if self.matches else None


# --- references ----------------------------------------------------------------------------


def parse_part_reference(text: str) -> str | None:
    """The part reference written in `text`: "ct fil 2035", "CTFIL2035" -> "CT-FIL-2035".

    None when no reference shape is found (whether the part exists is not checked).
    """
    match = REFERENCE.search(text)
    return f"CT-{match[1].upper()}-{match[2]}" if match else None


def find_part(reference: str, kb: Knowledge | None = None) -> Part | None:
    """The part with this exact reference (case, spaces and dashes ignored), or None."""
    kb = kb or load_knowledge()
    wanted = parse_part_reference(reference)
    return kb.part(wanted) if wanted else None


# --- search --------------------------------------------------------------------------------


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


def _by_reference(text: str, reference: str, kb: Knowledge) -> PartSearch:
    part = kb.part(reference)
    if part:
        return PartSearch(
            text, (PartMatch(part, 1.0),), (part.type,), (), parts_listing([part], kb)
        )
    # A swapped digit is the usual typo: offer the closest real references.
    close = get_close_matches(reference, [p.reference for p in kb.parts], n=3, cutoff=0.85)
    answer = (
        message(
            PartCode.UNKNOWN_REFERENCE_CLOSE, reference=reference, close=join_words(close, "ou")
        )
        if close
        else message(PartCode.UNKNOWN_REFERENCE, reference=reference)
    )
    return PartSearch(text, (), (), (), answer)


def search_parts(text: str, kb: Knowledge | None = None, limit: int = 5) -> PartSearch:
    """Parts matching a free-text description or a reference, best first, with the answer."""
    kb = kb or load_knowledge()
    reference = parse_part_reference(text)
    if reference:
        return _by_reference(text, reference, kb)
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
    answer = _search_answer(matches, type_keys, found_products, products, kb)
    return PartSearch(text, tuple(matches), type_keys, found_products, answer)


def _search_answer(
    matches: list[PartMatch],
    types: tuple[str, ...],
    products: tuple[Product, ...],
    scores: dict[str, float],
    kb: Knowledge,
) -> Message | Listing:
    precise = [p for p in products if scores[p.id] >= PRODUCT_THRESHOLD]
    if matches:
        listing = parts_listing([m.part for m in matches], kb)
        if len(products) > 1 and not precise:
            return Listing([*listing.items, message(PartCode.PRECISE_MODEL)])
        return listing
    if types and products:
        names = join_words([p.name for p in (precise or list(products))[:3]], "ou")
        kind = kb.part_types[types[0]].label
        return message(PartCode.NONE_FOR_MODEL, kind=kind, names=names)
    return message(PartCode.NOT_FOUND)


# --- how a part is described ---------------------------------------------------------------


def stock_status(part: Part) -> Message:
    """ "en stock (12)", "plus que 2 en stock" or "en rupture de stock, de retour sous 5 jours"."""
    if part.stock <= 0:
        if part.restock_days:
            return message(PartCode.OUT_OF_STOCK_UNTIL, days=part.restock_days)
        return message(PartCode.OUT_OF_STOCK)
    if part.stock <= LOW_STOCK:
        return message(PartCode.LOW_STOCK, stock=part.stock)
    return message(PartCode.IN_STOCK, stock=part.stock)


def part_line(part: Part) -> Message:
    """One line: designation, reference, price and stock."""
    return message(
        PartCode.LINE,
        designation=part.designation,
        reference=part.reference,
        price=format_price(part.price_eur),
        stock=stock_status(part),
    )


def parts_listing(parts: list[Part], kb: Knowledge | None = None) -> Listing:
    """A bulleted list of parts, followed by the click and collect reminder."""
    kb = kb or load_knowledge()
    collect = kb.company.click_and_collect
    lines = [message(PartCode.BULLET, item=part_line(p)) for p in parts]
    lines.append(message(PartCode.COLLECT, pickup=collect.pickup, payment=collect.payment))
    return Listing(lines)
