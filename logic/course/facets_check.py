"""Checks the facets against the registry, the answers' buttons and the course documents.

A notion without its facets, a confusion, composite or listed name naming an unknown notion,
a button pointing nowhere, a detail whose answer does not say the percentage its question
cites, or a figure the course does not contain is a problem to fix in the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from logic.course.facets import NotionFacets, load_covers
from logic.course.followup import settings
from logic.course.tutor import related

# A copy of ../shared/course/, kept in the repository so that the check runs anywhere.
COURSE_DIR = Path(__file__).resolve().parents[2] / "docs" / "course"
# A number as the course writes it: "2 000 000", "60 076", "16 %", "1,8", "2018".
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[,.]\d+)?")
# A percentage a student's question cites ("le +49 % c'est quoi ?"): its answer must say it.
PERCENTAGE = re.compile(r"(\d+(?:[,.]\d+)?)\s*%")


def numbers(text: str) -> set[str]:
    """The numbers of a text, thousands separators removed and decimal points as commas."""
    found = set()
    for match in NUMBER.finditer(text):
        plain = re.sub(r"[ \u00a0\u202f]", "", match.group()).replace(".", ",")
        found.add(plain.rstrip(",0") if "," in plain else plain)
    return found


def course_numbers(directory: Path = COURSE_DIR) -> set[str]:
    """Every number of the course documents, also each group of a run of digit groups
    ("4262 5736 13250" in a table is three numbers, "60 076" one)."""
    found: set[str] = set()
    for path in sorted(directory.glob("*")):
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found |= numbers(text)
            found |= set(re.findall(r"\d+", text))
    return found


def _texts(notion: NotionFacets) -> Iterable[tuple[str, str]]:
    for facet, text in notion.texts.items():
        yield facet.value, text
    if notion.confusion is not None:
        yield "confusion", notion.confusion.text
    for index, detail in enumerate(notion.details, start=1):
        if detail.derived_from:  # a computed ratio: its sources are checked instead
            yield f"detail {index} (from)", " ; ".join(detail.derived_from)
        else:
            yield f"detail {index}", detail.answer


def problems(
    facets: dict[str, NotionFacets], registry_keys: set[str], course: set[str]
) -> list[str]:
    """Everything wrong, one line each; an empty list means the data is sound."""
    found = [f"{key}: no facets" for key in sorted(registry_keys - set(facets))]
    found += [f"{key}: facets of an unknown notion" for key in sorted(set(facets) - registry_keys)]
    for key, notion in sorted(facets.items()):
        for index, detail in enumerate(notion.details, start=1):
            cited = {n for ask in detail.asks for n in numbers(" ".join(PERCENTAGE.findall(ask)))}
            for number in sorted(cited - numbers(detail.answer)):
                found.append(f"{key}, detail {index}: its answer does not say the {number} % asked")
        if notion.confusion is not None and notion.confusion.other not in registry_keys:
            found.append(f"{key}: confusion with unknown notion {notion.confusion.other}")
        if not notion.aliases:
            found.append(f"{key}: no alias")
        for neighbour in related(key):
            if neighbour not in registry_keys:
                found.append(f"{key}: a button points to unknown notion {neighbour}")
        for where, text in _texts(notion):
            for number in sorted(numbers(text) - course):
                found.append(f"{key}, {where}: {number} is not in the course documents")
    for composite, covered in sorted(load_covers().items()):
        for key in sorted({composite, *covered} - registry_keys):
            found.append(f"composites: {key} is not a notion")
    for key in sorted({key for _, key in settings().listed_names} - registry_keys):
        found.append(f"followups, listed_names: {key} is not a notion")
    return found
