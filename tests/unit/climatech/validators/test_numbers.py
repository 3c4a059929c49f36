"""Quantities and rooms, in digits or words."""

from __future__ import annotations

import pytest

from logic.climatech.validators.numbers import CountCode, validate_quantity, validate_rooms
from tests.unit.climatech.texts import said

# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("deux", 2),
        ("3", 3),
        ("10", 10),
        ("une", 1),
        ("une paire", 2),
        ("trois filtres", 3),
        ("x2 CT-FIL-2035", 2),
    ],
)
def test_quantities(text: str, value: int) -> None:
    assert validate_quantity(text).value == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0", "Il faut au moins 1 pièce"),
        ("-3", "Il faut au moins 1 pièce"),
        ("500", "500 pièces, c'est au-delà de la limite de 10"),
        ("11", "au-delà de la limite de 10"),
        ("2,5", "nombre entier"),
        ("une dizaine", "nombre précis"),
        ("beaucoup", "nombre précis"),
        ("je ne sais pas", "nombre précis"),
        ("hmm", "Indiquez un nombre de pièces entre 1 et 10"),
    ],
)
def test_bad_quantities_are_explained(text: str, fragment: str) -> None:
    result = validate_quantity(text)
    assert result.value is None and said(result) is not None and fragment in said(result)


def test_a_large_order_points_to_the_phone() -> None:
    error = said(validate_quantity("500"))
    assert error is not None and "02 61 91 42 10" in error


def test_rooms() -> None:
    assert validate_rooms("quatre").value == 4
    assert not validate_rooms("0").ok
    assert not validate_rooms("25").ok


def test_count_refusals_are_codes() -> None:
    assert validate_quantity("0").code is CountCode.TOO_LOW
    assert validate_quantity("500").code is CountCode.OVER_LIMIT
    assert validate_rooms("25").code is CountCode.TOO_HIGH
    assert said(validate_rooms("25")) == "25, c'est trop : le maximum est de 10 pièces."
