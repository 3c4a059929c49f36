"""The current time in Paris, fixed by CLIMABOT_NOW for tests and demonstrations."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def now() -> datetime:
    """Aware datetime in Europe/Paris; CLIMABOT_NOW (ISO 8601) overrides the real clock."""
    fixed = os.environ.get("CLIMABOT_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)
    return datetime.now(PARIS)
