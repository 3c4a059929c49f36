"""A Climatech customer books and reserves over REST; the rows land in the database."""

from __future__ import annotations

import uuid
from typing import Any

from tests.e2e.conftest import Bot


def _rows(bot: Bot, kind: str) -> list[dict[str, Any]]:
    return bot.rows("SELECT * FROM requests WHERE kind = :k", k=kind)


def _reference(text: str) -> str:
    marker = "Votre référence : "
    assert marker in text, text
    return text.split(marker, 1)[1].split()[0]


def test_a_full_appointment_is_stored_with_a_reference(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    first = bot.text("je voudrais prendre rendez-vous avec un commercial", sender)
    assert "coordonnées servent uniquement" in first  # the privacy notice comes first
    assert "À quel nom" in first
    assert "joindre" in bot.text("Jeanne Le Goff", sender)
    assert "Quel jour" in bot.text("06 12 34 56 78", sender)
    refused = bot.text("dimanche", sender)
    assert "dimanche" in refused.lower() and "Quel jour" in refused
    assert "heure" in bot.text("demain", sender)
    confirmation = bot.text("10h", sender)
    assert "mardi 24 novembre" in confirmation
    reference = _reference(confirmation)
    assert reference.startswith("RDV-")
    rows = [r for r in _rows(bot, "appointment") if r["reference"] == reference]
    assert len(rows) == 1
    assert "Jeanne Le Goff" in str(rows[0]["details"])


def test_a_part_lookup_then_a_reservation(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    lookup = bot.text("je cherche la reference du filtre de ma clim aria 25", sender)
    assert "CT-FIL-2035" in lookup and "14,90" in lookup
    assert "Combien" in bot.text('/reserve_part{"part_reference":"CT-FIL-2035"}', sender)
    too_many = bot.text("500", sender)
    assert "Combien" in too_many and "10" in too_many
    assert "nom" in bot.text("2", sender)
    assert "téléphone" in bot.text("Yann Morvan", sender)
    short = bot.text("123456", sender)
    assert "téléphone" in short
    confirmation = bot.text("0698765432", sender)
    reference = _reference(confirmation)
    assert reference.startswith("CC-")
    assert "Filtres à air Aria 25" in confirmation
    rows = [r for r in _rows(bot, "reservation") if r["reference"] == reference]
    assert len(rows) == 1


def test_annuler_leaves_the_form_and_stores_nothing(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    before = len(_rows(bot, "callback"))
    bot.say("rappelez moi svp", sender)
    assert "rien n'a été enregistré" in bot.text("annuler", sender)
    assert len(_rows(bot, "callback")) == before


def test_a_request_can_be_cancelled_by_its_reference(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say("je veux etre rappele", sender)
    bot.say("06 11 22 33 44", sender)
    bot.say("demain", sender)
    reference = _reference(bot.text("le matin", sender))
    answer = bot.text(f"je veux annuler ma demande {reference}", sender)
    assert "annulée" in answer
    rows = [r for r in _rows(bot, "callback") if r["reference"] == reference]
    assert rows[0]["status"] == "cancelled"


def test_an_unknown_reference_is_said_so(bot: Bot) -> None:
    assert "Je ne trouve aucune demande" in bot.text("annuler mon rendez-vous RDV-9ZZZ")


def test_a_third_customer_at_the_same_time_gets_the_free_times(bot: Bot) -> None:
    """Two salespeople: a third appointment at 16 h on Thursday is refused, 16 h 30 is not."""

    def book(name: str) -> str:
        sender = uuid.uuid4().hex
        bot.say("je voudrais prendre rendez-vous", sender)
        bot.say(name, sender)
        bot.say("06 12 34 56 78", sender)
        assert "heure" in bot.text("jeudi", sender)
        return bot.text("16h", sender) + "\n" + sender

    assert "Votre référence : RDV-" in book("Anne Le Du")
    assert "Votre référence : RDV-" in book("Paul Le Bras")
    refused, sender = book("Marie Kervella").rsplit("\n", 1)
    assert "16 h est complet" in refused and "16 h 30" in refused
    assert "jeudi 26 novembre" in bot.text("16h30", sender)
