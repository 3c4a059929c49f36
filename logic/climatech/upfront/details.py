"""The details found in a message, one field per kind of value."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Details:
    """What a message says up front; None where it says nothing (or contradicts itself).

    `insulation` holds the adviser's own values ("bonne", "moyenne", "faible": a poorly
    insulated home is "faible", as `adviser.parse_insulation` and the adviser's sizing rule
    name it). Phone and e-mail stay out of the repr, so that a logged `Details` shows no
    personal data.
    """

    phone: str | None = field(default=None, repr=False)  # "0612345678"
    email: str | None = field(default=None, repr=False)  # lower case
    date: str | None = None  # "samedi", "demain", "apres-demain" or ISO "2026-12-03"
    time: str | None = None  # "14:30"
    part_of_day: str | None = None  # "matin" or "apres-midi"
    surface: int | None = None  # m²
    rooms: int | None = None
    insulation: str | None = None  # "bonne", "moyenne" or "faible"
    housing: str | None = None  # "maison" or "appartement"
    need: str | None = None  # "chauffage", "climatisation" or "les_deux"
    model: str | None = None  # as products.yml names it ("Aria 35")
    part_reference: str | None = None  # a reference of parts.yml ("CT-FIL-2035")
    part_type: str | None = None  # a part type label of parts.yml ("filtre", "télécommande")
    error_code: str | None = None  # "E4"
    quantity: int | None = None
    request_reference: str | None = None  # "RDV-7K3Q"
    # The message itself (contact details taken out) when it describes a breakdown: the
    # intervention form's description. Not a value read in the message, so not compared
    # and left out of `as_dict`.
    problem: str | None = field(default=None, repr=False, compare=False)


def as_dict(details: Details) -> dict[str, Any]:
    """The fields found, by name (the entities of the domain)."""
    return {
        f.name: value
        for f in fields(details)
        if f.name != "problem" and (value := getattr(details, f.name)) is not None
    }
