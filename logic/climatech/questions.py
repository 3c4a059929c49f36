"""The questions the forms ask (knowledge/questions.yml): their wording code, buttons, privacy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from logic.results import MessageCode

QUESTIONS_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "questions.yml"
NOTICE_SLOT = "privacy_notice_shown"  # the privacy notice is shown once per conversation


class FormQuestion(MessageCode):
    """The wording of each form question, and the notice before the first personal one."""

    PRIVACY_NOTICE = "form_privacy_notice"
    CONTACT_NAME = "ask_contact_name"
    CONTACT = "ask_contact"
    CONTACT_PHONE = "ask_contact_phone"
    APPOINTMENT_DATE = "ask_appointment_date"
    APPOINTMENT_TIME = "ask_appointment_time"
    PART_REFERENCE = "ask_part_reference"
    QUANTITY = "ask_quantity"
    CALLBACK_DATE = "ask_callback_date"
    CALLBACK_TIME = "ask_callback_time"
    PROJECT = "ask_project"
    HOUSING = "ask_housing"
    SURFACE = "ask_surface"
    ROOMS = "ask_rooms"
    INSULATION = "ask_insulation"
    NEED = "ask_need"
    POSTCODE = "ask_postcode"
    INTERVENTION_PROBLEM = "ask_intervention_problem"
    REQUEST_REFERENCE = "ask_request_reference"
    NPS = "ask_nps"
    CSAT = "ask_csat"
    CES = "ask_ces"
    SURVEY_COMMENT = "ask_survey_comment"


@dataclass(frozen=True)
class Question:
    slot: str
    text: FormQuestion
    buttons: tuple[str, ...] = ()
    personal: bool = False


@cache
def load_questions(path: Path = QUESTIONS_FILE) -> dict[str, Question]:
    """Every form question by slot; a slot without its `ask_<slot>` wording raises ValueError."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = {}
    for slot, entry in raw["questions"].items():
        details = entry or {}
        questions[slot] = Question(
            slot=slot,
            text=FormQuestion(f"ask_{slot}"),
            buttons=tuple(details.get("buttons", ())),
            personal=bool(details.get("personal", False)),
        )
    return questions
