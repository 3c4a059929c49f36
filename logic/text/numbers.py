"""French number words, shared by every parser of typed numbers (notes, quantities, counts)."""

from __future__ import annotations

# Accent-free, as the normalisers produce them.
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "cent": 100,
    "mille": 1000,
}  # fmt: skip
