"""A temporary SQLite database for the storage tests, and a row counter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select

from logic.storage.engine import dispose_engines, get_engine


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    dispose_engines()


@pytest.fixture
def count(db_url: str) -> Callable[[Table], int]:
    """How many rows `table` holds in the test database."""

    def rows(table: Table) -> int:
        with get_engine(db_url).connect() as connection:
            return int(connection.execute(select(func.count()).select_from(table)).scalar_one())

    return rows
