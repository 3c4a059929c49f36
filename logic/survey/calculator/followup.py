"""A follow-up that changes one figure of the last computation ("et si les détracteurs
montent à 40 % ?", "et avec 20 promoteurs ?", "et si on ajoute 10 notes de 5 ?").

The figures of the last computation come as plain JSON (the slot `last_calculation`); the
change is read from the text, applied, checked, and the indicator explained again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from logic.results import Listing, Message, MessageCode, message
from logic.survey.calculator.counts import read_pairs
from logic.survey.calculator.notes import ces_reply
from logic.survey.calculator.reading import LOOSE_NUMBER, NUM, and_list, sum_text
from logic.survey.calculator.reply import Ask, FiguresReply, Topic, question
from logic.survey.calculator.shares import CSAT, NPS, csat_reply, nps_reply
from logic.survey.formulas import CSAT_LABELS, fmt

Op = Literal["set", "add", "remove"]

_CUE = re.compile(
    r"^(?:et |mais |alors |ok |bon |d accord |maintenant )*"
    r"(?:si\b|s il\b|avec\b|en\b|pour\b|(?:le )?meme calcul\b)"
    r"|\bau lieu de\b|\b(?:mont|pass|baiss|augment|diminu|descend|tomb|grimp)\w*\s+(?:a|de)\s+\d"
    r"|\b(?:ajout|rajout|enlev|retir|supprim)\w*|\b(?:en|de) (?:plus|moins)\b"
    r"|\brefai\w*|\brecalcul\w*"
)
_ADD = re.compile(
    r"\b(?:ajout|rajout)\w*|\ben plus\b|\bde plus\b|\bsupplementaires?\b"
    r"|\b(?:augment|mont|grimp|gagn)\w* de\b|\+ ?\d"
)
_REMOVE = re.compile(
    r"\b(?:enlev|retir|supprim|perd)\w*|\ben moins\b|\bde moins\b"
    r"|\b(?:baiss|diminu|descend|tomb|chut)\w* de\b"
)
_AFTER = re.compile(
    r"^\s*(?:(?:ne |n )?(?:sont|soient|seraient|etaient|font|faisaient|representent|qui|en|y|"
    r"mont|pass|baiss|augment|diminu|descend|tomb|chut|grimp|gagn|perd)\w*\s+)*"
    rf"(?:a |de |=\s*|a peine )?{NUM}(\s*(?:%|points?))?"
)
_BEFORE = re.compile(rf"{NUM}(\s*%)?\s*(?:de |d )?(?:plus |moins |supplementaires? )?$")


class Recomputed(MessageCode):
    """The line saying which figures the follow-up changed."""

    ONE = "figures_recomputed_one"
    MANY = "figures_recomputed_many"
    CHANGE = "figures_change"
    NOTE_LABEL = "figures_note_label"


@dataclass(frozen=True)
class Edit:
    """One figure to change: its key, how, by how much, and whether it is a percentage."""

    key: str
    op: Op
    value: Fraction
    percent: bool


def is_follow_up(plain: str) -> bool:
    """Whether the (normalized) text reads as a change to the last computation."""
    return bool(_CUE.search(plain))


def read_edits(plain: str, topic: Topic) -> list[Edit]:
    """The figures a follow-up changes, for the indicator of the last computation."""
    op: Op = "add" if _ADD.search(plain) else "remove" if _REMOVE.search(plain) else "set"
    found = read_pairs(plain)
    edits: list[Edit] = []
    for note, count in found.pairs:
        key = _ces_key(note) if topic == "ces" else _nps_key(note) if topic == "nps" else None
        if key is not None:
            edits.append(Edit(key, op, count, False))
    if topic in ("nps", "csat"):
        edits += _category_edits(
            found.rest, op, NPS.categories if topic == "nps" else CSAT.categories
        )
    if not edits and op != "set" and re.search(r"\bnotes?\b", plain):
        # "et si on ajoute les notes 9 et 10": one answer per note
        for number in LOOSE_NUMBER.findall(found.rest):
            note = Fraction(number)
            key = _ces_key(note) if topic == "ces" else _nps_key(note)
            if key is not None:
                edits.append(Edit(key, op, Fraction(1), False))
    return edits


def _ces_key(note: Fraction) -> str | None:
    return str(note) if note.denominator == 1 and note >= 0 else None


def _nps_key(note: Fraction) -> str | None:
    if not 0 <= note <= 10 or note.denominator != 1:
        return None
    return "promoters" if note >= 9 else "passives" if note >= 7 else "detractors"


def _category_edits(text: str, op: Op, categories: dict[str, str]) -> list[Edit]:
    combined = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in categories.items()))
    spans = [(m.lastgroup or "", m.start(), m.end()) for m in combined.finditer(text)]
    edits: list[Edit] = []
    for index, (key, start, end) in enumerate(spans):
        previous_end = spans[index - 1][2] if index else 0
        next_start = spans[index + 1][1] if index + 1 < len(spans) else len(text)
        match = _BEFORE.search(text[previous_end:start]) or _AFTER.match(text[end:next_start])
        if match:
            edits.append(Edit(key, op, Fraction(match.group(1)), bool(match.group(2))))
    return edits


def follow_up(
    plain: str,
    topic: Topic | None,
    last: dict[str, Any] | None,
    fresh: Callable[[], FiguresReply],
) -> FiguresReply:
    """The last computation redone with the change `plain` asks for, or the fresh reading
    of `plain` when it holds complete figures of its own."""
    values = last.get("values") if last else None
    if last is None or not isinstance(values, dict) or (topic and topic != last["topic"]):
        reply = fresh()
        return reply if reply.complete or last is not None else question(topic, Ask.NO_PREVIOUS)
    edits = read_edits(plain, last["topic"])
    if edits:
        return apply_edits(last, edits)
    # No single figure named ("et avec les notes 9, 9 et 3 ?"): new figures, if complete;
    # but "ajoute" or "en moins" only make sense as a change.
    reply = fresh()
    if reply.complete and not (_ADD.search(plain) or _REMOVE.search(plain)):
        return reply
    return question(last["topic"], Ask.CHANGE_UNCLEAR)


def _figures(last: dict[str, Any]) -> tuple[dict[str, Fraction], Fraction | None]:
    values = {key: Fraction(str(value)) for key, value in last["values"].items()}
    total = last.get("total")
    return values, None if total is None else Fraction(str(total))


def _as_percentages(last: dict[str, Any]) -> dict[str, Any]:
    """Counts turned into percentages, so that "et si les détracteurs montent à 40 % ?"
    applies to a computation made from counts."""
    values, total = _figures(last)
    whole = total if total is not None else sum(values.values(), Fraction(0))
    shares = {key: value * 100 / whole for key, value in values.items()} if whole else values
    if last["topic"] == "nps":
        shares.pop("passives", None)  # deduced from the other two
    return {**last, "unit": "percent", "values": shares, "total": None}


def apply_edits(last: dict[str, Any], edits: list[Edit]) -> FiguresReply:
    """The figures of `last` changed by `edits`, checked, and the indicator explained again."""
    topic: Topic = last["topic"]
    percent = {edit.percent for edit in edits}
    if len(percent) > 1:
        return question(topic, Ask.MIXED_UNITS)
    if percent == {True}:
        if topic == "ces":
            return question("ces", Ask.CES_PERCENTAGES)
        if last["unit"] == "count":
            last = _as_percentages(last)
    elif last["unit"] == "percent":
        return question(topic, Ask.MIXED_UNITS)
    if last["unit"] == "percent" and any(edit.key == "passives" for edit in edits):
        return question(topic, Ask.CHANGE_UNCLEAR)  # which of the other two would move?
    if last["unit"] != "percent" and (bad := [e for e in edits if e.value.denominator != 1]):
        label = _label(topic, bad[0].key)
        return question(topic, Ask.NOT_WHOLE, label=label, value=fmt(bad[0].value))
    values, total = _figures(last)
    changes: list[Message] = []
    unit = " %" if last["unit"] == "percent" else ""
    for edit in edits:
        old = values.get(edit.key, Fraction(0))
        new = {"set": edit.value, "add": old + edit.value, "remove": old - edit.value}[edit.op]
        label = _label(topic, edit.key)
        if new < 0:
            return question(
                topic, Ask.CHANGE_NEGATIVE, label=label, old=fmt(old), value=fmt(edit.value)
            )
        values[edit.key] = new
        changes.append(
            message(Recomputed.CHANGE, label=label, old=fmt(old), new=fmt(new), unit=unit)
        )
    code = Recomputed.ONE if len(changes) == 1 else Recomputed.MANY
    note = [message(code, changes=and_list(list(changes)))]
    return _recomputed(last, values, total, note)


def _label(topic: Topic, key: str) -> str | Message:
    if topic == "ces":
        return message(Recomputed.NOTE_LABEL, note=key)
    return (NPS.labels if topic == "nps" else CSAT.labels)[key]


def _recomputed(
    last: dict[str, Any], values: dict[str, Fraction], total: Fraction | None, note: list[Message]
) -> FiguresReply:
    topic: Topic = last["topic"]
    percent = last["unit"] == "percent"
    if topic == "csat" and len(values) == len(CSAT_LABELS):
        total = None  # every category is known: the total is their sum
    given = sum(values.values(), Fraction(0))
    whole = Fraction(100) if percent else total
    if whole is not None and given > whole:
        limit = "100 %" if percent else message(Ask.ANNOUNCED, whole=fmt(whole))
        shown = sum_text(list(values.values()))
        return question(topic, Ask.EXCEEDS, shown=shown, unit=" %" if percent else "", limit=limit)
    if given == 0:
        return question(topic, Ask.ALL_ZERO)
    if topic == "ces":
        high = int(last.get("scale") or 5)
        if bad := sorted(int(k) for k, v in values.items() if v and not 1 <= int(k) <= high):
            return question(
                "ces", Ask.CES_OFF_SCALE if high == 5 else Ask.CES7_OFF_SCALE, note=bad[0]
            )
        reply = ces_reply({int(k): int(v) for k, v in values.items()}, high)
        return FiguresReply("ces", _prepend(note, reply), True, reply.figures)
    figures = {**last, "values": values, "total": total}
    return nps_reply(figures, note) if topic == "nps" else csat_reply(figures, note)


def _prepend(note: list[Message], reply: FiguresReply) -> Listing:
    items = reply.answer.items if isinstance(reply.answer, Listing) else [reply.answer]
    return Listing([*note, *items])
