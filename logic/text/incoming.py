"""What the bot accepts as a user message, before any NLU: cleaned, not empty, not huge."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from logic.results import MessageCode

# A question, an answer or a survey comment fits in far less; longer texts are pasted
# documents or attacks, and would slow the NLU pipeline down for everyone.
MAX_MESSAGE_LENGTH = 2000
_KEPT_CONTROLS = frozenset("\n\t")

# Bidirectional overrides and isolates can disguise text ("Trojan Source"); marks are fine.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Refusal(MessageCode):
    """Why a message is answered without being understood (nothing is lost)."""

    EMPTY = "empty_message"
    TOO_LONG = "message_too_long"


def clean(text: object) -> str:
    """The text without control characters (NUL, escapes, bidi overrides...), trimmed.

    Letters of every script and emoji are kept; only invisible controls are dropped,
    since PostgreSQL rejects NUL and a terminal or a log would obey the others. A JSON
    number is read as its digits; any other non-text value as an empty message.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return ""
    return "".join(
        c
        for c in text
        if c in _KEPT_CONTROLS
        or (unicodedata.category(c) not in ("Cc", "Cs") and c not in _BIDI_CONTROLS)
    ).strip()


def refusal(text: str) -> Refusal | None:
    """Why the cleaned `text` cannot be processed, or None when it can."""
    if not text:
        return Refusal.EMPTY
    if len(text) > MAX_MESSAGE_LENGTH:
        return Refusal.TOO_LONG
    return None


_PAYLOAD_INTENT = re.compile(r"/([^\s{/]+)")


def neutralize_payload(text: str, intents: Collection[str]) -> str:
    """A typed `/intent{...}` payload must name an intent of the domain.

    Rasa obeys any payload, its internal intents included (`/session_start`, `/restart`,
    `/nlu_fallback`); anything else is read as plain text, without its slashes.
    """
    if not text.startswith("/"):
        return text
    match = _PAYLOAD_INTENT.match(text)
    if match and match.group(1) in intents:
        return text
    return text.lstrip("/").strip()
