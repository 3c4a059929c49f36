"""Products named or designated in a message: model names with typos, family words.

"l'hidra 9", "hydra 9 ou 12", "ma PAC", "clim murale": names are matched word by word with
a tolerant similarity; family words give every model of the family the same lower score.
"""

from __future__ import annotations

from dataclasses import dataclass

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, Product
from logic.text.matching import best_phrase, similarity, tokens


@dataclass(frozen=True)
class ProductMatch:
    """A product and how well the message names it (0 to 1)."""

    product: Product
    score: float


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
