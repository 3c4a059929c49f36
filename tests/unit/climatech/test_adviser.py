"""The showroom adviser: sizing rule, recommendations with reasons, answers understood."""

from __future__ import annotations

import pytest

from logic.climatech.adviser import (
    AdviceCode,
    AdviserQuestion,
    Project,
    parse_housing,
    parse_insulation,
    parse_need,
    recommend,
    required_power_kw,
)
from logic.results import Listing, Message
from logic.text.catalogue import render


@pytest.mark.parametrize(
    ("surface", "insulation", "kw"),
    [(100, "bonne", 6.0), (100, "moyenne", 8.0), (100, "faible", 11.0), (25, "moyenne", 2.0)],
)
def test_sizing_rule(surface: int, insulation: str, kw: float) -> None:
    assert required_power_kw(surface, insulation) == kw


def test_unknown_insulation_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        required_power_kw(100, "excellente")


def ids(project: Project) -> list[str]:
    return [r.product.id for r in recommend(project).recommendations]


def test_house_heating_prefers_an_air_water_heat_pump() -> None:
    advice = recommend(Project("maison", 100, 4, "moyenne", "chauffage"))
    assert advice.required_kw == 8.0
    assert [r.product.id for r in advice.recommendations] == [
        "hydra-9",
        "aeris-g10",
        "aria-quadro-85",
    ]
    first = render(advice.recommendations[0].reason)
    assert first.startswith("Hydra 9 (pompe à chaleur air/eau) : 9 kW en chauffage")
    assert "8 kW" in first and "11 490 €" in first
    assert isinstance(advice.message, Listing)
    lines = render(advice.message).splitlines()
    assert lines[0] == (
        "Pour le chauffage de votre maison de 100 m² (isolation moyenne), il faut environ 8 kW "
        "(100 m² × 80 W/m²)."
    )
    assert lines[1] == "Je vous conseille :" and lines[2] == f"• {first}"
    assert lines[-1].startswith("C'est une estimation : un commercial la confirmera")


def test_cooling_is_never_given_to_a_heating_only_model() -> None:
    for need in ("climatisation", "les_deux"):
        advice = recommend(Project("maison", 100, 4, "moyenne", need))
        assert advice.recommendations
        assert all(r.product.reversible for r in advice.recommendations)


def test_flat_gets_split_units_only() -> None:
    assert ids(Project("appartement", 60, 3, "moyenne", "les_deux")) == ["aria-trio-70"]
    # Heating a flat: no air/water pump nor ducts, even when they would fit the power.
    assert ids(Project("appartement", 60, 2, "moyenne", "chauffage")) == ["aria-duo-50"]
    assert ids(Project("appartement", 80, 6, "moyenne", "les_deux")) == []  # > 4 rooms
    assert ids(Project("appartement", 25, 1, "bonne", "climatisation")) == ["aria-25"]


def test_one_room_gets_a_mono_split_sized_to_the_room() -> None:
    assert ids(Project("maison", 30, 1, "moyenne", "climatisation")) == ["aria-25"]  # 2.4 kW
    assert ids(Project("maison", 40, 1, "faible", "les_deux")) == ["aria-50"]  # 4.4 kW heating


def test_multi_split_has_a_unit_per_room() -> None:
    for project in (
        Project("appartement", 45, 2, "bonne", "les_deux"),
        Project("maison", 70, 3, "bonne", "les_deux"),
    ):
        advice = recommend(project)
        multi = [r.product for r in advice.recommendations if r.product.type == "clim_multi_split"]
        assert multi and multi[0].indoor_units >= project.rooms


def test_too_big_a_project_goes_to_a_salesperson() -> None:
    advice = recommend(Project("maison", 400, 8, "faible", "chauffage"))
    assert advice.recommendations == ()
    assert advice.required_kw == 44.0
    assert isinstance(advice.message, Message)
    assert advice.message.code is AdviceCode.NOTHING_FITS
    text = render(advice.message)
    assert "un commercial doit étudier votre projet" in text
    assert "devis" in text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("une maison", "maison"),
        ("un T3", "appartement"),
        ("appart au 2e étage", "appartement"),
        ("une longère", "maison"),
    ],
)
def test_housing(text: str, value: str) -> None:
    assert parse_housing(text).value == value


def test_housing_not_understood() -> None:
    problem = parse_housing("je ne sais pas").problem
    assert problem is not None
    assert render(problem) == "Vous habitez une maison ou un appartement ?"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("bien isolée", "bonne"),
        ("maison neuve RT 2012", "bonne"),
        ("moyenne", "moyenne"),
        ("je ne sais pas", "moyenne"),
        ("mal isolée", "faible"),
        ("pas bien isolée", "faible"),
        ("une vieille maison", "faible"),
    ],
)
def test_insulation(text: str, value: str) -> None:
    assert parse_insulation(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("du chauffage", "chauffage"),
        ("me chauffer l'hiver", "chauffage"),
        ("la clim pour l'été", "climatisation"),
        ("rafraîchir les chambres", "climatisation"),
        ("les deux", "les_deux"),
        ("chauffer et climatiser", "les_deux"),
        ("été comme hiver", "les_deux"),
    ],
)
def test_need(text: str, value: str) -> None:
    assert parse_need(text).value == value


def test_need_not_understood() -> None:
    assert not parse_need("bonjour").ok
    assert parse_need("bonjour").code is AdviserQuestion.NEED


def test_insulation_not_understood() -> None:
    result = parse_insulation("bonjour")
    assert result.code is AdviserQuestion.INSULATION and result.problem is not None
    assert render(result.problem) == (
        "Votre logement est-il bien isolé (bonne), moyennement, ou mal isolé (faible) ?"
    )


def test_a_multi_split_reason_counts_the_units_and_cooling_says_so() -> None:
    advice = recommend(Project("appartement", 60, 3, "moyenne", "climatisation"))
    reason = render(advice.recommendations[0].reason)
    assert ", 3 unités pour vos 3 pièces ;" in reason and "en refroidissement" in reason
    assert render(advice.message).startswith("Pour la climatisation de votre appartement")
