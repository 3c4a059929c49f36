"""Indicators from individual notes: NPS notes sorted, CES notes and counts per note."""

from __future__ import annotations

from logic.results import Message
from logic.survey.calculator.notes import ces_from_text, nps_from_notes
from logic.survey.calculator.reading import prepare
from logic.survey.calculator.reply import Ask
from logic.text.catalogue import render


def test_nps_notes_are_sorted_with_singular_and_plural() -> None:
    reply = nps_from_notes(prepare("les notes 9, 10, 7, 3 et 8"), None)
    assert reply.complete
    assert render(reply.answer).splitlines()[0] == (
        "Classement des 5 notes : 2 promoteurs (9-10), 2 passifs (7-8), 1 détracteur (0-6)."
    )


def test_nps_notes_off_the_scale_are_questioned() -> None:
    reply = nps_from_notes(prepare("les notes 9, 12 et 3"), None)
    assert isinstance(reply.answer, Message) and reply.answer.code is Ask.NPS_BAD_NOTE
    assert "12" in render(reply.answer)


def test_ces_counts_per_note_and_wrong_counts() -> None:
    assert "10 × 1 + 5 × 3 = 25" in render(
        ces_from_text(prepare("10 notes de 1, 5 notes de 3")).answer
    )
    wrong = ces_from_text(prepare("sur 6 réponses, les notes d'effort sont 1, 2, 2, 3 et 5"))
    assert isinstance(wrong.answer, Message) and wrong.answer.code is Ask.CES_NOTES_COUNT
    assert render(wrong.answer) == (
        "Vous annoncez 6 réponses mais je compte 5 notes : pouvez-vous vérifier ?"
    )
