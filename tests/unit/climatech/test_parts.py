"""Part look-ups as a customer types them: typos, no accents, partial names."""

from __future__ import annotations

import pytest

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.parts import (
    PartCode,
    find_part,
    parse_part_reference,
    part_line,
    search_parts,
    stock_status,
)
from logic.results import Message
from logic.text.catalogue import render

KB = load_knowledge()


def refs(query: str) -> list[str]:
    return [m.part.reference for m in search_parts(query).matches]


@pytest.mark.parametrize("query", ["CT-FIL-2035", "ct-fil-2035", "ct fil 2035", "CTFIL2035"])
def test_exact_reference_ignores_case_spaces_and_dashes(query: str) -> None:
    assert parse_part_reference(f"la pièce {query} svp") == "CT-FIL-2035"
    part = find_part(query)
    assert part is not None and part.reference == "CT-FIL-2035"
    assert refs(f"je cherche la pièce {query}") == ["CT-FIL-2035"]


def test_no_reference_shape_is_none() -> None:
    assert parse_part_reference("un filtre pour l'aria 25") is None
    assert find_part("filtre") is None


def test_unknown_reference_is_reported_as_such() -> None:
    assert find_part("CT-FIL-9999") is None
    result = search_parts("CT-FIL-9999")
    assert not result.found and result.best is None
    assert isinstance(result.message, Message)
    assert result.message.code is PartCode.UNKNOWN_REFERENCE
    assert render(result.message).startswith(
        "La référence CT-FIL-9999 n'existe pas dans notre catalogue."
    )


def test_a_mistyped_reference_suggests_the_closest_ones() -> None:
    result = search_parts("CT-TEL-3011")
    assert not result.found
    assert isinstance(result.message, Message)
    assert result.message.code is PartCode.UNKNOWN_REFERENCE_CLOSE
    assert "Vouliez-vous dire CT-TEL-3010 ?" in render(result.message)


def test_model_and_part_type_give_the_right_filter_first() -> None:
    result = search_parts("filtre clim murale aria 25")
    assert result.best is not None and result.best.reference == "CT-FIL-2035"
    assert result.part_types == ("filtre",)
    assert result.products[0].id == "aria-25"
    # Only parts that fit the Aria 25: no Aria 50 filter, no Hydra filter.
    assert all("aria-25" in m.part.compatible for m in result.matches)
    text = render(result.message)
    assert "réf. CT-FIL-2035" in text and "14,90 €" in text
    assert text.splitlines()[-1] == (
        "Réservez en click and collect : retrait au showroom, pendant les heures d'ouverture ; "
        "le paiement se fait au retrait, au showroom."
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("télécomande pour ma PAC", "CT-TEL-3020"),  # typo, family word only
        ("telecommande clim aria 35", "CT-TEL-3010"),  # no accent
        ("filtre pour l'aria50", "CT-FIL-2050"),  # glued model name
        ("filtres pour mon aria duo", "CT-FIL-2200"),  # plural, partial name
        ("sonde exterieure hidra 9", "CT-SON-5020"),  # typo in the model
        ("condo aria 35", "CT-CON-7035"),  # slang for condensateur
        ("pompe de relevage de ma clim", "CT-POM-8010"),
        ("piles pour ma télécommande", "CT-PIL-0002"),  # piles, not a new remote
        ("inhibiteur hydra", "CT-TRA-9050"),
    ],
)
def test_free_text_search_tolerates_typos_and_partial_names(query: str, expected: str) -> None:
    assert refs(query)[0] == expected


def test_scores_are_ranked_and_bounded() -> None:
    matches = search_parts("filtre aria").matches
    assert len(matches) >= 3
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_ambiguous_model_asks_to_be_more_precise() -> None:
    result = search_parts("filtre aria")
    assert result.found
    assert "Précisez le modèle" in render(result.message)


def test_part_type_that_does_not_exist_for_the_model_says_so() -> None:
    result = search_parts("pompe de relevage hydra 9")
    assert not result.found
    assert isinstance(result.message, Message)
    assert result.message.code is PartCode.NONE_FOR_MODEL
    text = render(result.message)
    assert "pompe de relevage" in text and "Hydra 9" in text


def test_nothing_recognised_gives_a_clear_not_found() -> None:
    result = search_parts("une pièce pour ma chaudière à gaz")
    assert not result.found
    assert isinstance(result.message, Message)
    assert result.message.code is PartCode.NOT_FOUND
    text = render(result.message)
    assert "aucune pièce" in text and "modèle" in text


def test_stock_is_told_plainly() -> None:
    out_of_stock = KB.part("CT-SON-5030")
    assert out_of_stock is not None
    assert stock_status(out_of_stock).code is PartCode.OUT_OF_STOCK_UNTIL
    assert render(stock_status(out_of_stock)) == "en rupture de stock, de retour sous 5 jours"
    last = KB.part("CT-TEL-3020")
    assert last is not None and render(stock_status(last)) == "plus que 2 en stock"
    filters = KB.part("CT-FIL-2035")
    assert filters is not None
    assert render(part_line(filters)) == (
        "Filtres à air Aria 25 / Aria 35 (lot de 2) : réf. CT-FIL-2035, 14,90 €, en stock (12)."
    )


def test_out_of_stock_without_a_delay() -> None:
    part = KB.parts[0].copy(update={"stock": 0, "restock_days": None})
    assert render(stock_status(part)) == "en rupture de stock"


def test_in_stock_parts_come_before_out_of_stock_ones_at_equal_score() -> None:
    sondes = search_parts("sonde aria 25").matches
    in_stock = [m.part.in_stock for m in sondes]
    assert in_stock == sorted(in_stock, reverse=True)
