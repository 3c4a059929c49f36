"""`make bench`: NLU quality, training time, model size and server memory (bench/report.md).

Latency and throughput are measured once, by bench/throughput.py (bench/throughput.md), which
`make bench` runs next. Not a test: figures are measured, never asserted. Servers are
started by the launcher on the e2e test ports with a throw-away database; the layout of the
report is bench/templates/report.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.proc import memory_mib  # noqa: E402
from bench.rendering import render  # noqa: E402
from runtime.launcher import isolated_env, start_servers, stop_all  # noqa: E402
from scripts.check_course_data import examples_by_intent, normalise  # noqa: E402
from scripts.nlu_eval import FIELD, evaluate_all  # noqa: E402
from scripts.revision_eval import TOKEN  # noqa: E402
from scripts.revision_eval import evaluate_sets as evaluate_revision_sets  # noqa: E402
from scripts.upfront_eval import evaluate as evaluate_upfront  # noqa: E402

RASA_PORT, ACTIONS_PORT = 15005, 15055  # the e2e tests' ports: not both at once


def _in_training(texts: list[str]) -> int:
    """How many of `texts` stand, normalised, in the training data (by chance: "merci")."""
    training = examples_by_intent(sorted((ROOT / "data/nlu").glob("*.yml")))
    known = {normalise(text) for examples in training.values() for text in examples}
    return sum(normalise(text) in known for text in texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "report.md")
    args = parser.parse_args()

    files = ["field_messages.yml", "customers.yml", "customers_2.yml"]
    nlu, field, customers, fresh = evaluate_all(
        args.model, [ROOT / "tests/nlu", *(FIELD / name for name in files)]
    )
    upfront = evaluate_upfront()
    training = ROOT / "models" / "training.json"
    train_seconds = json.loads(training.read_text())["seconds"] if training.exists() else None

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = isolated_env(workdir, now=None)  # a throw-away database, the real clock
        actions, rasa = start_servers(
            workdir,
            env,
            args.model,
            rasa_port=RASA_PORT,
            actions_port=ACTIONS_PORT,
            api_token=TOKEN,
        )
        try:
            rasa_mib, _ = memory_mib(rasa.pid)
            actions_mib, _ = memory_mib(actions.pid)
            revision = evaluate_revision_sets(f"http://127.0.0.1:{RASA_PORT}")
        finally:
            stop_all([actions, rasa])

    trained = f"{train_seconds:.0f} s" if train_seconds else "not recorded"
    report = render(
        "report.md",
        {
            "measured_on": time.strftime("%Y-%m-%d"),
            "cores": os.cpu_count(),
            "nlu": nlu,
            "confusions": nlu.confusions(8),
            "field": field,
            "field_confusions": field.confusions(8),
            "field_in_training": _in_training([text for text, *_ in field.rows]),
            "customers": customers,
            "customers_confusions": customers.confusions(10),
            "customers_weak": [row for row in customers.by_label() if row[2] < 1.0][:15],
            "customers_in_training": _in_training([text for text, *_ in customers.rows]),
            "fresh": fresh,
            "fresh_weak": [row for row in fresh.by_label() if row[2] < 1.0][:15],
            "upfront": upfront,
            "revision": [r.summary() for r in revision],
            "trained": trained,
            "model_mb": args.model.stat().st_size / 1e6,
            "rasa_mib": rasa_mib,
            "actions_mib": actions_mib,
        },
    )
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
