"""The wiring of the action server: every action a class in a file, registered as Rasa does."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.forms import ValidationAction

import actions.ask
from actions.ask import AskQuestion
from logic.climatech.questions import load_questions

ACTIONS = Path(actions.ask.__file__).resolve().parent
ROOT = ACTIONS.parent
SHARED = "actions.common"


def _domain_actions() -> dict[str, dict]:
    """The actions of domain.yml with their settings ({} for a plain name)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    entries = [a if isinstance(a, dict) else {a: {}} for a in domain["actions"]]
    return {name: settings or {} for entry in entries for name, settings in entry.items()}


def test_every_domain_action_is_served_by_the_action_server() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(_domain_actions()) <= set(executor.actions)


def test_the_domain_is_sent_to_the_actions_that_read_it_and_to_no_other() -> None:
    """Rasa sends the domain only to actions marked `send_domain` (enable_selective_domain):
    rasa_sdk's form validators read the forms' slots in it, the session start its settings."""
    executor = ActionExecutor()
    executor.register_package("actions")
    readers = {
        name
        for name, action in executor.actions.items()
        if isinstance(getattr(action, "__self__", None), ValidationAction)
    } | {"action_session_start"}
    sent = {name for name, settings in _domain_actions().items() if settings.get("send_domain")}
    assert len(readers) >= 10
    assert sent == readers


def test_every_question_has_its_class_and_every_class_its_question() -> None:
    classes = {c.slot: c for c in AskQuestion.__subclasses__()}
    assert set(classes) == set(load_questions())
    for slot, cls in classes.items():
        assert cls.__module__ == "actions.ask"
        assert cls().name() == f"action_ask_{slot}"
        # written in the file, not built at run time
        assert f'return "action_ask_{slot}"' in inspect.getsource(cls)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_an_action_module_imports_only_logic_and_the_shared_module() -> None:
    for path in sorted(ACTIONS.glob("*.py")):
        project = {
            m
            for m in _imported_modules(path)
            if m.split(".")[0] in {"actions", "logic", "runtime", "web", "scripts", "tests"}
        }
        allowed = {m for m in project if m.split(".")[0] == "logic" or m == SHARED}
        assert project == allowed, f"{path.name} imports {sorted(project - allowed)}"


def test_registering_the_actions_starts_no_thread_and_opens_no_connection() -> None:
    """What `rasa run actions` does at start-up, in a fresh interpreter."""
    code = """
import socket, threading
def refuse(*args, **kwargs):
    raise AssertionError(f"network at import: {args}")
socket.socket.connect = refuse
socket.create_connection = refuse
before = threading.active_count()
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.forms import ValidationAction
ActionExecutor().register_package("actions")
print(threading.active_count() - before)
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[-1] == "0", result.stdout
