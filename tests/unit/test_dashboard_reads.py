"""logic/dashboard.py: the latest comments and the NPS notes, on a temporary SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from logic import storage
from logic.dashboard import latest_comments, nps_distribution

START = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'dashboard.db'}"
    storage.dispose_engines()


def test_latest_comments_newest_first_without_empty_ones(db_url: str) -> None:
    for minutes, comment in enumerate(["premier", None, "  ", "deuxième", "troisième"]):
        storage.save_survey(
            nps=9, csat="satisfait", ces=2, comment=comment,
            now=START + timedelta(minutes=minutes), url=db_url,
        )  # fmt: skip
    comments = latest_comments(10, url=db_url)
    assert [c.comment for c in comments] == ["troisième", "deuxième", "premier"]
    assert comments[0].nps == 9 and comments[0].csat == "satisfait" and comments[0].ces == 2
    assert comments[0].as_dict()["created_at"].startswith("2026-11-23T14:04")
    assert [c.comment for c in latest_comments(2, url=db_url)] == ["troisième", "deuxième"]


def test_latest_comments_limit_is_bounded(db_url: str) -> None:
    storage.save_survey(nps=5, comment="seul", url=db_url)
    assert len(latest_comments(0, url=db_url)) == 1  # at least one
    assert len(latest_comments(10_000, url=db_url)) == 1


def test_nps_distribution_has_every_note(db_url: str) -> None:
    assert nps_distribution(url=db_url) == {str(n): 0 for n in range(11)}
    for note in (10, 10, 0, 7):
        storage.save_survey(nps=note, url=db_url)
    storage.save_survey(csat="satisfait", url=db_url)  # no NPS: not counted
    counts = nps_distribution(url=db_url)
    assert counts["10"] == 2 and counts["0"] == 1 and counts["7"] == 1
    assert sum(counts.values()) == 4
    assert sum(counts.values()) == storage.load_summary(url=db_url)["nps"]["responses"]
