"""The questions of the forms and the privacy notice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from logic.climatech.questions import QUESTIONS_FILE, FormQuestion, load_questions
from logic.text.catalogue import say
from scripts.purge import RETENTION_DAYS


def test_the_notice_announces_the_retention_that_make_purge_applies() -> None:
    assert f"{RETENTION_DAYS} jours" in say(FormQuestion.PRIVACY_NOTICE.value)


def test_every_question_is_worded_in_the_catalogue() -> None:
    texts = {slot: say(q.text.value) for slot, q in load_questions().items()}
    assert texts["contact_name"] == "À quel nom dois-je enregistrer la demande ?"
    assert all(text.strip() for text in texts.values())


def test_a_question_without_its_wording_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "questions.yml"
    file.write_text("questions:\n  favourite_colour:\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ask_favourite_colour"):
        load_questions.__wrapped__(file)


def test_every_form_slot_has_a_question() -> None:
    domain = yaml.safe_load((QUESTIONS_FILE.parent.parent / "domain.yml").read_text())
    asked = set(load_questions()) | {"quiz_answer"}  # the quiz asks its own questions
    for form in domain["forms"].values():
        assert set(form["required_slots"]) <= asked


def test_personal_questions_are_marked() -> None:
    personal = {q.slot for q in load_questions().values() if q.personal}
    assert personal == {"contact_name", "contact", "contact_phone"}
