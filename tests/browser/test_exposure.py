"""What an attacker can reach: text rendered as HTML, tokens, ports, origins.

The servers are those of `make run` (scripts/run_all.py), so this checks the real launch.
"""

from __future__ import annotations

import socket

import requests
import socketio
from playwright.sync_api import Page, expect

from logic.storage.surveys import save_survey
from tests.browser.conftest import Chat, Site, login
from tests.browser.test_site import SAV_MENU
from tests.network import client_host

# If any of these were rendered as HTML, an element would appear or window.__pwned be set.
HOSTILE = '<img src=x onerror="window.__pwned=1"><b class="injected">gras</b>'


def test_the_widget_shows_user_text_as_text(page: Page, site: Site) -> None:
    page.goto(site.url)
    chat = Chat(page)
    chat.open()
    chat.bot_message(SAV_MENU)
    answers = chat.container.locator(".rw-response")
    before = answers.count()
    chat.say(HOSTILE)
    expect(chat.container.locator(".rw-client").last).to_contain_text('<b class="injected">')
    expect(answers).not_to_have_count(before)  # the bot answered: everything was drawn
    assert chat.container.locator(".injected, img[src='x']").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_the_dashboard_shows_comments_as_text(page: Page, site: Site) -> None:
    save_survey(nps=2, comment=HOSTILE, url=site.database_url)
    login(page, site, site.token)
    expect(page.locator("body")).to_contain_text('<b class="injected">gras</b>')
    assert page.locator(".injected, img[src='x']").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_the_rasa_api_needs_its_token(site: Site) -> None:
    assert requests.get(f"{site.rasa_url}/status", timeout=10).status_code == 401
    wrong = requests.get(f"{site.rasa_url}/status", params={"token": "faux"}, timeout=10)
    assert wrong.status_code == 401
    tracker = requests.get(f"{site.rasa_url}/conversations/someone/tracker", timeout=10)
    assert tracker.status_code == 401
    right = requests.get(f"{site.rasa_url}/status", params={"token": site.rasa_token}, timeout=10)
    assert right.status_code == 200


def test_no_server_is_reachable_from_the_network(site: Site) -> None:
    """`make run` is for one machine: a host of the network (a namespace) reaches nothing."""
    with client_host() as neighbour:
        assert neighbour.open_ports(site.ports) == set()
    for port in site.ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
            assert client.connect_ex(("127.0.0.1", port)) == 0, f"port {port} not listening"


def test_only_the_site_origin_may_call_rasa(site: Site) -> None:
    url = f"{site.rasa_url}/socket.io/?EIO=4&transport=polling"
    for origin, allowed in [(site.url, True), ("http://evil.example", False)]:
        response = requests.get(url, headers={"Origin": origin}, timeout=10)
        assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed, origin
        rest = requests.options(
            f"{site.rasa_url}/webhooks/rest/webhook",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=10,
        )
        assert (rest.headers.get("Access-Control-Allow-Origin") == origin) is allowed, origin


def _socket_connects(url: str, origin: str) -> bool:
    client = socketio.Client(reconnection=False)
    try:
        client.connect(url, headers={"Origin": origin}, transports=["polling"], wait_timeout=10)
    except socketio.exceptions.ConnectionError:
        return False
    client.disconnect()
    return True


def test_only_the_site_pages_may_open_a_chat_connection(site: Site) -> None:
    """Browsers don't apply CORS to websockets: the socket.io connection checks the origin.

    The check is made at socket.io's connect, the same for polling and websocket.
    """
    assert _socket_connects(site.rasa_url, site.url)
    assert not _socket_connects(site.rasa_url, "http://evil.example")
