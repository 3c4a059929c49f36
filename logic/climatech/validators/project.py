"""Details of a heating project: the postcode of the house, the surface to equip."""

from __future__ import annotations

import re

from logic.results import MessageCode, Result, failure, success


class ProjectCode(MessageCode):
    """Why a postcode or a surface is refused."""

    POSTCODE_SHAPE = "validation_postcode_shape"
    POSTCODE_FOUR_DIGITS = "validation_postcode_four_digits"
    POSTCODE_UNKNOWN = "validation_postcode_unknown"
    SURFACE_MISSING = "validation_surface_missing"
    SURFACE_TOO_SMALL = "validation_surface_too_small"
    SURFACE_TOO_LARGE = "validation_surface_too_large"


def validate_postcode(text: str) -> Result[str]:
    """A French postcode: 5 digits, a real department prefix (01-95, 97, 98)."""
    match = re.search(r"(?<!\d)(\d{2}) ?(\d{3})(?!\d)", text)
    if not match:
        if len(re.sub(r"\D", "", text)) == 4:  # "1000" for 01000
            return failure(ProjectCode.POSTCODE_FOUR_DIGITS)
        return failure(ProjectCode.POSTCODE_SHAPE)
    code = match[1] + match[2]
    if int(code[:2]) in (0, 96, 99):
        return failure(ProjectCode.POSTCODE_UNKNOWN, postcode=code)
    return success(code)


def validate_surface(text: str, low: int = 10, high: int = 500) -> Result[int]:
    """A surface in m² ("90", "90 m2", "entre 100 et 120 m²" -> 110), from `low` to `high`."""
    text = re.sub(r"(?<=\d)\s*m(?:2|²)|\bm(?:2|²)", " m² ", text.lower())  # "m2": not a number
    number = r"(\d+(?:[.,]\d+)?)"
    span = re.search(rf"{number}\s*(?:à|a|-|et)\s*{number}(?!\s*(?:pièces?|pieces?))", text)
    unit = re.search(rf"{number}\s*(?:m²|m\b|mètres?|metres?)", text)
    first = re.search(number, text)
    if span:
        # "100 à 120 m²": the middle of the range is a fair estimate.
        surface = round((float(span[1].replace(",", ".")) + float(span[2].replace(",", "."))) / 2)
    elif unit or first:
        surface = round(float((unit or first)[1].replace(",", ".")))  # type: ignore[index]
    else:
        return failure(ProjectCode.SURFACE_MISSING)
    if surface < low:
        return failure(ProjectCode.SURFACE_TOO_SMALL, surface=surface, low=low)
    if surface > high:
        return failure(ProjectCode.SURFACE_TOO_LARGE, high=high)
    return success(surface)
