"""`make bench`: NLU quality, training time, model size, server memory and REST latency.

Writes a short markdown report (bench/report.md). Not a test: figures are measured, never
asserted. Servers are started on the e2e test ports with a throw-away database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.nlu_eval import evaluate  # noqa: E402
from tests.e2e.conftest import RASA_PORT, start_servers, stop  # noqa: E402

LATENCY_MESSAGES = 200


def _rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1000
    return float("nan")


def _latencies(texts: list[str]) -> list[float]:
    url = f"http://localhost:{RASA_PORT}/webhooks/rest/webhook"
    senders = [uuid.uuid4().hex for _ in range(10)]
    timings = []
    for i in range(LATENCY_MESSAGES):
        start = time.perf_counter()
        response = requests.post(
            url, json={"sender": senders[i % 10], "message": texts[i % len(texts)]}, timeout=60
        )
        response.raise_for_status()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "report.md")
    args = parser.parse_args()

    nlu = evaluate(args.model)
    training = ROOT / "models" / "training.json"
    train_seconds = json.loads(training.read_text())["seconds"] if training.exists() else None
    texts = [text for text, *_ in nlu.rows]

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
            "PYTHONPATH": str(ROOT),
        }
        processes = start_servers(workdir, env, model=args.model)
        try:
            _latencies(texts[:20])  # warm-up: first calls load lazy parts of the graph
            timings = _latencies(texts)
            memory = _rss_mb(processes[1].pid)
            actions_memory = _rss_mb(processes[0].pid)
        finally:
            stop(processes)

    trained = f"{train_seconds:.0f} s" if train_seconds else "not recorded"
    confusions = (
        "\n".join(f"| {e} | {p} | {n} |" for e, p, n in nlu.confusions(8)) or "| - | - | - |"
    )
    report = f"""# Benchmark

Measured by `make bench` on {time.strftime("%Y-%m-%d")} ({os.cpu_count()} cores).

## NLU, held-out set (`tests/nlu/`, {len(nlu.rows)} messages never seen in training)

| figure | value |
|---|---|
| accuracy (intent and, for the course, the selected answer) | {nlu.accuracy:.3f} |
| intent accuracy | {nlu.intent_accuracy:.3f} |
| response-selection accuracy (course questions) | {nlu.response_accuracy:.3f} |
| macro F1 | {nlu.macro_f1():.3f} |

Most confused pairs:

| expected | predicted | count |
|---|---|---|
{confusions}

## Model and server

| figure | value |
|---|---|
| training time (`make train`, last run) | {trained} |
| model size | {args.model.stat().st_size / 1e6:.1f} MB |
| Rasa server memory (RSS, model loaded) | {memory:.0f} MB |
| action server memory (RSS) | {actions_memory:.0f} MB |
| REST latency p50 ({LATENCY_MESSAGES} messages, sequential) | {statistics.median(timings):.0f} ms |
| REST latency p95 | {_percentile(timings, 0.95):.0f} ms |
| REST latency max | {max(timings):.0f} ms |
"""
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
