"""Climatech's customers as they write: the page's audience, details given up front,
complaints and urgencies, a request followed by its reference, after-sales follow-ups."""

from __future__ import annotations

import re
import uuid
from typing import Any

import socketio

from logic.climatech.faq import load_faq
from logic.text.catalogue import say
from tests.e2e.conftest import Bot

CLIENT = {"audience": "client"}
STUDENT = {"audience": "etudiant"}


def _buttons(messages: list[dict[str, Any]]) -> list[str]:
    return [b["title"] for m in messages for b in m.get("buttons", [])]


def _reference(text: str, prefix: str) -> str:
    found = re.search(rf"\b{prefix}-[0-9A-Z]{{4}}\b", text)
    assert found, text
    return found.group(0)


def test_the_page_decides_the_greeting_and_the_menu(bot: Bot) -> None:
    customer = bot.say("bonjour", metadata=CLIENT)
    assert customer[0]["text"] == say("greet_client")
    assert "Rendez-vous au showroom" in _buttons(customer)
    assert "Indicateurs de satisfaction" not in _buttons(customer)
    student = bot.say("bonjour", metadata=STUDENT)
    assert student[0]["text"] == say("greet_student")
    assert "Indicateurs de satisfaction" in _buttons(student)
    assert "Rendez-vous au showroom" not in _buttons(student)
    anyone = bot.say("bonjour")
    assert anyone[0]["text"] == say("greet_anyone")


def test_a_customer_on_the_site_gets_climatech_answers_to_common_questions(bot: Bot) -> None:
    """The answer itself, or, when the NLU is unsure, the parking answer offered first."""
    sender = uuid.uuid4().hex
    answer = bot.say("y a-t-il un parking ?", sender, CLIENT)
    if answer[0]["text"] == say("clarify_question"):
        first = answer[0]["buttons"][0]
        assert first["title"] == load_faq()["parking"].title
        answer = bot.say(first["payload"], sender, CLIENT)
    assert answer[0]["text"] == load_faq()["parking"].text
    assert answer[0].get("buttons"), "a FAQ answer ends with its next step"
    short = bot.say("le parking ?", metadata=CLIENT)
    assert short[0]["text"] == load_faq()["parking"].text


def test_an_appointment_asked_for_saturday_morning_does_not_ask_the_day_again(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    first = bot.text("je voudrais un rendez-vous samedi matin", sender, CLIENT)
    assert say("ask_appointment_date") not in first
    assert say("ask_contact_name") in first
    assert say("ask_contact") in bot.text("Jeanne Le Goff", sender, CLIENT)
    confirmation = bot.text("06 12 34 56 78", sender, CLIENT)
    assert "samedi 28 novembre" in confirmation, confirmation
    assert say("ask_appointment_time") not in confirmation


def test_a_callback_with_phone_day_and_time_up_front_is_confirmed_at_once(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    text = bot.text("rappelez-moi au 06 12 34 56 78 demain vers 14h", sender, CLIENT)
    assert "mardi 24 novembre" in text and "14 h" in text, text
    reference = _reference(text, "RAP")
    rows = bot.rows("SELECT details FROM requests WHERE reference = :r", r=reference)
    assert len(rows) == 1


def test_the_adviser_asks_only_what_the_first_message_did_not_say(bot: Bot) -> None:
    text = bot.text("quelle pompe pour une maison de 90 m2 mal isolée ?", metadata=CLIENT)
    assert say("ask_rooms") in text, text
    assert say("ask_housing") not in text and say("ask_surface") not in text


def test_a_complaint_is_recorded_and_a_person_calls_back_first(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    text = bot.text(
        "ça fait trois jours que personne ne répond au téléphone, c'est inadmissible",
        sender,
        CLIENT,
    )
    complaint = _reference(text, "REC")
    assert say("priority_when_open") in text  # the bot's clock: Monday 15:00, open
    assert say("ask_contact_phone") in text
    confirmation = bot.text("06 12 34 56 78", sender, CLIENT)
    callback = _reference(confirmation, "RAP")
    rows = bot.rows(
        "SELECT reference, kind, details FROM requests WHERE reference IN (:a, :b)",
        a=complaint,
        b=callback,
    )
    assert {r["kind"] for r in rows} == {"complaint", "callback"}
    assert all('"priority": true' in str(r["details"]).replace("True", "true") for r in rows)


def test_an_urgent_leak_gets_the_safety_steps_then_a_priority_intervention(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    text = bot.text(
        "urgent il y a de l'eau qui coule de la clim partout sur le parquet", sender, CLIENT
    )
    assert text.index("1.") < text.index(say("urgency_next"))  # safety first
    assert say("ask_intervention_problem") not in text  # what was just said is kept
    assert say("ask_postcode") in text


def test_a_request_is_followed_by_its_reference(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    confirmation = bot.text("rappelez-moi au 06 12 34 56 78 demain vers 14h", sender, CLIENT)
    reference = _reference(confirmation, "RAP")
    status = bot.text(f"où en est ma demande {reference} ?", sender, CLIENT)
    assert reference in status and "enregistrée" in status
    stranger = bot.text(f"où en est ma demande {reference} ?", metadata=CLIENT)
    assert stranger.startswith(say("status_not_yours", reference=reference)[:20])


def test_still_broken_after_a_guide_offers_a_technician_for_that_problem(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    guide = bot.text("ma clim affiche E4", sender, CLIENT)
    assert "E4" in guide
    severity = bot.text("c'est grave ?", sender, CLIENT)
    assert "E4" in severity
    offer = bot.say("ça marche toujours pas", sender, CLIENT)
    assert "technicien" in offer[0]["text"]
    assert "Demander un technicien" in _buttons(offer)


def test_a_message_in_english_gets_a_french_answer_and_one_english_sentence(bot: Bot) -> None:
    messages = bot.say("hello, do you sell heat pumps?", metadata=CLIENT)
    assert messages[-1]["text"] == say("english_note")
    assert len(messages) >= 2


def test_the_widget_metadata_reaches_the_bot_through_socketio(bot: Bot) -> None:
    """rasa-webchat sends the page's `customData` with every message (credentials.yml)."""
    received: list[dict[str, Any]] = []
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", received.append)
    client.connect(bot.url, transports=["polling"], wait_timeout=10)
    try:
        session = uuid.uuid4().hex
        client.emit("session_request", {"session_id": session})
        client.emit(
            "user_uttered",
            {"message": "bonjour", "customData": CLIENT, "session_id": session},
        )
        for _ in range(100):
            if received:
                break
            client.sleep(0.1)
    finally:
        client.disconnect()
    assert received and received[0]["text"] == say("greet_client")
