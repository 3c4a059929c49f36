"""Generated phrasings (notes listed or counted in any order, with or without scale words,
percentages in several forms, follow-ups) checked against the formulas computed directly."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from logic.survey.calculator.compute import compute_from_text
from logic.survey.calculator.reply import FiguresReply
from logic.survey.formulas import fmt
from logic.text.catalogue import render

NPS_SCALES = [
    "sur une échelle de 0 à 10",
    "sur une échelle de 1 à 10",
    "de 0 à 10",
    "sur 10",
    "(0-10)",
]
CES_SCALES = ["sur une échelle de 1 à 5", "de 1 à 5", "sur 5", "(1-5)", "entre 1 et 5"]
COUNT_FORMS = [
    "{c} notes de {n}",
    "{c} réponses à {n}",
    "{c} personnes ont mis {n}",
    "{c} clients avec la note {n}",
]


def _line(reply: FiguresReply, start: str) -> str:
    text = render(reply.answer)
    assert reply.complete, text
    [line] = [line for line in text.splitlines() if line.startswith(start)]
    return line


def _nps(counts: Counter[int]) -> str:
    n = sum(counts.values())
    p = sum(c for note, c in counts.items() if note >= 9)
    d = sum(c for note, c in counts.items() if note <= 6)
    return fmt(Fraction(100 * (p - d), n), sign=True)


def _ces(counts: Counter[int]) -> str:
    return fmt(Fraction(sum(n * c for n, c in counts.items()), sum(counts.values())))


def _listed(notes: list[int]) -> str:
    shown = [str(n) for n in notes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " et " + shown[-1]


@st.composite
def _counted(draw: st.DrawFn, low: int, high: int) -> tuple[Counter[int], str]:
    notes = draw(st.lists(st.integers(low, high), min_size=1, max_size=6, unique=True))
    counts = Counter({n: draw(st.integers(1, 60)) for n in notes})
    parts = []
    for index, note in enumerate(notes):
        elliptic = index > 0 and draw(st.booleans())
        form = "{c} à {n}" if elliptic else draw(st.sampled_from(COUNT_FORMS))
        parts.append(form.format(c=counts[note], n=note))
    return counts, _listed_parts(parts)


def _listed_parts(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _with_scale(draw: st.DrawFn, body: str, scales: list[str]) -> str:
    scale = draw(st.one_of(st.none(), st.sampled_from(scales)))
    if scale is None:
        return body
    return f"{scale} : {body}" if draw(st.booleans()) else f"{body} {scale}"


@settings(max_examples=150)
@given(st.data(), st.lists(st.integers(0, 10), min_size=1, max_size=25))
def test_nps_from_listed_notes(data: st.DataObject, notes: list[int]) -> None:
    text = "NPS " + _with_scale(data.draw, "avec les notes " + _listed(notes), NPS_SCALES)
    reply = compute_from_text(text)
    assert _line(reply, "4. NPS").endswith(f"= {_nps(Counter(notes))}."), text


@settings(max_examples=150)
@given(st.data())
def test_nps_from_counted_notes(data: st.DataObject) -> None:
    counts, body = data.draw(_counted(0, 10))
    text = "calcule le NPS : " + _with_scale(data.draw, body, NPS_SCALES)
    reply = compute_from_text(text)
    assert _line(reply, "4. NPS").endswith(f"= {_nps(counts)}."), text
    assert reply.figures is not None and sum(reply.figures["values"].values()) == sum(
        counts.values()
    )


@settings(max_examples=150)
@given(st.data())
def test_ces_from_counted_notes(data: st.DataObject) -> None:
    counts, body = data.draw(_counted(1, 5))
    text = "CES " + _with_scale(data.draw, body, CES_SCALES)
    reply = compute_from_text(text)
    line = _line(reply, "3. CES")
    assert re.search(rf"[=≈] {re.escape(_ces(counts))}\.$", line), (text, line)
    assert reply.figures is not None
    assert reply.figures["values"] == {str(n): c for n, c in sorted(counts.items())}


@settings(max_examples=100)
@given(st.data(), st.lists(st.integers(1, 7), min_size=1, max_size=20))
def test_ces_on_the_1_to_7_scale(data: st.DataObject, notes: list[int]) -> None:
    scale = data.draw(st.sampled_from(["sur une échelle de 1 à 7", "de 1 à 7", "sur 7", "(1-7)"]))
    reply = compute_from_text(f"CES {scale} : {_listed(notes)}")
    line = _line(reply, "3. CES")
    assert re.search(rf"[=≈] {re.escape(_ces(Counter(notes)))}\.$", line), line


PERCENT_FORMS = [
    "{p} % de promoteurs et {d} % de détracteurs",
    "{d} % de détracteurs et {p} % de promoteurs",
    "promoteurs {p} %, détracteurs {d} %",
    "{p}% promoteurs, {d}% détracteurs",
    "{p} pour cent de promoteurs et {d} pour cent de détracteurs",
]


@settings(max_examples=150)
@given(st.data(), st.integers(0, 100))
def test_nps_from_percentages(data: st.DataObject, p: int) -> None:
    d = data.draw(st.integers(0, 100 - p))
    form = data.draw(st.sampled_from(PERCENT_FORMS))
    prefix = data.draw(st.sampled_from(["NPS : ", "calcule le NPS avec ", ""]))
    reply = compute_from_text(prefix + form.format(p=p, d=d))
    assert _line(reply, "2. NPS").endswith(f"= {fmt(p - d, sign=True)}."), form


@settings(max_examples=100)
@given(st.data(), st.permutations(["promoteurs", "passifs", "détracteurs"]))
def test_nps_categories_in_any_order_and_a_follow_up(data: st.DataObject, order: list[str]) -> None:
    counts = {word: data.draw(st.integers(1, 80)) for word in order}
    body = ", ".join(f"{counts[w]} {w}" for w in order)
    reply = compute_from_text("NPS avec " + body)
    n = sum(counts.values())
    expected = fmt(Fraction(100 * (counts["promoteurs"] - counts["détracteurs"]), n), sign=True)
    assert _line(reply, "4. NPS").endswith(f"= {expected}.")
    # the follow-up gives what the whole new figures would
    new = data.draw(st.integers(0, 80))
    again = compute_from_text(f"et avec {new} promoteurs ?", reply.figures)
    direct = compute_from_text(
        "NPS avec " + body.replace(f"{counts['promoteurs']} promoteurs", f"{new} promoteurs")
    )
    assert _line(again, "4. NPS") == _line(direct, "4. NPS")


def _table(counts: Counter[int], form: str) -> str:
    notes = sorted(counts)
    if form == "horizontal":
        head = "|Note |" + " |".join(str(n) for n in notes) + " |"
        return head + "\n|Nombre de réponses |" + " |".join(str(counts[n]) for n in notes) + " |"
    row = {"pipe": "Note {n} | {c}", "tab": "{n}\t{c}", "colon": "{n} : {c}"}[form]
    return "\n".join(row.format(n=n, c=counts[n]) for n in notes)


@settings(max_examples=100)
@given(
    st.dictionaries(st.integers(1, 5), st.integers(1, 99), min_size=2, max_size=5),
    st.sampled_from(["horizontal", "pipe", "tab", "colon"]),
)
def test_ces_from_a_pasted_table(counts: dict[int, int], form: str) -> None:
    table = _table(Counter(counts), form)
    reply = compute_from_text("calcule le CES de ce tableau :\n" + table)
    line = _line(reply, "3. CES")
    assert re.search(rf"[=≈] {re.escape(_ces(Counter(counts)))}\.$", line), (table, line)


@settings(max_examples=100)
@given(
    st.dictionaries(st.integers(1, 5), st.integers(1, 40), min_size=1, max_size=5),
    st.integers(1, 5),
    st.integers(1, 30),
)
def test_adding_notes_to_a_ces_is_the_ces_of_all_the_notes(
    counts: dict[int, int], note: int, added: int
) -> None:
    first = compute_from_text(
        "CES avec " + ", ".join(f"{c} notes de {n}" for n, c in counts.items())
    )
    again = compute_from_text(f"et si on ajoute {added} notes de {note} ?", first.figures)
    total = Counter(counts) + Counter({note: added})
    assert re.search(rf"[=≈] {re.escape(_ces(total))}\.$", _line(again, "3. CES"))
