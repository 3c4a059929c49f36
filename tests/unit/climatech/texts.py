"""What a refused value says to the customer, for the tests of the validators."""

from __future__ import annotations

from typing import Any

from logic.results import Result
from logic.text.catalogue import render


def said(result: Result[Any]) -> str | None:
    """The rendered refusal of `result`, None when it holds a value."""
    return render(result.problem) if result.problem is not None else None
