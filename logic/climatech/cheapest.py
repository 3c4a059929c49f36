""" "Le moins cher ?" after a list of parts or models: the cheapest of that very list."""

from __future__ import annotations

from collections.abc import Sequence

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.parts import find_part
from logic.results import Message, MessageCode, message
from logic.text.formatting import format_price


class CheapestCode(MessageCode):
    PART = "cheapest_part"  # designation, reference, price
    PRODUCT = "cheapest_product"  # name, price
    UNKNOWN = "cheapest_unknown"  # nothing was listed just before


def cheapest(listed: Sequence[str] | None, kb: Knowledge | None = None) -> Message:
    """The cheapest of the listed part references or product names (as the bot listed them)."""
    kb = kb or load_knowledge()
    parts = [p for p in (find_part(item, kb) for item in listed or ()) if p is not None]
    if parts:
        best = min(parts, key=lambda p: p.price_eur)
        return message(
            CheapestCode.PART,
            designation=best.designation,
            reference=best.reference,
            price=format_price(best.price_eur),
        )
    names = set(listed or ())
    products = [p for p in kb.products if p.name in names]
    if products:
        product = min(products, key=lambda p: p.price_eur)
        return message(
            CheapestCode.PRODUCT, name=product.name, price=format_price(product.price_eur)
        )
    return message(CheapestCode.UNKNOWN)
