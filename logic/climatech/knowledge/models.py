"""Pydantic models of Climatech's knowledge: the company, its catalogue, guides and offers.

Each model validates one entry of a knowledge/climatech/*.yml file as it is written there;
the few derived views the answers need (flat address, week of opening hours...) are
properties. Models are frozen: the knowledge is read once and shared.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, root_validator, validator

WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


class Model(BaseModel):
    """Base of the knowledge models: immutable, unknown keys ignored (comments, `about`)."""

    class Config:
        frozen = True
        allow_population_by_field_name = True


def empty_if_none(value: Any) -> Any:
    """A list written empty in YAML ("words:") reads as None: treat it as no items."""
    return () if value is None else value


def clock_time(value: Any) -> time:
    """ "09:30" -> time(9, 30); anything else is an error (YAML 1.1 reads 14:00 as 840)."""
    if isinstance(value, time):
        return value
    match = CLOCK.fullmatch(value) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f'bad time {value!r} (expected "HH:MM")')
    return time(int(match[1]), int(match[2]))


def period_pairs(value: Any) -> Any:
    """[["09:00", "12:00"], ...] as written in company.yml -> periods to validate."""
    value = empty_if_none(value)
    if isinstance(value, list | tuple):
        return [
            {"start": p[0], "end": p[1]} if isinstance(p, list | tuple) and len(p) == 2 else p
            for p in value
        ]
    return value


# --- the company -------------------------------------------------------------------------


class Period(Model):
    """An opening period of one day, [start, end)."""

    start: time
    end: time

    _times = validator("start", "end", pre=True, allow_reuse=True)(clock_time)

    @root_validator(skip_on_failure=True)
    def _ordered(cls, values: dict[str, Any]) -> dict[str, Any]:
        if values["start"] >= values["end"]:
            raise ValueError("period ends before it starts")
        return values


class OpeningHours(Model):
    """The weekly opening periods, local time; a day left out or empty is closed."""

    monday: tuple[Period, ...] = ()
    tuesday: tuple[Period, ...] = ()
    wednesday: tuple[Period, ...] = ()
    thursday: tuple[Period, ...] = ()
    friday: tuple[Period, ...] = ()
    saturday: tuple[Period, ...] = ()
    sunday: tuple[Period, ...] = ()

    _pairs = validator(*WEEKDAY_KEYS, pre=True, allow_reuse=True)(period_pairs)


class SpecialDay(Model):
    """A date whose hours differ from the weekly ones (no periods: closed)."""

    day: date = Field(alias="date")
    periods: tuple[Period, ...] = ()
    reason: str

    _pairs = validator("periods", pre=True, allow_reuse=True)(period_pairs)


class StaffMember(Model):
    """One of the ten people of the company (names are fictional)."""

    name: str
    role: str


class Service(Model):
    """A service listed on the showcase website."""

    id: str
    name: str
    description: str


class AppointmentRules(Model):
    """How meetings with a salesperson are scheduled."""

    duration_minutes: int
    step_minutes: int
    min_notice_minutes: int
    max_days_ahead: int
    capacity: int


class ClickAndCollect(Model):
    """Pickup rules of reserved parts."""

    hold_days: int
    pickup: str
    payment: str


class Address(Model):
    """Where the showroom is."""

    street: str
    postcode: str
    city: str
    parking: str


class Company(Model):
    """Identity, contacts and opening hours of the showroom (company.yml)."""

    about: str
    name: str
    legal_name: str
    location: Address = Field(alias="address")
    phone: str
    email: str
    website: str
    facebook: str
    opening_hours: OpeningHours
    closed_on_public_holidays: bool = True
    special_days: dict[date, SpecialDay] = Field(default_factory=dict)
    appointment: AppointmentRules
    click_and_collect: ClickAndCollect
    staff: tuple[StaffMember, ...] = ()
    services: tuple[Service, ...] = ()

    _lists = validator("staff", "services", pre=True, allow_reuse=True)(empty_if_none)

    @validator("special_days", pre=True)
    def _by_date(cls, value: Any) -> Any:
        """company.yml lists the special days; the answers look them up by date."""
        if not isinstance(value, list | tuple):
            return empty_if_none(value)
        days: dict[date, SpecialDay] = {}
        for entry in value:
            try:
                special = SpecialDay.parse_obj(entry)
            except ValidationError as error:
                day = entry.get("date", "?") if isinstance(entry, dict) else "?"
                problems = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
                raise ValueError(f"{day}: {'; '.join(problems)}") from error
            if special.day in days:
                raise ValueError(f"{special.day} is given twice")
            days[special.day] = special
        return days

    @property
    def street(self) -> str:
        return self.location.street

    @property
    def postcode(self) -> str:
        return self.location.postcode

    @property
    def city(self) -> str:
        return self.location.city

    @property
    def parking(self) -> str:
        return self.location.parking

    @property
    def address(self) -> str:
        """ "12 place du Centre, 22200 Guingamp"."""
        return f"{self.street}, {self.postcode} {self.city}"

    @property
    def weekly_hours(self) -> tuple[tuple[Period, ...], ...]:
        """The periods of each weekday, index 0 = Monday."""
        return tuple(getattr(self.opening_hours, day) for day in WEEKDAY_KEYS)

    @property
    def salespeople(self) -> tuple[StaffMember, ...]:
        return tuple(m for m in self.staff if m.role.startswith("commercial"))


# --- the catalogue -----------------------------------------------------------------------


class ProductType(Model):
    """A family of products (mono-split, air/water heat pump...)."""

    key: str
    label: str
    words: tuple[str, ...] = ()
    advice: str = ""  # why the adviser recommends this kind of product

    _lists = validator("words", pre=True, allow_reuse=True)(empty_if_none)


class Family(Model):
    """A word like "PAC" or "clim" that names several product types."""

    key: str
    words: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    _lists = validator("words", "types", pre=True, allow_reuse=True)(empty_if_none)


class Product(Model):
    """A catalogue model with its specifications (kW, m², dB(A), EUR incl. VAT)."""

    id: str
    name: str
    type: str
    type_label: str = ""  # filled from the product type when the files are loaded
    heating_kw: float | None = None
    cooling_kw: float | None = None
    surface_m2: tuple[int, int]
    indoor_units: int  # 0: the whole house through ducts or water
    scop: float | None = None
    seer: float | None = None
    noise_indoor_dba: int
    noise_outdoor_dba: int
    price_eur: float
    datasheet: str
    description: str

    @property
    def surface_min_m2(self) -> int:
        return self.surface_m2[0]

    @property
    def surface_max_m2(self) -> int:
        return self.surface_m2[1]

    @property
    def reversible(self) -> bool:
        """True when the product both heats and cools."""
        return self.heating_kw is not None and self.cooling_kw is not None


class PartType(Model):
    """A kind of spare part, with the words customers use for it."""

    key: str
    label: str
    words: tuple[str, ...] = ()

    _lists = validator("words", pre=True, allow_reuse=True)(empty_if_none)


class Part(Model):
    """A spare part or consumable sold in click and collect."""

    reference: str
    designation: str
    type: str
    compatible: tuple[str, ...]  # product ids
    price_eur: float
    stock: int
    consumable: bool = False
    restock_days: int | None = None

    @validator("reference")
    def _upper(cls, value: str) -> str:
        return value.upper()

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


# --- guides --------------------------------------------------------------------------------


class ErrorCode(Model):
    """A code shown by an appliance, what to check and when to call a technician."""

    code: str
    title: str
    applies_to: tuple[str, ...] = ()
    checks: tuple[str, ...]
    technician: str
    normal: bool = False

    _lists = validator("applies_to", pre=True, allow_reuse=True)(empty_if_none)

    @validator("code")
    def _upper(cls, value: str) -> str:
        return value.upper()


class Guide(Model):
    """A troubleshooting guide (symptom) or a settings how-to."""

    id: str
    title: str
    keywords: tuple[str, ...]
    steps: tuple[str, ...]
    advice: str  # troubleshooting: when to call a technician; how-to: a tip
    applies_to: tuple[str, ...] = ()

    _lists = validator("applies_to", pre=True, allow_reuse=True)(empty_if_none)


class Symptom(Guide):
    """A troubleshooting guide: its advice is written `technician` in troubleshooting.yml."""

    advice: str = Field(alias="technician")


class Howto(Guide):
    """A settings how-to: its advice is written `tip` in settings.yml."""

    advice: str = Field(alias="tip")


# --- offers --------------------------------------------------------------------------------


class MaintenanceContract(Model):
    """A yearly maintenance contract offer."""

    id: str
    name: str
    price_eur_per_year: float
    applies_to: tuple[str, ...] = ()
    visits_per_year: int = 1
    includes: tuple[str, ...] = ()

    _lists = validator("applies_to", "includes", pre=True, allow_reuse=True)(empty_if_none)


class CreditTerms(Model):
    """Terms of the worked credit example (not a legal offer)."""

    about: str
    min_amount_eur: float
    max_amount_eur: float
    durations_months: tuple[int, ...]
    example_amount_eur: float
    example_months: int
    debit_rate_percent: float
    fees_eur: float = 0
    legal_notice: str


class NewsItem(Model):
    """A dated piece of news or offer, shown only while valid."""

    id: str
    kind: str = "info"  # offre, evenement, info
    title: str
    text: str = ""
    start: date
    end: date

    @root_validator(skip_on_failure=True)
    def _ordered(cls, values: dict[str, Any]) -> dict[str, Any]:
        if values["start"] > values["end"]:
            raise ValueError("ends before it starts")
        return values

    def valid_on(self, day: date) -> bool:
        return self.start <= day <= self.end


# --- everything together -------------------------------------------------------------------


class Knowledge(Model):
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
    directory: Path

    def product(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def part(self, reference: str) -> Part | None:
        wanted = reference.strip().upper()
        return next((p for p in self.parts if p.reference == wanted), None)
