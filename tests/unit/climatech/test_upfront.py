"""What a customer's first message already says, and the form answers it gives."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import yaml

from logic.climatech import adviser, references
from logic.climatech.knowledge.loading import DEFAULT_DIR
from logic.climatech.opening_hours import PARIS
from logic.climatech.parts import search_parts
from logic.climatech.upfront import (
    FORM_SLOTS,
    Details,
    as_dict,
    describes_problem,
    extract,
    prefill,
)
from logic.climatech.validators.contact import validate_contact, validate_phone
from logic.climatech.validators.dates import validate_appointment_date
from logic.climatech.validators.numbers import validate_quantity, validate_rooms
from logic.climatech.validators.project import validate_surface
from logic.climatech.validators.slots import validate_time_slot

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=PARIS)  # Monday morning
TODAY = NOW.date()


def found(text: str) -> dict[str, Any]:
    return as_dict(extract(text, TODAY))


# --- each field, as customers write it -----------------------------------------------------

EXTRACTED = [
    # phones and e-mails
    ("rappelez-moi au 06 12 34 56 78", {"phone": "0612345678"}),
    ("mon numéro : 06.12.34.56.78", {"phone": "0612345678"}),
    ("tel 07-98-76-54-32 merci", {"phone": "0798765432"}),
    ("appelez le 0033 6 12 34 56 78", {"phone": "0612345678"}),
    ("mon portable +33 6 12 34 56 78", {"phone": "0612345678"}),
    ("écrivez-moi à Marie.Dupont@Exemple.fr", {"email": "marie.dupont@exemple.fr"}),
    # days
    ("je voudrais un rendez-vous samedi", {"date": "samedi"}),
    ("rendez-vous samedi prochain", {"date": "samedi"}),
    ("je voudrais venir demain", {"date": "demain"}),
    ("je voudrais venir après-demain", {"date": "apres-demain"}),
    ("aujourd'hui si possible", {"date": "2026-11-23"}),
    ("le 15", {"date": "2026-12-15"}),  # the 15th is past this month: next month's
    ("le 25 svp", {"date": "2026-11-25"}),
    ("le 3 janvier", {"date": "2027-01-03"}),  # the year comes from today
    ("le 1er décembre", {"date": "2026-12-01"}),
    ("le 03/12", {"date": "2026-12-03"}),
    ("le 3/12/2026", {"date": "2026-12-03"}),
    ("2026-12-03", {"date": "2026-12-03"}),
    ("mardi de la semaine prochaine", {"date": "2026-12-01"}),
    ("samedi en huit", {"date": "2026-12-05"}),
    ("dans 3 jours", {"date": "2026-11-26"}),
    ("samedi 28 novembre", {"date": "2026-11-28"}),
    # times and parts of the day
    ("je voudrais un rendez-vous samedi matin", {"date": "samedi", "part_of_day": "matin"}),
    ("jeudi après-midi", {"date": "jeudi", "part_of_day": "apres-midi"}),
    ("jeudi dans l'aprem", {"date": "jeudi", "part_of_day": "apres-midi"}),
    ("rendez-vous à 9h", {"time": "09:00"}),
    ("vers 14h", {"time": "14:00"}),
    ("à 10 h 30", {"time": "10:30"}),
    ("14h30", {"time": "14:30"}),
    ("rdv à 14:30 mardi", {"date": "mardi", "time": "14:30"}),
    ("à 10 heures", {"time": "10:00"}),
    ("demain à midi", {"date": "demain", "time": "12:00"}),
    ("demain à midi et demi", {"date": "demain", "time": "12:30"}),
    (
        "demain à 2h de l'après-midi",
        {"date": "demain", "time": "14:00", "part_of_day": "apres-midi"},
    ),
    ("demain matin vers 10h", {"date": "demain", "time": "10:00", "part_of_day": "matin"}),
    ("le 15 à 10 h 30", {"date": "2026-12-15", "time": "10:30"}),
    # the whole message of the brief
    (
        "rappelez-moi au 06 12 34 56 78 demain vers 14h",
        {"phone": "0612345678", "date": "demain", "time": "14:00"},
    ),
    # surfaces, rooms, homes, insulation, needs
    (
        "quelle pompe pour une maison de 90 m2 mal isolée ?",
        {"surface": 90, "insulation": "faible", "housing": "maison"},
    ),
    ("90m²", {"surface": 90}),
    ("un séjour de 35 m 2", {"surface": 35}),
    ("120 mètres carrés", {"surface": 120}),
    ("entre 80 et 100 m2", {"surface": 90}),  # the surface validator's own reading
    ("trois pièces", {"rooms": 3}),
    ("3 pièces", {"rooms": 3}),
    ("deux chambres et un salon", {"rooms": 2}),
    ("une seule pièce de 20 m2", {"surface": 20, "rooms": 1}),
    ("j'ai un T3 de 60 m²", {"surface": 60, "housing": "appartement"}),
    ("je suis dans un F2", {"housing": "appartement"}),
    ("une longère", {"housing": "maison"}),
    ("appartement, isolation moyenne", {"housing": "appartement", "insulation": "moyenne"}),
    ("maison BBC de 140m2", {"surface": 140, "insulation": "bonne", "housing": "maison"}),
    ("une vieille maison bien isolée", {"insulation": "bonne", "housing": "maison"}),
    ("maison moyennement isolée", {"insulation": "moyenne", "housing": "maison"}),
    ("une maison pas isolée du tout", {"insulation": "faible", "housing": "maison"}),
    ("pour le chauffage", {"need": "chauffage"}),
    ("une clim pour l'été", {"need": "climatisation"}),
    ("pour le chauffage et la climatisation", {"need": "les_deux"}),
    ("un modèle réversible", {"need": "les_deux"}),
    (
        "chauffer et rafraîchir une maison de 100 m2, 4 chambres",
        {"surface": 100, "rooms": 4, "housing": "maison", "need": "les_deux"},
    ),
    # parts, models, quantities
    (
        "réserver 2 filtres CT-FIL-2035",
        {"part_reference": "CT-FIL-2035", "part_type": "filtre", "quantity": 2},
    ),
    ("je veux 2 CT-FIL-2035", {"part_reference": "CT-FIL-2035", "quantity": 2}),
    ("ct fil 2035 x 3", {"part_reference": "CT-FIL-2035", "quantity": 3}),
    ("CTFIL2035 en deux exemplaires", {"part_reference": "CT-FIL-2035", "quantity": 2}),
    ("quantité : 4 pour la CT-PIL-0002", {"part_reference": "CT-PIL-0002", "quantity": 4}),
    ("réserver 3 pièces CT-SON-5010", {"part_reference": "CT-SON-5010", "quantity": 3}),
    (
        "deux télécommandes CT-TEL-3010",
        {"part_reference": "CT-TEL-3010", "part_type": "télécommande", "quantity": 2},
    ),
    ("une paire de piles de télécommande", {"part_type": "piles", "quantity": 2}),
    ("je cherche le filtre pour mon Aria 35", {"model": "Aria 35", "part_type": "filtre"}),
    ("l'hidra 9 fait du bruit", {"model": "Hydra 9"}),
    ("aeris gainable 10", {"model": "Aeris Gainable 10"}),
    ("un filtre aria 25", {"model": "Aria 25", "part_type": "filtre"}),  # 25 is no quantity
    # error codes and request references
    ("ma clim affiche E4", {"error_code": "E4"}),
    ("ma clim affiche E 4", {"error_code": "E4"}),
    ("erreur e-04 sur l'écran", {"error_code": "E4"}),
    ("mon F3 affiche E4", {"housing": "appartement", "error_code": "E4"}),
    ("Ma PAC Hydra 9 ne chauffe plus, code F3", {"model": "Hydra 9", "error_code": "F3"}),
    ("mon rendez-vous rdv 7k3q doit être déplacé", {"request_reference": "RDV-7K3Q"}),
    ("ma demande DEV-AB2C", {"request_reference": "DEV-AB2C"}),
]


@pytest.mark.parametrize(("text", "expected"), EXTRACTED)
def test_each_field_is_read_in_a_sentence(text: str, expected: dict[str, Any]) -> None:
    assert found(text) == expected


# --- nothing invented ----------------------------------------------------------------------

NOTHING = [
    ("ma clim affiche E4", ("quantity", "time", "rooms")),
    ("rappelez-moi au 06 12 34 56 78", ("quantity", "time", "date", "surface", "rooms")),
    ("mon numéro est le 08 12 34 56 78", ("phone", "date", "quantity")),  # a service number
    ("mon numéro 06 12 34 56", ("phone", "quantity")),  # too short
    ("joignable au 06 12 34 56 78 ou au 07 98 76 54 32", ("phone",)),  # which one?
    ("écrivez à josé@exemple.fr", ("email",)),  # an accent: the validator would refuse it
    ("2 personnes à la maison", ("rooms", "quantity", "housing")),
    ("je serai à la maison samedi", ("housing",)),
    ("une pièce de 8 m2", ("rooms",)),  # "une pièce" is as often a part as a room
    ("2 pièces détachées CT-FIL-2035", ("rooms",)),
    ("réserver CT-FIL-9999", ("part_reference",)),  # no such part
    ("2 filtres et 1 télécommande", ("quantity", "part_type")),
    ("2 x CT-FIL-2050 et 1 CT-PIL-0002", ("quantity", "part_reference")),
    ("mon Aria 25 et mon Aria 35", ("model", "quantity")),
    ("j'ai 2 clims Aria 25", ("quantity",)),
    ("une maison de 90 m2", ("quantity", "rooms")),
    ("le 15 décembre à 10h", ("quantity", "rooms")),
    ("E4 puis E5", ("error_code",)),
    ("un raccord 3/4 pour ma PAC", ("date",)),  # a fraction
    ("le filtre coûte 14.90 €", ("date", "time", "quantity")),
    ("entre 14h et 16h", ("time",)),
    ("jeudi 15h le matin", ("time", "part_of_day")),  # which one is meant?
    ("rappelez-moi vers 11", ("time",)),  # 11 what?
    ("ouvert jusqu'à 18h ?", ("time",)),
    ("vous êtes ouverts 24h/24 ?", ("time",)),
    ("il y a 2 heures la clim s'est arrêtée", ("time", "quantity")),
    ("elle fuit depuis ce matin", ("part_of_day",)),
    ("depuis samedi elle fait du bruit", ("date",)),
    ("samedi dernier elle s'est arrêtée", ("date",)),
    ("lundi ou mardi", ("date",)),
    ("lundi 3 décembre", ("date",)),  # the 3rd is a Thursday
    ("du 15 au 20 décembre", ("date",)),
    ("le magasin est fermé ?", ("housing",)),
    ("bonne journée à vous", ("insulation",)),
    ("maison pas très bien isolée", ("insulation",)),
    ("maison pas mal isolée", ("insulation",)),
    ("mon chauffage ne marche plus", ("need",)),  # a breakdown, not a project
    ("je paie par carte au support ?", ("part_type",)),
    ("un sondage de satisfaction", ("part_type",)),
]


@pytest.mark.parametrize(("text", "fields"), NOTHING)
def test_no_value_is_invented(text: str, fields: tuple[str, ...]) -> None:
    details = found(text)
    assert not set(fields) & set(details), details


# --- breakdowns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("ma clim affiche E4", True),
        ("la PAC ne chauffe plus", True),
        ("l'unité intérieure fuit", True),
        ("ma clim est en panne", True),
        ("elle s'est arrêtée toute seule", True),
        ("la télécommande ne répond plus", True),
        ("je voudrais un rendez-vous samedi", False),
        ("le filtre coûte combien ?", False),  # "coûte" is not "coule"
        ("quelle pompe pour une maison de 90 m2 ?", False),
    ],
)
def test_a_breakdown_is_told_from_a_request(text: str, problem: bool) -> None:
    assert describes_problem(text) is problem


def test_the_description_keeps_the_message_but_not_the_contact_details() -> None:
    details = extract("Ma clim fuit, rappelez-moi au 06 12 34 56 78 ou jean@exemple.fr", TODAY)
    assert details.problem == "Ma clim fuit, rappelez-moi au ou"
    assert prefill("intervention_form", details, TODAY, NOW) == {
        "intervention_problem": "Ma clim fuit, rappelez-moi au ou",
        "contact_phone": "0612345678",
    }
    assert "intervention_problem" not in prefill("quote_form", details, TODAY, NOW)
    assert extract("je voudrais un devis", TODAY).problem is None


def test_personal_data_stays_out_of_the_repr() -> None:
    details = extract("rappelez-moi au 06 12 34 56 78 ou jean@exemple.fr demain", TODAY)
    assert details.phone == "0612345678" and details.email == "jean@exemple.fr"
    assert "0612345678" not in repr(details) and "jean" not in repr(details)
    assert "demain" in repr(details)


def test_as_dict_gives_only_the_fields_found() -> None:
    assert as_dict(Details()) == {}
    assert as_dict(Details(surface=90, housing="maison")) == {"surface": 90, "housing": "maison"}


# --- prefill -------------------------------------------------------------------------------

PREFILLED = [
    (
        "appointment_form",
        "je voudrais un rendez-vous samedi matin",
        {"appointment_date": "samedi", "appointment_time": "matin"},
    ),
    (
        "appointment_form",
        "rdv le 15 à 10 h 30, mon mail marie@exemple.fr",
        {
            "contact": "marie@exemple.fr",
            "appointment_date": "15/12/2026",
            "appointment_time": "10:30",
        },
    ),
    (
        "callback_form",
        "rappelez-moi au 06 12 34 56 78 demain vers 14h",
        {"contact_phone": "0612345678", "callback_date": "demain", "callback_time": "14:00"},
    ),
    (
        "adviser_form",
        "quelle pompe pour une maison de 90 m2 mal isolée ?",
        {"housing": "maison", "surface": "90", "insulation": "faible"},
    ),
    (
        "adviser_form",
        "chauffer et rafraîchir un appartement de 65 m2 bien isolé, 3 pièces",
        {
            "housing": "appartement",
            "surface": "65",
            "rooms": "3",
            "insulation": "bonne",
            "need": "les_deux",
        },
    ),
    ("quote_form", "un devis pour une maison de 120 m2", {"housing": "maison", "surface": "120"}),
    (
        "reservation_form",
        "réserver 2 filtres CT-FIL-2035",
        {"part_reference": "CT-FIL-2035", "quantity": "2"},
    ),
    (
        "reschedule_form",
        "déplacer RDV-7K3Q à jeudi 14h",
        {"request_reference": "RDV-7K3Q", "appointment_date": "jeudi", "appointment_time": "14:00"},
    ),
    ("priority_callback_form", "urgent : 06 12 34 56 78", {"contact_phone": "0612345678"}),
    # what the validators would refuse is left for the form to ask
    ("appointment_form", "dimanche matin", {}),  # closed on Sundays
    ("appointment_form", "lundi matin", {"appointment_date": "lundi"}),  # Monday opens at 14 h
    ("appointment_form", "samedi à 15h", {"appointment_date": "samedi"}),  # closed at 12 h 30
    ("appointment_form", "vers 14h", {}),  # a time is read on its day
    ("appointment_form", "le 3 janvier à 14h", {}),  # a Sunday
    ("reservation_form", "réserver CT-SON-5030", {}),  # out of stock
    ("reservation_form", "24 filtres CT-FIL-2035", {"part_reference": "CT-FIL-2035"}),
    ("reservation_form", "8 ventilateurs CT-VEN-6010", {"part_reference": "CT-VEN-6010"}),
    ("adviser_form", "une pièce de 8 m2", {}),  # under 10 m²
    ("reschedule_form", "ma demande DEV-AB2C", {}),  # a quote is not moved
    ("intervention_form", "je voudrais un technicien", {}),
    ("unknown_form", "rappelez-moi au 06 12 34 56 78", {}),
]


@pytest.mark.parametrize(("form", "text", "expected"), PREFILLED)
def test_prefill_gives_what_the_form_would_ask(
    form: str, text: str, expected: dict[str, str]
) -> None:
    assert prefill(form, extract(text, TODAY), TODAY, NOW) == expected


def _accepted(slot: str, value: str, values: dict[str, str]) -> bool:
    """What the form's validator says of `value` typed as the answer to `slot`."""
    if slot.endswith("_date"):
        return validate_appointment_date(value, NOW).ok
    if slot.endswith("_time"):
        day = validate_appointment_date(values[slot.replace("_time", "_date")], NOW).value
        return day is not None and validate_time_slot(value, day, NOW).ok
    if slot == "part_reference":
        best = search_parts(value).best
        return best is not None and best.reference == value and best.stock > 0
    if slot == "intervention_problem":
        return 3 <= len(" ".join(value.split())) <= 500
    if slot == "request_reference":
        return references.parse_reference(value) == value
    checks = {
        "contact": validate_contact,
        "contact_phone": validate_phone,
        "quantity": validate_quantity,
        "surface": validate_surface,
        "rooms": validate_rooms,
        "housing": adviser.parse_housing,
        "insulation": adviser.parse_insulation,
        "need": adviser.parse_need,
    }
    return checks[slot](value).ok


