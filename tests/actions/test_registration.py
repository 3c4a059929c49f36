"""The action server can register every action of the package (as `rasa run actions` does)."""

from __future__ import annotations

import yaml
from rasa_sdk.executor import ActionExecutor

from logic.questions import QUESTIONS_FILE


def test_every_domain_action_is_served_by_the_action_server() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((QUESTIONS_FILE.parent.parent / "domain.yml").read_text())
    assert set(domain["actions"]) <= set(executor.actions)
