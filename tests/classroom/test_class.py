"""A class on the school's network: a phone reaches the site and chats, and nothing else."""

from __future__ import annotations

import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import Chat
from tests.browser.test_site import SAV_MENU
from tests.classroom.conftest import PHONE_WIDTH, PORTS, Classroom


def test_from_the_network_only_the_site_answers(classroom: Classroom) -> None:
    ports = [PORTS.public, *classroom.private_ports]
    assert classroom.phone.open_ports(ports) == {PORTS.public}


def test_a_phone_chats_through_the_site_s_own_address(
    classroom: Classroom, phone_page: Page
) -> None:
    phone_page.goto(classroom.url + "/")
    # Nothing wider than the phone: a wider page would push the chat button off the screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    chat = Chat(phone_page)
    chat.open()
    chat.bot_message(SAV_MENU)
    answer = chat.ask("c'est quoi le ROPO ?", "ROPO")
    expect(answer).to_contain_text("magasin")


def test_the_socket_opens_for_the_site_s_pages_only(classroom: Classroom) -> None:
    path = "/socket.io/?EIO=4&transport=polling"
    status, body = classroom.phone.fetch(path, PORTS.public, f"Origin: {classroom.url}")
    assert status == 200 and '"sid"' in body
    foreign, _ = classroom.phone.fetch(path, PORTS.public, "Origin: http://ailleurs.example")
    assert foreign == 403


def test_rasa_s_api_is_not_behind_the_site(classroom: Classroom) -> None:
    for path in ("/status", "/version", "/webhooks/rest/webhook", "/conversations/x/tracker"):
        status, body = classroom.phone.fetch(path, PORTS.public)
        assert status == 404, (path, status)
        assert "rasa" not in body.lower(), path


def test_the_dashboard_shows_the_address_students_type(classroom: Classroom) -> None:
    session = requests.Session()
    session.post(f"{classroom.local_url}/dashboard/login", data={"token": classroom.token})
    page = session.get(f"{classroom.local_url}/dashboard", timeout=10)
    assert page.status_code == 200
    assert classroom.url in page.text
    assert "<svg" in page.text or "data:image/svg" in page.text  # the QR code
