"""Settings how-tos found in what the customer writes, shown as numbered steps."""

from __future__ import annotations

import pytest

from logic.climatech.settings_help import (
    HowtoCode,
    find_howto,
    find_howtos,
    howto_answer,
    howto_by_id,
    howto_menu,
)
from logic.results import Message
from logic.text.catalogue import render


@pytest.mark.parametrize(
    ("text", "howto"),
    [
        ("comment régler la température ?", "temperature"),
        ("comment passer en mode chaud", "modes"),
        ("programmer la clim pour 7h", "programmation"),
        ("mettre le mode éco", "eco"),
        ("je pars en vacances, que faire ?", "hors_gel"),
        ("mode hors gel", "hors_gel"),
        ("changer les piles de la télécommande", "telecommande_piles"),
        ("appairer une nouvelle télécommande", "telecommande_appairage"),
        ("piloter la clim depuis mon smartphone", "wifi"),
        ("comment nettoyer les filtres", "filtres"),
        ("vider les condensats", "condensats"),
        ("régler la température de l'eau chaude", "eau_chaude"),
    ],
)
def test_howtos(text: str, howto: str) -> None:
    found = find_howto(text)
    assert found is not None and found.id == howto


def test_no_howto_for_small_talk() -> None:
    assert find_howto("bonjour") is None


def test_howto_answer() -> None:
    guide = howto_by_id("hors_gel")
    assert guide is not None
    answer = howto_answer(guide)
    assert isinstance(answer.items[0], Message) and answer.items[0].code is HowtoCode.TITLE
    text = render(answer)
    assert text.splitlines()[0] == "Activer le mode vacances (hors-gel) :"
    assert "\n1. " in text and "\n3. " in text
    assert "Astuce : ne coupez pas le disjoncteur" in text


def test_howto_menu_lists_every_howto() -> None:
    menu = howto_menu()
    assert ("filtres", "Nettoyer les filtres") in menu
    assert len(menu) >= 8


def test_several_howtos_best_first() -> None:
    found = find_howtos("changer les piles de la télécommande")
    assert found[0].id == "telecommande_piles" and len(found) <= 3
