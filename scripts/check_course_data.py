"""Checks the course knowledge: every registered concept is trained, answered and tested.

Usage: python scripts/check_course_data.py [concept_key ...]
Without arguments every concept of knowledge/concepts.yml is checked.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from logic.course.concepts import response_button_concept
from logic.text.matching import fold

ROOT = Path(__file__).resolve().parent.parent


def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text, to spot leaked paraphrases."""
    text = fold(text)
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text).split())


def examples_by_intent(paths: list[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "intent" in block:
                lines = [
                    line.strip()[2:].strip()
                    for line in block["examples"].splitlines()
                    if line.strip().startswith("- ")
                ]
                found.setdefault(block["intent"], []).extend(lines)
    return found


def main(keys: list[str]) -> int:
    registry = yaml.safe_load((ROOT / "knowledge/concepts.yml").read_text())["concepts"]
    keys = keys or list(registry)
    training = examples_by_intent(sorted((ROOT / "data/nlu").glob("*.yml")))
    heldout = examples_by_intent(sorted((ROOT / "tests/nlu").glob("*.yml")))
    responses: dict[str, list[dict]] = {}
    for path in sorted((ROOT / "data/responses").glob("*.yml")):
        responses.update((yaml.safe_load(path.read_text()) or {}).get("responses", {}))
    all_training = {normalise(t) for texts in training.values() for t in texts}
    errors: list[str] = []
    for key in keys:
        intent = f"course/{key}"
        examples = training.get(intent, [])
        if len(set(examples)) < 10:
            errors.append(f"{intent}: {len(set(examples))} training examples (< 10)")
        tests = heldout.get(intent, [])
        if len(tests) < 2:
            errors.append(f"{intent}: {len(tests)} held-out examples (< 2)")
        errors += [
            f"{intent}: held-out leaked: {t!r}" for t in tests if normalise(t) in all_training
        ]
        variants = responses.get(f"utter_course/{key}")
        if not variants:
            errors.append(f"utter_course/{key}: missing response")
            continue
        for variant in variants:
            sentences = len(re.findall(r"[.!?](\s|$)", variant.get("text", "")))
            if not 1 <= sentences <= 6:
                errors.append(f"utter_course/{key}: {sentences} sentences")
            buttons = variant.get("buttons", [])
            if not 2 <= len(buttons) <= 3:
                errors.append(f"utter_course/{key}: {len(buttons)} buttons (want 2 or 3)")
            for button in buttons:
                concept = response_button_concept(button.get("payload", ""))
                if concept is None or concept not in registry:
                    errors.append(
                        f"utter_course/{key}: bad button payload {button.get('payload')!r}"
                    )
                elif button.get("title") != (title := registry[concept]["title"]):
                    errors.append(f"utter_course/{key}: button title should be {title!r}")
    errors += [
        f"{intent}: held-out leaked: {text!r}"
        for intent, texts in heldout.items()
        if not intent.startswith("course/")
        for text in texts
        if normalise(text) in all_training
    ]
    duplicates: dict[str, set[str]] = {}
    for intent, texts in training.items():
        for text in texts:
            duplicates.setdefault(normalise(text), set()).add(intent)
    errors += [
        f"example {t!r} in several intents: {sorted(i)}"
        for t, i in duplicates.items()
        if len(i) > 1
    ]
    for error in errors:
        print(error)
    print(f"{len(keys)} concepts checked, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
