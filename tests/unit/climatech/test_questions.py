"""The questions of the forms and the privacy notice."""

from __future__ import annotations

import yaml

from logic.climatech.questions import QUESTIONS_FILE, load_questions
from scripts.purge import RETENTION_DAYS


def test_the_notice_announces_the_retention_that_make_purge_applies() -> None:
    assert f"{RETENTION_DAYS} jours" in load_questions().privacy_notice


def test_every_form_slot_has_a_question() -> None:
    domain = yaml.safe_load((QUESTIONS_FILE.parent.parent / "domain.yml").read_text())
    asked = set(load_questions().questions) | {"quiz_answer"}  # the quiz asks its own questions
    for form in domain["forms"].values():
        assert set(form["required_slots"]) <= asked


def test_personal_questions_are_marked() -> None:
    personal = {q.slot for q in load_questions().questions.values() if q.personal}
    assert personal == {"contact_name", "contact", "contact_phone"}
