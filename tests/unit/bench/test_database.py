"""The database check: rows against confirmations, capacity per start, refusals backed."""

from __future__ import annotations

from datetime import date, time

from bench.loadtest.database import check_appointments, stored_request
from bench.loadtest.flows import request_key
from bench.loadtest.showroom import WHOLE_DAY, Claim, Span, bookable_starts, start_iso

TOMORROW = date(2026, 11, 24)


def _row(reference: str, moment: time, day: date = TOMORROW) -> tuple[str, dict[str, str]]:
    return reference, {
        "appointment_date": day.isoformat(),
        "appointment_time": f"à {moment.hour} h",
        "appointment_start": start_iso(day, moment),
    }


def test_a_stored_appointment_has_the_key_of_its_confirmation() -> None:
    _, details = _row("RDV-AB23", time(10))
    key = stored_request("appointment", "RDV-AB23", "abcdef0123456789", details)
    what = "2026-11-24|à 10 h|2026-11-24T10:00:00+01:00"
    assert key == request_key("appointment", "RDV-AB23", "abcdef012345", what)
    part = {"part_reference": "CT-FIL-2035", "quantity": "2"}
    assert stored_request("reservation", "CC-7K3Q", None, part).endswith("|CT-FIL-2035x2")


def test_capacity_and_grid_are_checked() -> None:
    rows = [_row("RDV-AB23", time(10)), _row("RDV-CD45", time(10)), _row("RDV-EF67", time(10))]
    rows.append(("RDV-GH89", {"appointment_date": "2026-11-24", "appointment_start": "10h"}))
    check = check_appointments(rows, [])
    assert not check.ok
    assert check.occupancy.overbooked == ((start_iso(TOMORROW, time(10)), 3),)
    assert check.bad_starts == ("RDV-GH89: appointment_start '10h'",)
    tomorrow = next(d for d in check.days if d.day == TOMORROW)
    assert (tomorrow.appointments, tomorrow.full_starts) == (3, 1)
    assert tomorrow.places == len(bookable_starts(TOMORROW)) * 2


def test_a_refusal_must_be_backed_by_the_final_database() -> None:
    full = [_row(f"RDV-A{n}B2", time(10)) for n in (2, 3)]
    backed = check_appointments(full, [Claim(TOMORROW, Span(time(10)), "slot full")])
    assert backed.ok and backed.refusals == 1
    unbacked = check_appointments(full, [Claim(TOMORROW, WHOLE_DAY, "day full")])
    assert not unbacked.ok
    assert unbacked.unjustified[0].startswith("2026-11-24 day full: ")
