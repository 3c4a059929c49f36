"""Who may cancel a request or erase its data, knowing only its short reference.

A reference like RDV-7K3Q can be guessed, so it is not enough: the conversation that made
the request may act on it, and anyone else must add the phone or e-mail given that day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from logic.climatech.validators.contact import validate_email, validate_phone

# Where the forms store a phone number or an e-mail address (see actions/requests.py).
CONTACT_FIELDS = ("phone", "contact")
_REFERENCE_LIKE = re.compile(r"\b[a-z]{2,3}-[a-z0-9]{3,8}\b", re.IGNORECASE)


def _phone_digits(text: str) -> str | None:
    phone = validate_phone(text)
    return re.sub(r"\D", "", phone.value) if phone.ok and phone.value else None


def contacts_in(text: str) -> set[str]:
    """The phone number (digits only) and the e-mail address written in `text`."""
    text = _REFERENCE_LIKE.sub(" ", text)  # the reference's digits are not a phone number
    found = set()
    email = validate_email(text)
    if email.ok and email.value:
        found.add(email.value)
        text = text.replace(email.value, " ")
    phone = _phone_digits(text)
    if phone:
        found.add(phone)
    return found


def stored_contacts(details: Mapping[str, Any]) -> set[str]:
    """The request's phone (digits only) and e-mail, as `contacts_in` writes them."""
    found = set()
    for field in CONTACT_FIELDS:
        value = details.get(field)
        if isinstance(value, str) and value:
            found |= contacts_in(value)
    return found


def may_manage(
    owner_key: str | None,
    details: Mapping[str, Any],
    requester_key: str,
    text: str,
) -> bool:
    """True for the conversation that made the request, or when `text` gives its contact."""
    if owner_key is not None and owner_key == requester_key:
        return True
    return bool(stored_contacts(details) & contacts_in(text))
