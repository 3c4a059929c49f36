"""Short request references customers can read out and quote ("RDV-7K3Q").

The alphabet has no 0/O nor 1/I/L, so a reference read on a phone or typed from a screen
is never ambiguous; every code holds a digit and a letter, which also keeps French words
("rdv avec", "interne") from being read as references.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from enum import Enum

from logic.results import MessageCode


class RequestLabel(MessageCode):
    """The French name of a kind of request ("rendez-vous", "demande de rappel")."""

    APPOINTMENT = "reference_label_appointment"
    CLICK_COLLECT = "reference_label_click_collect"
    CALLBACK = "reference_label_callback"
    QUOTE = "reference_label_quote"
    INTERVENTION = "reference_label_intervention"
    COMPLAINT = "reference_label_complaint"
    REQUEST = "reference_label_request"  # when the reference says nothing more


ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 4
PREFIXES = {
    "appointment": "RDV",
    "click_collect": "CC",
    "reservation": "CC",
    "callback": "RAP",
    "quote": "DEV",
    "intervention": "INT",
    "complaint": "REC",
}
LABELS = {
    "RDV": RequestLabel.APPOINTMENT,
    "CC": RequestLabel.CLICK_COLLECT,
    "RAP": RequestLabel.CALLBACK,
    "DEV": RequestLabel.QUOTE,
    "INT": RequestLabel.INTERVENTION,
    "REC": RequestLabel.COMPLAINT,
}
_PATTERN = re.compile(
    rf"(?<![A-Za-z0-9])({'|'.join(LABELS)})([\s_-]?)([{ALPHABET}]{{{CODE_LENGTH}}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def _valid_code(code: str) -> bool:
    return (
        len(code) == CODE_LENGTH
        and all(c in ALPHABET for c in code)
        and any(c.isdigit() for c in code)
        and any(c.isalpha() for c in code)
    )


def _prefix(kind: str) -> str:
    prefix = PREFIXES.get(kind, kind.upper())
    if prefix not in LABELS:
        raise ValueError(f"unknown request kind {kind!r} (expected one of {sorted(PREFIXES)})")
    return prefix


def new_reference(
    kind: str,
    exists: Callable[[str], bool] | None = None,
    choice: Callable[[str], str] = secrets.choice,
    attempts: int = 50,
) -> str:
    """A fresh reference such as "RDV-7K3Q" for `kind` ("appointment" or "RDV", ...).

    `exists` tells whether a reference is already taken (the storage checks its table);
    `choice` picks one character (tests pass a seeded random.choice).
    """
    prefix = _prefix(kind)
    for _ in range(attempts):
        code = "".join(choice(ALPHABET) for _ in range(CODE_LENGTH))
        reference = f"{prefix}-{code}"
        if _valid_code(code) and not (exists and exists(reference)):
            return reference
    raise RuntimeError(f"no free {prefix} reference after {attempts} attempts")


def find_references(text: str) -> list[str]:
    """Every reference written in `text` ("rdv 7k3q", "RDV-7K3Q"), canonical and in order."""
    found = []
    for match in _PATTERN.finditer(text):
        code = match[3].upper()
        if _valid_code(code):
            found.append(f"{match[1].upper()}-{code}")
    return list(dict.fromkeys(found))


def parse_reference(text: str) -> str | None:
    """The first reference written in `text`, canonical ("RDV-7K3Q"), or None."""
    found = find_references(text)
    return found[0] if found else None


def reference_kind(reference: str) -> str | None:
    """ "RDV-7K3Q" -> "appointment"; None when it is not a valid reference."""
    canonical = parse_reference(reference)
    if canonical is None:
        return None
    prefix = canonical.split("-")[0]
    return next(kind for kind, p in PREFIXES.items() if p == prefix)


def reference_label(reference: str) -> RequestLabel:
    """ "RDV-7K3Q" -> the code of "rendez-vous"; the generic "demande" for no reference."""
    canonical = parse_reference(reference)
    return LABELS[canonical.split("-")[0]] if canonical else RequestLabel.REQUEST


class Management(str, Enum):
    """What a message naming a reference asks to do with that request."""

    CANCEL = "cancel"
    DELETE_DATA = "delete_data"


# "annuler RAP-BPZ8", "supprimez mes données RDV-7K3Q": the verb decides, whatever else the
# reference's letters make the NLU read ("BPZ8" is no word).
_DELETE_DATA = re.compile(r"\b(?:supprim\w*|effac\w*)\b.*\bdonn[ée]es\b", re.IGNORECASE)
_CANCEL = re.compile(r"\bannul\w*\b", re.IGNORECASE)


def management_asked(text: str) -> Management | None:
    """Cancel or delete, when the message names a reference and asks it; None otherwise."""
    if parse_reference(text) is None:
        return None
    if _DELETE_DATA.search(text):
        return Management.DELETE_DATA
    return Management.CANCEL if _CANCEL.search(text) else None
