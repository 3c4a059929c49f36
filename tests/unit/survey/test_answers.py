"""Survey answer parsers: every accepted wording and every rejected one."""

from __future__ import annotations

import pytest

from logic.results import Result
from logic.survey.answers import (
    CSAT_BUTTONS,
    CSAT_KEYS,
    AnswerCode,
    is_stop,
    parse_ces,
    parse_csat,
    parse_nps,
)
from logic.text.catalogue import render


def _error(answer: Result[object]) -> str:
    """What the user reads when the answer is refused."""
    assert answer.problem is not None
    return render(answer.problem)


def _out_of_range(answer: Result[object]) -> bool:
    return isinstance(answer.code, AnswerCode) and answer.code.out_of_range


# --- NPS (0 to 10) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9", 9),
        ("9/10", 9),
        ("9 / 10", 9),
        ("neuf", 9),
        ("Neuf !", 9),
        ("je mettrais 8", 8),
        ("je mettrais un 8", 8),
        ("une note de neuf", 9),
        ("10 sur 10", 10),
        ("dix sur dix", 10),
        ("huit sur dix", 8),
        ("Je donnerais 9 sur 10 !", 9),
        ("zéro", 0),
        ("zero", 0),
        ("0", 0),
        ("10", 10),
        ("  7  ", 7),
        ("un", 1),
        (7, 7),
        (7.0, 7),
        (0, 0),
    ],
)
def test_nps_accepted(text: object, value: int) -> None:
    answer = parse_nps(text)
    assert answer.ok and answer.value == value and answer.problem is None


@pytest.mark.parametrize("text", ["11", "99", "-1", "onze", "vingt", "100", 99, -1, 11.0])
def test_nps_out_of_range(text: object) -> None:
    answer = parse_nps(text)
    assert answer.code is AnswerCode.OUT_OF_RANGE and _out_of_range(answer)
    assert answer.value is None
    assert "0" in _error(answer) and "10" in _error(answer)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "bof",
        "très bien",
        "8.5",
        "8,5",
        "entre 7 et 8",
        "4/5",
        "3 sur 5",
        True,
    ],
)
def test_nps_not_understood(text: object) -> None:
    answer = parse_nps(text)
    assert not _out_of_range(answer) and not answer.ok
    assert answer.value is None and _error(answer)


# --- CSAT (four levels) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("très satisfait", "tres_satisfait"),
        ("Très satisfaite", "tres_satisfait"),
        ("tres_satisfait", "tres_satisfait"),
        ("vraiment satisfait", "tres_satisfait"),
        ("très content", "tres_satisfait"),
        ("ravi", "tres_satisfait"),
        ("ravie !", "tres_satisfait"),
        ("enchanté", "tres_satisfait"),
        ("excellent", "tres_satisfait"),
        ("satisfait", "satisfait"),
        ("Satisfaite", "satisfait"),
        ("plutôt satisfait", "satisfait"),
        ("assez satisfait", "satisfait"),
        ("content", "satisfait"),
        ("pas mécontent", "satisfait"),
        ("je ne suis pas déçu", "satisfait"),
        ("insatisfait", "insatisfait"),
        ("plutôt insatisfait", "insatisfait"),
        ("pas satisfait", "insatisfait"),
        ("je ne suis pas satisfait", "insatisfait"),
        ("pas très satisfait", "insatisfait"),
        ("peu satisfait", "insatisfait"),
        ("mécontent", "insatisfait"),
        ("déçu", "insatisfait"),
        ("bof", "insatisfait"),
        ("très insatisfait", "tres_insatisfait"),
        ("pas du tout satisfait", "tres_insatisfait"),
        ("je ne suis pas du tout satisfait", "tres_insatisfait"),
        ("pas satisfait du tout", "tres_insatisfait"),
        ("vraiment pas satisfait", "tres_insatisfait"),
        ("très mécontent", "tres_insatisfait"),
        ("aucunement satisfait", "tres_insatisfait"),
        ("furieux", "tres_insatisfait"),
        ("1", "tres_satisfait"),
        ("2", "satisfait"),
        ("3", "insatisfait"),
        ("4", "tres_insatisfait"),
        (2, "satisfait"),
    ],
)
def test_csat_accepted(text: object, value: str) -> None:
    answer = parse_csat(text)
    assert answer.ok and answer.value == value


