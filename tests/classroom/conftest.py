"""`make class` as a class meets it: the stack of scripts/run_all.py --class, and a phone.

The phone is a network namespace joined to this machine by a veth pair (tests/network.py):
it reaches the laptop as a phone on the school's network would, and the address students
type is the laptop's address on that link. Test ports: the public one and the private ones
differ from `make class`'s own, so that both may run at once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from runtime.classroom import ClassPorts
from runtime.launcher import ROOT, STARTUP_TIMEOUT_S, Server, launch, local_endpoints, stop_all
from runtime.proxy import NGINX, REDIS_SERVER
from tests.browser.conftest import (  # noqa: F401  (the report hook saves screenshots)
    BOT_TIMEOUT_MS,
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    pytest_runtest_makereport,
)
from tests.e2e.conftest import MODEL, server_env
from tests.network import ClientHost, client_host

PORTS = ClassPorts(public=27000, web=27001, rasa=27005, actions=27055, redis=27379)
REPLICAS = 2
TOKEN = "jeton-des-tests-de-classe"
PHONE_WIDTH = 390  # CSS pixels, a common phone


@dataclass(frozen=True)
class Classroom:
    """The laptop's stack, and where a phone finds it."""

    phone: ClientHost
    url: str  # what students type
    local_url: str  # the same site from the laptop
    token: str
    workdir: Path

    @property
    def private_ports(self) -> list[int]:
        return PORTS.private(REPLICAS)


@pytest.fixture(scope="session")
def phone() -> Iterator[ClientHost]:
    with client_host() as host:
        yield host


@pytest.fixture(scope="session")
def classroom(phone: ClientHost, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Classroom]:
    for binary in (NGINX, REDIS_SERVER):
        if not binary.exists():
            pytest.fail(f"{binary} is missing: run `make test-class`, which installs it")
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    workdir = tmp_path_factory.mktemp("class")
    env = server_env(workdir, DASHBOARD_TOKEN=TOKEN)
    command = [
        sys.executable,
        str(ROOT / "scripts" / "run_all.py"),
        "--class",
        "--address",
        phone.server_address,
        "--model",
        str(MODEL),
        "--web-port",
        str(PORTS.public),
        "--rasa-port",
        str(PORTS.rasa),
        "--actions-port",
        str(PORTS.actions),
        "--redis-port",
        str(PORTS.redis),
        "--replicas",
        str(REPLICAS),
        "--endpoints",
        str(local_endpoints(workdir, PORTS.actions)),
        "--logs",
        str(workdir / "logs"),
    ]
    local_url = f"http://127.0.0.1:{PORTS.public}"
    # Ready once its last server, nginx, passes the site's health URL through.
    supervisor = Server("run_class", command, PORTS.public, f"{local_url}/healthz")
    launch([supervisor], env, workdir, timeout=2 * STARTUP_TIMEOUT_S)
    try:
        yield Classroom(
            phone=phone,
            url=f"http://{phone.server_address}:{PORTS.public}",
            local_url=local_url,
            token=TOKEN,
            workdir=workdir,
        )
    finally:
        stop_all([supervisor], timeout=120)


@pytest.fixture(scope="session")
def phone_browser(phone: ClientHost, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Chromium running inside the phone's namespace (Playwright talks to it over a pipe)."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    executable = phone.browser_executable(tmp_path_factory.mktemp("phone"), CHROMIUM)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def phone_page(phone_browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh phone-sized page; its screenshot is saved in tests/screenshots/ on failure."""
    context = phone_browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 844},
        locale="fr-FR",
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(BOT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
        context.close()
