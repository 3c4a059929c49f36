"""What the pages show, built from the knowledge files (knowledge/*.yml), never copied.

Each function returns plain data for the templates: today's offers, the week's hours with
today marked, the catalogue by family, the technical sheets, the course themes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import yaml

from logic.climatech import offers, opening_hours
from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, NewsItem, Part, Period, Product
from logic.climatech.opening_hours import HoursCode
from logic.course.concepts import Concept, load_registry
from logic.results import Message
from logic.text.catalogue import render
from logic.text.formatting import WEEKDAYS, capitalize, format_date, format_number

NEWS_KINDS = {"offre": "Offre", "evenement": "Événement", "info": "Info"}
SPECIAL_DAYS_AHEAD = 45  # special hours announced this many days in advance
REVISION_PAYLOAD = "/greet"


@dataclass(frozen=True)
class Spec:
    label: str
    value: str


@dataclass(frozen=True)
class DayHours:
    name: str
    hours: str
    today: bool


@dataclass(frozen=True)
class Notice:
    """A dated change of the usual hours (public holiday or special day)."""

    day: str
    text: str


@dataclass(frozen=True)
class Offer:
    item: NewsItem
    kind_label: str
    until: str


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    advice: str
    products: tuple[Product, ...]


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    payload: str
    concepts: tuple[Concept, ...]


def periods_text(periods: tuple[Period, ...]) -> str:
    """ "9 h – 12 h et 14 h – 18 h 30", or "Fermé"."""
    if not periods:
        return capitalize(render(Message(HoursCode.CLOSED_WORD)))
    return render(opening_hours.periods_listing(periods))


def week_hours(today: date, kb: Knowledge) -> list[DayHours]:
    """Monday to Sunday, the usual hours; today's row is flagged."""
    return [
        DayHours(capitalize(WEEKDAYS[index]), periods_text(periods), index == today.weekday())
        for index, periods in enumerate(kb.company.weekly_hours)
    ]


def notices(today: date, kb: Knowledge, days: int = SPECIAL_DAYS_AHEAD) -> list[Notice]:
    """Holidays and special days of the coming weeks whose hours differ from the usual."""
    found = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        unusual = opening_hours.unusual_hours(day, kb)
        if unusual is not None:
            label = capitalize(format_date(day, with_year=day.year != today.year))
            found.append(Notice(label, render(unusual)))
    return found


def current_offers(now: datetime, kb: Knowledge) -> list[Offer]:
    """The news and offers valid today, ending soonest first."""
    today = opening_hours.to_paris(now).date()
    return [
        Offer(
            item,
            NEWS_KINDS.get(item.kind, "Info"),
            format_date(item.end, with_year=item.end.year != today.year),
        )
        for item in offers.current_news(now, kb)
    ]


def families(kb: Knowledge) -> list[Family]:
    """The catalogue grouped by product type, in the order of products.yml."""
    return [
        Family(key, kind.label, kind.advice, tuple(p for p in kb.products if p.type == key))
        for key, kind in kb.product_types.items()
        if any(p.type == key for p in kb.products)
    ]


def _optional(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{format_number(value)}{unit}"


def key_specs(product: Product) -> list[Spec]:
    """The figures shown on a product card."""
    specs = [Spec("Chauffage", _optional(product.heating_kw, " kW"))]
    if product.cooling_kw is not None:
        specs.append(Spec("Froid", _optional(product.cooling_kw, " kW")))
    specs += [
        Spec("Surface", f"{product.surface_min_m2} à {product.surface_max_m2} m²"),
        Spec("SCOP", _optional(product.scop)),
        Spec("Bruit int.", f"{product.noise_indoor_dba} dB(A)"),
    ]
    return specs


def sheet_specs(product: Product) -> list[Spec]:
    """Every figure of the catalogue, for the technical sheet."""
    units = (
        "toute la maison"
        if product.indoor_units == 0
        else f"{product.indoor_units} unité{'s' if product.indoor_units > 1 else ''} murale"
        f"{'s' if product.indoor_units > 1 else ''}"
    )
    return [
        Spec("Type", capitalize(product.type_label)),
        Spec("Puissance calorifique nominale", _optional(product.heating_kw, " kW")),
        Spec("Puissance frigorifique nominale", _optional(product.cooling_kw, " kW")),
        Spec("Surface conseillée", f"{product.surface_min_m2} à {product.surface_max_m2} m²"),
        Spec("Pièces desservies", units),
        Spec("SCOP (performance saisonnière en chauffage)", _optional(product.scop)),
        Spec("SEER (performance saisonnière en froid)", _optional(product.seer)),
        Spec(
            "Pression acoustique intérieure (petite vitesse)", f"{product.noise_indoor_dba} dB(A)"
        ),
        Spec("Pression acoustique extérieure (à 1 m)", f"{product.noise_outdoor_dba} dB(A)"),
    ]


def sheet_name(product: Product) -> str:
    """ "FT-ARIA-25" for the datasheet "FT-ARIA-25.pdf"."""
    return product.datasheet.rsplit(".", 1)[0]


def product_by_sheet(name: str, kb: Knowledge) -> Product | None:
    wanted = name.strip().upper()
    return next((p for p in kb.products if sheet_name(p).upper() == wanted), None)


def compatible_parts(product: Product, kb: Knowledge) -> list[Part]:
    return [part for part in kb.parts if product.id in part.compatible]


def consumables(kb: Knowledge) -> list[Part]:
    """The consumables sold in click and collect (filters, batteries, cleaners...)."""
    return [part for part in kb.parts if part.consumable]


@cache
def _about(path: Path) -> str:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return str(data.get("about", "")).strip()


def about(file_name: str, kb: Knowledge) -> str:
    """The `about` line of a knowledge file: what in it is fictional."""
    return _about(kb.directory / file_name)


def course_themes() -> list[Theme]:
    """The course themes of knowledge/concepts.yml, with the payload the bot expects."""
    registry = load_registry()
    return [
        Theme(key, title, f'/explore_theme{{"theme":"{key}"}}', tuple(registry.by_theme(key)))
        for key, title in registry.themes.items()
    ]


def context(now: datetime) -> dict[str, object]:
    """Everything the showcase page needs, at `now` (the bot's clock)."""
    kb = load_knowledge()
    local = opening_hours.to_paris(now)
    return {
        "kb": kb,
        "company": kb.company,
        "status": render(opening_hours.status(local, kb)),
        "is_open": opening_hours.is_open(local, kb),
        "week": week_hours(local.date(), kb),
        "notices": notices(local.date(), kb),
        "offers": current_offers(local, kb),
        "families": families(kb),
        "contracts": offers.contracts_for(kb=kb),
        "consumables": consumables(kb),
        "parts_count": len(kb.parts),
        "credit": offers.credit_example(kb=kb),
        "today": format_date(local.date(), with_year=True),
        "year": local.year,
    }
