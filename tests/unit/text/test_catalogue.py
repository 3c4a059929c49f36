"""The message catalogue: loading, rendering codes into French, and the data check."""

from __future__ import annotations

from pathlib import Path

import pytest

from logic.results import Listing, MessageCode, failure, message
from logic.text.catalogue import CatalogueError, messages, render
from scripts import check_catalogue


class Sample(MessageCode):
    THEME = "course_theme_intro"
    RANDOM = "course_random_concept"


def test_a_code_renders_its_template_with_nested_messages_and_lists() -> None:
    listing = Listing([message(Sample.RANDOM, title="le NPS"), "b"], style="words")
    assert render(message(Sample.THEME, theme=listing)) == (
        "Une notion au hasard pour réviser : le NPS. et b : quelle notion voulez-vous revoir ?"
    )
    assert render(Listing(["a", "b"])) == "a\nb"


def test_a_failed_result_carries_its_code() -> None:
    result = failure(Sample.RANDOM, title="x")
    assert not result.ok and result.code is Sample.RANDOM


def test_a_key_defined_in_two_area_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("hello: 'Bonjour'\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("hello: 'Salut'\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="hello"):
        messages(tmp_path)


def test_a_broken_template_is_reported() -> None:
    assert check_catalogue.template_errors({"k": "Il reste {count places."}) != []
    assert check_catalogue.template_errors({"k": "Il reste {count} places."}) == []


def test_every_key_the_code_uses_exists_and_every_key_is_used() -> None:
    assert check_catalogue.problems() == []
