"""The NLU figures: a course answer counts with its selected response; asking is not wrong."""

from __future__ import annotations

from scripts.nlu_eval import Evaluation

ROWS = [
    ("c'est quoi le ropo", "course/ropo", "course/ropo", 0.98),
    ("le drive c'est quoi", "course/drive", "course/click_and_collect", 0.91),  # wrong answer
    ("la meteo demain ?", "out_of_scope", "nlu_fallback", 0.41),  # asking is right here
    ("ma clim fait du bruit", "troubleshoot", "nlu_fallback", 0.38),  # asked, not answered
]


def test_accuracy_counts_the_selected_course_answer() -> None:
    result = Evaluation(rows=ROWS)
    assert result.accuracy == 0.5
    assert result.intent_accuracy == 0.75


def test_only_an_answer_on_another_subject_is_confident_wrong() -> None:
    assert Evaluation(rows=ROWS).confident_wrong_rate == 0.25
