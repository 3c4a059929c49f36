"""Checks the bot's wording: every message key used by the code exists, and every key is used.

Keys come from two places: the values of the `MessageCode` enums (imported from logic/) and
the literal keys passed to `say("...")` in logic/, actions/ and runtime/. The response names
given to `utter_message(response="...")` must be domain responses. A key computed at run time
would escape the check, so a non-literal `say(...)` argument is reported too.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CODE_FOLDERS = ("logic", "actions", "runtime")
# The renderer itself passes the code's value on: that is the one computed key allowed.
RENDERER = ROOT / "logic" / "text" / "catalogue.py"


@dataclass
class Usage:
    """The keys and response names the code refers to, and the calls that cannot be checked."""

    keys: set[str] = field(default_factory=set)
    responses: set[str] = field(default_factory=set)
    computed: list[str] = field(default_factory=list)


def code_enum_values() -> set[str]:
    """Values of every MessageCode subclass defined under logic/ (importing each module)."""
    from logic.results import MessageCode

    for module in pkgutil.walk_packages([str(ROOT / "logic")], prefix="logic."):
        importlib.import_module(module.name)
    values: set[str] = set()
    pending = list(MessageCode.__subclasses__())
    while pending:
        enum_class = pending.pop()
        pending.extend(enum_class.__subclasses__())
        values.update(str(member.value) for member in enum_class)
    return values


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def scan_sources(folders: tuple[str, ...] = CODE_FOLDERS) -> Usage:
    """Literal `say("key")` keys and `response="utter_x"` names found in the code."""
    usage = Usage()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = _called_name(node)
                if name == "say" and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        usage.keys.add(first.value)
                    elif path != RENDERER:
                        usage.computed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                for keyword in node.keywords:
                    if keyword.arg == "response" and isinstance(keyword.value, ast.Constant):
                        usage.responses.add(str(keyword.value.value))
    return usage


def template_errors(catalogue: dict[str, str]) -> list[str]:
    """Keys whose template is not valid `str.format` syntax."""
    errors = []
    for key, text in catalogue.items():
        try:
            list(string.Formatter().parse(text))
        except ValueError as error:
            errors.append(f"{key}: {error}")
    return errors


def problems() -> list[str]:
    """Every inconsistency between the code and the wording, as lines to print."""
    from logic.text.catalogue import messages

    catalogue = messages()
    usage = scan_sources()
    used = usage.keys | code_enum_values()
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    responses = set(domain.get("responses", {}))
    found = [f"missing catalogue key: {key}" for key in sorted(used - set(catalogue))]
    found += [f"unused catalogue key: {key}" for key in sorted(set(catalogue) - used)]
    found += [f"missing domain response: {name}" for name in sorted(usage.responses - responses)]
    found += [f"computed message key (use a MessageCode): {place}" for place in usage.computed]
    found += [f"bad template {error}" for error in template_errors(catalogue)]
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line)
    print(f"message catalogue: {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
