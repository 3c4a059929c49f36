"""Answer or ask: what the bot does with the NLU's reading of a message."""

from __future__ import annotations

from typing import Any

import pytest

from logic.understanding.audience import Audience, settings
from logic.understanding.decision import Decision, decide, options
from tests.unit.understanding.parses import nlu_parse

THRESHOLD = float(settings()["selector_threshold"])
MARGIN = float(settings()["tie_margin"])

# "le parking, c'est où ?" (nlu_fallback): a FAQ answer first, small talk after it.
UNSURE_PARKING = nlu_parse(
    [
        ("nlu_fallback", 0.4),
        ("faq", 0.38),
        ("greet", 0.2),
        ("course", 0.17),
        ("bot_challenge", 0.12),
        ("troubleshoot", 0.08),
        ("sav_news", 0.06),
    ],
    [("faq/parking", 0.6), ("course/ropo", 0.3), ("faq/acces_pmr", 0.1)],
)


def _names(decision_or_options: Decision | list[Any]) -> list[str]:
    found = (
        decision_or_options.options
        if isinstance(decision_or_options, Decision)
        else decision_or_options
    )
    return [candidate.name for candidate in found]


def test_a_non_retrieval_intent_passes_through() -> None:
    parse = nlu_parse([("book_appointment", 0.93), ("request_callback", 0.04)])
    assert decide(parse) == Decision("book_appointment", 0.93)
    assert decide(parse, Audience.STUDENT) == Decision("book_appointment", 0.93)


def test_nlu_fallback_asks_with_the_likely_answers() -> None:
    decision = decide(UNSURE_PARKING, Audience.CLIENT)
    assert decision.answer is None
    assert decision.confidence == 0.4
    assert _names(decision)[0] == "faq/parking"


def test_a_message_with_no_intent_at_all_asks() -> None:
    assert decide({"text": "???"}).answer is None


@pytest.mark.parametrize("audience", [None, Audience.CLIENT, Audience.STUDENT])
def test_a_retrieval_answer_under_the_threshold_is_asked(audience: Audience | None) -> None:
    parse = nlu_parse(
        [("faq", 0.9), ("course", 0.05)],
        [("faq/parking", THRESHOLD - 0.05), ("faq/acces_pmr", 0.3), ("faq/livraison", 0.2)],
    )
    decision = decide(parse, audience)
    assert decision.answer is None
    assert _names(decision)[:2] == ["faq/parking", "faq/acces_pmr"]


def test_a_retrieval_answer_above_the_threshold_is_given() -> None:
    parse = nlu_parse([("course", 0.95)], [("course/nps", 0.82), ("course/csat", 0.1)])
    assert decide(parse) == Decision("course/nps", 0.82)
    assert decide(parse, Audience.CLIENT) == Decision("course/nps", 0.82)  # no close rival


def test_the_threshold_can_be_replaced_for_its_choice_on_held_out_data() -> None:
    parse = nlu_parse([("course", 0.95)], [("course/nps", 0.35), ("course/csat", 0.3)])
    assert decide(parse).answer is None
    assert decide(parse, threshold=0.3).answer == "course/nps"


def test_a_retrieval_intent_without_a_ranking_asks() -> None:
    parse = nlu_parse([("faq", 0.9), ("shop_info", 0.05)])
    assert decide(parse).answer is None


def test_a_rival_farther_than_the_margin_never_wins() -> None:
    parse = nlu_parse(
        [("course", 0.8), ("faq", 0.15)],
        [("course/click_and_collect", 0.75), ("faq/cc_fonctionnement", 0.75 - MARGIN - 0.05)],
    )
    assert decide(parse, Audience.CLIENT).answer == "course/click_and_collect"


# Equal scores: the only tie where both answers clear the threshold.
TIED = [("course/click_and_collect", 0.5), ("faq/cc_fonctionnement", 0.5)]


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (Audience.CLIENT, "faq/cc_fonctionnement"),
        (Audience.STUDENT, "course/click_and_collect"),
        (None, "course/click_and_collect"),  # the best, as ranked
    ],
)
def test_a_tie_between_domains_goes_to_the_audience(
    audience: Audience | None, expected: str
) -> None:
    parse = nlu_parse([("course", 0.55), ("faq", 0.44)], TIED)
    assert decide(parse, audience).answer == expected


# "comment marche le click and collect ?": each domain's selector is sure of its answer;
# the NLU hesitates between the two retrieval intents.
CLOSE = [
    ("course/click_and_collect", 0.85),
    ("faq/cc_fonctionnement", 0.80),
    ("course/drive", 0.05),
]


def test_close_answers_of_different_domains_without_audience_give_the_best() -> None:
    parse = nlu_parse([("course", 0.7), ("faq", 0.25)], CLOSE)
    assert decide(parse) == Decision("course/click_and_collect", 0.85)


@pytest.mark.parametrize(
    ("answers", "audience", "expected"),
    [
        (CLOSE, Audience.CLIENT, "faq/cc_fonctionnement"),
        (
            [("faq/cc_fonctionnement", 0.85), ("course/click_and_collect", 0.80)],
            Audience.STUDENT,
            "course/click_and_collect",
        ),
    ],
)
def test_close_answers_of_different_domains_go_to_the_audience(
    answers: list[tuple[str, float]], audience: Audience, expected: str
) -> None:
    parse = nlu_parse([("course", 0.5), ("faq", 0.45)], answers)
    assert decide(parse, audience).answer == expected


def test_options_leave_out_small_talk_when_the_best_guess_is_content() -> None:
    # greet 0.2 and bot_challenge 0.12 outrank troubleshoot, yet a question gets no "bonjour".
    found = _names(options(UNSURE_PARKING, None))
    assert found == ["faq/parking", "troubleshoot", "sav_news"]


def test_options_keep_small_talk_when_the_message_is_small_talk() -> None:
    parse = nlu_parse(
        [("nlu_fallback", 0.4), ("greet", 0.38), ("thank", 0.3), ("faq", 0.2)],
        [("faq/parking", 0.5), ("faq/acces_pmr", 0.5)],
    )
    assert _names(options(parse, None)) == ["greet", "thank", "faq/parking"]


def test_options_put_the_audience_domain_first_at_most_three() -> None:
    # course/ropo is the weakest guess (0.17 x 0.3), yet a student sees it first.
    assert _names(options(UNSURE_PARKING, Audience.STUDENT)) == [
        "course/ropo",
        "faq/parking",
        "troubleshoot",
    ]
    assert _names(options(UNSURE_PARKING, Audience.CLIENT)) == [
        "faq/parking",
        "troubleshoot",
        "sav_news",
    ]


def test_options_never_offer_meta_intents_nor_noise() -> None:
    parse = nlu_parse(
        [("nlu_fallback", 0.4), ("affirm", 0.35), ("deny", 0.3), ("shop_info", 0.04)],
    )
    assert options(parse, Audience.CLIENT) == []
