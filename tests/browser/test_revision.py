"""The students' revision page: the same bot, embedded and opened on the course themes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from logic.course.concepts import load_registry
from tests.browser.conftest import Chat, Site


def test_the_revision_page_opens_on_the_course_themes(page: Page, site: Site) -> None:
    registry = load_registry()
    page.goto(f"{site.url}/revision")
    chat = Chat(page)
    chat.container.wait_for(state="visible")  # embedded: open without a click
    for title in registry.themes.values():
        expect(chat.container.locator(".rw-reply", has_text=title).first).to_be_visible()
        expect(page.locator(".theme-title", has_text=title)).to_be_visible()

    # A concept of the page's list is explained in the chat.
    nps = registry.concepts["nps"]
    page.locator(".theme", has_text=registry.themes[nps.theme]).locator("summary").click()
    before = chat.responses("promoteurs").count()
    page.locator(".chip", has_text=nps.title).first.click()
    expect(chat.responses("promoteurs")).not_to_have_count(before)
    assert nps.title in chat.user_messages()


def test_the_site_and_the_revision_page_keep_separate_conversations(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/revision")
    Chat(page).bot_message("Posez-moi une question")
    page.goto(site.url)
    chat = Chat(page)
    chat.open()
    chat.bot_message("Service client Climatech")
    expect(chat.responses("Posez-moi une question")).to_have_count(0)
