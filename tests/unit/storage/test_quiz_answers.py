"""Quiz answers: what a student has already answered."""

from __future__ import annotations

from pathlib import Path

from logic.storage.quiz_answers import asked_question_ids, save_quiz_answer
from logic.storage.reports import most_missed_concepts


def test_quiz_answers_feed_new_questions_and_the_most_missed_concepts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'quiz.db'}"
    save_quiz_answer("alice", "ropo-1", "ropo", False, url=url)
    save_quiz_answer("bob", "ropo-2", "ropo", False, url=url)
    save_quiz_answer("bob", "nps-1", "nps", False, url=url)
    save_quiz_answer("bob", "ces-1", "ces", True, url=url)
    assert asked_question_ids("bob", url=url) == {"ropo-2", "nps-1", "ces-1"}
    assert asked_question_ids("carol", url=url) == set()
    assert most_missed_concepts(url=url) == [("ropo", 2), ("nps", 1)]
