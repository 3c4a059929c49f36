"""Phone numbers, e-mail addresses and names as customers type them."""

from __future__ import annotations

import pytest

from logic.climatech.validators.contact import (
    ContactCode,
    validate_contact,
    validate_email,
    validate_name,
    validate_phone,
)
from tests.unit.climatech.texts import said

# --- contact details ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "mon numéro c'est le 06 12 34 56 78, merci",
    ],
)
def test_french_phone_numbers_are_normalised(text: str) -> None:
    assert validate_phone(text).value == "06 12 34 56 78"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("123456", "Ce numéro a 6 chiffres ; un numéro français en compte 10"),
        ("06 12 34 56 78 9", "a 11 chiffres"),
        ("+44 20 7946 0958", "numéros français"),
        ("1612345678", "commence par 01 à 09"),
        ("0812345678", "numéros de service"),
        ("je n'ai pas de portable", "Je n'ai pas trouvé de numéro"),
    ],
)
def test_bad_phone_numbers_are_explained(text: str, fragment: str) -> None:
    result = validate_phone(text)
    assert result.value is None and said(result) is not None and fragment in said(result)


@pytest.mark.parametrize(
    ("text", "value", "fragment"),
    [
        ("Marie.Le-Goff@Orange.FR", "marie.le-goff@orange.fr", None),
        ("mon mail : jo@free.fr", "jo@free.fr", None),
        ("marie.orange.fr", None, "Il manque l'arobase"),
        ("marie@orange", None, "domaine après l'arobase"),
        ("élodie@gmail.com", None, "pas d'accent"),
        ("marie..x@orange.fr", None, "incomplète"),
    ],
)
def test_email(text: str, value: str | None, fragment: str | None) -> None:
    result = validate_email(text)
    assert result.value == value
    assert (result.problem is None) if fragment is None else (fragment in (said(result) or ""))


@pytest.mark.parametrize(
    ("text", "value"),
    [("marie le goff", "Marie Le Goff"), ("Je m'appelle Jean-Pierre Martin", "Jean-Pierre Martin")],
)
def test_names(text: str, value: str) -> None:
    assert validate_name(text).value == value


def test_names_with_digits_are_refused() -> None:
    error = said(validate_name("R2D2"))
    assert error is not None and "chiffres" in error
    assert not validate_name("x").ok


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("123456", ContactCode.PHONE_LENGTH),
        ("+44 20 7946 0958", ContactCode.PHONE_FOREIGN),
        ("1612345678", ContactCode.PHONE_PREFIX),
        ("0812345678", ContactCode.PHONE_SERVICE),
        ("pas de portable", ContactCode.PHONE_MISSING),
    ],
)
def test_phone_refusals_are_codes(text: str, code: ContactCode) -> None:
    assert validate_phone(text).code is code


@pytest.mark.parametrize(
    ("text", "ok"),
    [("06 12 34 56 78", True), ("jeanne@exemple.fr", True), ("123456", False), ("demain", False)],
)
def test_contact_is_a_phone_or_an_email(text: str, ok: bool) -> None:
    assert validate_contact(text).ok is ok


def test_a_bad_contact_also_suggests_an_email() -> None:
    assert said(validate_contact("123456")) == (
        "Ce numéro a 6 chiffres ; un numéro français en compte 10, par exemple 06 12 34 56 78. "
        "Vous pouvez aussi donner une adresse e-mail."
    )
