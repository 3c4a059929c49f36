"""The benchmark reports: markdown templates of bench/templates/, filled with Jinja2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"


def render(template: str, values: dict[str, Any]) -> str:
    """bench/templates/<template> with `values`; an unknown name is an error, not a blank."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # markdown, not HTML
    )
    return environment.get_template(template).render(values)
