"""Checks the facets of the course notions (logic/course/facets_check.py): prints each
problem and fails when there is one."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logic.course.concepts import load_registry
from logic.course.facets import load_facets
from logic.course.facets_check import course_numbers, problems


def main() -> int:
    found = problems(load_facets(), set(load_registry().concepts), course_numbers())
    for line in found:
        print(line)
    print(f"facets: {len(load_facets())} notions, {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
