"""Schemas of the knowledge files as documents: one model per knowledge/climatech/*.yml.

Company.yml is itself a `Company`; the other files group entries under a few keys.
Mapping keys (product and part types, families) become the entries' `key`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, validator

from logic.climatech.knowledge.models import (
    CreditTerms,
    ErrorCode,
    Family,
    Howto,
    MaintenanceContract,
    Model,
    NewsItem,
    Part,
    PartType,
    Product,
    ProductType,
    Symptom,
    empty_if_none,
)


def keyed(value: Any) -> Any:
    """{key: {...}} -> {key: {"key": key, ...}}, so that each entry knows its key."""
    value = empty_if_none(value) or {}
    if isinstance(value, dict):
        return {k: {**v, "key": k} if isinstance(v, dict) else v for k, v in value.items()}
    return value


class ProductsFile(Model):
    """products.yml: product types, family words, the models and the price note."""

    types: dict[str, ProductType]
    families: dict[str, Family] = Field(default_factory=dict)
    products: tuple[Product, ...]
    price_note: str = ""

    _keyed = validator("types", "families", pre=True, allow_reuse=True)(keyed)


class PartsFile(Model):
    """parts.yml: part types and the spare parts."""

    types: dict[str, PartType]
    parts: tuple[Part, ...]

    _keyed = validator("types", pre=True, allow_reuse=True)(keyed)


class ErrorCodesFile(Model):
    """error_codes.yml: the codes shown by the appliances."""

    codes: tuple[ErrorCode, ...]


class TroubleshootingFile(Model):
    """troubleshooting.yml: guides by symptom."""

    symptoms: tuple[Symptom, ...]


class SettingsFile(Model):
    """settings.yml: how-tos for everyday settings."""

    howtos: tuple[Howto, ...]


class OffersFile(Model):
    """offers.yml: maintenance contracts, the credit example and dated news."""

    one_off_visit_eur: float
    maintenance_contracts: tuple[MaintenanceContract, ...]
    credit: CreditTerms
    news: tuple[NewsItem, ...] = ()

    _lists = validator("news", pre=True, allow_reuse=True)(empty_if_none)
