"""Form answers as customers type them, right and wrong, with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from logic.opening_hours import PARIS
from logic.validators import (
    appointment_start,
    parse_french_date,
    parse_french_time,
    validate_appointment_date,
    validate_email,
    validate_name,
    validate_phone,
    validate_postcode,
    validate_quantity,
    validate_rooms,
    validate_surface,
    validate_time_slot,
)

NOW = datetime(2026, 11, 23, 23, 54, tzinfo=PARIS)  # Monday night
TODAY = NOW.date()
TUESDAY = date(2026, 11, 24)
MONDAY = date(2026, 11, 30)
SATURDAY = date(2026, 11, 28)


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
    assert result.ok and result.value == date(2026, 11, 26) and result.error is None


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
    assert result.error is not None and fragment in result.error


def test_refusals_propose_the_next_open_days() -> None:
    sunday = validate_appointment_date("dimanche", NOW).error
    assert sunday is not None
    assert sunday.endswith("lundi 30 novembre, mardi 1er décembre ou mercredi 2 décembre.")
    vague = validate_appointment_date("n'importe quand", NOW).error
    assert vague is not None and "mardi 24 novembre" in vague


def test_today_without_slot_left_is_refused() -> None:
    late = datetime(2026, 11, 24, 17, 0, tzinfo=PARIS)
    result = validate_appointment_date("aujourd'hui", late)
    assert result.error is not None and "plus de créneau libre aujourd'hui" in result.error


def test_a_fully_booked_day_is_refused() -> None:
    saturday_slots = [
        datetime(2026, 11, 28, h, m, tzinfo=PARIS) for h in (9, 10, 11) for m in (0, 30)
    ]
    result = validate_appointment_date("samedi", NOW, booked=saturday_slots * 2)
    assert (
        result.error is not None and "plus de créneau libre le samedi 28 novembre" in result.error
    )


# --- time slots --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10h", time(10)),
        ("14h30", time(14, 30)),
        ("14 h 30", time(14, 30)),
        ("à 9:30", time(9, 30)),
        ("10 heures", time(10)),
        ("2h de l'après-midi", time(14)),
        ("vers 11", time(11)),
        ("midi", time(12)),
        ("le matin", "matin"),
        ("l'après-midi", "apres midi"),
        ("en fin de journée", "fin de journee"),
        ("10 habitants", None),
    ],
)
def test_french_times_are_understood(text: str, expected: time | str | None) -> None:
    assert parse_french_time(text) == expected


def test_a_precise_time_within_opening_hours() -> None:
    result = validate_time_slot("14h30", TUESDAY, NOW)
    assert result.value is not None
    assert (
        result.value.exact
        and result.value.start == time(14, 30)
        and result.value.end == time(15, 30)
    )
    assert result.value.label == "à 14 h 30"


def test_a_part_of_the_day_lists_its_free_starts() -> None:
    result = validate_time_slot("le matin", TUESDAY, NOW)
    assert result.value is not None and not result.value.exact
    assert result.value.starts == (time(9), time(9, 30), time(10), time(10, 30), time(11))
    assert result.value.label == "entre 9 h et 12 h"


@pytest.mark.parametrize(
    ("text", "day", "fragment"),
    [
        ("12h30", TUESDAY, "À 12 h 30, le showroom est fermé"),
        ("18h", TUESDAY, "le dernier commence à 17 h 30"),
        ("10h", MONDAY, "nous sommes ouverts de 14 h à 18 h 30"),
        ("le matin", MONDAY, "en dehors de nos horaires"),
        ("l'après-midi", SATURDAY, "en dehors de nos horaires"),
        ("15h15", MONDAY, "à l'heure ou à la demie"),
        ("n'importe quand", TUESDAY, "Il me faut une heure"),
        ("bientôt", TUESDAY, "Je n'ai pas compris l'heure"),
        ("10h", date(2026, 11, 29), "fermé le dimanche"),
    ],
)
def test_bad_times_are_explained(text: str, day: date, fragment: str) -> None:
    result = validate_time_slot(text, day, NOW)
    assert not result.ok
    assert result.error is not None and fragment in result.error


def test_times_too_close_or_past_or_full() -> None:
    morning = datetime(2026, 11, 24, 10, 5, tzinfo=PARIS)
    past = validate_time_slot("9h", TUESDAY, morning).error
    assert past is not None and "déjà passé" in past and "14 h" in past
    close = validate_time_slot("11h", TUESDAY, morning).error
    assert close is not None and "au moins 2 heures à l'avance" in close
    two = [datetime(2026, 11, 30, 15, 0, tzinfo=PARIS)] * 2
    full = validate_time_slot("15h", MONDAY, NOW, booked=two).error
    assert full is not None and "15 h est complet" in full and "15 h 30" in full


# --- contact details ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "mon numéro c'est le 06 12 34 56 78, merci",
    ],
)
def test_french_phone_numbers_are_normalised(text: str) -> None:
    assert validate_phone(text).value == "06 12 34 56 78"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("123456", "Ce numéro a 6 chiffres ; un numéro français en compte 10"),
        ("06 12 34 56 78 9", "a 11 chiffres"),
        ("+44 20 7946 0958", "numéros français"),
        ("1612345678", "commence par 01 à 09"),
        ("0812345678", "numéros de service"),
        ("je n'ai pas de portable", "Je n'ai pas trouvé de numéro"),
    ],
)
def test_bad_phone_numbers_are_explained(text: str, fragment: str) -> None:
    result = validate_phone(text)
    assert result.value is None and result.error is not None and fragment in result.error


@pytest.mark.parametrize(
    ("text", "value", "fragment"),
    [
        ("Marie.Le-Goff@Orange.FR", "marie.le-goff@orange.fr", None),
        ("mon mail : jo@free.fr", "jo@free.fr", None),
        ("marie.orange.fr", None, "Il manque l'arobase"),
        ("marie@orange", None, "domaine après l'arobase"),
        ("élodie@gmail.com", None, "pas d'accent"),
        ("marie..x@orange.fr", None, "incomplète"),
    ],
)
def test_email(text: str, value: str | None, fragment: str | None) -> None:
    result = validate_email(text)
    assert result.value == value
    assert (result.error is None) if fragment is None else (fragment in (result.error or ""))


@pytest.mark.parametrize(
    ("text", "value"),
    [("marie le goff", "Marie Le Goff"), ("Je m'appelle Jean-Pierre Martin", "Jean-Pierre Martin")],
)
def test_names(text: str, value: str) -> None:
    assert validate_name(text).value == value


def test_names_with_digits_are_refused() -> None:
    error = validate_name("R2D2").error
    assert error is not None and "chiffres" in error
    assert not validate_name("x").ok


# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("deux", 2),
        ("3", 3),
        ("10", 10),
        ("une", 1),
        ("une paire", 2),
        ("trois filtres", 3),
        ("x2 CT-FIL-2035", 2),
    ],
)
def test_quantities(text: str, value: int) -> None:
    assert validate_quantity(text).value == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0", "Il faut au moins 1 pièce"),
        ("-3", "Il faut au moins 1 pièce"),
        ("500", "500 pièces, c'est au-delà de la limite de 10"),
        ("11", "au-delà de la limite de 10"),
        ("2,5", "nombre entier"),
        ("une dizaine", "nombre précis"),
        ("beaucoup", "nombre précis"),
        ("je ne sais pas", "nombre précis"),
        ("hmm", "Indiquez un nombre de pièces entre 1 et 10"),
    ],
)
def test_bad_quantities_are_explained(text: str, fragment: str) -> None:
    result = validate_quantity(text)
    assert result.value is None and result.error is not None and fragment in result.error


def test_a_large_order_points_to_the_phone() -> None:
    error = validate_quantity("500").error
    assert error is not None and "02 61 91 42 10" in error


def test_rooms() -> None:
    assert validate_rooms("quatre").value == 4
    assert not validate_rooms("0").ok
    assert not validate_rooms("25").ok


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("22200", "22200"),
        ("22 200", "22200"),
        ("Guingamp 22200", "22200"),
        ("01000", "01000"),
        ("20000", "20000"),
    ],
)
def test_postcodes(text: str, value: str) -> None:
    assert validate_postcode(text).value == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2200", "Pensez au 0 initial"),
        ("123456", "5 chiffres"),
        ("00100", "n'est pas un code postal"),
        ("96000", "n'est pas"),
    ],
)
def test_bad_postcodes(text: str, fragment: str) -> None:
    error = validate_postcode(text).error
    assert error is not None and fragment in error


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("90", 90),
        ("90 m2", 90),
        ("90m²", 90),
        ("environ 120 mètres carrés", 120),
        ("entre 100 et 120 m²", 110),
        ("100 à 120", 110),
        ("au 2e étage, 65 m2", 65),
        ("85,5 m²", 86),
    ],
)
def test_surfaces(text: str, value: int) -> None:
    assert validate_surface(text).value == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("5", "au moins 10 m²"), ("2000", "devis"), ("je sais pas", "même approximative")],
)
def test_bad_surfaces(text: str, fragment: str) -> None:
    error = validate_surface(text).error
    assert error is not None and fragment in error


@pytest.mark.parametrize(
    ("label", "start"),
    [("à 10 h", "10:00"), ("à 14 h 30", "14:30"), ("entre 9 h 30 et 12 h 30", "09:30")],
)
def test_the_start_an_accepted_time_books(label: str, start: str) -> None:
    booked = appointment_start(date(2026, 11, 24), label)
    assert booked is not None and booked.isoformat() == f"2026-11-24T{start}:00+01:00"
    assert appointment_start(date(2026, 11, 24), "le matin") is None
