"""The engine: URL, tables on first use, concurrent writers, failures as StorageError."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Table, text

from logic.storage import engine
from logic.storage.conversations import mark_conversation
from logic.storage.engine import StorageError, database_url, get_engine
from logic.storage.reports import load_summary
from logic.storage.requests import cancel_request, create_request
from logic.storage.schema import conversations, requests_table, survey_responses
from logic.storage.surveys import save_survey


def test_default_url_is_a_sqlite_file_at_the_project_root(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    root = Path(engine.__file__).resolve().parents[2]
    assert (root / "pyproject.toml").exists()
    assert database_url() == f"sqlite:///{root / 'climabot.db'}"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_tables_created_on_first_use_with_wal(db_url: str) -> None:
    first = get_engine()
    assert first is get_engine(db_url)  # cached per URL
    with first.connect() as connection:
        names = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert {"survey_responses", "requests", "conversations"} <= names
    assert mode == "wal"


def test_concurrent_writers_lose_and_duplicate_nothing(
    db_url: str, count: Callable[[Table], int]
) -> None:
    threads_count, per_thread = 8, 25
    references: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads_count)

    def worker(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                reference = create_request("reservation", {"i": i}, f"sender-{n}")
                save_survey(nps=i % 11, completed=True)
                mark_conversation("shared-conversation", "rest", after_sales=True)
                with lock:
                    references.append(reference)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    total = threads_count * per_thread
    assert len(references) == len(set(references)) == total
    assert count(requests_table) == total
    assert count(survey_responses) == total
    assert count(conversations) == 1


def test_unavailable_database_raises_storage_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    with pytest.raises(StorageError):
        save_survey(nps=5, url=url)
    with pytest.raises(StorageError):
        create_request("quote", {}, "a", url=url)
    with pytest.raises(StorageError):
        load_summary(url=url)
    with pytest.raises(StorageError):
        get_engine("notadialect://nowhere")


def test_database_error_after_start_is_wrapped_and_nothing_half_written(
    db_url: str, count: Callable[[Table], int]
) -> None:
    save_survey(nps=5)
    with get_engine().begin() as connection:
        connection.execute(text("DROP TABLE requests"))
    with pytest.raises(StorageError):
        create_request("quote", {}, "a")
    with pytest.raises(StorageError):
        cancel_request("DEV-AAAA")
    assert count(survey_responses) == 1
