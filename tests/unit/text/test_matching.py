"""Tolerant matching of what customers write: accents, model names, typos, word order."""

from __future__ import annotations

from logic.text.matching import normalize, phrase_score, similarity, tokens


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
