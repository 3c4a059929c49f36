"""HTML pages rendered with Jinja2; autoescape is on, so no data is ever read as HTML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from logic.text.formatting import capitalize, format_percent, format_price
from logic.understanding.audience import Audience
from web import showcase
from web.config import WEB_DIR, Settings

SITE_STORAGE, REVISION_STORAGE = "site", "revision"


@dataclass(frozen=True)
class ChatConfig:
    """How the widget of one page connects and greets (read by static/js/chat.js)."""

    socket_url: str
    socket_path: str
    init_payload: str
    title: str
    subtitle: str
    storage_key: str  # each page keeps its own conversation
    audience: str  # sent with every message: who is talking ("client", "etudiant")
    open: bool = False


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2] if word).upper()


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(WEB_DIR / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["price"] = format_price
    env.filters["percent"] = format_percent
    env.filters["initials"] = _initials
    env.filters["capfirst"] = capitalize  # Jinja's capitalize lower-cases the rest (SAV)
    env.globals["key_specs"] = showcase.key_specs
    env.globals["sheet_name"] = showcase.sheet_name
    return env


def render(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)


def site_chat(settings: Settings) -> ChatConfig:
    """The after-sales menu greets the shop's visitors."""
    return ChatConfig(
        socket_url=settings.socket_url,
        socket_path=settings.socket_path,
        init_payload='/explore_theme{"theme":"sav"}',
        title="Climatech",
        subtitle="Assistant en ligne · 7 j/7",
        storage_key=SITE_STORAGE,
        audience=Audience.CLIENT.value,
    )


def revision_chat(settings: Settings) -> ChatConfig:
    """The revision page opens on the greeting and the course themes."""
    return ChatConfig(
        socket_url=settings.socket_url,
        socket_path=settings.socket_path,
        init_payload=showcase.REVISION_PAYLOAD,
        title="Climabot",
        subtitle="Révision · relation client omnicanale",
        storage_key=REVISION_STORAGE,
        audience=Audience.STUDENT.value,
        open=True,
    )
