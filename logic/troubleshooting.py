"""After-sales troubleshooting: finds an error code or a symptom in a message, returns the guide."""

from __future__ import annotations

import re
from dataclasses import dataclass

from logic.knowledge import ErrorCode, Guide, Knowledge, load_knowledge
from logic.text.formatting import join_words, numbered
from logic.text.matching import best_phrase, fold, normalize, tokens

# "E4", "e-4", "E04" anywhere; "e 4" only after a word announcing a code ("affiche E 4").
COMPACT_CODE = re.compile(r"(?<![a-z0-9])([a-z])-?0?([0-9]{1,2})(?![a-z0-9])")
SPACED_CODE = re.compile(
    r"\b(?:code|erreur|affiche|indique|clignote|message|defaut)(?: d erreur)?"
    r" ([a-z]) 0?([0-9]{1,2})\b"
)
INTERVENTION_OFFER = "Si le problème persiste, je peux demander l'intervention d'un technicien."


@dataclass(frozen=True)
class Diagnosis:
    """What was recognised in the message and the guide to follow."""

    kind: str  # "code", "unknown_code", "symptom" or "none"
    title: str
    steps: tuple[str, ...] = ()
    technician: str = ""  # when the customer should ask for a technician
    code: ErrorCode | None = None
    symptom: Guide | None = None
    raw_code: str | None = None  # the code as read in the message, known or not

    @property
    def found(self) -> bool:
        """True when a guide applies (a known code or a recognised symptom)."""
        return self.kind in ("code", "symptom")

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
        return Diagnosis("code", code.title, code.checks, code.technician, code=code, raw_code=raw)
    if raw:
        known = join_words([c.code for c in kb.error_codes])
        return Diagnosis(
            "unknown_code",
            f"code {raw} inconnu",
            technician=(
                f"Je ne connais pas le code {raw}. Vérifiez-le sur l'écran "
                f"(codes connus : {known}) ; s'il s'affiche toujours, "
                "un technicien doit intervenir."
            ),
            raw_code=raw,
        )
    symptom = find_symptom(text, kb)
    if symptom:
        return Diagnosis("symptom", symptom.title, symptom.steps, symptom.advice, symptom=symptom)
    return Diagnosis("none", "problème non reconnu")


def diagnosis_text(diagnosis: Diagnosis, offer_intervention: bool = True) -> str:
    """The guide as a French message: what it is, numbered steps, when to call us."""
    if diagnosis.kind == "none":
        return (
            "Je n'ai pas reconnu le problème. Décrivez ce qui se passe (ne chauffe plus, fait du "
            "bruit, fuit…) ou donnez le code affiché sur l'écran, par exemple E4."
        )
    if diagnosis.kind == "unknown_code":
        return diagnosis.technician
    if diagnosis.code is not None:
        head = f"Code {diagnosis.code.code} : {diagnosis.title}."
        if diagnosis.normal:
            head += " Ce n'est pas une panne."
    else:
        head = f"Problème : {diagnosis.title}."
    lines = [
        head,
        "Voici ce que vous pouvez vérifier :",
        numbered(diagnosis.steps),
        diagnosis.technician,
    ]
    if offer_intervention and not diagnosis.normal:
        lines.append(INTERVENTION_OFFER)
    return "\n".join(lines)
