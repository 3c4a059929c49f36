"""The database check: every confirmation received is stored once, no start over-booked.

Rows are read through the project's schema and engine (`logic.storage`), so the check
follows the schema instead of repeating it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from bench.loadstats import Occupancy, Reconciliation, occupancy, reconcile
from bench.loadtest.appointment import APPOINTMENT_DAYS
from bench.loadtest.flows import request_key, survey_key
from bench.loadtest.results import Results
from bench.loadtest.showroom import PARIS, RULES, Claim, bookable_starts, free_starts, sender_key
from logic.storage.engine import transaction
from logic.storage.schema import CONFIRMED, requests_table, survey_responses


@dataclass(frozen=True)
class DayFill:
    """One day of the appointment diary at the end of the run."""

    day: date
    appointments: int
    places: int  # bookable starts x capacity
    full_starts: int
    starts: int


@dataclass(frozen=True)
class AppointmentCheck:
    """The confirmed appointments against the places of each start, and the refusals.

    `bad_starts`: rows whose appointment_start is missing, not an ISO time with its offset,
    not on that row's day, or not a bookable start of that day. `unjustified`: refusals
    although the final database still has room there.
    """

    occupancy: Occupancy
    bad_starts: tuple[str, ...]
    refusals: int
    unjustified: tuple[str, ...]
    days: tuple[DayFill, ...]

    @property
    def ok(self) -> bool:
        return self.occupancy.ok and not self.bad_starts and not self.unjustified


@dataclass(frozen=True)
class DatabaseCheck:
    requests: Reconciliation
    surveys: Reconciliation
    appointments: AppointmentCheck

    @property
    def ok(self) -> bool:
        return self.requests.ok and self.surveys.ok and self.appointments.ok


def _start(value: Any) -> datetime | None:
    """An appointment_start as a Paris time; None unless ISO with its UTC offset."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.astimezone(PARIS) if moment.tzinfo else None


def stored_request(kind: str, reference: str, key: str | None, details: Mapping[str, Any]) -> str:
    """The request_key() of a stored row, to compare with the confirmations received."""
    if kind == "appointment":
        start = _start(details.get("appointment_start"))
        what = (
            f"{details.get('appointment_date')}|{details.get('appointment_time')}|"
            f"{start.isoformat() if start else details.get('appointment_start')}"
        )
    else:
        what = f"{details.get('part_reference')}x{details.get('quantity')}"
    return request_key(kind, reference, key or "", what)


def check_appointments(
    rows: Iterable[tuple[str, Mapping[str, Any]]], claims: Iterable[Claim]
) -> AppointmentCheck:
    """Capacity per start, starts on the grid, and every refusal backed by the database."""
    starts: list[datetime] = []
    bad: list[str] = []
    for reference, details in rows:
        start = _start(details.get("appointment_start"))
        if start is None:
            bad.append(f"{reference}: appointment_start {details.get('appointment_start')!r}")
            continue
        starts.append(start)
        stored_day = str(details.get("appointment_date"))
        on_grid = start.time() in bookable_starts(start.date())
        if stored_day != start.date().isoformat() or not on_grid:
            bad.append(f"{reference}: {start.isoformat()}, not a bookable start of {stored_day}")
    capacity = RULES.capacity
    per_start = Counter(starts)
    claims = list(claims)
    unjustified = []
    for claim in claims:
        free = [t for t in free_starts(claim.day, starts) if t in claim.span]
        if free:
            unjustified.append(
                f"{claim.day.isoformat()} {claim.why}: "
                + ", ".join(t.strftime("%H:%M") for t in free)
                + " still free at the end"
            )
    fills = []
    for day in sorted({d for _, d, _ in APPOINTMENT_DAYS} | {s.date() for s in starts}):
        grid = [datetime.combine(day, t, tzinfo=PARIS) for t in bookable_starts(day)]
        fills.append(
            DayFill(
                day=day,
                appointments=sum(1 for s in starts if s.date() == day),
                places=len(grid) * capacity,
                full_starts=sum(1 for s in grid if per_start[s] >= capacity),
                starts=len(grid),
            )
        )
    return AppointmentCheck(
        occupancy=occupancy([s.isoformat() for s in starts], capacity),
        bad_starts=tuple(bad),
        refusals=len(claims),
        unjustified=tuple(unjustified),
        days=tuple(fills),
    )


def check_database(database_url: str, results: Results) -> DatabaseCheck:
    """The rows against what the users were told; a conversation cut half-way may have left
    its row, once at most (its sender's rows are tolerated)."""
    with transaction(database_url, read_only=True) as connection:
        requests = [
            (row.kind, row.reference, row.sender_key, dict(row.details or {}), row.status)
            for row in connection.execute(select(requests_table))
        ]
        surveys = [
            survey_key(row.nps, row.csat, row.ces, row.comment, row.completed)
            for row in connection.execute(select(survey_responses))
        ]
    unsure = {sender_key(sender)[:12] for sender in results.open_flows}
    unsure_surveys = [f.stored for f in results.open_flows.values() if f.stored]
    stored = [stored_request(*row[:4]) for row in requests]
    appointments = [
        (reference, details)
        for kind, reference, _, details, status in requests
        if kind == "appointment" and status == CONFIRMED
    ]
    return DatabaseCheck(
        requests=reconcile(
            results.confirmed_requests,
            stored,
            uncertain=[key for key in stored if key.split("|")[2] in unsure],
        ),
        surveys=reconcile(results.confirmed_surveys, surveys, unsure_surveys),
        appointments=check_appointments(appointments, results.claims),
    )
