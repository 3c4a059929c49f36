"""The topic of an after-sales step: the form just completed, else the message's intent."""

from __future__ import annotations

from logic.storage.after_sales_topics import (
    BY_FORM,
    BY_INTENT,
    NOT_SOLVED,
    QUESTION,
    TOPICS,
    completed_form,
    step_of,
)


def user(intent: str) -> dict[str, object]:
    return {"event": "user", "parse_data": {"intent": {"name": intent}}}


def loop(name: str | None) -> dict[str, object]:
    return {"event": "active_loop", "name": name}


def test_a_form_completed_by_the_latest_message_gives_its_topic() -> None:
    # Over several turns: activated, answered, then ended by the last answer.
    events = [user("request_callback"), loop("callback_form"), user("inform"), loop(None)]
    assert completed_form(events) == "callback_form"
    assert step_of("inform", events) == ("callback", QUESTION)
    # Everything given up front: activated and ended in the same turn.
    assert completed_form([user("reserve_part"), loop("reservation_form"), loop(None)]) == (
        "reservation_form"
    )


def test_a_form_ended_earlier_or_still_running_is_not_this_steps() -> None:
    earlier = [user("request_callback"), loop("callback_form"), loop(None), user("shop_info")]
    assert completed_form(earlier) is None
    assert step_of("shop_info", earlier) == ("shop", QUESTION)
    assert completed_form([user("book_appointment"), loop("appointment_form")]) is None


def test_still_broken_is_a_troubleshooting_step_of_its_own_and_unknown_is_other() -> None:
    assert step_of("still_broken", [user("still_broken")]) == ("troubleshooting", NOT_SOLVED)
    assert step_of("greet", []) == ("other", QUESTION)
    assert step_of(None, []) == ("other", QUESTION)


def test_every_topic_given_is_a_listed_topic() -> None:
    assert set(BY_INTENT.values()) | set(BY_FORM.values()) <= set(TOPICS)
