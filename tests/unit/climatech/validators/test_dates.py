"""Days as customers type them, right and wrong, with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from logic.climatech.opening_hours import PARIS
from logic.climatech.validators.dates import (
    DateCode,
    parse_french_date,
    validate_appointment_date,
)
from tests.unit.climatech.texts import said

NOW = datetime(2026, 11, 23, 23, 54, tzinfo=PARIS)  # Monday night
TODAY = NOW.date()


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("demain", date(2026, 11, 24)),
        ("après-demain", date(2026, 11, 25)),
        ("apres demain", date(2026, 11, 25)),
        ("jeudi", date(2026, 11, 26)),
        ("lundi", date(2026, 11, 30)),  # today is Monday: the next one
        ("lundi prochain", date(2026, 11, 30)),
        ("lundi en huit", date(2026, 12, 7)),
        ("mardi de la semaine prochaine", date(2026, 12, 1)),
        ("le 3 décembre", date(2026, 12, 3)),
        ("le 3 dec.", date(2026, 12, 3)),
        ("le 1er décembre", date(2026, 12, 1)),
        ("03/12", date(2026, 12, 3)),
        ("3/12/2026", date(2026, 12, 3)),
        ("03-12-26", date(2026, 12, 3)),
        ("2026-12-03", date(2026, 12, 3)),
        ("le 5 janvier", date(2027, 1, 5)),  # next year's
        ("le 10 novembre", date(2026, 11, 10)),  # just past: kept, then refused
        ("dans 3 jours", date(2026, 11, 26)),
        ("jeudi 3 décembre à 10h", date(2026, 12, 3)),
        ("le 3", date(2026, 12, 3)),
        ("bof", None),
    ],
)
def test_french_dates_are_understood(text: str, expected: date | None) -> None:
    assert parse_french_date(text, TODAY) == expected


def test_a_valid_appointment_date() -> None:
    result = validate_appointment_date("jeudi", NOW)
    assert result.ok and result.value == date(2026, 11, 26) and result.problem is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("hier", "est déjà passé"),
        ("le 10 novembre", "Le mardi 10 novembre est déjà passé"),
        ("dimanche", "fermé le dimanche"),
        ("le 25 décembre", "férié (Noël)"),
        ("le 2 janvier", "inventaire annuel"),
        ("n'importe quand", "Il me faut un jour précis"),
        ("quand vous voulez", "Il me faut un jour précis"),
        ("la semaine prochaine", "Il me faut un jour précis"),
        ("lundi 3 décembre", "est un jeudi, pas un lundi"),
        ("31/02", "n'existe pas"),
        ("le 15 mars 2027", "au plus 90 jours à l'avance"),
        ("euh", "Je n'ai pas compris la date"),
    ],
)
def test_bad_dates_are_explained(text: str, fragment: str) -> None:
    result = validate_appointment_date(text, NOW)
    assert not result.ok and result.value is None
    assert said(result) is not None and fragment in said(result)


def test_refusals_propose_the_next_open_days() -> None:
    sunday = said(validate_appointment_date("dimanche", NOW))
    assert sunday is not None
    assert sunday.endswith("lundi 30 novembre, mardi 1er décembre ou mercredi 2 décembre.")
    vague = said(validate_appointment_date("n'importe quand", NOW))
    assert vague is not None and "mardi 24 novembre" in vague


def test_today_without_slot_left_is_refused() -> None:
    late = datetime(2026, 11, 24, 17, 0, tzinfo=PARIS)
    result = validate_appointment_date("aujourd'hui", late)
    assert said(result) is not None and "plus de créneau libre aujourd'hui" in said(result)


def test_a_fully_booked_day_is_refused() -> None:
    saturday_slots = [
        datetime(2026, 11, 28, h, m, tzinfo=PARIS) for h in (9, 10, 11) for m in (0, 30)
    ]
    result = validate_appointment_date("samedi", NOW, booked=saturday_slots * 2)
    assert said(result) is not None and "plus de créneau libre le samedi 28 novembre" in said(
        result
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("hier", DateCode.PAST),
        ("dimanche", DateCode.CLOSED),
        ("n'importe quand", DateCode.VAGUE),
        ("lundi 3 décembre", DateCode.WRONG_WEEKDAY),
        ("31/02", DateCode.IMPOSSIBLE),
        ("le 15 mars 2027", DateCode.TOO_FAR),
        ("euh", DateCode.NOT_UNDERSTOOD),
    ],
)
def test_refusals_are_codes(text: str, code: DateCode) -> None:
    assert validate_appointment_date(text, NOW).code is code


def test_a_full_day_carries_the_days_proposed_instead() -> None:
    late = datetime(2026, 11, 24, 17, 0, tzinfo=PARIS)
    result = validate_appointment_date("aujourd'hui", late)
    assert result.code is DateCode.TODAY_FULL and result.problem is not None
    suggestion = result.problem.params["suggestion"]
    assert suggestion.code is DateCode.SUGGESTION
    assert suggestion.params["dates"] == ["2026-11-25", "2026-11-26", "2026-11-27"]
