"""One conversation waiting for the database does not stall the others, over the real servers.

The test holds SQLite's write lock, as a long write of another process would; conversation A
then gives the last answer of the satisfaction survey (the survey is stored) and waits for
the lock, while conversation B asks a course question and must get its answer at once.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from tests.e2e.conftest import Bot

# Long enough for A's message to go through Rasa's NLU and reach the write in the action
# server, well below the busy timeout (10 s) after which A's write would give up.
REACH_THE_LOCK_S = 1.5
COURSE_ANSWER_S = 1.0  # what the issue asks of the other conversation
COMMENT = "Le technicien était très aimable."


def _surveys(bot: Bot) -> list[dict[str, Any]]:
    return bot.rows("SELECT nps, comment FROM survey_responses ORDER BY id")


def test_a_course_answer_comes_while_another_conversation_waits_for_the_database(
    bot: Bot,
) -> None:
    a, b = uuid.uuid4().hex, uuid.uuid4().hex
    for answer in ("je veux donner mon avis", "9", "Très satisfait"):
        bot.say(answer, a)
    assert "Un commentaire" in bot.text("2", a)  # the survey's last question
    # B's session start (a database write) is done before the lock, and so is the first
    # course answer of the server (which loads the course).
    assert "promoteurs" in bot.text("c'est quoi le NPS ?", b)
    before = _surveys(bot)

    lock = sqlite3.connect(bot.database_url.removeprefix("sqlite:///"), isolation_level=None)
    answer_b: list[dict[str, Any]] | None = None
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            lock.execute("BEGIN EXCLUSIVE")
            turn_a = pool.submit(bot.text, COMMENT, a)  # stores the survey
            time.sleep(REACH_THE_LOCK_S)
            asked = time.monotonic()
            turn_b = pool.submit(bot.say, "c'est quoi le ROPO ?", b)
            with contextlib.suppress(FutureTimeout):  # None: B was not answered in time
                answer_b = turn_b.result(timeout=COURSE_ANSWER_S)
            waited = time.monotonic() - asked
            assert not turn_a.done()  # A is still waiting for the database
        finally:
            lock.rollback()
            lock.close()
        assert answer_b is not None, "B was not answered while A waited for the database"
        assert waited < COURSE_ANSWER_S
        assert "Research Online" in "\n".join(m.get("text", "") for m in answer_b)

        # Once the lock is released, A gets its usual answer and nothing was lost.
        text_a = turn_a.result(timeout=30)
    assert "Merci pour vos réponses" in text_a
    assert _surveys(bot) == [*before, {"nps": 9, "comment": COMMENT}]
