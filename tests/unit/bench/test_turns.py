"""A turn is read from the REST answer's buttons and the tracker's events since the message."""

from __future__ import annotations

from bench.loadtest.turns import Turn, read_turn

TRACKER = {
    "slots": {"requested_slot": None, "appointment_time": None},
    "events": [
        {"event": "user", "text": "bonjour"},
        {"event": "action", "name": "utter_greet"},
        {"event": "bot", "text": "Bonjour", "metadata": {"utter_action": "utter_greet"}},
        {"event": "user", "text": "10h"},
        {"event": "action", "name": "appointment_form"},
        {"event": "slot", "name": "appointment_time", "value": "10:00"},
        {"event": "action", "name": "action_submit_appointment"},
        {"event": "bot", "text": "C'est noté. Votre référence : RDV-AB23", "metadata": {}},
        {"event": "slot", "name": "appointment_time", "value": None},
    ],
}
MESSAGES = [
    {"text": "C'est noté. Votre référence : RDV-AB23"},
    {"text": "Un avis ?", "buttons": [{"title": "Oui", "payload": "/give_feedback"}]},
]


def test_only_the_events_after_the_last_message_count() -> None:
    turn = read_turn(MESSAGES, TRACKER)
    assert turn.actions == ("appointment_form", "action_submit_appointment")
    assert turn.utterances == ()  # utter_greet answered the message before
    assert turn.ran("action_submit_appointment") and not turn.ran("utter_greet")
    assert turn.payloads == ("/give_feedback",)
    assert turn.references == ("RDV-AB23",)


def test_a_slot_cleared_at_the_end_keeps_the_value_it_was_given() -> None:
    turn = read_turn(MESSAGES, TRACKER)
    assert turn.last_set("appointment_time") == "10:00"
    assert turn.slots["appointment_time"] is None
    assert turn.last_set("contact") is None


def test_the_form_question_is_the_requested_slot() -> None:
    assert Turn(slots={"requested_slot": "appointment_date"}).asks == "appointment_date"
    assert Turn(slots={"requested_slot": None}).asks is None
    assert read_turn([], {"events": [], "slots": {}}).asks is None


def test_responses_are_known_by_their_utter_action() -> None:
    tracker = {
        "slots": {},
        "events": [
            {"event": "user", "text": "c'est quoi le NPS"},
            {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_course/nps"}},
        ],
    }
    assert read_turn([{"text": "..."}], tracker).utterances == ("utter_course/nps",)
