"""Loads Climatech's knowledge (knowledge/climatech/*.yml) once into the pydantic models.

The directory defaults to the project's `knowledge/climatech`; the environment variable
CLIMATECH_KNOWLEDGE_DIR or the `directory` argument override it (tests, other shops).
A malformed file raises `KnowledgeError` naming the file, the entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from logic.climatech.knowledge.documents import (
    ErrorCodesFile,
    OffersFile,
    PartsFile,
    ProductsFile,
    SettingsFile,
    TroubleshootingFile,
)
from logic.climatech.knowledge.models import Company, Knowledge, Model

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "knowledge" / "climatech"
ENV_VAR = "CLIMATECH_KNOWLEDGE_DIR"
IDENTIFIERS = ("id", "reference", "code", "date")  # what names an entry in a list

M = TypeVar("M", bound=Model)


class KnowledgeError(ValueError):
    """A data file is missing or malformed (the message names the file and the field)."""


def _read(directory: Path, name: str) -> dict[str, Any]:
    path = directory / name
    if not path.is_file():
        raise KnowledgeError(f"{path}: file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError) as error:  # ValueError: a date like 2027-13-02
        raise KnowledgeError(f"{path}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top level")
    return data


def _where(name: str, data: Any, location: Iterable[int | str]) -> str:
    """ "parts.yml CT-FIL-2050: price_eur": list indexes become the entry's identifier."""
    entry = ""
    fields: list[str] = []
    node = data
    for step in location:
        if step == "__root__":
            continue
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            named = [node[k] for k in IDENTIFIERS if isinstance(node, dict) and k in node]
            if named:  # "CT-FIL-2050" says more than "parts.#3"
                entry, fields = str(named[0]), []
                continue
            fields.append(f"#{step + 1}")
            continue
        fields.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
    head = f"{name} {entry}" if entry else name
    return f"{head}: {'.'.join(fields)}" if fields else head


def _parse(schema: type[M], directory: Path, name: str) -> M:
    data = _read(directory, name)
    try:
        return schema.parse_obj(data)
    except ValidationError as error:
        problems = [f"{_where(name, data, e['loc'])}: {e['msg']}" for e in error.errors()]
        raise KnowledgeError("; ".join(problems)) from error


def _check(problems: list[str]) -> None:
    if problems:
        raise KnowledgeError("; ".join(problems))


def _products(directory: Path) -> ProductsFile:
    """products.yml, each product given its type's label (an unknown type is an error)."""
    document = _parse(ProductsFile, directory, "products.yml")
    _check(
        [
            f"products.yml {p.id}: unknown type {p.type!r}"
            for p in document.products
            if p.type not in document.types
        ]
    )
    labelled = tuple(
        p.copy(update={"type_label": document.types[p.type].label}) for p in document.products
    )
    return document.copy(update={"products": labelled})


def _check_parts(parts: PartsFile, product_ids: set[str]) -> None:
    problems = []
    for part in parts.parts:
        where = f"parts.yml {part.reference}"
        unknown = set(part.compatible) - product_ids
        if unknown:
            problems.append(f"{where}: unknown product ids {sorted(unknown)}")
        if part.type not in parts.types:
            problems.append(f"{where}: unknown type {part.type!r}")
    _check(problems)


def _check_offers(offers: OffersFile, product_types: set[str]) -> None:
    # The contracts' answer names the product types they cover.
    _check(
        [
            f"offers.yml {c.id}: unknown product types {sorted(set(c.applies_to) - product_types)}"
            for c in offers.maintenance_contracts
            if set(c.applies_to) - product_types
        ]
    )


def _load(directory: Path) -> Knowledge:
    company = _parse(Company, directory, "company.yml")
    products = _products(directory)
    parts = _parse(PartsFile, directory, "parts.yml")
    _check_parts(parts, {p.id for p in products.products})
    codes = _parse(ErrorCodesFile, directory, "error_codes.yml")
    troubleshooting = _parse(TroubleshootingFile, directory, "troubleshooting.yml")
    settings = _parse(SettingsFile, directory, "settings.yml")
    offers = _parse(OffersFile, directory, "offers.yml")
    _check_offers(offers, set(products.types))
    return Knowledge(
        company=company,
        product_types=products.types,
        families=tuple(products.families.values()),
        products=products.products,
        price_note=products.price_note,
        part_types=parts.types,
        parts=parts.parts,
        error_codes=codes.codes,
        symptoms=troubleshooting.symptoms,
        howtos=settings.howtos,
        contracts=offers.maintenance_contracts,
        one_off_visit_eur=offers.one_off_visit_eur,
        credit=offers.credit,
        news=offers.news,
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
