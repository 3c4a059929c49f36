"""French formatting and tolerant matching used by every answer."""

from __future__ import annotations

from datetime import date, time

from logic.text.formatting import (
    format_date,
    format_kw,
    format_price,
    format_time,
    join_words,
    numbered,
)
from logic.text.matching import normalize, phrase_score, similarity, tokens


def test_prices_numbers_and_times_in_french() -> None:
    assert format_price(1490) == "1 490 €"
    assert format_price(14.9) == "14,90 €"
    assert format_kw(3.2) == "3,2 kW"
    assert format_kw(4.0) == "4 kW"
    assert format_time(time(9)) == "9 h"
    assert format_time(time(14, 30)) == "14 h 30"
    assert format_date(date(2026, 12, 1)) == "mardi 1er décembre"
    assert format_date(date(2027, 1, 4), with_year=True) == "lundi 4 janvier 2027"
    assert join_words(["a", "b", "c"]) == "a, b et c"
    assert join_words(["a", "b"], "ou") == "a ou b"
    assert numbered(["x", "y"]) == "1. x\n2. y"


def test_normalize_strips_accents_and_splits_model_names() -> None:
    assert normalize("Télécommande, l'Aria25 !") == "telecommande l aria 25"
    assert tokens("le filtre de ma PAC") == ["filtre", "pac"]


def test_similarity_tolerates_typos_but_not_on_short_words() -> None:
    assert similarity("telecomande", "telecommande") >= 0.9
    assert similarity("filtres", "filtre") == 1.0
    assert similarity("fuit", "fait") == 0.0  # one letter apart, different meaning
    assert similarity("25", "35") == 0.0
    assert phrase_score("chauffe plus", tokens("ma pac ne chauffe vraiment plus")) == 1.0
    assert phrase_score("chauffe plus", tokens("plus rien ne chauffe")) == 0.0  # order matters
