"""The dashboard's rules: containment, resolution (confirmed, assumed, undone) and the
after-sales questions by topic, over the steps of a session's conversations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from logic.storage.after_sales_topics import CONFIRMED, NOT_SOLVED, QUESTION
from logic.storage.resolution import AWAY, Outcome, Step, figures, outcome, questions

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
LATER = T0 + timedelta(hours=1)  # every customer has left by then
SECONDS = timedelta(seconds=1)


def steps(*items: tuple[int, str, str]) -> list[Step]:
    """(seconds after T0, topic, kind) -> steps."""
    return [Step(T0 + offset * SECONDS, topic, kind) for offset, topic, kind in items]


def test_a_customer_who_says_it_is_solved_is_a_confirmed_resolution() -> None:
    found = steps((0, "troubleshooting", QUESTION), (40, "troubleshooting", CONFIRMED))
    assert outcome(found, LATER) is Outcome.CONFIRMED
    # Confirmed at once: no need to wait for the customer to leave.
    assert outcome(found, T0 + 41 * SECONDS) is Outcome.CONFIRMED


def test_a_customer_who_leaves_without_asking_more_is_an_assumed_resolution() -> None:
    found = steps((0, "parts", QUESTION), (20, "shop", QUESTION))
    assert outcome(found, LATER) is Outcome.ASSUMED


def test_a_customer_still_there_is_pending_not_yet_resolved() -> None:
    found = steps((0, "parts", QUESTION))
    assert outcome(found, T0 + AWAY - SECONDS) is Outcome.PENDING
    assert outcome(found, T0 + AWAY + SECONDS) is Outcome.ASSUMED


def test_still_broken_after_a_guide_is_unresolved() -> None:
    found = steps((0, "troubleshooting", QUESTION), (30, "troubleshooting", NOT_SOLVED))
    assert outcome(found, LATER) is Outcome.UNRESOLVED


def test_an_intervention_requested_after_an_answer_is_unresolved() -> None:
    found = steps((0, "troubleshooting", QUESTION), (60, "intervention", QUESTION))
    assert outcome(found, LATER) is Outcome.UNRESOLVED
    # An intervention booked as the customer's very first request is the bot's job done.
    assert outcome(steps((0, "intervention", QUESTION)), LATER) is Outcome.ASSUMED


def test_a_new_guide_that_works_after_still_broken_is_confirmed() -> None:
    found = steps(
        (0, "troubleshooting", QUESTION),
        (30, "troubleshooting", NOT_SOLVED),
        (60, "troubleshooting", QUESTION),
        (90, "troubleshooting", CONFIRMED),
    )
    assert outcome(found, LATER) is Outcome.CONFIRMED


def test_a_handoff_to_a_person_is_not_a_resolution() -> None:
    for person in ("advisor", "callback", "complaint", "urgent"):
        found = steps((0, "troubleshooting", QUESTION), (30, person, QUESTION))
        assert outcome(found, LATER) is Outcome.HANDED, person


def test_coming_back_on_the_same_problem_after_saying_solved_undoes_it() -> None:
    found = steps(
        (0, "troubleshooting", QUESTION),
        (30, "troubleshooting", CONFIRMED),
        (60, "troubleshooting", QUESTION),
    )
    assert outcome(found, LATER) is Outcome.UNDONE
    still = steps(
        (0, "troubleshooting", QUESTION),
        (30, "troubleshooting", CONFIRMED),
        (60, "troubleshooting", NOT_SOLVED),
    )
    assert outcome(still, LATER) is Outcome.UNDONE


def test_coming_back_on_the_same_topic_after_leaving_undoes_an_assumed_resolution() -> None:
    away = int(AWAY.total_seconds()) + 60
    found = steps((0, "parts", QUESTION), (away, "shop", QUESTION), (2 * away, "parts", QUESTION))
    assert outcome(found, LATER) is Outcome.UNDONE


def test_another_topic_or_a_quick_follow_up_does_not_undo() -> None:
    away = int(AWAY.total_seconds()) + 60
    assert outcome(steps((0, "parts", QUESTION), (away, "shop", QUESTION)), LATER) is (
        Outcome.ASSUMED
    )
    # Two parts asked in a row: one visit, not a return.
    assert outcome(steps((0, "parts", QUESTION), (20, "parts", QUESTION)), LATER) is (
        Outcome.ASSUMED
    )
    confirmed_then_other = steps(
        (0, "troubleshooting", QUESTION),
        (30, "troubleshooting", CONFIRMED),
        (60, "settings", QUESTION),
    )
    assert outcome(confirmed_then_other, LATER) is Outcome.CONFIRMED


def test_coming_back_on_an_unresolved_problem_stays_unresolved() -> None:
    away = int(AWAY.total_seconds()) + 60
    found = steps(
        (0, "troubleshooting", QUESTION),
        (30, "troubleshooting", NOT_SOLVED),
        (away, "troubleshooting", QUESTION),
    )
    assert outcome(found, LATER) is Outcome.UNRESOLVED


def test_an_adviser_asked_after_a_question_hands_that_question_over() -> None:
    found = steps(
        (0, "parts", QUESTION),
        (10, "troubleshooting", QUESTION),
        (20, "troubleshooting", NOT_SOLVED),
        (30, "advisor", QUESTION),
    )
    assert questions(found) == [("parts", False), ("troubleshooting", True)]
    # Asked first, or after the customer had left, the adviser is a question of its own.
    assert questions(steps((0, "advisor", QUESTION))) == [("advisor", True)]
    away = int(AWAY.total_seconds()) + 1
    assert questions(steps((0, "parts", QUESTION), (away, "callback", QUESTION))) == [
        ("parts", False),
        ("callback", True),
    ]


def test_session_figures_report_containment_and_resolution_separately() -> None:
    conversations = {
        "a": steps((0, "troubleshooting", QUESTION), (30, "troubleshooting", CONFIRMED)),
        "b": steps((0, "parts", QUESTION)),
        "c": steps((0, "troubleshooting", QUESTION), (30, "troubleshooting", NOT_SOLVED)),
        "d": steps((0, "faq", QUESTION), (30, "advisor", QUESTION)),
        "e": [],  # no after-sales step: not an after-sales conversation
    }
    found = figures(conversations, LATER).as_dict()
    assert found["after_sales"] == 4
    assert found["contained"] == 3 and found["handed"] == 1
    assert found["containment_rate"] == 75.0
    resolution = found["resolution"]
    assert (resolution["confirmed"], resolution["assumed"], resolution["unresolved"]) == (1, 1, 1)
    assert resolution["rate"] == 50.0  # 2 resolved out of 4 settled
    topics = {t["topic"]: (t["bot"], t["person"]) for t in found["topics"]}
    assert topics == {"troubleshooting": (2, 0), "parts": (1, 0), "faq": (0, 1)}


def test_the_resolution_rate_leaves_out_the_customers_still_there() -> None:
    conversations = {
        "a": steps((0, "parts", QUESTION)),
        "b": steps((0, "troubleshooting", QUESTION), (30, "troubleshooting", NOT_SOLVED)),
    }
    found = figures(conversations, T0 + 40 * SECONDS).as_dict()["resolution"]
    assert found["pending"] == 1 and found["settled"] == 1
    assert found["rate"] == 0.0
    assert figures({}, LATER).as_dict()["resolution"]["rate"] is None
