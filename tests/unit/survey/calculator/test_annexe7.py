"""Annexe 7 of the case: what survives and both readings of its scale."""

from __future__ import annotations

from logic.survey.calculator.annexe7 import ANNEXE7_Q2_COUNTS, annexe7
from logic.survey.calculator.compute import compute_from_text
from logic.text.catalogue import render


def test_annexe7_states_what_survives_and_both_readings() -> None:
    assert ANNEXE7_Q2_COUNTS == {1: 40, 2: 45, 3: 10, 4: 5}
    text = render(annexe7())
    assert "incomplet" in text
    assert "40" in text and "45" in text and "10" in text and "5" in text
    assert "Si 1 = très satisfait et 4 = très insatisfait" in text
    assert "(40 + 45) / 100 = 85 %" in text
    assert "1 = très insatisfait et 4 = très satisfait" in text
    assert "(10 + 5) / 100 = 15 %" in text
    assert "180 / 100 = 1,8" in text
    assert "NPS ne peut donc pas être calculé" in text
    assert "CES ne peut pas" in text
    reply = compute_from_text("Que peut-on calculer avec l'annexe 7 ?")
    assert reply.topic == "annexe7" and reply.complete and render(reply.answer) == text