MESSAGES = [text for text, _ in EXTRACTED] + [text for _, text, _ in PREFILLED]


@pytest.mark.parametrize("form", sorted(FORM_SLOTS))
def test_every_prefilled_value_passes_the_forms_validator(form: str) -> None:
    for text in MESSAGES:
        values = prefill(form, extract(text, TODAY), TODAY, NOW)
        assert set(values) <= set(FORM_SLOTS[form])
        for slot, value in values.items():
            assert _accepted(slot, value, values), (text, slot, value)


def test_the_validators_read_the_prefilled_values_as_found() -> None:
    details = extract("rendez-vous le 15 à 10 h 30 pour 2 filtres, maison de 90 m2", TODAY)
    values = prefill("appointment_form", details, TODAY, NOW)
    assert validate_appointment_date(values["appointment_date"], NOW).value == date(2026, 12, 15)
    slot = validate_time_slot(values["appointment_time"], date(2026, 12, 15), NOW).value
    assert slot is not None and slot.value == "10:30"
    assert validate_surface(prefill("adviser_form", details, TODAY)["surface"]).value == 90
    matin = validate_time_slot("matin", date(2026, 11, 28), NOW).value
    assert matin is not None and not matin.exact


def test_the_form_slots_are_the_domains() -> None:
    domain = yaml.safe_load((DEFAULT_DIR.parents[1] / "domain.yml").read_text(encoding="utf-8"))
    for form, slots in FORM_SLOTS.items():
        if form in domain["forms"]:
            assert set(slots) <= set(domain["forms"][form]["required_slots"]), form
