"""Complaints and urgent breakdowns read from the customer's words, and when a person calls."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from logic.climatech.urgencies import (
    DEFAULT_URGENCY,
    OTHER_COMPLAINT,
    callback_timing,
    complaint_categories,
    complaint_category,
    urgencies,
    urgency_kind,
)
from logic.storage.requests import COMPLAINT_CATEGORIES, URGENCY_KINDS
from logic.text.catalogue import render, say

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Personne ne répond jamais au téléphone !", "phone_unanswered"),
        ("le technicien n'est jamais venu, j'ai attendu toute la matinée", "technician_no_show"),
        ("j'attends toujours mon devis", "quote_not_sent"),
        ("la pièce était soi-disant en stock, je me suis déplacé pour rien", "stock_missing"),
        ("ma clim toute neuve est déjà en panne", "early_breakdown"),
        ("il manque la télécommande dans le carton", "missing_accessory"),
        ("la facture est plus chère que le devis", "bill_increase"),
        ("vous êtes nuls", OTHER_COMPLAINT),
        ("", OTHER_COMPLAINT),
    ],
)
def test_complaint_category(text: str, expected: str) -> None:
    assert complaint_category(text).key == expected


def test_every_complaint_category_can_be_stored() -> None:
    assert set(complaint_categories()) == set(COMPLAINT_CATEGORIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ça fuit partout, il y a une flaque sous la clim", "water_leak"),
        ("odeur de brûlé et un peu de fumée", "burning_smell"),
        ("la pac chauffe plus", "no_heating"),
        ("la pac chauffe plus et mon bébé a froid", "no_heating_vulnerable"),
        ("plus de chauffage et ma mamie de 90 ans est là", "no_heating_vulnerable"),
        ("canicule et la clim marche plus", "no_cooling_heatwave"),
        ("c'est urgent !!", DEFAULT_URGENCY),  # no kind named
        ("urgent, j'ai un bébé à la maison", "no_heating_vulnerable"),
        ("ça fuit et mon bébé dort à côté", "water_leak"),  # a leak stays a leak
    ],
)
def test_urgency_kind(text: str, expected: str) -> None:
    assert urgency_kind(text).key == expected


def test_every_urgency_has_safety_steps_and_can_be_stored() -> None:
    kinds = urgencies().kinds
    assert set(kinds) == set(URGENCY_KINDS)
    assert all(kind.safety for kind in kinds.values())


def test_fire_comes_with_the_emergency_numbers_first() -> None:
    first_two = " ".join(urgency_kind("ça sent le brûlé").safety[:2])
    assert "18" in first_two and "112" in first_two


def _opening(day: str, time: str) -> str:
    return say("priority_when_closed", opening=say("priority_opening_at", day=day, time=time))


def test_open_on_a_tuesday_morning_calls_back_today() -> None:
    tuesday = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
    assert render(callback_timing(tuesday)) == say("priority_when_open")


def test_closed_on_a_sunday_evening_calls_back_at_the_next_opening() -> None:
    sunday = datetime(2026, 11, 22, 21, 0, tzinfo=PARIS)  # Monday opens at 14 h
    assert render(callback_timing(sunday)) == _opening(say("hours_tomorrow"), "14 h")


def test_closed_on_a_weekday_evening_calls_back_tomorrow_morning() -> None:
    monday = datetime(2026, 11, 23, 20, 0, tzinfo=PARIS)
    assert render(callback_timing(monday)) == _opening(say("hours_tomorrow"), "9 h")


def test_the_day_before_a_closed_day_names_the_day_of_the_opening() -> None:
    saturday = datetime(2026, 11, 28, 13, 0, tzinfo=PARIS)  # closed on Sunday
    assert render(callback_timing(saturday)) == _opening("lundi 30 novembre", "14 h")


def test_holidays_and_special_days_are_skipped() -> None:
    # 31 Dec closes at noon; 1 Jan is a holiday, 2 Jan the inventory, 3 Jan a Sunday.
    new_year_eve = datetime(2026, 12, 31, 13, 0, tzinfo=PARIS)
    assert render(callback_timing(new_year_eve)) == _opening("lundi 4 janvier", "14 h")


def test_a_utc_time_is_read_in_paris() -> None:
    # 8:30 UTC is 9:30 in Paris on a Tuesday: open.
    utc = datetime.fromisoformat("2026-11-24T08:30:00+00:00")
    assert render(callback_timing(utc)) == say("priority_when_open")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 24, 12, 30, tzinfo=PARIS),  # Tuesday's lunch break
        datetime(2026, 11, 23, 10, 0, tzinfo=PARIS),  # Monday morning, open at 14 h
    ],
)
def test_closed_for_lunch_calls_back_today(moment: datetime) -> None:
    assert render(callback_timing(moment)) == _opening(say("hours_today"), "14 h")
