"""The teacher's dashboard: its token, its class sessions, its live figures, the export,
the indicators API."""

from __future__ import annotations

import re

import requests
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import Chat, Site, login

REFRESH_TIMEOUT_MS = 20_000  # the page refreshes every 5 s


def _count(responses: int) -> str:
    return f"{responses} réponse{'s' if responses > 1 else ''}"


def _new_session(board: Page) -> None:
    """ "Nouvelle séance": the figures start again from zero."""
    live = board.locator("#live")
    expect(live).to_have_attribute("data-state", "ok", timeout=REFRESH_TIMEOUT_MS)  # drawn once
    sessions = board.locator("#session-select option").count()
    board.get_by_role("button", name="Nouvelle séance").click()
    expect(board.locator("#session-select option")).to_have_count(
        sessions + 1, timeout=REFRESH_TIMEOUT_MS
    )
    expect(board.locator("[data-field=conv-sav]")).to_have_text("0", timeout=REFRESH_TIMEOUT_MS)


def test_the_dashboard_refuses_a_wrong_token(page: Page, site: Site) -> None:
    login(page, site, "pas-le-bon-jeton")
    expect(page.locator(".login-error")).to_have_text("Jeton incorrect.")
    expect(page.locator("#dashboard")).to_have_count(0)
    # Its data needs the token too.
    assert page.request.get(f"{site.url}/api/dashboard").status == 401


def test_the_indicators_api_needs_the_bearer_token(site: Site) -> None:
    url = f"{site.url}/api/indicators"
    assert requests.get(url, timeout=10).status_code == 401
    wrong = {"Authorization": "Bearer pas-le-bon-jeton"}
    assert requests.get(url, headers=wrong, timeout=10).status_code == 401
    basic = {"Authorization": f"Basic {site.token}"}
    assert requests.get(url, headers=basic, timeout=10).status_code == 401
    data = site.indicators()
    assert set(data) == {"nps", "csat", "ces", "conversations", "requests"}


def test_a_survey_answered_with_the_buttons_appears_on_the_dashboard(
    context: BrowserContext, site: Site
) -> None:
    board = context.new_page()
    login(board, site, site.token)
    _new_session(board)
    expect(board.locator("[data-field=nps-count]")).to_have_text(_count(0))
    everything = site.indicators()["nps"]["responses"]

    shop = context.new_page()
    shop.goto(site.url)
    chat = Chat(shop)
    chat.open()
    chat.bot_message("Service client Climatech")
    chat.press("Donner mon avis", "recommandiez Climatech")
    chat.press("9", "Êtes-vous satisfait")
    chat.press("Très satisfait", "Quel effort")
    chat.press("2", "Un commentaire")
    comment = "Très clair, merci <b>beaucoup</b> !"
    chat.ask(comment, "Merci pour vos réponses")

    # The open dashboard counts it by itself, without a reload, in the session only.
    expect(board.locator("[data-field=nps-count]")).to_have_text(
        _count(1), timeout=REFRESH_TIMEOUT_MS
    )
    expect(board.locator("[data-field=nps-pro]")).to_have_text("1")
    expect(board.locator("[data-field=csat-count]")).to_have_text(_count(1))
    expect(board.locator("[data-field=ces-count]")).to_have_text(_count(1))
    expect(board.locator("#comments .comment-text")).to_have_text([comment])  # as text, no <b>
    expect(board.locator("#comments b")).to_have_count(0)
    assert site.indicators()["nps"]["responses"] == everything + 1  # the API: everything


def test_a_class_session_counts_containment_resolution_and_topics(
    context: BrowserContext, site: Site
) -> None:
    board = context.new_page()
    login(board, site, site.token)
    page_text = board.locator("body").inner_text()
    assert "sqlite" not in page_text and ".db" not in page_text  # no file path on the page
    _new_session(board)
    first = board.locator("#session-select").input_value()

    shop = context.new_page()
    shop.goto(site.url)
    chat = Chat(shop)
    chat.open()
    chat.bot_message("Service client Climatech")
    chat.ask("ma pompe a chaleur affiche E4 et ne chauffe plus", "E4")
    chat.press("C'est réglé, merci", "ravi que ce soit réglé")

    # Live: one after-sales conversation, kept by the bot and confirmed solved.
    expect(board.locator("[data-field=conv-sav]")).to_have_text("1", timeout=REFRESH_TIMEOUT_MS)
    expect(board.locator("[data-field=containment]")).to_have_text("100 %")
    expect(board.locator("[data-field=res-confirmed]")).to_have_text("1")
    expect(board.locator("[data-field=resolution]")).to_have_text("100 %")
    row = board.locator("#topics tr[data-topic=troubleshooting]")
    expect(row.locator("th")).to_have_text("Dépannage")
    expect(row.locator(".topic-bot")).to_have_text("1")
    expect(row.locator(".topic-person")).to_have_text("0")

    # The same customer asks for a person: handed over, no longer contained nor resolved.
    chat.ask("je veux parler à un conseiller", re.compile("conseiller"))
    expect(board.locator("[data-field=conv-handoffs]")).to_have_text(
        "1", timeout=REFRESH_TIMEOUT_MS
    )
    expect(board.locator("[data-field=containment]")).to_have_text("0 %")

    # The export: French headers, one anonymous row, no conversation id.
    href = board.locator("#export").get_attribute("href")
    assert href is not None and href.endswith(f"?session={first}")
    export = board.request.get(f"{site.url}{href}")
    assert export.ok and export.headers["content-type"].startswith("text/csv")
    lines = export.body().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Conversation;Début;Dernier message;Questions;Thèmes")
    assert len(lines) == 2 and lines[1].startswith("1;")
    assert "passée à une personne" in lines[1]
    assert requests.get(f"{site.url}{href}", timeout=10).status_code == 401  # not public

    # A new session starts from zero; the previous one can be chosen again.
    _new_session(board)
    board.locator("#session-select").select_option(first)
    expect(board.locator("[data-field=conv-handoffs]")).to_have_text(
        "1", timeout=REFRESH_TIMEOUT_MS
    )
    assert board.url.endswith(f"/dashboard?session={first}")


def test_the_dashboard_logout_closes_the_session(page: Page, site: Site) -> None:
    login(page, site, site.token)
    expect(page.locator("#dashboard")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator("#token")).to_be_visible()
    assert page.request.get(f"{site.url}/api/dashboard").status == 401
