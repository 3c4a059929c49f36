"""Prints the satisfaction indicators (NPS, CSAT, CES) from the database.

    python scripts/indicators.py [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]

--json prints the exact JSON shared with the dashboard; without it, a table.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run without PYTHONPATH

from logic.storage.engine import StorageError
from logic.storage.reports import load_summary
from logic.survey import formulas as indicators
from logic.survey.interpretation import interpretation
from logic.text.catalogue import render


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date attendue au format AAAA-MM-JJ : {text!r}") from None


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{indicators.fmt(value)} %"


def render_table(data: dict[str, Any], period: str) -> str:
    """The human-readable report: one aligned row per indicator, then the activity."""
    n, c, e = data["nps"], data["csat"], data["ces"]
    ces = indicators.ces_from_counts(e["distribution"])
    rows = [
        ("Indicateur", "Score", "Réponses", "Détail"),
        (
            "NPS",
            "-" if n["score"] is None else indicators.fmt(n["score"], sign=True),
            str(n["responses"]),
            (
                f"promoteurs {n['promoters']} · passifs {n['passives']} · "
                f"détracteurs {n['detractors']}"
            ),
        ),
        (
            "CSAT",
            _pct(c["score"]),
            str(c["responses"]),
            " · ".join(
                f"{indicators.CSAT_LABELS[key]} {count}" for key, count in c["distribution"].items()
            ),
        ),
        (
            "CES",
            "-" if e["mean"] is None else f"{indicators.fmt(e['mean'])} / 5",
            str(e["responses"]),
            f"faible (1-2) {_pct(ces.low)} · moyen (3-4) {_pct(ces.medium)} · "
            f"élevé (5) {_pct(ces.high)} · notes "
            + " ".join(f"{note}:{count}" for note, count in e["distribution"].items()),
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"Indicateurs de satisfaction ({period})", ""]
    for row in rows:
        lines.append(
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}"
        )
    lines.append("")
    if not (n["responses"] or c["responses"] or e["responses"]):
        lines.append("Aucune réponse à l'enquête pour l'instant : rien à calculer.")
    else:
        lines += [f"- {render(line)}" for line in interpretation(data)]
    conv, req = data["conversations"], data["requests"]
    lines += [
        "",
        (
            f"Conversations : {conv['total']} dont {conv['after_sales']} en après-vente, "
            f"{conv['handoffs']} transmises à un conseiller ; "
            f"résolues par le bot seul : {_pct(conv['containment_rate'])}"
        ),
        (
            f"Demandes confirmées : {req['appointments']} rendez-vous, {req['reservations']} "
            f"réservations, {req['callbacks']} rappels, {req['quotes']} devis"
        ),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Indicateurs NPS, CSAT et CES de Climabot.")
    parser.add_argument("--since", type=_date, help="premier jour inclus (AAAA-MM-JJ)")
    parser.add_argument("--until", type=_date, help="dernier jour inclus (AAAA-MM-JJ)")
    parser.add_argument(
        "--json", action="store_true", help="sortie JSON (format du tableau de bord)"
    )
    parser.add_argument("--url", help="URL de la base (défaut : DATABASE_URL ou climabot.db)")
    args = parser.parse_args(argv)
    if args.since and args.until and args.since > args.until:
        parser.error("--since doit précéder --until")
    try:
        data = load_summary(args.since, args.until, url=args.url)
    except StorageError as error:
        print(f"Base de données indisponible : {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    period = "toute la période"
    if args.since and args.until:
        period = f"du {args.since} au {args.until}"
    elif args.since:
        period = f"depuis le {args.since}"
    elif args.until:
        period = f"jusqu'au {args.until}"
    print(render_table(data, period))
    return 0


if __name__ == "__main__":
    sys.exit(main())