def test_csat_buttons_follow_the_course_order() -> None:
    assert [CSAT_BUTTONS[i] for i in range(1, 5)] == list(CSAT_KEYS)


@pytest.mark.parametrize("text", ["0", "5", "9", 5, "-1"])
def test_csat_out_of_range(text: object) -> None:
    answer = parse_csat(text)
    assert _out_of_range(answer) and answer.value is None
    assert "très satisfait" in _error(answer)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "oui",
        "non",
        "super",
        "ni satisfait ni insatisfait",
        "je ne sais pas",
        "2.5",
    ],
)
def test_csat_not_understood(text: object) -> None:
    answer = parse_csat(text)
    assert not _out_of_range(answer) and answer.value is None and _error(answer)


# --- CES (1 to 5) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        ("2", 2),
        ("5", 5),
        ("deux", 2),
        ("cinq", 5),
        ("3/5", 3),
        ("4 sur 5", 4),
        ("1 (très faible)", 1),
        ("très faible", 1),
        ("aucun effort", 1),
        ("très facile", 1),
        ("faible", 2),
        ("facile", 2),
        ("pas difficile", 2),
        ("moyen", 3),
        ("moyennement", 3),
        ("assez élevé", 4),
        ("difficile", 4),
        ("pas facile", 4),
        ("élevé", 5),
        ("très élevé", 5),
        ("très difficile", 5),
        ("beaucoup d'effort", 5),
        (3, 3),
    ],
)
def test_ces_accepted(text: object, value: int) -> None:
    answer = parse_ces(text)
    assert answer.ok and answer.value == value


@pytest.mark.parametrize("text", ["0", "6", "7", "10", "-1", 6, "sept"])
def test_ces_out_of_range(text: object) -> None:
    answer = parse_ces(text)
    assert _out_of_range(answer) and answer.value is None
    assert "1" in _error(answer) and "5" in _error(answer)


@pytest.mark.parametrize("text", ["", None, "je ne sais pas", "2.5", "3/7", "entre 2 et 3", "oui"])
def test_ces_not_understood(text: object) -> None:
    answer = parse_ces(text)
    assert not _out_of_range(answer) and answer.value is None and _error(answer)


# --- stop ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "stop",
        "STOP !",
        "plus tard",
        "plus tard merci",
        "arrête",
        "arrêter",
        "arrêtez s'il vous plaît",
        "j'arrête",
        "on arrête là",
        "je veux arrêter le questionnaire",
        "pas maintenant",
        "annuler",
        "laisse tomber",
    ],
)
def test_stop_accepted(text: str) -> None:
    assert is_stop(text)


@pytest.mark.parametrize(
    "text",
    [
        "9",
        "satisfait",
        "la clim s'arrête toute seule",
        "je voudrais arrêter de payer",
        "",
        "ok",
        None,
        3,
    ],
)
def test_stop_rejected(text: object) -> None:
    assert not is_stop(text)


def test_a_refusal_says_what_is_expected_word_for_word() -> None:
    assert _error(parse_nps("99")) == (
        "99 n'est pas sur l'échelle de 0 à 10. J'attends une note entière de 0 (pas du tout "
        "probable) à 10 (très probable), par exemple 8."
    )
    assert parse_csat("ni satisfait ni insatisfait").code is AnswerCode.NO_NEUTRAL
    assert parse_nps("9/20").code is AnswerCode.WRONG_SCALE
    assert _error(parse_nps("9/20")).startswith("La note se donne sur 10, pas sur 20.")
