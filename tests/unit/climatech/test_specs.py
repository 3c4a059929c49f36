"""Specification questions: which spec, the answer from the catalogue, comparisons."""

from __future__ import annotations

import pytest

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.specs import (
    Row,
    SpecCode,
    answer_spec_question,
    compare_products,
    detect_spec,
    product_card,
    spec_message,
)
from logic.results import Message, message
from logic.text.catalogue import render

KB = load_knowledge()


@pytest.mark.parametrize(
    ("question", "spec"),
    [
        ("quelle est la puissance de l'aria 25", "puissance"),
        ("niveau sonore ?", "bruit"),
        ("c'est bruyant ?", "bruit"),
        ("combien de dB", "bruit"),
        ("quel est son SCOP", "performance"),
        ("pour combien de m2", "surface"),
        ("ça coûte combien", "prix"),
        ("la fiche technique", "fiche"),
        ("la puisance", "puissance"),
        ("bonjour", None),
    ],
)
def test_spec_detection(question: str, spec: str | None) -> None:
    assert detect_spec(question) == spec


def test_spec_answers_come_from_the_catalogue() -> None:
    answer = answer_spec_question("Quelle est la puissance de l'Aria 25 ?")
    assert [p.id for p in answer.products] == ["aria-25"]
    assert isinstance(answer.message, Message) and answer.message.code is SpecCode.POWER
    assert (
        render(answer.message)
        == "L'Aria 25 a une puissance de 3,2 kW en chauffage et de 2,5 kW en refroidissement."
    )
    noise = render(answer_spec_question("niveau sonore de la hydra 9").message)
    assert "28 dB(A)" in noise and "51 dB(A)" in noise
    water = render(spec_message(KB.product("hydra-9"), "puissance"))  # type: ignore[arg-type]
    assert "9 kW" in water and "ne climatise pas" in water


def test_every_spec_is_one_sentence_about_the_model() -> None:
    product = KB.product("aria-25")
    assert product is not None
    performance = render(spec_message(product, "performance"))
    assert performance.startswith("L'Aria 25 a un SCOP de 4,3 en chauffage et un SEER de 7,1")
    assert render(spec_message(product, "surface")) == (
        "L'Aria 25 convient pour 15 à 25 m² dans un logement moyennement isolé."
    )
    assert "1 890 €" in render(spec_message(product, "prix"))
    assert "/fiches-techniques/FT-ARIA-25.pdf" in render(spec_message(product, "fiche"))


def test_the_whole_card_without_a_spec() -> None:
    product = KB.product("aria-25")
    assert product is not None
    lines = render(product_card(product)).splitlines()
    assert lines[0].startswith("Aria 25 : climatiseur réversible mono-split, ")
    assert "• Surface conseillée : 15 à 25 m²" in lines
    assert render(spec_message(product, None)) == render(product_card(product))


def test_spec_question_without_model_asks_which_one() -> None:
    answer = answer_spec_question("quelle est la puissance de votre pompe à chaleur ?")
    assert not answer.found
    assert isinstance(answer.message, Message) and answer.message.code is SpecCode.WHICH_MODEL
    text = render(answer.message)
    assert text.startswith("De quel modèle parlez-vous ?")
    assert "Hydra 9" in text and "Aria 25" not in text


def test_comparison_puts_two_models_side_by_side() -> None:
    answer = answer_spec_question("comparez l'aria 25 et l'aria 35")
    assert [p.id for p in answer.products] == ["aria-25", "aria-35"]
    lines = render(answer.message).splitlines()
    assert lines[0] == "Comparatif Aria 25 / Aria 35"
    assert "• Chauffage : 3,2 kW / 4 kW" in lines
    assert "• Bruit intérieur : 20 dB(A) / 22 dB(A)" in lines
    assert "Le plus silencieux à l'intérieur : Aria 25 (20 dB(A))." in lines


def test_comparison_rows_show_missing_cooling_as_a_dash() -> None:
    first, second = KB.product("hydra-6"), KB.product("aria-50")
    assert first is not None and second is not None
    rows = {label: (a, b) for label, a, b in compare_products(first, second).rows}
    assert rows[Row.COOLING] == ("—", "5 kW")
    assert rows[Row.PRICE] == ("9 490 €", "2 890 €")
    assert render(message(Row.COOLING)) == "Refroidissement"
    assert render(message(Row.PRICE)) == "Prix indicatif"
