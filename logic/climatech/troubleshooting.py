"""After-sales troubleshooting: finds an error code or a symptom in a message, returns the guide.

Answers are catalogue messages (keys `sav_diagnosis*`), rendered by the actions.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import ErrorCode, Guide, Knowledge
from logic.results import Listing, Message, MessageCode, message
from logic.text.formatting import join_words, numbered
from logic.text.matching import best_phrase, fold, normalize, tokens

# "E4", "e-4", "E04" anywhere; "e 4" only after a word announcing a code ("affiche E 4").
COMPACT_CODE = re.compile(r"(?<![a-z0-9])([a-z])-?0?([0-9]{1,2})(?![a-z0-9])")
SPACED_CODE = re.compile(
    r"\b(?:code|erreur|affiche|indique|clignote|message|defaut)(?: d erreur)?"
    r" ([a-z]) 0?([0-9]{1,2})\b"
)


class DiagnosisKind(str, enum.Enum):
    """What was recognised in the message."""

    CODE = "code"
    UNKNOWN_CODE = "unknown_code"
    SYMPTOM = "symptom"
    NONE = "none"


class DiagnosisCode(MessageCode):
    """What the bot says about a breakdown."""

    NOT_RECOGNISED = "sav_diagnosis_not_recognised"
    UNKNOWN_CODE = "sav_diagnosis_unknown_code"
    CODE = "sav_diagnosis_code"
    CODE_NORMAL = "sav_diagnosis_code_normal"
    SYMPTOM = "sav_diagnosis_symptom"
    CHECKS = "sav_diagnosis_checks"
    INTERVENTION_OFFER = "sav_diagnosis_intervention_offer"


@dataclass(frozen=True)
class Diagnosis:
    """What was recognised in the message and the guide to follow."""

    kind: DiagnosisKind
    title: str = ""  # the guide's title ("" when no guide applies)
    steps: tuple[str, ...] = ()
    technician: str = ""  # when the customer should ask for a technician
    code: ErrorCode | None = None
    symptom: Guide | None = None
    raw_code: str | None = None  # the code as read in the message, known or not

    @property
    def found(self) -> bool:
        """True when a guide applies (a known code or a recognised symptom)."""
        return self.kind in (DiagnosisKind.CODE, DiagnosisKind.SYMPTOM)

    @property
    def normal(self) -> bool:
        """True for an information code that is not a fault (defrosting...)."""
        return self.code is not None and self.code.normal


def extract_code(text: str, kb: Knowledge | None = None) -> str | None:
    """The error code written in `text` ("E4", "F03" -> "F3"), known or not, or None."""
    kb = kb or load_knowledge()
    letters = {c.code[0].lower() for c in kb.error_codes}
    # normalize() would split "e4" into "e 4": keep the raw letters for compact codes.
    plain = fold(text)
    matches = list(COMPACT_CODE.finditer(plain)) + list(SPACED_CODE.finditer(normalize(text)))
    for match in matches:
        if match[1] in letters:
            return f"{match[1].upper()}{int(match[2])}"
    return None


def find_error_code(text: str, kb: Knowledge | None = None) -> ErrorCode | None:
    """The known error code mentioned in `text`, or None."""
    kb = kb or load_knowledge()
    code = extract_code(text, kb)
    return next((c for c in kb.error_codes if c.code == code), None)


def find_symptoms(text: str, kb: Knowledge | None = None) -> list[Guide]:
    """Symptoms described in `text`, the most specific first."""
    kb = kb or load_knowledge()
    words = tokens(text)
    ranked = []
    for order, symptom in enumerate(kb.symptoms):
        score, length = best_phrase(symptom.keywords, words)
        if score:
            ranked.append(((-length, -score, order), symptom))
    return [symptom for _, symptom in sorted(ranked, key=lambda r: r[0])]


def find_symptom(text: str, kb: Knowledge | None = None) -> Guide | None:
    """The symptom best described by `text`, or None."""
    found = find_symptoms(text, kb)
    return found[0] if found else None


def symptom_by_id(symptom_id: str, kb: Knowledge | None = None) -> Guide | None:
    """The symptom guide with this id (a button payload), or None."""
    kb = kb or load_knowledge()
    return next((s for s in kb.symptoms if s.id == symptom_id), None)


def diagnose(text: str, kb: Knowledge | None = None) -> Diagnosis:
    """An error code first (it is the most precise clue), else a symptom, else nothing."""
    kb = kb or load_knowledge()
    raw = extract_code(text, kb)
    code = next((c for c in kb.error_codes if c.code == raw), None)
    if code:
        return Diagnosis(
            DiagnosisKind.CODE, code.title, code.checks, code.technician, code=code, raw_code=raw
        )
    if raw:
        return Diagnosis(DiagnosisKind.UNKNOWN_CODE, raw_code=raw)
    symptom = find_symptom(text, kb)
    if symptom:
        return Diagnosis(
            DiagnosisKind.SYMPTOM, symptom.title, symptom.steps, symptom.advice, symptom=symptom
        )
    return Diagnosis(DiagnosisKind.NONE)


def diagnosis_answer(
    diagnosis: Diagnosis, offer_intervention: bool = True, kb: Knowledge | None = None
) -> Message | Listing:
    """The guide to show: what it is, numbered steps, when to call us."""
    if diagnosis.kind is DiagnosisKind.NONE:
        return message(DiagnosisCode.NOT_RECOGNISED)
    if diagnosis.kind is DiagnosisKind.UNKNOWN_CODE:
        kb = kb or load_knowledge()
        known = join_words([c.code for c in kb.error_codes])
        return message(DiagnosisCode.UNKNOWN_CODE, error=diagnosis.raw_code, known=known)
    if diagnosis.code is not None:
        code = DiagnosisCode.CODE_NORMAL if diagnosis.normal else DiagnosisCode.CODE
        head = message(code, error=diagnosis.code.code, title=diagnosis.title)
    else:
        head = message(DiagnosisCode.SYMPTOM, title=diagnosis.title)
    lines: list[Message | str] = [
        head,
        message(DiagnosisCode.CHECKS),
        numbered(diagnosis.steps),
        diagnosis.technician,
    ]
    if offer_intervention and not diagnosis.normal:
        lines.append(message(DiagnosisCode.INTERVENTION_OFFER))
    return Listing(lines)
