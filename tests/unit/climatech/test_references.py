"""Request references: short, unambiguous, found again in a customer's sentence."""

from __future__ import annotations

import random
import re

import pytest

from logic.climatech.references import (
    ALPHABET,
    Management,
    RequestLabel,
    find_references,
    management_asked,
    new_reference,
    parse_reference,
    reference_kind,
    reference_label,
)
from logic.results import Message
from logic.text.catalogue import render


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [
        ("appointment", "RDV"),
        ("click_collect", "CC"),
        ("callback", "RAP"),
        ("quote", "DEV"),
        ("intervention", "INT"),
        ("complaint", "REC"),
        ("RDV", "RDV"),
    ],
)
def test_new_reference_shape(kind: str, prefix: str) -> None:
    reference = new_reference(kind)
    assert re.fullmatch(rf"{prefix}-[{ALPHABET}]{{4}}", reference)


def test_references_never_use_ambiguous_characters_and_mix_digits_and_letters() -> None:
    rng = random.Random(7)
    codes = [new_reference("appointment", choice=rng.choice)[4:] for _ in range(500)]
    assert not set("".join(codes)) & set("01OIL")
    assert all(any(c.isdigit() for c in code) and any(c.isalpha() for c in code) for code in codes)


def test_taken_references_are_skipped() -> None:
    taken = {"RDV-7K3Q"}
    picks = iter("7K3Q" + "7K3R")
    reference = new_reference(
        "appointment", exists=taken.__contains__, choice=lambda _: next(picks)
    )
    assert reference == "RDV-7K3R"


def test_a_saturated_space_fails_loudly() -> None:
    with pytest.raises(RuntimeError):
        new_reference("quote", exists=lambda _: True, attempts=3)


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        new_reference("order")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RDV-7K3Q", "RDV-7K3Q"),
        ("je veux annuler mon rdv 7k3q svp", "RDV-7K3Q"),
        ("ma réservation CC-8MZ2", "CC-8MZ2"),
        ("référence: int_9xq2", "INT-9XQ2"),
        ("dev4h7p", "DEV-4H7P"),
        ("annuler mon rdv avec le commercial", None),  # "avec" is a word, not a code
        ("mon intervention interne", None),
        ("RDV-7K3O", None),  # O is never used
        ("RDV-7K3", None),
    ],
)
def test_parse_reference(text: str, expected: str | None) -> None:
    assert parse_reference(text) == expected


def test_several_references_and_their_kind() -> None:
    assert find_references("annulez RDV-7K3Q et cc 8mz2, RDV-7K3Q") == ["RDV-7K3Q", "CC-8MZ2"]
    assert reference_kind("cc-8mz2") == "click_collect"
    assert reference_label("RAP-2B9C") is RequestLabel.CALLBACK
    assert render(Message(reference_label("RAP-2B9C"))) == "demande de rappel"
    assert reference_label("rec 4h7p") is RequestLabel.COMPLAINT
    assert reference_kind("REC-4H7P") == "complaint"
    assert reference_label("hello") is RequestLabel.REQUEST
    assert reference_kind("hello") is None


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("annuler RAP-BPZ8", Management.CANCEL),
        ("je veux annuler ma demande rap bpz8", Management.CANCEL),
        ("supprimez mes données RDV-7K3Q", Management.DELETE_DATA),
        ("où en est RAP-BPZ8 ?", None),  # its status, read elsewhere
        ("je veux annuler", None),  # no reference: the bot asks for it
    ],
)
def test_the_verb_next_to_a_reference_says_what_to_do_with_it(
    text: str, asked: Management | None
) -> None:
    assert management_asked(text) is asked
