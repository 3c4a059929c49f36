"""The revision menu: one button per course theme, then the after-sales menu."""

from __future__ import annotations

from logic.course.concepts import load_registry
from logic.course.menu import SAV_THEME, menu_buttons, sav_menu, theme_payload


def test_menu_lists_the_themes_then_the_after_sales_menu() -> None:
    buttons = menu_buttons()
    themes = load_registry().themes
    assert [b["title"] for b in buttons[:-1]] == list(themes.values())
    assert [b["payload"] for b in buttons[:-1]] == [theme_payload(k) for k in themes]
    assert buttons[-1] == {"title": sav_menu()["title"], "payload": theme_payload(SAV_THEME)}
    assert theme_payload("sav") == '/explore_theme{"theme":"sav"}'


def test_after_sales_menu_has_an_intro_and_buttons() -> None:
    menu = sav_menu()
    assert menu["intro"] and all({"title", "payload"} <= set(b) for b in menu["buttons"])
