"""Evaluates a trained model on NLU files: the held-out set (tests/nlu/) or the field test.

The field test (tests/field/) is written blind, from the course, the site and the knowledge
files only; it is the figure that counts. A wrong prediction other than `nlu_fallback` is
"confident-wrong": the bot answers on another subject instead of asking.

The prediction is what the bot will do (logic.understanding.decision): an intent, a
retrieval answer (`course/<key>`, `faq/<key>`) when the ResponseSelector is confident, or a
question back (`nlu_fallback`). It counts as right when it matches the label. `out_of_scope`
examples may also fall to `nlu_fallback`, which the bot answers the same careful way; an
`english` example is right when the bot recognises English (it then adds an English note).
Each file is read with the audience of the page its messages come from (FILE_AUDIENCE).
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

from logic.understanding.audience import Audience  # noqa: E402
from logic.understanding.decision import FALLBACK, decide  # noqa: E402
from logic.understanding.english import is_english  # noqa: E402
from scripts.check_course_data import examples_by_intent  # noqa: E402

ACCEPTED_INSTEAD = {"out_of_scope": {FALLBACK}}
ENGLISH = "english"  # label of the field messages written in English
FIELD = ROOT / "tests/field"
# The page a file's messages come from; other files are API clients (no audience).
FILE_AUDIENCE = {"customers.yml": Audience.CLIENT, "customers_2.yml": Audience.CLIENT}


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

    def by_label(self) -> list[tuple[str, int, float, float]]:
        """(label, messages, accuracy, confident-wrong rate) per expected label, worst first."""
        groups: dict[str, list[str]] = {}
        for _, expected, guess, _ in self.rows:
            groups.setdefault(expected, []).append(guess)
        table = []
        for label, guesses in groups.items():
            right = sum(_is_right(label, g) for g in guesses)
            wrong = sum(not _is_right(label, g) and g != FALLBACK for g in guesses)
            table.append((label, len(guesses), right / len(guesses), wrong / len(guesses)))
        return sorted(table, key=lambda row: (row[2], -row[1]))

    def errors(self) -> list[tuple[str, str, str, float]]:
        return [row for row in self.rows if not _is_right(row[1], row[2])]


def _is_right(expected: str, predicted: str) -> bool:
    return expected == predicted or predicted in ACCEPTED_INSTEAD.get(expected, set())


def predicted(text: str, parse: dict[str, Any], audience: Audience | None) -> tuple[str, float]:
    """What the bot does: the answer it gives, or `nlu_fallback` when it asks first."""
    if is_english(text):
        return ENGLISH, 1.0
    decision = decide(parse, audience)
    return decision.answer or FALLBACK, decision.confidence


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


def labelled(folder: Path) -> list[tuple[str, str, Audience | None]]:
    """(text, label, audience) of every example of an NLU file, or of a folder's files."""
    cases = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else [folder]:
        examples = examples_by_intent([path])
        audience = FILE_AUDIENCE.get(path.name)
        cases += [(text, label, audience) for label, texts in examples.items() for text in texts]
    return cases


def parse_folders(
    model: Path, folders: list[Path]
) -> list[list[tuple[str, str, Audience | None, dict[str, Any]]]]:
    """The labelled cases of each folder with their parse results, the model loaded once."""
    sets = [labelled(folder) for folder in folders]
    parses = iter(asyncio.run(_parse_all(model, [text for cases in sets for text, _, _ in cases])))
    return [[(*case, next(parses)) for case in cases] for cases in sets]


def evaluate_all(model: Path, folders: list[Path]) -> list[Evaluation]:
    """One evaluation per folder of NLU files, with the model loaded once."""
    return [
        Evaluation(rows=[(t, e, *predicted(t, p, a)) for t, e, a, p in cases])
        for cases in parse_folders(model, folders)
    ]


def threshold_table(model: Path, folder: Path) -> list[tuple[float, float, float]]:
    """(threshold, accuracy, confident-wrong rate) for selector thresholds 0 to 0.9."""
    (cases,) = parse_folders(model, [folder])
    table = []
    for step in range(10):
        limit = step / 10
        rows = []
        for text, label, audience, parse in cases:
            decision = decide(parse, audience, threshold=limit)
            guess = ENGLISH if is_english(text) else decision.answer or FALLBACK
            rows.append((text, label, guess, decision.confidence))
        result = Evaluation(rows=rows)
        table.append((limit, result.accuracy, result.confident_wrong_rate))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--min-accuracy", type=float, default=0.90)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--folder", type=Path, default=ROOT / "tests/nlu", help="an NLU file or folder"
    )
    parser.add_argument(
        "--max-confident-wrong", type=float, default=1.0, help="fail above this rate"
    )
    parser.add_argument(
        "--choose-threshold", action="store_true", help="print accuracy per selector threshold"
    )
    args = parser.parse_args()
    if args.choose_threshold:
        for limit, accuracy, wrong in threshold_table(args.model, args.folder):
            print(f"threshold {limit:.1f}: accuracy {accuracy:.3f}, confident-wrong {wrong:.3f}")
        return 0
    result = evaluate(args.model, args.folder)
    for text, expected, predicted, confidence in result.errors():
        print(f"  ✗ {text!r}: attendu {expected}, obtenu {predicted} ({confidence:.2f})")
    name = (
        "field"
        if FIELD in args.folder.resolve().parents or args.folder.resolve() == FIELD
        else "held-out"
    )
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
    failed = False
    if result.accuracy < args.min_accuracy:
        print(f"FAILED: accuracy {result.accuracy:.3f} < {args.min_accuracy}")
        failed = True
    if result.confident_wrong_rate > args.max_confident_wrong:
        print(
            f"FAILED: confident-wrong {result.confident_wrong_rate:.3f} "
            f"> {args.max_confident_wrong}"
        )
        failed = True
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
