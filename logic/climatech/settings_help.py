"""Settings how-tos (temperature, modes, programming, eco, remote control, filters...).

Answers are catalogue messages (keys `sav_howto*`), rendered by the actions.
"""

from __future__ import annotations

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Guide, Knowledge
from logic.results import Listing, Message, MessageCode, message
from logic.text.formatting import capitalize, numbered
from logic.text.matching import phrase_score, tokens


class HowtoCode(MessageCode):
    """What the bot says around a how-to's steps."""

    TITLE = "sav_howto_title"
    TIP = "sav_howto_tip"


def find_howtos(text: str, kb: Knowledge | None = None, limit: int = 3) -> list[Guide]:
    """How-tos matching `text`, best first: longest keyword, then most keywords matched."""
    kb = kb or load_knowledge()
    words = tokens(text)
    ranked = []
    for order, howto in enumerate(kb.howtos):
        scores = [(phrase_score(k, words), len(tokens(k))) for k in howto.keywords]
        hits = [(score, length) for score, length in scores if score > 0]
        if hits:
            longest = max(length for _, length in hits)
            best = max(score for score, _ in hits)
            ranked.append(((-longest, -len(hits), -best, order), howto))
    return [howto for _, howto in sorted(ranked, key=lambda r: r[0])][:limit]


def find_howto(text: str, kb: Knowledge | None = None) -> Guide | None:
    """The how-to best matching `text`, or None."""
    found = find_howtos(text, kb, limit=1)
    return found[0] if found else None


def howto_answer(howto: Guide) -> Listing:
    """The how-to to show: title, numbered steps and the tip."""
    lines: list[Message | str] = [
        message(HowtoCode.TITLE, title=capitalize(howto.title)),
        numbered(howto.steps),
    ]
    if howto.advice:
        tip = howto.advice
        # No capital after a colon, unless the word is an acronym ("PAC").
        tip = tip[0].lower() + tip[1:] if tip[1:2].islower() else tip
        lines.append(message(HowtoCode.TIP, tip=tip))
    return Listing(lines)


def howto_menu(kb: Knowledge | None = None) -> list[tuple[str, str]]:
    """(id, title) of every how-to, for buttons."""
    kb = kb or load_knowledge()
    return [(h.id, capitalize(h.title)) for h in kb.howtos]


def howto_by_id(howto_id: str, kb: Knowledge | None = None) -> Guide | None:
    """The how-to with this id (a button payload), or None."""
    kb = kb or load_knowledge()
    return next((h for h in kb.howtos if h.id == howto_id), None)
