"""Evaluates a trained model on NLU files: the held-out set (tests/nlu/) or the field test.

The field test (tests/field/) is written blind, from the course, the site and the knowledge
files only; it is the figure that counts. A wrong prediction other than `nlu_fallback` is
"confident-wrong": the bot answers on another subject instead of asking.

A prediction counts as right when the full intent matches: `course/<key>` for the course
questions (intent *and* selected response), the plain intent otherwise. `out_of_scope`
examples may also fall to `nlu_fallback`, which the bot answers the same careful way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from logic.course.intents import RETRIEVAL_INTENT, response_selection  # noqa: E402
from scripts.check_course_data import examples_by_intent  # noqa: E402

FALLBACK = "nlu_fallback"  # the bot asks "Vouliez-vous dire… ?" with buttons
ACCEPTED_INSTEAD = {"out_of_scope": {FALLBACK}}
FIELD = ROOT / "tests/field"


@dataclass
class Evaluation:
    rows: list[tuple[str, str, str, float]]  # text, expected, predicted, confidence

    @property
    def accuracy(self) -> float:
        return sum(_is_right(e, p) for _, e, p, _ in self.rows) / len(self.rows)

    @property
    def intent_accuracy(self) -> float:
        coarse = [(e.split("/")[0], p.split("/")[0]) for _, e, p, _ in self.rows]
        return sum(_is_right(e, p) for e, p in coarse) / len(coarse)

    @property
    def response_accuracy(self) -> float:
        course = [(e, p) for _, e, p, _ in self.rows if e.startswith("course/")]
        return sum(e == p for e, p in course) / len(course) if course else 1.0

    def macro_f1(self) -> float:
        from sklearn.metrics import f1_score

        expected = [e for _, e, _, _ in self.rows]
        predicted = [e if _is_right(e, p) else p for _, e, p, _ in self.rows]
        return float(f1_score(expected, predicted, average="macro", labels=sorted(set(expected))))

    @property
    def confident_wrong_rate(self) -> float:
        """Share of messages answered on another subject, without asking first."""
        wrong = [p for _, e, p, _ in self.rows if not _is_right(e, p) and p != FALLBACK]
        return len(wrong) / len(self.rows)

    def confusions(self, limit: int = 10) -> list[tuple[str, str, int]]:
        pairs = Counter((e, p) for _, e, p, _ in self.rows if not _is_right(e, p))
        return [(e, p, n) for (e, p), n in pairs.most_common(limit)]

    def errors(self) -> list[tuple[str, str, str, float]]:
        return [row for row in self.rows if not _is_right(row[1], row[2])]


def _is_right(expected: str, predicted: str) -> bool:
    return expected == predicted or predicted in ACCEPTED_INSTEAD.get(expected, set())


def full_intent(parse: dict[str, Any]) -> tuple[str, float]:
    """`course/<key>` when the retrieval intent wins, else the intent name."""
    intent = parse.get("intent") or {}
    name = intent.get("name") or "none"
    if name == RETRIEVAL_INTENT:
        chosen = response_selection(parse).get("response", {})
        name = chosen.get("intent_response_key") or "course/?"
    return name, float(intent.get("confidence") or 0.0)


async def _parse_all(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def evaluate(model: Path, folder: Path = ROOT / "tests/nlu") -> Evaluation:
    return evaluate_all(model, [folder])[0]


def evaluate_all(model: Path, folders: list[Path]) -> list[Evaluation]:
    """One evaluation per folder of NLU files, with the model loaded once."""
    sets = []
    for folder in folders:
        examples = examples_by_intent(sorted(folder.glob("*.yml")))
        sets.append([(text, intent) for intent, texts in examples.items() for text in texts])
    texts = [text for cases in sets for text, _ in cases]
    parses = iter(asyncio.run(_parse_all(model, texts)))
    return [
        Evaluation(rows=[(t, e, *full_intent(next(parses))) for t, e in cases]) for cases in sets
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--min-accuracy", type=float, default=0.90)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--folder", type=Path, default=ROOT / "tests/nlu", help="NLU files")
    args = parser.parse_args()
    result = evaluate(args.model, args.folder)
    for text, expected, predicted, confidence in result.errors():
        print(f"  ✗ {text!r}: attendu {expected}, obtenu {predicted} ({confidence:.2f})")
    name = "field" if args.folder.resolve() == FIELD else "held-out"
    print(
        f"{name}: {len(result.rows)} messages, accuracy {result.accuracy:.3f}, "
        f"intent accuracy {result.intent_accuracy:.3f}, "
        f"response accuracy {result.response_accuracy:.3f}, macro F1 {result.macro_f1():.3f}, "
        f"confident-wrong {result.confident_wrong_rate:.3f}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "messages": len(result.rows),
                    "accuracy": result.accuracy,
                    "intent_accuracy": result.intent_accuracy,
                    "response_accuracy": result.response_accuracy,
                    "macro_f1": result.macro_f1(),
                    "confident_wrong_rate": result.confident_wrong_rate,
                    "confusions": result.confusions(),
                },
                indent=2,
            )
        )
    if result.accuracy < args.min_accuracy:
        print(f"FAILED: accuracy {result.accuracy:.3f} < {args.min_accuracy}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
