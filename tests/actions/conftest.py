"""Builds trackers and dispatchers to run actions directly, as financial-demo does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from logic.storage.engine import dispose_engines


def make_tracker(
    slots: dict[str, Any] | None = None,
    latest_message: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    sender_id: str = "test-user",
) -> Tracker:
    return Tracker(
        sender_id=sender_id,
        slots=slots or {},
        latest_message=latest_message or {"text": "", "intent": {}, "entities": []},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(autouse=True)
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite database for every action test (DATABASE_URL), closed afterwards.

    Autouse: an action must never write into the project's own database.
    """
    url = f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    dispose_engines()
    yield url
    dispose_engines()
