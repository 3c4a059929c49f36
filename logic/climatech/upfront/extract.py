"""Everything a message says up front, read in an order where each finder takes its text out."""

from __future__ import annotations

import re
from datetime import date

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge
from logic.climatech.troubleshooting import find_symptoms
from logic.climatech.upfront import figures, moments, project
from logic.climatech.upfront.details import Details
from logic.climatech.upfront.scan import Scan, contains
from logic.climatech.validators.contact import EMAIL
from logic.text.matching import normalize, phrase_tokens, tokens

# Breakdown words the symptom guides leave to their own phrases.
BREAKDOWN = re.compile(
    r"\b(panne|hs|hors service|casse|cassee|defaillant|disjoncte|depannage|depanner|"
    r"reparer|reparation|ne marche|ne fonctionne|ne demarre|ne s allume|ne repond|s arrete|"
    r"s est arretee?|s eteint|s est eteinte?)\b"
)
PROBLEM_LIMIT = 500  # the intervention form keeps this many characters


def describes_problem(text: str, kb: Knowledge | None = None) -> bool:
    """True when `text` describes a breakdown: an error code, a symptom, a breakdown word."""
    kb = kb or load_knowledge()
    if figures.error_codes(Scan(text), kb):
        return True
    if BREAKDOWN.search(normalize(text)):
        return True
    # The guides match words loosely ("coûte" would be "coule"): here a symptom needs one
    # of its phrases word for word.
    words = tokens(text)
    return any(
        contains(words, phrase_tokens(keyword))
        for guide in find_symptoms(text, kb)
        for keyword in guide.keywords
    )


def problem_description(text: str) -> str | None:
    """The message as a description, without the contact details (they have their slots)."""
    text = figures.PHONE.sub(" ", EMAIL.sub(" ", text))
    text = " ".join(text.split())[:PROBLEM_LIMIT]
    return text if len(text) >= 3 else None


def extract(text: str, today: date, kb: Knowledge | None = None) -> Details:
    """The details `text` states; `today` resolves "samedi", "le 15", "le 3 janvier"."""
    kb = kb or load_knowledge()
    email, rest = figures.take_email(text)
    scan = Scan(rest)
    request_reference = figures.take_request_reference(scan)
    part_reference = figures.take_part_reference(scan, kb)
    phone = figures.take_phone(scan)
    codes = figures.error_codes(scan, kb)
    surface = figures.take_surface(scan)
    exact, part_of_day = moments.take_time(scan)
    day = moments.take_date(scan, today)
    model, words = project.take_model(normalize(scan.text), kb)
    part_type = project.part_type(words, kb)
    problem = describes_problem(text, kb)
    parts_context = bool(
        figures.REF_MARK in words.split() or part_type or re.search(r"\bpieces? detachee", words)
    )
    return Details(
        phone=phone,
        email=email,
        date=day,
        time=exact,
        part_of_day=part_of_day,
        surface=surface,
        rooms=figures.rooms(words, parts_context),
        insulation=project.insulation(words),
        housing=project.housing(words),
        # What a broken appliance does ("ne chauffe plus") is no need for a new one.
        need=None if problem else project.need(words),
        model=model,
        part_reference=part_reference,
        part_type=part_type,
        error_code=codes[0] if len(set(codes)) == 1 else None,
        quantity=figures.quantity(words, kb, parts_context),
        request_reference=request_reference,
        problem=problem_description(text) if problem else None,
    )
