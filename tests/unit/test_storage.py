"""Storage on a temporary SQLite file: rows, references, personal data, purge, concurrency,
failures, and the `indicators` CLI that reads it."""

from __future__ import annotations

import importlib.util
import json
import re
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select, text

from logic import storage

UTC = timezone.utc
NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    storage.dispose_engines()


def _count(url: str, table: object) -> int:
    with storage.get_engine(url).connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


# --- engine ----------------------------------------------------------------------------------


def test_default_url_is_a_sqlite_file_at_the_project_root(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    root = Path(storage.__file__).resolve().parent.parent
    assert storage.database_url() == f"sqlite:///{root / 'climabot.db'}"
    assert storage.database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_tables_created_on_first_use_with_wal(db_url: str) -> None:
    engine = storage.get_engine()
    assert engine is storage.get_engine(db_url)  # cached per URL
    with engine.connect() as connection:
        names = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert {"survey_responses", "requests", "conversations"} <= names
    assert mode == "wal"


# --- surveys ---------------------------------------------------------------------------------


def test_save_survey_stores_one_row_without_personal_data(db_url: str) -> None:
    survey_id = storage.save_survey(
        nps=9,
        csat="satisfait",
        ces=2,
        comment="  Très bon accueil  ",
        completed=True,
        channel="rest",
    )
    storage.save_survey(nps=3, completed=False)  # interrupted survey: answers kept
    with storage.get_engine().connect() as connection:
        rows = connection.execute(select(storage.survey_responses)).all()
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
    assert set(storage.survey_responses.c.keys()) == {
        "id",
        "created_at",
        "channel",
        "nps",
        "csat",
        "ces",
        "comment",
        "completed",
    }


@pytest.mark.parametrize(
    "scores",
    [{"nps": 11}, {"nps": -1}, {"csat": "bof"}, {"ces": 0}, {"ces": 6}, {"nps": True}],
)
def test_invalid_scores_are_never_stored(db_url: str, scores: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        storage.save_survey(**scores)  # type: ignore[arg-type]
    assert _count(db_url, storage.survey_responses) == 0


# --- requests --------------------------------------------------------------------------------


def test_create_and_get_request(db_url: str) -> None:
    details = {"name": "Jeanne Martin", "phone": "06 12 34 56 78", "slot": "mardi 10h"}
    reference = storage.create_request("appointment", details, "conversation-42", now=NOW)
    assert re.fullmatch(r"RDV-[A-HJ-NP-Z2-9]{4}", reference)
    stored = storage.get_request(f"  {reference.lower()} ")
    assert stored is not None
    assert stored.kind == "appointment" and stored.status == "confirmed"
    assert stored.details == details
    assert stored.created_at == NOW
    assert stored.sender_key == storage.sender_key("conversation-42")
    assert storage.get_request("RDV-NONE") is None


def test_the_conversation_id_is_never_stored_in_clear(db_url: str) -> None:
    storage.create_request("callback", {"phone": "0600000000"}, "secret-sender-id")
    storage.mark_conversation("secret-sender-id", "rest", after_sales=True)
    with storage.get_engine().connect() as connection:
        dump = "\n".join(
            str(row)
            for table in ("requests", "conversations")
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}")
        )
    assert "secret-sender-id" not in dump
    assert storage.sender_key("secret-sender-id") in dump
    assert len(storage.sender_key("x")) == 64


def test_reference_collision_is_retried(db_url: str) -> None:
    candidates = iter(["RES-AAAA", "RES-AAAA", "RES-AAAA", "RES-BBBB"])

    def factory(kind: str) -> str:
        return next(candidates)

    assert storage.create_request("reservation", {}, "a", reference_factory=factory) == "RES-AAAA"
    assert storage.create_request("reservation", {}, "b", reference_factory=factory) == "RES-BBBB"
    assert _count(db_url, storage.requests_table) == 2


def test_no_free_reference_raises_storage_error(db_url: str) -> None:
    storage.create_request("quote", {}, "a", reference_factory=lambda kind: "DEV-XXXX")
    with pytest.raises(storage.StorageError):
        storage.create_request("quote", {}, "b", reference_factory=lambda kind: "DEV-XXXX")
    assert _count(db_url, storage.requests_table) == 1


@pytest.mark.parametrize(
    ("kind", "details"), [("party", {}), ("quote", {"when": datetime(2025, 1, 1)})]
)
def test_invalid_request_is_not_stored(db_url: str, kind: str, details: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        storage.create_request(kind, details, "a")
    assert _count(db_url, storage.requests_table) == 0


def test_cancel_request(db_url: str) -> None:
    reference = storage.create_request("appointment", {"name": "A"}, "a")
    assert storage.cancel_request(reference.lower()) is True
    assert storage.cancel_request(reference) is False  # already cancelled
    assert storage.cancel_request("RDV-ZZZZ") is False
    stored = storage.get_request(reference)
    assert stored is not None and stored.cancelled


def test_delete_personal_data_keeps_the_row_and_the_counts(db_url: str) -> None:
    details = {
        "name": "Jeanne",
        "phone": "0612345678",
        "email": "j@example.org",
        "reference": "P-12",
    }
    reference = storage.create_request("reservation", details, "a")
    before = storage.load_summary()
    assert storage.delete_personal_data(reference) is True
    stored = storage.get_request(reference)
    assert stored is not None
    assert stored.details["name"] is None
    assert stored.details["phone"] is None
    assert stored.details["email"] is None
    assert stored.details["reference"] == "P-12"
    assert stored.sender_key is None
    assert storage.load_summary() == before
    assert before["requests"]["reservations"] == 1
    assert storage.delete_personal_data("RES-ZZZZ") is False


def test_purge_older_than(db_url: str) -> None:
    for age in (400, 200, 10, 0):
        storage.create_request("callback", {"phone": "06"}, "a", now=NOW - timedelta(days=age))
    assert storage.purge_older_than(365, NOW) == 1
    assert storage.purge_older_than(30, NOW) == 1
    assert storage.purge_older_than(30, NOW) == 0
    assert _count(db_url, storage.requests_table) == 2
    with pytest.raises(ValueError):
        storage.purge_older_than(-1, NOW)


# --- conversations and summary --------------------------------------------------------------


def test_mark_conversation_creates_once_and_updates_flags(db_url: str) -> None:
    storage.mark_conversation("c1", "rest")
    storage.mark_conversation("c1", None, after_sales=True)
    storage.mark_conversation("c1", "socketio", handoff=True)
    storage.mark_conversation("c1", "rest")  # None: flags unchanged
    with storage.get_engine().connect() as connection:
        rows = connection.execute(select(storage.conversations)).all()
    assert len(rows) == 1
    assert (rows[0].channel, rows[0].after_sales, rows[0].handoff) == (
        "rest",
        True,
        True,
    )


def test_load_summary_counts_everything_over_a_period(db_url: str) -> None:
    day = timedelta(days=1)
    for i, (nps, csat, ces) in enumerate(
        [
            (10, "tres_satisfait", 1),
            (9, "satisfait", 2),
            (3, "insatisfait", 5),
            (None, None, None),
        ]
    ):
        storage.save_survey(nps=nps, csat=csat, ces=ces, now=NOW + i * day)
    storage.save_survey(nps=0, csat="tres_insatisfait", ces=5, now=NOW - 30 * day)
    for sender, after_sales, handoff in [
        ("a", True, False),
        ("b", True, True),
        ("c", False, False),
    ]:
        storage.mark_conversation(sender, "rest", after_sales, handoff, now=NOW)
    storage.create_request("appointment", {}, "a", now=NOW)
    cancelled = storage.create_request("appointment", {}, "a", now=NOW)
    storage.cancel_request(cancelled)
    storage.create_request("quote", {}, "b", now=NOW)
    storage.create_request("intervention", {}, "b", now=NOW)

    data = storage.load_summary(since=date(2025, 3, 10), until=date(2025, 3, 12))
    assert data["nps"] == {
        "score": 33.3,
        "responses": 3,
        "promoters": 2,
        "passives": 0,
        "detractors": 1,
    }
    assert data["csat"]["score"] == 66.7
    assert data["ces"]["mean"] == 2.7
    assert data["conversations"] == {
        "total": 3,
        "after_sales": 2,
        "handoffs": 1,
        "containment_rate": 50.0,
    }
    assert data["requests"] == {
        "appointments": 1,
        "reservations": 0,
        "callbacks": 0,
        "quotes": 1,
    }
    assert storage.load_summary()["nps"]["responses"] == 4
    assert storage.load_summary(until=date(2025, 3, 9))["nps"]["responses"] == 1
    assert storage.load_summary(since=NOW + 10 * day)["nps"]["score"] is None


def test_empty_database_summary(db_url: str) -> None:
    data = storage.load_summary()
    assert data["nps"]["score"] is None and data["ces"]["mean"] is None
    assert data["conversations"]["containment_rate"] is None


# --- concurrency --------------------------------------------------------------------------


def test_concurrent_writers_lose_and_duplicate_nothing(db_url: str) -> None:
    threads_count, per_thread = 8, 25
    references: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads_count)

    def worker(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                reference = storage.create_request("reservation", {"i": i}, f"sender-{n}")
                storage.save_survey(nps=i % 11, completed=True)
                storage.mark_conversation("shared-conversation", "rest", after_sales=True)
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
    assert _count(db_url, storage.requests_table) == total
    assert _count(db_url, storage.survey_responses) == total
    assert _count(db_url, storage.conversations) == 1


def test_concurrent_collisions_are_resolved(db_url: str) -> None:
    """Threads drawing from a tiny pool collide often; every row still gets its own."""
    pool = [f"RES-{c}{d}AA" for c in "ABCDEFGH" for d in "23456789"]
    counter = iter(range(10**6))
    lock = threading.Lock()

    def factory(kind: str) -> str:
        with lock:
            return pool[(next(counter) // 2) % len(pool)]  # each one handed out twice

    created: list[str] = []

    def worker() -> None:
        for _ in range(5):
            created.append(
                storage.create_request("reservation", {}, "s", reference_factory=factory)
            )

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == len(set(created)) == 20
    assert _count(db_url, storage.requests_table) == 20


# --- failures ------------------------------------------------------------------------------


def test_unavailable_database_raises_storage_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    with pytest.raises(storage.StorageError):
        storage.save_survey(nps=5, url=url)
    with pytest.raises(storage.StorageError):
        storage.create_request("quote", {}, "a", url=url)
    with pytest.raises(storage.StorageError):
        storage.load_summary(url=url)
    with pytest.raises(storage.StorageError):
        storage.get_engine("notadialect://nowhere")


def test_database_error_after_start_is_wrapped_and_nothing_half_written(
    db_url: str,
) -> None:
    storage.save_survey(nps=5)
    with storage.get_engine().begin() as connection:
        connection.execute(text("DROP TABLE requests"))
    with pytest.raises(storage.StorageError):
        storage.create_request("quote", {}, "a")
    with pytest.raises(storage.StorageError):
        storage.cancel_request("DEV-AAAA")
    assert _count(db_url, storage.survey_responses) == 1


# --- the CLI ---------------------------------------------------------------------------------


def _cli() -> ModuleType:
    path = Path(storage.__file__).resolve().parent.parent / "scripts" / "indicators.py"
    spec = importlib.util.spec_from_file_location("indicators_cli", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_says_when_there_are_no_answers(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli().main([]) == 0
    assert "Aucune réponse" in capsys.readouterr().out


def test_cli_table_and_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for nps, csat, ces in [(10, "satisfait", 2), (5, "insatisfait", 4)]:
        storage.save_survey(nps=nps, csat=csat, ces=ces, now=NOW)
    cli = _cli()
    assert cli.main(["--json"]) == 0
    assert json.loads(capsys.readouterr().out) == storage.load_summary()
    assert cli.main(["--since", "2025-03-10", "--until", "2025-03-10"]) == 0
    out = capsys.readouterr().out
    assert "NPS" in out and "CSAT" in out and "CES" in out and "50 %" in out
    assert cli.main(["--since", "2025-03-11", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nps"]["responses"] == 0


def test_cli_reports_an_unavailable_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli().main(["--url", f"sqlite:///{tmp_path / 'no' / 'x.db'}"]) == 1
    assert "indisponible" in capsys.readouterr().err


def test_quiz_answers_feed_new_questions_and_the_most_missed_concepts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'quiz.db'}"
    storage.save_quiz_answer("alice", "ropo-1", "ropo", False, url=url)
    storage.save_quiz_answer("bob", "ropo-2", "ropo", False, url=url)
    storage.save_quiz_answer("bob", "nps-1", "nps", False, url=url)
    storage.save_quiz_answer("bob", "ces-1", "ces", True, url=url)
    assert storage.asked_question_ids("bob", url=url) == {"ropo-2", "nps-1", "ces-1"}
    assert storage.most_missed_concepts(url=url) == [("ropo", 2), ("nps", 1)]


def test_an_appointment_start_takes_its_capacity_and_no_more(db_url: str) -> None:
    slot = storage.Slot("2026-11-24T10:00:00+01:00", capacity=2)
    booked: list[str] = []
    refused: list[BaseException] = []
    start = threading.Barrier(6)

    def customer(n: int) -> None:
        start.wait()
        try:
            booked.append(storage.create_request("appointment", {"n": n}, f"c{n}", slot=slot))
        except storage.SlotTaken as error:
            refused.append(error)

    threads = [threading.Thread(target=customer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(booked), len(refused)) == (2, 4)
    assert storage.appointment_starts("2026-11-24") == [datetime.fromisoformat(slot.start)] * 2
    assert storage.appointment_starts("2026-11-25") == []
    stored = storage.get_request(booked[0])
    assert stored is not None and stored.details["appointment_start"] == slot.start
    # A cancelled appointment gives its place back.
    assert storage.cancel_request(booked[0])
    storage.create_request("appointment", {"n": 7}, "c7", slot=slot)
