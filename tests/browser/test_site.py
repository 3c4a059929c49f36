"""Climatech's site and its chat widget (rasa-webchat over Rasa's socketio channel)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from logic.climatech import offers
from logic.climatech.knowledge.loading import load_knowledge
from logic.clock import now
from logic.text.catalogue import say
from runtime.launcher import FIXED_NOW
from tests.browser.conftest import Chat, Site

SAV_MENU = "Service client Climatech"
SESSION_ID = "() => (JSON.parse(localStorage.getItem('chat_session') || '{}')).session_id"


def test_the_site_shows_climatech_from_its_data_files(
    page: Page, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIMABOT_NOW", FIXED_NOW)
    kb = load_knowledge()
    page.goto(site.url)
    expect(page).to_have_title(re.compile("Climatech"))
    body = page.locator("body")
    expect(body).to_contain_text(kb.company.street)
    expect(body).to_contain_text(kb.company.phone)
    for item in offers.current_news(now(), kb):
        expect(page.locator("#offres")).to_contain_text(item.title)
    expired = [n for n in kb.news if not n.valid_on(now().date())]
    for item in expired:
        expect(page.locator("#offres")).not_to_contain_text(item.title)
    for product in kb.products:
        expect(page.locator("#produits")).to_contain_text(product.name)
    page.locator("a.sheet-link", has_text="FT-ARIA-25").click()
    expect(page.locator("h1")).to_have_text("Aria 25")
    expect(page.locator(".parts")).to_contain_text("CT-FIL-2035")


def test_the_widget_answers_a_course_question(page: Page, site: Site) -> None:
    page.goto(site.url)
    chat = Chat(page)
    expect(page.locator(".rw-conversation-container")).to_have_count(0)
    chat.open()
    chat.bot_message(SAV_MENU)  # the site opens on the after-sales menu
    answer = chat.ask("c koi le ropo ?", "Research Online")
    expect(answer).to_contain_text("magasin")


def test_the_site_widget_says_it_talks_to_a_customer(page: Page, site: Site) -> None:
    """The widget sends {"audience": "client"} (customData): Climatech's greeting and menu."""
    page.goto(site.url)
    chat = Chat(page)
    chat.open()
    chat.bot_message(SAV_MENU)
    chat.ask("bonjour", say("greet_client"))
    chat.bot_message(say("menu_client"))
    page.goto(f"{site.url}/revision")
    revision = Chat(page)
    revision.ask("bonjour", say("greet_student"))


def test_the_widget_finds_a_part_reference(page: Page, site: Site) -> None:
    page.goto(site.url)
    chat = Chat(page)
    chat.open()
    chat.bot_message(SAV_MENU)
    answer = chat.ask("référence du filtre de l'aria 25", "CT-FIL-2035")
    expect(answer).to_contain_text("14,90")
    # The buttons work: this one starts the click and collect reservation.
    chat.press("Réserver CT-FIL-2035", "Combien en voulez-vous")


def test_a_page_button_opens_the_chat_on_its_request(page: Page, site: Site) -> None:
    """Clicked before the socket.io session is confirmed, as on a slow phone connection.

    The socket.io requests are held until after the click: a message sent then would carry
    no session id, and Rasa would drop it without an answer.
    """
    gate = Gate()
    page.route(re.compile(r"/socket\.io/"), gate.handle)
    page.goto(site.url)
    page.locator("header .header-cta").click()  # "Prendre rendez-vous"
    assert gate.held and not page.evaluate(SESSION_ID)  # clicked before any session
    gate.open()
    chat = Chat(page)
    chat.container.wait_for(state="visible")
    chat.bot_message("À quel nom")
    assert "Prendre rendez-vous" in chat.user_messages()


class Gate:
    """Holds the requests it routes until it is opened, then lets every request through."""

    def __init__(self) -> None:
        self.held: list[Route] = []
        self.opened = False

    def handle(self, route: Route) -> None:
        if self.opened:
            route.continue_()
        else:
            self.held.append(route)

    def open(self) -> None:
        self.opened = True
        for route in self.held:
            route.continue_()


def test_a_reload_keeps_the_conversation(page: Page, site: Site) -> None:
    page.goto(site.url)
    chat = Chat(page)
    chat.open()
    chat.bot_message(SAV_MENU)
    chat.ask("référence du filtre de l'aria 25", "CT-FIL-2035")
    session = page.evaluate("() => JSON.parse(localStorage.getItem('chat_session')).session_id")

    page.reload()
    chat.open()
    expect(chat.container.locator(".rw-response", has_text="CT-FIL-2035")).to_be_visible()
    assert "référence du filtre de l'aria 25" in chat.user_messages()
    assert (
        page.evaluate("() => JSON.parse(localStorage.getItem('chat_session')).session_id")
        == session
    )

    # The same Rasa conversation goes on: a question inside it is still answered.
    chat.ask("quels sont vos horaires ?", "Horaires du showroom")


def test_the_links_of_the_bot_open_in_a_new_tab(page: Page, site: Site) -> None:
    page.goto(site.url)
    chat = Chat(page)
    chat.open()
    chat.bot_message(SAV_MENU)
    link = chat.press("Actualités et offres", "Facebook").locator("a").first
    expect(link).to_have_attribute("href", load_knowledge().company.facebook)
    expect(link).to_have_attribute("target", "_blank")


def test_the_help_button_opens_the_menu_once(page: Page, site: Site) -> None:
    page.goto(site.url)
    page.get_by_role("button", name="Une question ? Réponse 7 j/7").click()
    chat = Chat(page)
    chat.bot_message(SAV_MENU)
    page.wait_for_timeout(2_000)  # a second menu would have arrived by now
    expect(chat.responses(SAV_MENU)).to_have_count(1)
