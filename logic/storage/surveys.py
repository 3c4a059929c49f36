"""Survey answers: one row per survey, scores only (no personal data)."""

from __future__ import annotations

from datetime import datetime

from logic.storage.engine import transaction
from logic.storage.schema import survey_responses, utc_now
from logic.survey import formulas

COMMENT_MAX_LENGTH = 2000


def save_survey(
    *,
    nps: int | None = None,
    csat: str | None = None,
    ces: int | None = None,
    comment: str | None = None,
    completed: bool = False,
    channel: str | None = None,
    now: datetime | None = None,
    url: str | None = None,
) -> int:
    """Stores one survey (no personal data) and returns its id.

    Raises ValueError for a score out of range (nothing invalid is stored).
    """
    # The indicator functions validate the scores exactly as they will be read back.
    formulas.nps([nps])
    formulas.ces([ces])
    if csat is not None and csat not in formulas.CSAT_KEYS:
        raise ValueError(f"CSAT: expected one of {formulas.CSAT_KEYS}, got {csat!r}")
    text = (comment or "").strip()[:COMMENT_MAX_LENGTH] or None
    with transaction(url) as connection:
        result = connection.execute(
            survey_responses.insert().values(
                created_at=utc_now(now),
                channel=channel,
                nps=nps,
                csat=csat,
                ces=ces,
                comment=text,
                completed=bool(completed),
            )
        )
        return int(result.inserted_primary_key[0])
