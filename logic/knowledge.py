"""Loads Climatech's knowledge (knowledge/climatech/*.yml) once into typed dataclasses.

The directory defaults to the project's `knowledge/climatech`; the environment variable
CLIMATECH_KNOWLEDGE_DIR or the `directory` argument override it (tests, other shops).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "climatech"
ENV_VAR = "CLIMATECH_KNOWLEDGE_DIR"
WEEKDAY_KEYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


class KnowledgeError(ValueError):
    """A data file is missing or malformed (the message names the file and the field)."""


@dataclass(frozen=True)
class Period:
    """An opening period of one day, [start, end)."""

    start: time
    end: time


@dataclass(frozen=True)
class SpecialDay:
    """A date whose hours differ from the weekly ones (no periods: closed)."""

    day: date
    periods: tuple[Period, ...]
    reason: str


@dataclass(frozen=True)
class StaffMember:
    """One of the ten people of the company (names are fictional)."""

    name: str
    role: str


@dataclass(frozen=True)
class Service:
    """A service listed on the showcase website."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class AppointmentRules:
    """How meetings with a salesperson are scheduled."""

    duration_minutes: int
    step_minutes: int
    min_notice_minutes: int
    max_days_ahead: int
    capacity: int


@dataclass(frozen=True)
class ClickAndCollect:
    """Pickup rules of reserved parts."""

    hold_days: int
    pickup: str
    payment: str


@dataclass(frozen=True)
class Company:
    """Identity, contacts and opening hours of the showroom."""

    about: str
    name: str
    legal_name: str
    street: str
    postcode: str
    city: str
    parking: str
    phone: str
    email: str
    website: str
    facebook: str
    weekly_hours: tuple[tuple[Period, ...], ...]  # index 0 = Monday
    closed_on_public_holidays: bool
    special_days: dict[date, SpecialDay]
    appointment: AppointmentRules
    click_and_collect: ClickAndCollect
    staff: tuple[StaffMember, ...]
    services: tuple[Service, ...]

    @property
    def address(self) -> str:
        """ "12 place du Centre, 22200 Guingamp"."""
        return f"{self.street}, {self.postcode} {self.city}"

    @property
    def salespeople(self) -> tuple[StaffMember, ...]:
        return tuple(m for m in self.staff if m.role.startswith("commercial"))


@dataclass(frozen=True)
class ProductType:
    """A family of products (mono-split, air/water heat pump...)."""

    key: str
    label: str
    words: tuple[str, ...]
    advice: str = ""  # why the adviser recommends this kind of product


@dataclass(frozen=True)
class Family:
    """A word like "PAC" or "clim" that names several product types."""

    key: str
    words: tuple[str, ...]
    types: tuple[str, ...]


@dataclass(frozen=True)
class Product:
    """A catalogue model with its specifications (kW, m², dB(A), EUR incl. VAT)."""

    id: str
    name: str
    type: str
    type_label: str
    heating_kw: float | None
    cooling_kw: float | None
    surface_min_m2: int
    surface_max_m2: int
    indoor_units: int  # 0: the whole house through ducts or water
    scop: float | None
    seer: float | None
    noise_indoor_dba: int
    noise_outdoor_dba: int
    price_eur: float
    datasheet: str
    description: str

    @property
    def reversible(self) -> bool:
        """True when the product both heats and cools."""
        return self.heating_kw is not None and self.cooling_kw is not None


