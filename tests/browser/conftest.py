"""The three servers (actions, Rasa with socketio, web) and Debian's Chromium for the tests.

The servers are started by scripts/run_all.py, the launcher of `make run`, on their own
ports (so that e2e and browser tests may run in the same session). Chromium is
/usr/bin/chromium, driven by Playwright's sync API (no `playwright install`). A failed
test leaves a screenshot per page in tests/screenshots/.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

from runtime.launcher import ROOT, STARTUP_TIMEOUT_S, Server, launch, local_endpoints, stop_all
from tests.e2e.conftest import MODEL, server_env

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RASA_PORT = int(os.environ.get("BROWSER_RASA_PORT", "16005"))
ACTIONS_PORT = int(os.environ.get("BROWSER_ACTIONS_PORT", "16055"))
WEB_PORT = int(os.environ.get("BROWSER_WEB_PORT", "18000"))
TOKEN = "jeton-des-tests-navigateur"
RASA_TOKEN = "jeton-rasa-des-tests"
SCREENSHOTS = ROOT / "tests" / "screenshots"
BOT_TIMEOUT_MS = 45_000  # a first answer loads the models of the action server


@dataclass(frozen=True)
class Site:
    url: str
    token: str
    database_url: str
    workdir: Path
    rasa_url: str
    rasa_token: str
    ports: tuple[int, ...]  # action server, Rasa, web

    def indicators(self) -> dict[str, Any]:
        response = requests.get(
            f"{self.url}/api/indicators",
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=10,
        )
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The three servers started by `make run`'s own launcher, on test ports."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    workdir = tmp_path_factory.mktemp("browser-servers")
    web_url = f"http://localhost:{WEB_PORT}"
    env = server_env(workdir, DASHBOARD_TOKEN=TOKEN, RASA_AUTH_TOKEN=RASA_TOKEN)
    database_url = env["DATABASE_URL"]
    command = [
        sys.executable,
        str(ROOT / "scripts" / "run_all.py"),
        "--model",
        str(MODEL),
        "--actions-port",
        str(ACTIONS_PORT),
        "--rasa-port",
        str(RASA_PORT),
        "--web-port",
        str(WEB_PORT),
        "--endpoints",
        str(local_endpoints(workdir, ACTIONS_PORT)),
        "--logs",
        str(workdir / "logs"),
    ]
    # Ready once the last of its three servers, the web server, answers.
    run_all = Server("run_all", command, WEB_PORT, f"{web_url}/healthz")
    launch([run_all], env, workdir, timeout=2 * STARTUP_TIMEOUT_S)
    try:
        yield Site(
            url=web_url,
            token=TOKEN,
            database_url=database_url,
            workdir=workdir,
            rasa_url=f"http://localhost:{RASA_PORT}",
            rasa_token=RASA_TOKEN,
            ports=(ACTIONS_PORT, RASA_PORT, WEB_PORT),
        )
    finally:
        # SIGTERM: run_all.py stops the web, Rasa and action servers (up to 20 s each).
        stop_all([run_all], timeout=90)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def context(
    browser: Browser, site: Site, request: pytest.FixtureRequest
) -> Iterator[BrowserContext]:
    """A fresh browser profile per test (empty localStorage, no cookie)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    ctx.set_default_timeout(BOT_TIMEOUT_MS)
    try:
        yield ctx
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            for index, page in enumerate(ctx.pages):
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{index}.png"), full_page=True)
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


class Chat:
    """The rasa-webchat widget of a page, as a visitor uses it."""

    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def container(self) -> Locator:
        return self.page.locator(".rw-conversation-container")

    def open(self) -> None:
        """Opens the widget with its launcher, unless it is open already (after a reload)."""
        launcher = self.page.locator(".rw-launcher")
        launcher.wait_for(state="visible")  # the widget is rendered, with its saved state
        if not self.container.is_visible():
            launcher.click()
        self.container.wait_for(state="visible")

    def say(self, text: str) -> None:
        field = self.container.locator(".rw-new-message")
        field.fill(text)
        field.press("Enter")

    def responses(self, text: str | re.Pattern[str]) -> Locator:
        return self.container.locator(".rw-response", has_text=text)

    def bot_message(self, text: str | re.Pattern[str]) -> Locator:
        """The last bot message containing `text`, once it is shown."""
        found = self.responses(text).last
        found.wait_for(state="visible", timeout=BOT_TIMEOUT_MS)
        return found

    def ask(self, message: str, expected: str | re.Pattern[str]) -> Locator:
        """Sends `message` and waits for a new bot message containing `expected`."""
        before = self.responses(expected).count()
        self.say(message)
        expect(self.responses(expected)).not_to_have_count(before, timeout=BOT_TIMEOUT_MS)
        return self.responses(expected).last

    def press(self, title: str, expected: str | re.Pattern[str]) -> Locator:
        """Clicks a button and waits for a new bot message containing `expected`."""
        before = self.responses(expected).count()
        self.click(title)
        expect(self.responses(expected)).not_to_have_count(before, timeout=BOT_TIMEOUT_MS)
        return self.responses(expected).last

    def user_messages(self) -> list[str]:
        return self.container.locator(".rw-client").all_inner_texts()

    def click(self, title: str) -> None:
        """A button of the bot's last message (quick reply), by its exact title."""
        button = self.container.locator(".rw-reply").get_by_text(title, exact=True).last
        button.wait_for(state="visible", timeout=BOT_TIMEOUT_MS)
        button.click()


def login(page: Page, site: Site, token: str) -> None:
    page.goto(f"{site.url}/dashboard")
    page.fill("#token", token)
    page.click("button[type=submit]")
