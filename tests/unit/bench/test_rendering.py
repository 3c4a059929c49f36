"""`make bench`'s report is its template filled; a missing value is an error."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
import pytest

from bench.rendering import render


@dataclass
class _Upfront:
    cases: int = 86
    expected: int = 187
    recall: float = 0.973
    precision: float = 0.989
    exact: int = 81


@dataclass
class _Nlu:
    rows: tuple[str, ...] = ("a", "b")
    accuracy: float = 0.955
    intent_accuracy: float = 0.96
    response_accuracy: float = 0.9
    confident_wrong_rate: float = 0.02

    def macro_f1(self) -> float:
        return 0.91234


VALUES = {
    "measured_on": "2026-12-01",
    "cores": 2,
    "nlu": _Nlu(),
    "confusions": [("greet", "goodbye", 2)],
    "field": _Nlu(rows=("a", "b", "c"), accuracy=0.71, confident_wrong_rate=0.123),
    "field_confusions": [("course/ropo", "sav_news", 1)],
    "field_in_training": 1,
    "customers": _Nlu(rows=("a",) * 4, accuracy=0.925, confident_wrong_rate=0.017),
    "customers_confusions": [("faq/parking", "shop_info", 1)],
    "customers_weak": [("faq/parking", 4, 0.75, 0.25)],
    "customers_in_training": 0,
    "fresh": _Nlu(rows=("a",) * 5, accuracy=0.904, confident_wrong_rate=0.028),
    "fresh_weak": [("complaint", 3, 0.67, 0.0)],
    "upfront": _Upfront(),
    "revision": [
        {
            "set": "follow-ups",
            "scored_turns": 150,
            "accuracy": 0.913,
            "notion_accuracy": 0.95,
            "confident_wrong": 0.02,
            "asked_back": 0.03,
            "by_facet": {"example": "20/22"},
        }
    ],
    "trained": "300 s",
    "model_mb": 84.81,
    "rasa_mib": 1900.4,
    "actions_mib": 150.0,
}


def test_the_benchmark_report_is_filled() -> None:
    text = render("report.md", VALUES)
    assert "| follow-ups | 150 | 0.913 | 0.950 | 0.020 | 0.030 |" in text
    assert "**follow-ups**: example 20/22." in text
    assert "(`tests/nlu/`, 2 messages never seen in training)" in text
    assert "| accuracy (intent and, for the course, the selected answer) | 0.955 |" in text
    assert "| macro F1 | 0.912 |" in text
    assert "| greet | goodbye | 2 |" in text
    assert "(`tests/field/field_messages.yml`, 3 messages written blind)" in text
    assert "(`tests/field/customers.yml`, 4 messages written blind)" in text
    assert "| faq/parking | 4 | 0.75 | 0.25 |" in text and "| faq/parking | shop_info | 1 |" in text
    assert "(`tests/field/customers_2.yml`, 5 messages written blind)" in text
    assert "| complaint | 3 | 0.67 | 0.00 |" in text
    assert "| recall (found with the right value) | 0.973 |" in text
    assert "| messages with every detail right and none wrong | 81 / 86 |" in text
    assert "| confident-wrong rate | 0.123 |" in text and "| course/ropo | sav_news | 1 |" in text
    assert "1 of the messages also stand, word for word, in the training data." in text
    assert "| Rasa server memory (RSS, model loaded) | 1900 MiB |" in text
    assert "| - | - | - |" in render("report.md", {**VALUES, "confusions": []})


def test_a_missing_value_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("report.md", {k: v for k, v in VALUES.items() if k != "trained"})
