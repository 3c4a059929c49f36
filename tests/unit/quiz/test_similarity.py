"""The optional spaCy similarity: loaded only when grading needs it, once."""

from __future__ import annotations

import threading
import time
from functools import cache

import pytest

from logic.quiz import similarity
from logic.quiz.bank import question_by_id
from logic.quiz.grading import grade


def test_spacy_similarity_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Grading without a near miss never asks for the spaCy model."""
    calls: list[int] = []
    monkeypatch.setattr(similarity, "_spacy_model", lambda: calls.append(1))
    grade(question_by_id("ropo-1"), "research online purchase offline")
    grade(question_by_id("nps-1"), "A")
    assert calls == []


def test_without_a_model_there_is_no_opinion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "_spacy_model", lambda: None)
    assert similarity.spacy_similarity("une messagerie", "un tchat") is None
    assert similarity.preload_similarity() is False


def test_concurrent_loads_share_one_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A grade asked during the background preload waits for it instead of loading twice."""
    loads: list[int] = []

    def slow_load() -> object:
        loads.append(1)
        time.sleep(0.05)  # long enough for the other threads to ask meanwhile
        return object()

    monkeypatch.setattr(similarity, "_load_model", cache(slow_load))
    threads = [threading.Thread(target=similarity.preload_similarity) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
