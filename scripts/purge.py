"""Deletes the requests older than the retention period announced to customers (90 days)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logic.clock import now
from logic.storage.engine import StorageError
from logic.storage.requests import purge_older_than

RETENTION_DAYS = 90  # the privacy notice (form_privacy_notice) says the same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=RETENTION_DAYS)
    args = parser.parse_args(argv)
    try:
        removed = purge_older_than(args.days, now())
    except StorageError as error:
        print(f"Base de données indisponible : {error}", file=sys.stderr)
        return 1
    print(f"{removed} demande(s) de plus de {args.days} jours supprimée(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
