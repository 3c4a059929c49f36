"""After-sales guides: error codes and symptoms found in what the customer writes."""

from __future__ import annotations

import pytest

from logic.climatech.troubleshooting import (
    DiagnosisCode,
    DiagnosisKind,
    diagnose,
    diagnosis_answer,
    extract_code,
    find_error_code,
    find_symptom,
    symptom_by_id,
)
from logic.results import Message
from logic.text.catalogue import render


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ma clim affiche E4", "E4"),
        ("code d'erreur e 04 sur l'écran", "E4"),
        ("l'écran indique F-3", "F3"),
        ("H1 clignote", "H1"),
        ("A1 sur le tableau de l'Hydra", "A1"),
        ("j'ai un problème à 2 reprises", None),  # "à 2" is not a code
        ("mon aria 25 ne chauffe plus", None),
        ("filtre CT-FIL-2035", None),
    ],
)
def test_error_codes_are_read_in_the_message(text: str, code: str | None) -> None:
    assert extract_code(text) == code


def test_known_code_gives_checks_then_when_to_call() -> None:
    diagnosis = diagnose("Bonjour, ma clim affiche E4 depuis ce matin")
    assert diagnosis.kind is DiagnosisKind.CODE and diagnosis.found
    assert diagnosis.code is not None and diagnosis.code.code == "E4"
    assert "communication" in diagnosis.title
    text = render(diagnosis_answer(diagnosis))
    lines = text.splitlines()
    assert lines[0].startswith("Code E4 : défaut de communication")
    assert lines[2].startswith("1. ") and lines[3].startswith("2. ")
    assert "technicien" in lines[-2]
    assert lines[-1] == "Si le problème persiste, je peux demander l'intervention d'un technicien."


def test_defrost_code_is_not_a_fault() -> None:
    diagnosis = diagnose("H1 affiché")
    assert diagnosis.normal
    text = render(diagnosis_answer(diagnosis))
    assert "Ce n'est pas une panne." in text
    assert "je peux demander l'intervention" not in text


def test_unknown_code_is_said_unknown() -> None:
    diagnosis = diagnose("l'écran affiche E9")
    assert diagnosis.kind is DiagnosisKind.UNKNOWN_CODE and not diagnosis.found
    assert diagnosis.raw_code == "E9"
    answer = diagnosis_answer(diagnosis)
    assert isinstance(answer, Message) and answer.code is DiagnosisCode.UNKNOWN_CODE
    assert render(answer).startswith("Je ne connais pas le code E9. Vérifiez-le sur l'écran")
    assert find_error_code("E9") is None


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("ma PAC ne chauffe plus", "ne_chauffe_plus"),
        ("ma pompe à chaleur chaufe plus", "ne_chauffe_plus"),  # typo
        ("les radiateurs sont froids", "ne_chauffe_plus"),
        ("la clim ne refroidit plus", "ne_refroidit_plus"),
        ("elle souffle chaud alors que je suis en froid", "ne_refroidit_plus"),
        ("elle fait un bruit bizarre", "bruit"),
        ("ça vibre", "bruit"),
        ("ma clim fuit", "fuite"),
        ("ça goutte sous l'unité intérieure", "fuite"),
        ("il y a de l'eau par terre", "fuite"),
        ("ça sent le moisi", "odeur"),
        ("la pac ne démarre pas", "ne_demarre_pas"),
        ("la télécommande ne répond plus", "telecommande"),
        ("la télécommande ne marche plus", "telecommande"),  # not "ne démarre pas"
        ("l'unité extérieure fume", "givre"),
    ],
)
def test_symptoms(text: str, symptom: str) -> None:
    found = find_symptom(text)
    assert found is not None and found.id == symptom


def test_a_code_wins_over_a_symptom() -> None:
    assert diagnose("elle ne chauffe plus et affiche A1").kind is DiagnosisKind.CODE


def test_symptom_text_is_a_numbered_guide_with_technician_advice() -> None:
    text = render(diagnosis_answer(diagnose("ma clim fuit")))
    assert text.startswith("Problème : l'appareil fuit ou goutte.")
    assert "1. Éteignez l'appareil" in text
    assert "demandez une intervention" in text


def test_nothing_recognised() -> None:
    diagnosis = diagnose("bonjour")
    assert diagnosis.kind is DiagnosisKind.NONE and not diagnosis.found
    answer = diagnosis_answer(diagnosis)
    assert isinstance(answer, Message) and answer.code is DiagnosisCode.NOT_RECOGNISED
    assert "Je n'ai pas reconnu le problème" in render(answer)


def test_symptom_by_id() -> None:
    guide = symptom_by_id("bruit")
    assert guide is not None and guide.title == "l'appareil fait du bruit"
    assert symptom_by_id("nope") is None


def test_the_action_offers_the_intervention_itself() -> None:
    text = render(diagnosis_answer(diagnose("ma clim affiche E4"), offer_intervention=False))
    assert "je peux demander l'intervention" not in text
