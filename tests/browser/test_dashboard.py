"""The teacher's dashboard: its token, its live figures, the indicators API."""

from __future__ import annotations

import requests
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import Chat, Site, login

REFRESH_TIMEOUT_MS = 20_000  # the page refreshes every 5 s


def _count(responses: int) -> str:
    return f"{responses} réponse{'s' if responses > 1 else ''}"


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
    before = site.indicators()
    board = context.new_page()
    login(board, site, site.token)
    expect(board.locator("[data-field=nps-count]")).to_have_text(
        _count(before["nps"]["responses"]), timeout=REFRESH_TIMEOUT_MS
    )

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

    # The open dashboard counts it by itself, without a reload.
    responses = before["nps"]["responses"] + 1
    expect(board.locator("[data-field=nps-count]")).to_have_text(
        _count(responses), timeout=REFRESH_TIMEOUT_MS
    )
    expect(board.locator("[data-field=nps-pro]")).to_have_text(str(before["nps"]["promoters"] + 1))
    expect(board.locator("[data-field=csat-count]")).to_have_text(_count(responses))
    expect(board.locator("[data-field=ces-count]")).to_have_text(_count(responses))
    first = board.locator("#comments .comment-text").first
    expect(first).to_have_text(comment)  # shown as text: no <b> element
    expect(board.locator("#comments b")).to_have_count(0)
    assert site.indicators()["nps"]["responses"] == responses


def test_the_dashboard_logout_closes_the_session(page: Page, site: Site) -> None:
    login(page, site, site.token)
    expect(page.locator("#dashboard")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator("#token")).to_be_visible()
    assert page.request.get(f"{site.url}/api/dashboard").status == 401
