"""Measures the up-front extractor (logic.climatech.upfront) on the blind field cases.

tests/field/upfront.yml gives, for each first message, the details a human reads in it.
A detail counts as found when the extractor gives that value; as wrong when it gives another
value, or a value the message does not state (precision matters most: a wrong detail is
asked back as if the customer had said it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from logic.climatech.upfront import as_dict, extract  # noqa: E402

CASES = ROOT / "tests/field/upfront.yml"
TODAY = date(2026, 12, 1)  # the day the cases were written for
# The field test names the adviser's "faible" insulation as a person would.
SAME = {("insulation", "mauvaise"): "faible"}


@dataclass
class UpfrontEvaluation:
    expected: int  # details stated in the messages
    found: int  # given with the right value
    wrong: Counter[str]  # field -> details given with a wrong or unstated value
    missed: Counter[str]  # field -> details stated but not given
    exact: int  # messages whose details are all found, none wrong
    cases: int

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        given = self.found + sum(self.wrong.values())
        return self.found / given if given else 1.0


def _expected(case: dict[str, Any]) -> dict[str, str]:
    values = {k: str(v) for k, v in (case.get("expect") or {}).items() if k != "problem"}
    return {k: SAME.get((k, v), v) for k, v in values.items()}


def evaluate(path: Path = CASES) -> UpfrontEvaluation:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    result = UpfrontEvaluation(0, 0, Counter(), Counter(), 0, len(cases))
    for case in cases:
        expected = _expected(case)
        got = {k: str(v) for k, v in as_dict(extract(case["text"], TODAY)).items()}
        got.pop("part_type", None)  # not asked by the field test
        result.expected += len(expected)
        right = {k for k, v in expected.items() if got.get(k) == v}
        result.found += len(right)
        result.missed.update(k for k in expected if k not in got)
        wrong = [k for k, v in got.items() if k not in right and (k in expected or v)]
        result.wrong.update(wrong)
        result.exact += not wrong and len(right) == len(expected)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-precision", type=float, default=0.0)
    args = parser.parse_args()
    result = evaluate()
    print(
        f"up-front: {result.cases} messages, {result.expected} details, "
        f"recall {result.recall:.3f}, precision {result.precision:.3f}, "
        f"messages fully right {result.exact}/{result.cases}"
    )
    print(f"  missed: {dict(result.missed)}\n  wrong: {dict(result.wrong)}")
    if result.precision < args.min_precision:
        print(f"FAILED: precision {result.precision:.3f} < {args.min_precision}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
