"""Survey answers: one row per survey, no personal data, nothing invalid stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Table, select

from logic.storage.engine import get_engine
from logic.storage.schema import survey_responses
from logic.storage.surveys import COMMENT_MAX_LENGTH, save_survey


def test_save_survey_stores_one_row_without_personal_data(db_url: str) -> None:
    survey_id = save_survey(
        nps=9,
        csat="satisfait",
        ces=2,
        comment="  Très bon accueil  ",
        completed=True,
        channel="rest",
    )
    save_survey(nps=3, completed=False)  # interrupted survey: answers kept
    with get_engine().connect() as connection:
        rows = connection.execute(select(survey_responses)).all()
    assert [r.id for r in rows] == [survey_id, survey_id + 1]
    first = rows[0]
    assert (first.nps, first.csat, first.ces, first.completed) == (
        9,
        "satisfait",
        2,
        True,
    )
    assert first.comment == "Très bon accueil"
    assert first.created_at.tzinfo is not None
    assert rows[1].csat is None and rows[1].completed is False
    assert set(survey_responses.c.keys()) == {
        "id",
        "created_at",
        "channel",
        "nps",
        "csat",
        "ces",
        "comment",
        "completed",
    }


def test_a_long_comment_is_cut_and_a_blank_one_is_none(db_url: str) -> None:
    save_survey(comment="x" * (COMMENT_MAX_LENGTH + 50))
    save_survey(comment="   ")
    with get_engine().connect() as connection:
        comments = [row.comment for row in connection.execute(select(survey_responses))]
    assert comments == ["x" * COMMENT_MAX_LENGTH, None]


@pytest.mark.parametrize(
    "scores",
    [{"nps": 11}, {"nps": -1}, {"csat": "bof"}, {"ces": 0}, {"ces": 6}, {"nps": True}],
)
def test_invalid_scores_are_never_stored(
    count: Callable[[Table], int], scores: dict[str, object]
) -> None:
    with pytest.raises(ValueError):
        save_survey(**scores)  # type: ignore[arg-type]
    assert count(survey_responses) == 0
