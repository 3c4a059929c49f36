"""Reports: the indicators summary over a period, the dashboard's reads, and the
`indicators` CLI that prints the summary."""

from __future__ import annotations

import importlib.util
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

import pytest

from logic.storage.conversations import mark_conversation
from logic.storage.engine import PROJECT_ROOT
from logic.storage.reports import (
    after_sales_counts,
    latest_comments,
    load_summary,
    nps_distribution,
)
from logic.storage.requests import cancel_request, create_request
from logic.storage.surveys import save_survey

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
START = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


# --- summary ---------------------------------------------------------------------------------


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
        save_survey(nps=nps, csat=csat, ces=ces, now=NOW + i * day)
    save_survey(nps=0, csat="tres_insatisfait", ces=5, now=NOW - 30 * day)
    for sender, after_sales, handoff in [
        ("a", True, False),
        ("b", True, True),
        ("c", False, False),
    ]:
        mark_conversation(sender, "rest", after_sales, handoff, now=NOW)
    create_request("appointment", {}, "a", now=NOW)
    cancelled = create_request("appointment", {}, "a", now=NOW)
    cancel_request(cancelled)
    create_request("quote", {}, "b", now=NOW)
    create_request("intervention", {}, "b", now=NOW)

    data = load_summary(since=date(2025, 3, 10), until=date(2025, 3, 12))
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
    assert load_summary()["nps"]["responses"] == 4
    assert load_summary(until=date(2025, 3, 9))["nps"]["responses"] == 1
    assert load_summary(since=NOW + 10 * day)["nps"]["score"] is None


def test_empty_database_summary(db_url: str) -> None:
    data = load_summary()
    assert data["nps"]["score"] is None and data["ces"]["mean"] is None
    assert data["conversations"]["containment_rate"] is None


# --- the dashboard's reads -------------------------------------------------------------------


def test_latest_comments_newest_first_without_empty_ones(db_url: str) -> None:
    for minutes, comment in enumerate(["premier", None, "  ", "deuxième", "troisième"]):
        save_survey(
            nps=9, csat="satisfait", ces=2, comment=comment,
            now=START + timedelta(minutes=minutes), url=db_url,
        )  # fmt: skip
    comments = latest_comments(10, url=db_url)
    assert [c.comment for c in comments] == ["troisième", "deuxième", "premier"]
    assert comments[0].nps == 9 and comments[0].csat == "satisfait" and comments[0].ces == 2
    assert comments[0].as_dict()["created_at"].startswith("2026-11-23T14:04")
    assert [c.comment for c in latest_comments(2, url=db_url)] == ["troisième", "deuxième"]


def test_latest_comments_limit_is_bounded(db_url: str) -> None:
    save_survey(nps=5, comment="seul", url=db_url)
    assert len(latest_comments(0, url=db_url)) == 1  # at least one
    assert len(latest_comments(10_000, url=db_url)) == 1


def test_nps_distribution_has_every_note(db_url: str) -> None:
    assert nps_distribution(url=db_url) == {str(n): 0 for n in range(11)}
    for note in (10, 10, 0, 7):
        save_survey(nps=note, url=db_url)
    save_survey(csat="satisfait", url=db_url)  # no NPS: not counted
    counts = nps_distribution(url=db_url)
    assert counts["10"] == 2 and counts["0"] == 1 and counts["7"] == 1
    assert sum(counts.values()) == 4
    assert sum(counts.values()) == load_summary(url=db_url)["nps"]["responses"]


def test_after_sales_counts_complaints_urgencies_and_priority_callbacks(db_url: str) -> None:
    day = timedelta(days=1)

    def complaint(category: str, when: datetime = NOW) -> str:
        return create_request("complaint", {"category": category, "priority": True}, "c", now=when)

    complaint("technician_no_show")
    complaint("technician_no_show")
    complaint("phone_unanswered")
    cancel_request(complaint("bill_increase"))  # cancelled: not counted
    complaint("stock_missing", NOW - 30 * day)  # before the period
    urgent = {"priority": True, "urgency": "water_leak", "phone": "06 12 34 56 78"}
    create_request("callback", urgent, "u", now=NOW)
    create_request("intervention", {**urgent, "urgency": "no_heating_vulnerable"}, "u", now=NOW)
    create_request("intervention", {**urgent, "urgency": "water_leak"}, "u", now=NOW)
    create_request("callback", {"priority": True}, "p", now=NOW)  # priority, no urgency
    create_request("callback", {"phone": "06"}, "n", now=NOW)  # neither

    counts = after_sales_counts(since=date(2025, 3, 1), until=date(2025, 3, 31))
    assert counts.complaints_total == 3
    assert counts.complaints["technician_no_show"] == 2
    assert counts.complaints["phone_unanswered"] == 1
    assert counts.complaints["bill_increase"] == 0
    assert counts.urgent_total == 3
    assert counts.urgent["water_leak"] == 2 and counts.urgent["no_heating_vulnerable"] == 1
    assert counts.priority_callbacks == 2
    assert after_sales_counts().complaints_total == 4  # no period: the older one too
    assert after_sales_counts().as_dict()["complaints"]["by_category"]["stock_missing"] == 1
    # Complaints and urgencies leave the indicators' request counts as they were.
    assert load_summary()["requests"]["callbacks"] == 3


def test_after_sales_counts_of_an_empty_database_has_every_key(db_url: str) -> None:
    data = after_sales_counts().as_dict()
    assert data["complaints"]["total"] == 0 and data["urgent"]["total"] == 0
    assert set(data["complaints"]["by_category"]) >= {"phone_unanswered", "other"}
    assert set(data["urgent"]["by_urgency"]) >= {"water_leak", "no_cooling_heatwave"}
    assert data["priority_callbacks"] == 0


# --- the CLI ---------------------------------------------------------------------------------


def _cli() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "indicators.py"
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
        save_survey(nps=nps, csat=csat, ces=ces, now=NOW)
    cli = _cli()
    assert cli.main(["--json"]) == 0
    assert json.loads(capsys.readouterr().out) == load_summary()
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


def test_the_dashboards_reads_count_only_the_chosen_period(db_url: str) -> None:
    from logic.storage.quiz_answers import save_quiz_answer
    from logic.storage.reports import most_missed_concepts

    before, during = START - timedelta(hours=2), START + timedelta(minutes=5)
    save_survey(nps=2, comment="démo d'hier", now=before, url=db_url)
    save_survey(nps=10, comment="séance du jour", now=during, url=db_url)
    save_quiz_answer("a", "q1", "nps", False, now=before, url=db_url)
    save_quiz_answer("b", "q2", "ropo", False, now=during, url=db_url)
    period = {"since": START, "until": START + timedelta(hours=1), "url": db_url}
    counts = nps_distribution(**period)
    assert counts["10"] == 1 and counts["2"] == 0
    assert [c.comment for c in latest_comments(10, **period)] == ["séance du jour"]
    assert most_missed_concepts(5, **period) == [("ropo", 1)]
    assert len(latest_comments(10, url=db_url)) == 2  # without a period: everything
