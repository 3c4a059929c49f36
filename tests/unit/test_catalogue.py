"""Part and product look-ups as a customer types them: typos, no accents, partial names."""

from __future__ import annotations

import pytest

from logic.catalogue import (
    answer_spec_question,
    compare_products,
    detect_spec,
    find_part,
    find_product,
    named_products,
    part_text,
    search_parts,
    spec_text,
    stock_text,
)
from logic.knowledge import load_knowledge

KB = load_knowledge()


def refs(query: str) -> list[str]:
    return [m.part.reference for m in search_parts(query).matches]


@pytest.mark.parametrize("query", ["CT-FIL-2035", "ct-fil-2035", "ct fil 2035", "CTFIL2035"])
def test_exact_reference_ignores_case_spaces_and_dashes(query: str) -> None:
    part = find_part(query)
    assert part is not None and part.reference == "CT-FIL-2035"
    assert refs(f"je cherche la pièce {query}") == ["CT-FIL-2035"]


def test_unknown_reference_is_reported_as_such() -> None:
    assert find_part("CT-FIL-9999") is None
    result = search_parts("CT-FIL-9999")
    assert not result.found and result.best is None
    assert result.message.startswith("La référence CT-FIL-9999 n'existe pas dans notre catalogue.")


def test_a_mistyped_reference_suggests_the_closest_ones() -> None:
    result = search_parts("CT-TEL-3011")
    assert not result.found
    assert "Vouliez-vous dire CT-TEL-3010 ?" in result.message


def test_model_and_part_type_give_the_right_filter_first() -> None:
    result = search_parts("filtre clim murale aria 25")
    assert result.best is not None and result.best.reference == "CT-FIL-2035"
    assert result.part_types == ("filtre",)
    assert result.products[0].id == "aria-25"
    # Only parts that fit the Aria 25: no Aria 50 filter, no Hydra filter.
    assert all("aria-25" in m.part.compatible for m in result.matches)
    assert "réf. CT-FIL-2035" in result.message and "14,90 €" in result.message


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
    assert "Précisez le modèle" in result.message


def test_part_type_that_does_not_exist_for_the_model_says_so() -> None:
    result = search_parts("pompe de relevage hydra 9")
    assert not result.found
    assert "pompe de relevage" in result.message and "Hydra 9" in result.message


def test_nothing_recognised_gives_a_clear_not_found() -> None:
    result = search_parts("une pièce pour ma chaudière à gaz")
    assert not result.found
    assert "aucune pièce" in result.message and "modèle" in result.message


def test_stock_is_told_plainly() -> None:
    out_of_stock = KB.part("CT-SON-5030")
    assert out_of_stock is not None
    assert stock_text(out_of_stock) == "en rupture de stock, de retour sous 5 jours"
    last = KB.part("CT-TEL-3020")
    assert last is not None and stock_text(last) == "plus que 2 en stock"
    filters = KB.part("CT-FIL-2035")
    assert filters is not None
    assert part_text(filters) == (
        "Filtres à air Aria 25 / Aria 35 (lot de 2) : réf. CT-FIL-2035, 14,90 €, en stock (12)."
    )


def test_in_stock_parts_come_before_out_of_stock_ones_at_equal_score() -> None:
    sondes = search_parts("sonde aria 25").matches
    in_stock = [m.part.in_stock for m in sondes]
    assert in_stock == sorted(in_stock, reverse=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'Aria 25", ["aria-25"]),
        ("hidra 9", ["hydra-9"]),
        ("aria duo 50", ["aria-duo-50"]),
        ("aeris 10", ["aeris-g10"]),
        ("hydra 9 ou 12 ?", ["hydra-9", "hydra-12"]),
        ("l'aria 50 ou l'aria duo 50", ["aria-50", "aria-duo-50"]),
        ("ma clim", []),
    ],
)
def test_products_are_named_with_typos_and_short_forms(text: str, expected: list[str]) -> None:
    assert [p.id for p in named_products(text)] == expected


def test_find_product_refuses_ambiguity() -> None:
    assert find_product("aria") is None
    assert find_product("aria 25 et aria 35") is None
    product = find_product("la Hydra 12")
    assert product is not None and product.id == "hydra-12"


@pytest.mark.parametrize(
    ("question", "spec"),
    [
        ("quelle est la puissance de l'aria 25", "puissance"),
        ("niveau sonore ?", "bruit"),
        ("c'est bruyant ?", "bruit"),
        ("combien de dB", "bruit"),
        ("quel est son SCOP", "performance"),
        ("pour combien de m2", "surface"),
        ("ça coûte combien", "prix"),
        ("la fiche technique", "fiche"),
        ("la puisance", "puissance"),
        ("bonjour", None),
    ],
)
def test_spec_detection(question: str, spec: str | None) -> None:
    assert detect_spec(question) == spec


def test_spec_answers_come_from_the_catalogue() -> None:
    answer = answer_spec_question("Quelle est la puissance de l'Aria 25 ?")
    assert [p.id for p in answer.products] == ["aria-25"]
    assert (
        answer.text
        == "L'Aria 25 a une puissance de 3,2 kW en chauffage et de 2,5 kW en refroidissement."
    )
    noise = answer_spec_question("niveau sonore de la hydra 9")
    assert "28 dB(A)" in noise.text and "51 dB(A)" in noise.text
    water = spec_text(KB.product("hydra-9"), "puissance")  # type: ignore[arg-type]
    assert "9 kW" in water and "ne climatise pas" in water


def test_spec_question_without_model_asks_which_one() -> None:
    answer = answer_spec_question("quelle est la puissance de votre pompe à chaleur ?")
    assert not answer.found
    assert answer.text.startswith("De quel modèle parlez-vous ?")
    assert "Hydra 9" in answer.text and "Aria 25" not in answer.text


def test_comparison_puts_two_models_side_by_side() -> None:
    answer = answer_spec_question("comparez l'aria 25 et l'aria 35")
    assert [p.id for p in answer.products] == ["aria-25", "aria-35"]
    lines = answer.text.splitlines()
    assert lines[0] == "Comparatif Aria 25 / Aria 35"
    assert "• Chauffage : 3,2 kW / 4 kW" in lines
    assert "• Bruit intérieur : 20 dB(A) / 22 dB(A)" in lines
    assert "Le plus silencieux à l'intérieur : Aria 25 (20 dB(A))." in lines


def test_comparison_rows_show_missing_cooling_as_a_dash() -> None:
    first, second = KB.product("hydra-6"), KB.product("aria-50")
    assert first is not None and second is not None
    rows = {label: (a, b) for label, a, b in compare_products(first, second).rows}
    assert rows["Refroidissement"] == ("—", "5 kW")
    assert rows["Prix indicatif"] == ("9 490 €", "2 890 €")
