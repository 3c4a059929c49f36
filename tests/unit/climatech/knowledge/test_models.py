"""The knowledge models read entries as the YAML files write them, and refuse bad ones."""

from __future__ import annotations

from datetime import date, time

import pytest
from pydantic import ValidationError

from logic.climatech.knowledge.documents import ProductsFile
from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import (
    ErrorCode,
    Howto,
    NewsItem,
    OpeningHours,
    Part,
    Period,
    SpecialDay,
    Symptom,
    clock_time,
)

KB = load_knowledge()


@pytest.mark.parametrize(("text", "expected"), [("09:00", time(9)), ("14:30", time(14, 30))])
def test_clock_times_are_hours_and_minutes(text: str, expected: time) -> None:
    assert clock_time(text) == expected


@pytest.mark.parametrize("bad", ["9h", "24:00", "12:60", 840, None])
def test_anything_else_is_not_a_time(bad: object) -> None:
    with pytest.raises(ValueError, match="expected"):
        clock_time(bad)


def test_periods_are_written_as_pairs_and_must_be_ordered() -> None:
    hours = OpeningHours.parse_obj({"monday": [["09:00", "12:00"]], "sunday": None})
    assert hours.monday == (Period(start=time(9), end=time(12)),)
    assert hours.sunday == () and hours.tuesday == ()
    with pytest.raises(ValidationError, match="period ends before it starts"):
        OpeningHours.parse_obj({"monday": [["12:00", "09:00"]]})


def test_a_special_day_is_read_from_its_date() -> None:
    special = SpecialDay.parse_obj({"date": date(2026, 12, 24), "periods": [], "reason": "x"})
    assert special.day == date(2026, 12, 24) and special.periods == ()
    assert KB.company.special_days[date(2027, 1, 2)].reason == "inventaire annuel"


def test_company_views_used_by_the_answers() -> None:
    company = KB.company
    assert company.address == "12 place du Centre, 22200 Guingamp"
    assert company.street == "12 place du Centre" and company.postcode == "22200"
    assert len(company.weekly_hours) == 7
    assert company.weekly_hours[0] == company.opening_hours.monday


def test_references_and_codes_are_upper_case() -> None:
    part = Part.parse_obj(
        {
            "reference": "ct-fil-2035",
            "designation": "x",
            "type": "filtre",
            "compatible": ["aria-25"],
            "price_eur": "14.90",
            "stock": 3,
        }
    )
    assert part.reference == "CT-FIL-2035" and part.price_eur == 14.9 and part.in_stock
    code = ErrorCode.parse_obj({"code": "e4", "title": "t", "checks": ["c"], "technician": "t"})
    assert code.code == "E4" and code.applies_to == ()


def test_guides_name_their_advice_as_the_files_do() -> None:
    guide = {"id": "g", "title": "t", "keywords": ["k"], "steps": ["s"]}
    assert Symptom.parse_obj({**guide, "technician": "appelez"}).advice == "appelez"
    assert Howto.parse_obj({**guide, "tip": "astuce"}).advice == "astuce"
    with pytest.raises(ValidationError, match="technician"):
        Symptom.parse_obj({**guide, "tip": "astuce"})


def test_product_types_know_their_key_and_products_their_surface() -> None:
    products = ProductsFile.parse_obj(
        {
            "types": {"pac": {"label": "PAC", "words": None}},
            "products": [
                {
                    "id": "p",
                    "name": "P 1",
                    "type": "pac",
                    "surface_m2": [10, 20],
                    "indoor_units": 0,
                    "noise_indoor_dba": 20,
                    "noise_outdoor_dba": 40,
                    "price_eur": 1000,
                    "datasheet": "p.pdf",
                    "description": "d",
                }
            ],
        }
    )
    assert products.types["pac"].key == "pac" and products.types["pac"].words == ()
    product = products.products[0]
    assert (product.surface_min_m2, product.surface_max_m2) == (10, 20)
    assert not product.reversible


def test_news_validity_and_models_are_frozen() -> None:
    news = NewsItem(id="n", title="t", start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert news.valid_on(date(2026, 1, 31)) and not news.valid_on(date(2026, 2, 1))
    with pytest.raises(TypeError):
        news.title = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="ends before it starts"):
        NewsItem(id="n", title="t", start=date(2026, 2, 1), end=date(2026, 1, 1))


def test_knowledge_looks_up_products_and_parts() -> None:
    assert KB.product("aria-25") is not None and KB.product("nope") is None
    part = KB.part(" ct-fil-2035 ")
    assert part is not None and part.reference == "CT-FIL-2035"
