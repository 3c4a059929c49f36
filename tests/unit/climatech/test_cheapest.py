""" "Le moins cher ?": the cheapest of the parts or models the bot has just listed."""

from __future__ import annotations

import pytest

from logic.climatech.cheapest import CheapestCode, cheapest
from logic.climatech.parts import find_part
from logic.text.catalogue import render, say


def test_the_cheapest_of_the_listed_parts() -> None:
    piles = find_part("CT-PIL-0002")
    assert piles is not None
    listed = ["CT-FIL-2050", "CT-PIL-0002", "CT-TEL-3010"]
    assert render(cheapest(listed)) == say(
        "cheapest_part", designation=piles.designation, reference="CT-PIL-0002", price="3,50 €"
    )


def test_only_the_listed_parts_count() -> None:
    """The cheaper batteries exist, but they were not in the list."""
    found = cheapest(["CT-FIL-2050", "CT-FIL-2035", "CT-TEL-3010"])
    assert found.code is CheapestCode.PART
    assert found.params["reference"] == "CT-FIL-2035"
    assert found.params["price"] == "14,90 €"


def test_an_unknown_reference_in_the_list_is_ignored() -> None:
    found = cheapest(["CT-XYZ-9999", "CT-FIL-2050"])
    assert found.params["reference"] == "CT-FIL-2050"


def test_the_cheapest_of_the_listed_models() -> None:
    listed = ["Hydra 9", "Aria 50", "Aeris Gainable 10"]
    assert render(cheapest(listed)) == say("cheapest_product", name="Aria 50", price="2 890 €")


@pytest.mark.parametrize("listed", [None, [], ["xyz"], ["CT-XYZ-9999"]])
def test_nothing_listed_asks_among_what(listed: list[str] | None) -> None:
    assert render(cheapest(listed)) == say("cheapest_unknown")
