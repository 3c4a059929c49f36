"""The web server in process (aiohttp's test client): pages from the data, token, API."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from logic.climatech import offers
from logic.climatech.knowledge.loading import load_knowledge
from logic.clock import now
from logic.storage.engine import dispose_engines
from logic.storage.reports import load_summary
from logic.storage.requests import COMPLAINT_CATEGORIES, URGENCY_KINDS, create_request
from logic.storage.surveys import save_survey
from web import auth, board, showcase, vendor
from web.config import Settings
from web.server import create_app

TOKEN = "jeton-de-test"
FIXED_NOW = "2026-11-23T15:00:00+01:00"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    monkeypatch.setenv("CLIMABOT_NOW", FIXED_NOW)
    yield url
    dispose_engines()


@pytest.fixture
async def client(db_url: str) -> AsyncIterator[TestClient]:
    settings = replace(Settings(), dashboard_token=TOKEN, database_url=db_url)
    async with TestClient(TestServer(create_app(settings))) as test_client:
        yield test_client


async def test_the_site_shows_todays_offers_and_the_catalogue(client: TestClient) -> None:
    kb = load_knowledge()
    response = await client.get("/")
    assert response.status == 200
    html = await response.text()
    for item in offers.current_news(now(), kb):
        assert item.title.replace("'", "&#39;") in html
    for item in kb.news:
        if not item.valid_on(now().date()):
            assert item.title.replace("'", "&#39;") not in html
    for product in kb.products:
        assert f'href="/fiches-techniques/{showcase.sheet_name(product)}"' in html
    assert kb.company.street in html and kb.company.phone in html
    assert "fonts.googleapis" not in html and "cdn" not in html.lower()


async def test_every_technical_sheet_exists_and_lists_its_parts(client: TestClient) -> None:
    kb = load_knowledge()
    for product in kb.products:
        response = await client.get(f"/fiches-techniques/{showcase.sheet_name(product)}")
        assert response.status == 200, product.name
        html = await response.text()
        assert product.name in html
        for part in showcase.compatible_parts(product, kb):
            assert part.reference in html
    pdf = await client.get("/fiches-techniques/FT-ARIA-25.pdf", allow_redirects=False)
    assert pdf.status == 302  # the file name the bot gives leads to the sheet
    assert pdf.headers["Location"] == "/fiches-techniques/FT-ARIA-25"
    missing = await client.get("/fiches-techniques/FT-INCONNU")
    assert missing.status == 404
    assert "Page introuvable" in await missing.text()


async def test_the_revision_page_lists_the_course_themes(client: TestClient) -> None:
    html = await (await client.get("/revision")).text()
    for theme in showcase.course_themes():
        assert theme.title.replace("'", "&#39;") in html
    assert 'data-init-payload="/greet"' in html


async def test_pages_carry_a_strict_content_security_policy(client: TestClient) -> None:
    response = await client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self' http://localhost:5005 ws://localhost:5005" in policy


async def test_the_indicators_api_needs_the_bearer_token(client: TestClient, db_url: str) -> None:
    assert (await client.get("/api/indicators")).status == 401
    wrong = {"Authorization": "Bearer faux"}
    assert (await client.get("/api/indicators", headers=wrong)).status == 401
    save_survey(nps=10, csat="satisfait", ces=1, url=db_url)
    right = {"Authorization": f"Bearer {TOKEN}"}
    response = await client.get("/api/indicators", headers=right)
    assert response.status == 200
    assert await response.json() == load_summary(url=db_url)


async def test_the_dashboard_login_sets_a_session_cookie(client: TestClient, db_url: str) -> None:
    page = await (await client.get("/dashboard")).text()
    assert 'name="token"' in page and 'id="dashboard"' not in page
    refused = await client.post("/dashboard/login", data={"token": "faux"})
    assert refused.status == 401 and "Jeton incorrect." in await refused.text()
    assert (await client.get("/api/dashboard")).status == 401

    accepted = await client.post("/dashboard/login", data={"token": TOKEN})
    assert accepted.status == 200  # followed the 303 to /dashboard
    assert 'id="dashboard"' in await accepted.text()
    cookie = client.session.cookie_jar.filter_cookies(client.make_url("/"))[auth.COOKIE_NAME]
    assert TOKEN not in cookie.value  # an HMAC, not the token
    save_survey(nps=3, comment="<script>alert(1)</script>", url=db_url)
    data = await (await client.get("/api/dashboard")).json()
    assert data["indicators"] == load_summary(url=db_url)
    assert data["nps_notes"]["3"] == 1
    assert data["comments"][0]["comment"] == "<script>alert(1)</script>"  # JSON, drawn as text
    assert data["tones"]["nps"] == "bad"

    await client.post("/dashboard/logout")
    assert (await client.get("/api/dashboard")).status == 401


def test_the_widget_bundle_loses_its_remote_font_only(tmp_path: Path) -> None:
    bundle = tmp_path / "index.js"
    bundle.write_bytes(
        b'a("@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);",'
        b'".rw-header{color:red}")'
    )
    served = vendor.webchat_bundle(bundle)
    assert b"googleapis" not in served
    assert served == b'a("",".rw-header{color:red}")'


def test_same_secret_is_constant_time_and_never_matches_empty() -> None:
    assert auth.same_secret("abc", "abc")
    assert not auth.same_secret("abc", "abd")
    assert not auth.same_secret("", "")
    assert re.fullmatch(r"[0-9a-f]{64}", auth.session_value(TOKEN))


def test_dashboard_payload_names_the_most_missed_concepts() -> None:
    from datetime import datetime

    from logic.survey.formulas import summary
    from web import board

    data = board.payload(summary(), {}, [], datetime(2026, 11, 23), [("ropo", 4), ("nps", 2)])
    assert data["missed_concepts"] == [
        {"title": "ROPO / web to store", "wrong": 4},
        {"title": "Le NPS", "wrong": 2},
    ]


async def test_the_dashboard_counts_complaints_and_urgencies(
    client: TestClient, db_url: str
) -> None:
    for category in ("technician_no_show", "technician_no_show", "quote_not_sent"):
        create_request("complaint", {"category": category, "priority": True}, "c", url=db_url)
    urgent = {"priority": True, "urgency": "burning_smell"}
    create_request("intervention", urgent, "u", url=db_url)
    create_request("callback", {"priority": True}, "p", url=db_url)
    page = await client.post("/dashboard/login", data={"token": TOKEN})
    assert "Réclamations et urgences" in await page.text()

    shown = (await (await client.get("/api/dashboard")).json())["after_sales"]
    assert shown["complaints"]["total"] == 3
    categories = {c["label"]: c["count"] for c in shown["complaints"]["categories"]}
    assert categories["Technicien pas venu"] == 2
    assert categories["Devis jamais reçu"] == 1
    assert categories["Autre réclamation"] == 0
    assert shown["urgent"]["total"] == 1
    urgencies = {u["label"]: u["count"] for u in shown["urgent"]["urgencies"]}
    assert urgencies["Odeur de brûlé ou fumée"] == 1
    assert shown["priority_callbacks"] == 1


def test_every_complaint_category_and_urgency_has_a_french_label() -> None:
    assert list(board.complaint_labels()) == list(COMPLAINT_CATEGORIES)
    assert list(board.urgency_labels()) == list(URGENCY_KINDS)
    from logic.survey.formulas import summary

    empty = board.payload(summary(), {}, [], now())["after_sales"]
    assert empty["complaints"]["total"] == 0
    assert [c["key"] for c in empty["complaints"]["categories"]] == list(COMPLAINT_CATEGORIES)


async def _logged_in(client: TestClient) -> None:
    await client.post("/dashboard/login", data={"token": TOKEN})


async def test_the_dashboard_shows_no_file_path_nor_server_detail(
    client: TestClient, db_url: str
) -> None:
    await _logged_in(client)
    page = await (await client.get("/dashboard")).text()
    assert "sqlite" not in page and "web.db" not in page and "Bearer" not in page
    assert 'id="join"' not in page  # no class URL given: nothing shown


async def test_the_class_url_is_shown_with_its_qr_code(db_url: str) -> None:
    url = "http://192.168.1.20:8000/"
    settings = replace(Settings(), dashboard_token=TOKEN, database_url=db_url, public_url=url)
    async with TestClient(TestServer(create_app(settings))) as client:
        await _logged_in(client)
        page = await (await client.get("/dashboard")).text()
    assert f'<p class="join-url" id="public-url">{url}</p>' in page
    qr = re.search(r'<img class="join-qr" id="public-qr" src="([^"]+)"', page)
    assert qr is not None and qr.group(1).startswith("data:image/svg+xml")
    assert board.qr_data_uri(url) == qr.group(1).replace("&#39;", "'")


async def test_a_new_session_counts_from_its_start_and_a_past_one_can_be_chosen(
    client: TestClient, db_url: str
) -> None:
    from logic.storage.class_sessions import list_sessions, record_step

    assert (await client.post("/dashboard/sessions")).status == 401  # the cookie is needed
    record_step("before", "parts", "question", url=db_url)
    save_survey(nps=10, url=db_url)
    await _logged_in(client)
    everything = await (await client.get("/api/dashboard")).json()
    assert everything["session"]["current"] is None
    assert everything["session_after_sales"]["after_sales"] == 1

    started = await client.post("/dashboard/sessions")
    assert started.status == 200 and 'id="dashboard"' in await started.text()
    record_step("during", "troubleshooting", "question", url=db_url)
    record_step("during", "troubleshooting", "confirmed", url=db_url)
    record_step("during", "advisor", "question", url=db_url)
    data = await (await client.get("/api/dashboard")).json()
    (session,) = list_sessions(url=db_url)
    assert data["session"]["current"]["id"] == session.id
    assert data["indicators"]["nps"]["responses"] == 0  # yesterday's survey is not counted
    sav = data["session_after_sales"]
    assert sav["conversations"] == 1  # "before" has no step in this session
    assert (sav["after_sales"], sav["handed"], sav["containment_rate"]) == (1, 1, 0.0)
    assert sav["topics"] == [
        {"topic": "troubleshooting", "bot": 0, "person": 1, "total": 1, "label": "Dépannage"}
    ]

    await client.post("/dashboard/sessions")
    latest = await (await client.get("/api/dashboard")).json()
    assert latest["session_after_sales"]["after_sales"] == 0
    assert [s["id"] for s in latest["session"]["all"]][1] == session.id
    again = await (await client.get(f"/api/dashboard?session={session.id}")).json()
    assert again["session_after_sales"]["handed"] == 1
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    summary = await client.get(f"/api/indicators?session={session.id}", headers=bearer)
    assert (await summary.json())["nps"]["responses"] == 0
    whole = await client.get("/api/indicators", headers=bearer)
    assert (await whole.json()) == load_summary(url=db_url)  # no session asked: everything


async def test_the_session_exports_as_csv_with_french_headers_and_no_ids(
    client: TestClient, db_url: str
) -> None:
    from logic.storage.class_sessions import record_step
    from logic.storage.schema import sender_key

    assert (await client.get("/api/dashboard/export.csv")).status == 401
    record_step("alice-123", "parts", "question", url=db_url)
    record_step("alice-123", "shop", "question", url=db_url)
    record_step("bob-456", "troubleshooting", "question", url=db_url)
    record_step("bob-456", "troubleshooting", "not_solved", url=db_url)
    await _logged_in(client)
    response = await client.get("/api/dashboard/export.csv")
    assert response.content_type == "text/csv"
    text = (await response.read()).decode("utf-8-sig")
    lines = text.splitlines()
    assert (
        lines[0]
        == "Conversation;Début;Dernier message;Questions;Thèmes;Passée à une personne;Résolution"
    )
    assert [line.split(";")[0] for line in lines[1:]] == ["1", "2"]
    assert lines[1].endswith(";2;Pièces détachées, Horaires et accès;non;en cours")
    assert lines[2].endswith(";1;Dépannage;non;non résolue")
    for secret in ("alice-123", "bob-456", sender_key("alice-123")):
        assert secret not in text


def test_every_topic_and_outcome_has_a_french_name() -> None:
    from logic.storage.after_sales_topics import TOPICS
    from logic.storage.resolution import Outcome

    assert list(board.wording()["topics"]) == list(TOPICS)
    assert set(board.wording()["outcomes"]) == {o.value for o in Outcome}