@dataclass(frozen=True)
class PartType:
    """A kind of spare part, with the words customers use for it."""

    key: str
    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A spare part or consumable sold in click and collect."""

    reference: str
    designation: str
    type: str
    compatible: tuple[str, ...]  # product ids
    price_eur: float
    stock: int
    consumable: bool = False
    restock_days: int | None = None

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


@dataclass(frozen=True)
class ErrorCode:
    """A code shown by an appliance, what to check and when to call a technician."""

    code: str
    title: str
    applies_to: tuple[str, ...]
    checks: tuple[str, ...]
    technician: str
    normal: bool = False


@dataclass(frozen=True)
class Guide:
    """A troubleshooting guide (symptom) or a settings how-to."""

    id: str
    title: str
    keywords: tuple[str, ...]
    steps: tuple[str, ...]
    advice: str  # troubleshooting: when to call a technician; how-to: a tip
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class MaintenanceContract:
    """A yearly maintenance contract offer."""

    id: str
    name: str
    price_eur_per_year: float
    applies_to: tuple[str, ...]
    visits_per_year: int
    includes: tuple[str, ...]


@dataclass(frozen=True)
class CreditTerms:
    """Terms of the worked credit example (not a legal offer)."""

    about: str
    min_amount_eur: float
    max_amount_eur: float
    durations_months: tuple[int, ...]
    example_amount_eur: float
    example_months: int
    debit_rate_percent: float
    fees_eur: float
    legal_notice: str


@dataclass(frozen=True)
class NewsItem:
    """A dated piece of news or offer, shown only while valid."""

    id: str
    kind: str  # offre, evenement, info
    title: str
    text: str
    start: date
    end: date

    def valid_on(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Knowledge:
    """Everything the after-sales assistant knows about Climatech."""

    company: Company
    product_types: dict[str, ProductType]
    families: tuple[Family, ...]
    products: tuple[Product, ...]
    price_note: str
    part_types: dict[str, PartType]
    parts: tuple[Part, ...]
    error_codes: tuple[ErrorCode, ...]
    symptoms: tuple[Guide, ...]
    howtos: tuple[Guide, ...]
    contracts: tuple[MaintenanceContract, ...]
    one_off_visit_eur: float
    credit: CreditTerms
    news: tuple[NewsItem, ...]
    directory: Path = field(compare=False)

    def product(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def part(self, reference: str) -> Part | None:
        wanted = reference.strip().upper()
        return next((p for p in self.parts if p.reference == wanted), None)


# --- parsing helpers: each error names the file and the entry, for whoever edits the data


def _read(directory: Path, name: str) -> dict[str, Any]:
    path = directory / name
    if not path.is_file():
        raise KnowledgeError(f"{path}: file not found")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top level")
    return data


def _get(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry or entry[key] is None:
        raise KnowledgeError(f"{where}: missing '{key}'")
    return entry[key]


def _time(text: Any, where: str) -> time:
    try:
        hours, minutes = str(text).split(":")
        return time(int(hours), int(minutes))
    except ValueError as error:
        raise KnowledgeError(f'{where}: bad time {text!r} (expected "HH:MM")') from error


def _periods(raw: Any, where: str) -> tuple[Period, ...]:
    periods = tuple(Period(_time(a, where), _time(b, where)) for a, b in raw or [])
    for period in periods:
        if period.start >= period.end:
            raise KnowledgeError(f"{where}: period ends before it starts")
    return periods


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise KnowledgeError(f"{where}: bad date {value!r}") from error


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _company(data: dict[str, Any]) -> Company:
    where = "company.yml"
    address = _get(data, "address", where)
    hours = _get(data, "opening_hours", where)
    rules = _get(data, "appointment", where)
    collect = _get(data, "click_and_collect", where)
    special = {}
    for entry in data.get("special_days") or []:
        day = _date(_get(entry, "date", where), where)
        special[day] = SpecialDay(
            day, _periods(entry.get("periods"), f"{where} {day}"), entry["reason"]
        )
    return Company(
        about=_get(data, "about", where),
        name=_get(data, "name", where),
        legal_name=_get(data, "legal_name", where),
        street=_get(address, "street", where),
        postcode=str(_get(address, "postcode", where)),
        city=_get(address, "city", where),
        parking=_get(address, "parking", where),
        phone=_get(data, "phone", where),
        email=_get(data, "email", where),
        website=_get(data, "website", where),
        facebook=_get(data, "facebook", where),
        weekly_hours=tuple(_periods(hours.get(day), f"{where} {day}") for day in WEEKDAY_KEYS),
        closed_on_public_holidays=bool(data.get("closed_on_public_holidays", True)),
        special_days=special,
        appointment=AppointmentRules(
            **{k: int(_get(rules, k, where)) for k in AppointmentRules.__dataclass_fields__}
        ),
        click_and_collect=ClickAndCollect(
            hold_days=int(_get(collect, "hold_days", where)),
            pickup=_get(collect, "pickup", where),
            payment=_get(collect, "payment", where),
        ),
        staff=tuple(StaffMember(m["name"], m["role"]) for m in data.get("staff") or []),
        services=tuple(
            Service(s["id"], s["name"], s["description"]) for s in data.get("services") or []
        ),
    )


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _products(
    data: dict[str, Any],
) -> tuple[dict[str, ProductType], tuple[Family, ...], tuple[Product, ...]]:
    types = {
        key: ProductType(
            key,
            _get(entry, "label", f"products.yml type {key}"),
            _strings(entry.get("words")),
            str(entry.get("advice", "")),
        )
        for key, entry in _get(data, "types", "products.yml").items()
    }
    families = tuple(
        Family(key, _strings(entry.get("words")), _strings(entry.get("types")))
        for key, entry in (data.get("families") or {}).items()
    )
    products = []
    for entry in _get(data, "products", "products.yml"):
        where = f"products.yml {entry.get('id', '?')}"
        kind = _get(entry, "type", where)
        if kind not in types:
            raise KnowledgeError(f"{where}: unknown type {kind!r}")
        low, high = _get(entry, "surface_m2", where)
        products.append(
            Product(
                id=_get(entry, "id", where),
                name=_get(entry, "name", where),
                type=kind,
                type_label=types[kind].label,
                heating_kw=_optional_float(entry.get("heating_kw")),
                cooling_kw=_optional_float(entry.get("cooling_kw")),
                surface_min_m2=int(low),
                surface_max_m2=int(high),
                indoor_units=int(_get(entry, "indoor_units", where)),
                scop=_optional_float(entry.get("scop")),
                seer=_optional_float(entry.get("seer")),
                noise_indoor_dba=int(_get(entry, "noise_indoor_dba", where)),
                noise_outdoor_dba=int(_get(entry, "noise_outdoor_dba", where)),
                price_eur=float(_get(entry, "price_eur", where)),
                datasheet=_get(entry, "datasheet", where),
                description=_get(entry, "description", where),
            )
        )
    return types, families, tuple(products)


def _parts(
    data: dict[str, Any], product_ids: set[str]
) -> tuple[dict[str, PartType], tuple[Part, ...]]:
    types = {
        key: PartType(
            key,
            _get(entry, "label", f"parts.yml type {key}"),
            _strings(entry.get("words")),
        )
        for key, entry in _get(data, "types", "parts.yml").items()
    }
    parts = []
    for entry in _get(data, "parts", "parts.yml"):
        where = f"parts.yml {entry.get('reference', '?')}"
        compatible = _strings(_get(entry, "compatible", where))
        unknown = set(compatible) - product_ids
        if unknown:
            raise KnowledgeError(f"{where}: unknown product ids {sorted(unknown)}")
        if _get(entry, "type", where) not in types:
            raise KnowledgeError(f"{where}: unknown type {entry['type']!r}")
        restock = entry.get("restock_days")
        parts.append(
            Part(
                reference=str(_get(entry, "reference", where)).upper(),
                designation=_get(entry, "designation", where),
                type=entry["type"],
                compatible=compatible,
                price_eur=float(_get(entry, "price_eur", where)),
                stock=int(_get(entry, "stock", where)),
                consumable=bool(entry.get("consumable", False)),
                restock_days=None if restock is None else int(restock),
            )
        )
    return types, tuple(parts)


def _guides(entries: list[dict[str, Any]], advice_key: str, where: str) -> tuple[Guide, ...]:
    return tuple(
        Guide(
            id=_get(e, "id", where),
            title=_get(e, "title", f"{where} {e['id']}"),
            keywords=_strings(_get(e, "keywords", f"{where} {e['id']}")),
            steps=_strings(_get(e, "steps", f"{where} {e['id']}")),
            advice=_get(e, advice_key, f"{where} {e['id']}"),
            applies_to=_strings(e.get("applies_to")),
        )
        for e in entries
    )


def _load(directory: Path) -> Knowledge:
    company = _company(_read(directory, "company.yml"))
    products_data = _read(directory, "products.yml")
    product_types, families, products = _products(products_data)
    part_types, parts = _parts(_read(directory, "parts.yml"), {p.id for p in products})
    codes = _read(directory, "error_codes.yml")
    error_codes = tuple(
        ErrorCode(
            code=str(_get(e, "code", "error_codes.yml")).upper(),
            title=_get(e, "title", f"error_codes.yml {e['code']}"),
            applies_to=_strings(e.get("applies_to")),
            checks=_strings(_get(e, "checks", f"error_codes.yml {e['code']}")),
            technician=_get(e, "technician", f"error_codes.yml {e['code']}"),
            normal=bool(e.get("normal", False)),
        )
        for e in _get(codes, "codes", "error_codes.yml")
    )
    troubleshooting = _read(directory, "troubleshooting.yml")
    settings = _read(directory, "settings.yml")
    offers = _read(directory, "offers.yml")
    credit = _get(offers, "credit", "offers.yml")
    return Knowledge(
        company=company,
        product_types=product_types,
        families=families,
        products=products,
        price_note=str(products_data.get("price_note", "")),
        part_types=part_types,
        parts=parts,
        error_codes=error_codes,
        symptoms=_guides(
            _get(troubleshooting, "symptoms", "troubleshooting.yml"),
            "technician",
            "troubleshooting.yml",
        ),
        howtos=_guides(_get(settings, "howtos", "settings.yml"), "tip", "settings.yml"),
        contracts=tuple(
            MaintenanceContract(
                id=c["id"],
                name=c["name"],
                price_eur_per_year=float(c["price_eur_per_year"]),
                applies_to=_strings(c.get("applies_to")),
                visits_per_year=int(c.get("visits_per_year", 1)),
                includes=_strings(c.get("includes")),
            )
            for c in _get(offers, "maintenance_contracts", "offers.yml")
        ),
        one_off_visit_eur=float(_get(offers, "one_off_visit_eur", "offers.yml")),
        credit=CreditTerms(
            about=_get(credit, "about", "offers.yml credit"),
            min_amount_eur=float(_get(credit, "min_amount_eur", "offers.yml credit")),
            max_amount_eur=float(_get(credit, "max_amount_eur", "offers.yml credit")),
            durations_months=tuple(
                int(d) for d in _get(credit, "durations_months", "offers.yml credit")
            ),
            example_amount_eur=float(_get(credit, "example_amount_eur", "offers.yml credit")),
            example_months=int(_get(credit, "example_months", "offers.yml credit")),
            debit_rate_percent=float(_get(credit, "debit_rate_percent", "offers.yml credit")),
            fees_eur=float(credit.get("fees_eur", 0)),
            legal_notice=_get(credit, "legal_notice", "offers.yml credit"),
        ),
        news=tuple(
            NewsItem(
                id=n["id"],
                kind=n.get("kind", "info"),
                title=_get(n, "title", f"offers.yml news {n['id']}"),
                text=n.get("text", ""),
                start=_date(_get(n, "start", f"offers.yml news {n['id']}"), n["id"]),
                end=_date(_get(n, "end", f"offers.yml news {n['id']}"), n["id"]),
            )
            for n in offers.get("news") or []
        ),
        directory=directory,
    )


@lru_cache(maxsize=8)
def _cached(directory: str) -> Knowledge:
    return _load(Path(directory))


def load_knowledge(directory: Path | str | None = None) -> Knowledge:
    """The knowledge of `directory` (default: $CLIMATECH_KNOWLEDGE_DIR or the project's), cached."""
    chosen = directory or os.environ.get(ENV_VAR) or DEFAULT_DIR
    return _cached(str(Path(chosen).resolve()))


def clear_cache() -> None:
    """Forget loaded knowledge (after editing the YAML files in a running process)."""
    _cached.cache_clear()
