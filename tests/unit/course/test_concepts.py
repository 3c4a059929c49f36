"""The registry of course concepts: every theme declared, lookups, button payloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from logic.course.concepts import load_registry


def test_every_concept_belongs_to_a_declared_theme() -> None:
    registry = load_registry()
    assert registry.concepts and registry.themes
    assert {c.theme for c in registry.concepts.values()} <= set(registry.themes)
    assert {c.key for c in registry.by_theme("indicateurs")} >= {"nps", "csat", "ces"}


def test_lookups_and_payloads() -> None:
    registry = load_registry()
    assert registry.get("nps") is registry.concepts["nps"]
    assert registry.get(None) is None and registry.get("astrologie") is None
    assert registry.concepts["nps"].payload == '/explain{"concept":"nps"}'


def test_an_undeclared_theme_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "concepts.yml"
    path.write_text("themes: {a: A}\nconcepts: {x: {title: X, theme: b}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="undeclared themes"):
        load_registry(path)
