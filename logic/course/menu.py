"""The revision menu: one button per course theme, then the after-sales menu (knowledge/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from logic.course.concepts import KNOWLEDGE_DIR, load_registry
from logic.understanding.audience import Audience

SAV_MENU_FILE = KNOWLEDGE_DIR / "sav_menu.yml"
SAV_THEME = "sav"  # the after-sales menu is offered as one more theme


@cache
def sav_menu(path: Path = SAV_MENU_FILE) -> dict[str, Any]:
    """The after-sales menu: its button title, its intro and its buttons."""
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def theme_payload(theme: str) -> str:
    """The button payload that makes the bot list the concepts of `theme`."""
    return f'/explore_theme{{"theme":"{theme}"}}'


def menu_buttons(audience: Audience | None = None) -> list[dict[str, str]]:
    """What the bot offers: a customer gets the after-sales menu, a student the course's
    themes, an unknown visitor the themes and then the after-sales menu as one more."""
    if audience == Audience.CLIENT:
        return list(sav_menu()["buttons"])
    buttons = [
        {"title": title, "payload": theme_payload(key)}
        for key, title in load_registry().themes.items()
    ]
    if audience is None:
        buttons.append({"title": sav_menu()["title"], "payload": theme_payload(SAV_THEME)})
    return buttons
