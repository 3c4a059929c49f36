"""Postcodes and surfaces of a heating project."""

from __future__ import annotations

import pytest

from logic.climatech.validators.project import validate_postcode, validate_surface
from tests.unit.climatech.texts import said


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("22200", "22200"),
        ("22 200", "22200"),
        ("Guingamp 22200", "22200"),
        ("01000", "01000"),
        ("20000", "20000"),
    ],
)
def test_postcodes(text: str, value: str) -> None:
    assert validate_postcode(text).value == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2200", "Pensez au 0 initial"),
        ("123456", "5 chiffres"),
        ("00100", "n'est pas un code postal"),
        ("96000", "n'est pas"),
    ],
)
def test_bad_postcodes(text: str, fragment: str) -> None:
    error = said(validate_postcode(text))
    assert error is not None and fragment in error


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("90", 90),
        ("90 m2", 90),
        ("90m²", 90),
        ("environ 120 mètres carrés", 120),
        ("entre 100 et 120 m²", 110),
        ("100 à 120", 110),
        ("au 2e étage, 65 m2", 65),
        ("85,5 m²", 86),
    ],
)
def test_surfaces(text: str, value: int) -> None:
    assert validate_surface(text).value == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("5", "au moins 10 m²"), ("2000", "devis"), ("je sais pas", "même approximative")],
)
def test_bad_surfaces(text: str, fragment: str) -> None:
    error = said(validate_surface(text))
    assert error is not None and fragment in error
