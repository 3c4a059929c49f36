"""The details as NLU entities: each value written as a customer would type the answer.

The forms' `from_entity` mappings (domain.yml) copy these values into their slots, and the
forms' validators then check them exactly as they check a typed answer.
"""

from __future__ import annotations

from datetime import date

from logic.climatech.upfront.details import Details, as_dict

# Details that are not entities of the domain (not asked by any form).
NOT_ENTITIES = frozenset({"part_type"})


def _typed_date(value: str) -> str:
    """ISO dates as "03/12/2026", the form the date validator reads; words stay as they are."""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def entity_values(details: Details) -> dict[str, str]:
    """Entity name -> value, for every detail found; "problem" when a breakdown is described."""
    values = {
        name: _typed_date(str(value)) if name == "date" else str(value)
        for name, value in as_dict(details).items()
        if name not in NOT_ENTITIES
    }
    if details.problem:
        values["problem"] = details.problem
    return values
