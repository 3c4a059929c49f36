"""Contacts, references, error codes, surfaces and counts found inside a sentence."""

from __future__ import annotations

import re

from logic.climatech import references
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.parts import REFERENCE
from logic.climatech.troubleshooting import COMPACT_CODE, SPACED_CODE
from logic.climatech.upfront.scan import COUNT_WORDS, Scan, unique, words_before
from logic.climatech.validators.contact import EMAIL, validate_email, validate_phone
from logic.climatech.validators.numbers import parse_number
from logic.climatech.validators.project import validate_surface
from logic.text.matching import normalize

# A French number as written in a sentence: 10 digits by pairs, or +33 / 0033 and 9 digits.
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.-]?\d\d){4}(?!\d)")
REQUEST = re.compile(
    rf"(?<![a-z0-9])(?:{'|'.join(references.LABELS).lower()})[\s_-]?"
    rf"[{references.ALPHABET.lower()}]{{{references.CODE_LENGTH}}}(?![a-z0-9])"
)
_NUMBER = r"\d{1,4}(?:[.,]\d+)?"
_UNIT = r"(?:m\s?2|metres?\s?carres?|metres?\s?2)(?![a-z0-9])"
SURFACE = re.compile(
    rf"(?<![\d.,])(?:(?:entre\s)?{_NUMBER}\s?(?:m\s?2\s)?(?:a|-|et)\s?)?{_NUMBER}\s?{_UNIT}"
)
# "un F3" is a flat, not the error code F3.
_FLAT_BEFORE = frozenset({"un", "mon", "notre", "appartement", "appart", "type", "logement", "en"})
REF_MARK = "qref"  # a part reference left in the text, so that "2 CT-FIL-2035" is a quantity


def take_email(text: str) -> tuple[str | None, str]:
    """The e-mail address of the original text (accents refused there), and the text without it."""
    found = [validate_email(m.group()) for m in EMAIL.finditer(text)]
    rest = re.sub(r"\S*@\S*", " ", text)
    return unique(r.value if r.ok else None for r in found), rest


def take_phone(scan: Scan) -> str | None:
    """The French phone number, as 10 digits; an 08 or foreign number is taken but not kept."""
    found = [validate_phone(m.group()) for m in scan.take(PHONE)]
    return unique(re.sub(r"\D", "", r.value) if r.ok and r.value else None for r in found)


def take_request_reference(scan: Scan) -> str | None:
    """A request reference ("RDV-7K3Q"), canonical."""
    return unique(references.parse_reference(m.group()) for m in scan.take(REQUEST))


def take_part_reference(scan: Scan, kb: Knowledge) -> str | None:
    """A part reference of the catalogue; an unknown one is taken out but not kept."""
    found = scan.take(REFERENCE, mark=REF_MARK)
    canonical = [f"CT-{m[1].upper()}-{m[2]}" for m in found]
    return unique(ref if kb.part(ref) else None for ref in canonical)


def error_codes(scan: Scan, kb: Knowledge) -> list[str]:
    """Every error code written ("E4", "e-04", "affiche E 4"), its letter one of ours."""
    letters = {code.code[0].lower() for code in kb.error_codes}

    def is_code(match: re.Match[str]) -> bool:
        flat = (
            match[1] == "f" and words_before(match, 1) and words_before(match, 1)[0] in _FLAT_BEFORE
        )
        return match[1] in letters and not flat

    found = scan.take(SPACED_CODE, is_code) + scan.take(COMPACT_CODE, is_code)
    return [f"{m[1].upper()}{int(m[2])}" for m in found]


def take_surface(scan: Scan) -> int | None:
    """A surface with its unit ("90 m2", "90m²", "90 mètres carrés", "80 à 100 m2" -> 90)."""
    found = [
        validate_surface(m.group(), low=0, high=10**6) for m in scan.take(SURFACE, mark="qsurf")
    ]
    return unique(r.value if r.ok else None for r in found)


# --- counts, read in the normalised words once everything above is taken out -----------------

_COUNT = rf"(\d{{1,3}}|{COUNT_WORDS}|un seul|une seule|une paire de|une douzaine de)"


def part_words(kb: Knowledge) -> str:
    """Alternatives of every part word of parts.yml, normalised, plurals allowed."""
    phrases = {normalize(phrase) for kind in kb.part_types.values() for phrase in kind.words}
    return "|".join(
        " ".join(re.escape(word) + "[sx]?" for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    )


def quantity(words: str, kb: Knowledge, parts_context: bool) -> int | None:
    """A count of parts: "2 filtres", "deux télécommandes", "2 x CT-FIL-2035", "quantité 3".

    A bare number is never a quantity: it needs a part word, a reference or "exemplaires"
    right after it. "pièces" counts parts only when the message is about parts (else rooms).
    """
    kinds = part_words(kb)
    pieces = "|pieces?" if parts_context else ""
    unit = (
        rf"(?:x )?(?:{REF_MARK}|exemplaires?|unites?|lots?|boites?|paquets?|"
        rf"pieces? detachees?|pieces? de rechange|{kinds}{pieces})"
    )
    counts = [m[1] for m in re.finditer(rf"\b{_COUNT} {unit}\b", words)]
    after = (
        rf"\b(?:{REF_MARK}|{kinds}) (?:x (\d{{1,3}})|en (\d{{1,3}}|{COUNT_WORDS}) exemplaires?)\b"
    )
    counts += [m[1] or m[2] for m in re.finditer(after, words)]
    counts += [m[1] for m in re.finditer(rf"\bquantite (?:de )?(\d{{1,3}}|{COUNT_WORDS})\b", words)]
    return unique(n if (n := parse_number(c)) else None for c in counts)


def rooms(words: str, parts_context: bool) -> int | None:
    """Rooms to equip: "3 pièces", "trois chambres", "une seule pièce" (not "2 personnes")."""
    found = []
    pattern = rf"\b{_COUNT} (pieces?|chambres?)\b(?! (?:detachees?|de rechange))"
    for match in re.finditer(pattern, words):
        if "paire" in match[1] or "douzaine" in match[1]:
            continue
        if match[2].startswith("piece") and parts_context:
            continue  # "2 pièces" of a part reservation are parts
        found.append(parse_number(match[1]))
    return unique(n if n else None for n in found)
