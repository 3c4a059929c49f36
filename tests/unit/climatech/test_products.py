"""Products named in a message: typos, short forms, several models, family words."""

from __future__ import annotations

import pytest

from logic.climatech.products import find_product, named_products, search_products


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


def test_a_family_word_designates_every_model_of_the_family() -> None:
    found = search_products("ma pompe à chaleur")
    assert found and {m.product.type for m in found} <= {"pac_air_air", "pac_air_eau"}
    assert search_products("aria 25")[0].product.id == "aria-25"
