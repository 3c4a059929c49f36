"""What students type to the calculator: scale words, counts per note, percentages, the CES
on 1-5 and 1-7, and tables pasted from annexe 7 of the Climatech case."""

from __future__ import annotations

import json

import pytest

from logic.results import Message
from logic.survey.calculator.compute import compute_from_text
from logic.survey.calculator.counts import read_pairs, untable
from logic.survey.calculator.reading import Scale, prepare, take_scale
from logic.survey.calculator.reply import Ask, FiguresReply
from logic.text.catalogue import render


def _text(reply: FiguresReply) -> str:
    return render(reply.answer)


def _complete(text: str, topic: str, *fragments: str) -> FiguresReply:
    reply = compute_from_text(text)
    assert reply.complete, _text(reply)
    assert reply.topic == topic
    for fragment in fragments:
        assert fragment in _text(reply), _text(reply)
    return reply


@pytest.mark.parametrize(
    "text",
    [
        "calcule le NPS avec les notes 3, 8, 9 et 9 sur une échelle de 1 à 10",
        "NPS avec les notes 3, 8, 9 et 9 sur une échelle de 0 à 10",
        "NPS de 0 à 10 : 3, 8, 9, 9",
        "NPS sur 10 : 3, 8, 9 et 9",
        "NPS avec les notes 3/10, 8/10, 9/10 et 9/10",
        "calcule le NPS (0-10) : 3 8 9 9",
        "les notes de recommandation (de 0 à 10) sont 3, 8, 9 et 9, quel NPS ?",
    ],
)
def test_scale_words_are_not_answers(text: str) -> None:
    reply = _complete(text, "nps", "Classement des 4 notes", "NPS = 50 − 25 = +25")
    assert reply.figures == {
        "topic": "nps",
        "unit": "count",
        "values": {"promoters": 2, "passives": 1, "detractors": 1},
    }


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("sur une echelle de 1 a 10", Scale(1, 10)),
        ("de 0 a 10", Scale(0, 10)),
        ("sur 10", Scale(0, 10)),
        ("/10", Scale(0, 10)),
        ("(1-5)", Scale(1, 5)),
        ("entre 1 et 7", Scale(1, 7)),
        ("echelle de 5 a 1", Scale(1, 5)),
        ("de 1 (faible) a 5 (eleve)", Scale(1, 5)),
        ("10 notes de 1 et 5 notes de 3", None),
        ("sur 10 reponses", None),
    ],
)
def test_take_scale(text: str, scale: Scale | None) -> None:
    assert take_scale(prepare(text))[0] == scale


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # the bot's own suggested wording, once answered "La note 10 est hors de l'échelle"
        ("CES avec 10 notes de 1 et 5 notes de 3", "10 × 1 + 5 × 3 = 25"),
        ("calcule le CES avec 40 réponses à 1, 45 à 2, 10 à 3 et 5 à 4", "= 180"),
        ("CES : 40 clients ont mis 1, 45 ont mis 2, 10 ont mis 3 et 5 ont mis 4", "= 180"),
        ("CES : la note 1 donnée 40 fois, la note 2 donnée 45 fois", "40 × 1 + 45 × 2"),
        ("CES sur une échelle de 1 à 5 : 10 notes de 1 et 5 notes de 3", "≈ 1,7"),
    ],
)
def test_ces_counts_per_note(text: str, fragment: str) -> None:
    _complete(text, "ces", fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("NPS : 12 personnes ont mis 9, 3 ont mis 5", "NPS = 80 − 20 = +60"),
        ("NPS avec 10 notes de 9, 5 notes de 7 et 5 notes de 2", "NPS = 50 − 25 = +25"),
        ("NPS : 38 notes de 9 ou 10, 42 de 7 ou 8, 20 en dessous", "NPS = 38 − 20 = +18"),
        ("120 réponses : 50 notes de 9-10, 40 de 7-8, 30 de 0 à 6, nps ?", "+16,7"),
        (
            "Calculez le NPS : sur 20 clients interrogés, 9 ont donné 9 ou 10, 6 ont donné 7 ou "
            "8 et 5 ont donné de 0 à 6.",
            "NPS = 45 − 25 = +20",
        ),
    ],
)
def test_nps_counts_per_note(text: str, fragment: str) -> None:
    _complete(text, "nps", fragment)


@pytest.mark.parametrize(
    "text",
    [
        "NPS avec 50 % de promoteurs et 20 % de détracteurs",
        "NPS : 50% promoteurs, 20% détracteurs",
        "NPS : promoteurs 50 %, détracteurs 20 %",
        "le NPS si 50 pour cent de promoteurs et 20 pour cent de détracteurs",
        "50 % de promoteurs et 20 % de détracteurs",
    ],
)
def test_nps_percentages(text: str) -> None:
    reply = _complete(text, "nps", "NPS = 50 − 20 = +30", "30 % (hors formule)")
    assert reply.figures == {
        "topic": "nps",
        "unit": "percent",
        "values": {"promoters": 50, "detractors": 20},
    }


@pytest.mark.parametrize(
    "text",
    [
        "NPS : 45 promoteurs, 35 passifs, 20 détracteurs",
        "NPS : 50 % de promoteurs et 20 % de détracteurs",
        "NPS avec les notes 9, 7 et 3",
    ],
)
def test_the_nps_says_passives_count_in_the_total_not_in_the_formula(text: str) -> None:
    expected = "Les passifs (7-8) comptent dans le total des réponses mais pas dans la formule"
    assert expected in _text(compute_from_text(text))


def test_ces_on_the_course_1_to_7_example_says_which_bands_the_course_defines() -> None:
    reply = _complete(
        "CES avec les notes 2, 6, 7 et 5 sur une échelle de 1 à 7",
        "ces",
        "CES = 20 / 4 = 5",
        "Effort moyen de 5 sur 7",
        "1-2 : faible, 3-4 : moyen, 5 : élevé",
        "qu'en exemple",
    )
    assert reply.figures is not None and reply.figures["scale"] == 7
    _complete("CES sur 7 : 2, 6, 7", "ces", "15 / 3 = 5")


def test_ces_on_1_to_5_gives_the_course_bands() -> None:
    _complete("CES (1-5) : 1, 2, 2, 5", "ces", "effort faible (1-2) 75 %", "élevé (5) 25 %")


def test_ces_notes_above_5_without_a_scale_ask_for_it() -> None:
    reply = compute_from_text("CES avec les notes 1, 7 et 3")
    assert isinstance(reply.answer, Message) and reply.answer.code is Ask.CES_OFF_SCALE
    assert "1 à 7" in _text(reply)


def test_a_wrong_scale_is_questioned() -> None:
    nps = compute_from_text("NPS sur une échelle de 1 à 5 : 4, 5, 2")
    assert isinstance(nps.answer, Message) and nps.answer.code is Ask.NPS_SCALE
    ces = compute_from_text("CES sur une échelle de 0 à 10 : 4, 5, 2")
    assert isinstance(ces.answer, Message) and ces.answer.code is Ask.CES_SCALE


ANNEXE7_TABLE = (
    "|Note de 1 à 10 |1 |2 |3 |4 |\n"
    "|Note de 1 à 4 |1 |2 |3 |4 |\n"
    "|Nombre de Réponses |40 |45 |10 |5 |"
)


@pytest.mark.parametrize(
    "table",
    [
        "Note 1 | 40\nNote 2 | 45\nNote 3 | 10\nNote 4 | 5",
        "Note\tRéponses\n1\t40\n2\t45\n3\t10\n4\t5",
        "1 : 40\n2 : 45\n3 : 10\n4 : 5",
        "| Note | Réponses |\n|---|---|\n| 1 | 40 |\n| 2 | 45 |\n| 3 | 10 |\n| 4 | 5 |",
        "|Note de 1 à 4 |1 |2 |3 |4 |\n|Nombre de Réponses |40 |45 |10 |5 |",
        "note 1 : 40, note 2 : 45, note 3 : 10, note 4 : 5",
    ],
)
def test_tables_pasted_from_annexe7(table: str) -> None:
    ces = _complete("calcule le CES :\n" + table, "ces", "180 / 100 = 1,8")
    assert ces.figures is not None and ces.figures["values"] == {"1": 40, "2": 45, "3": 10, "4": 5}
    # without an indicator, the table of annexe 7 gets the reading of annexe 7
    alone = _complete(table, "annexe7", "Annexe 7", "hypothèse")
    assert alone.figures is None


def test_the_whole_table_of_annexe7_reads_only_the_counted_row() -> None:
    assert "40 notes de 1, 45 notes de 2" in untable(ANNEXE7_TABLE)
    _complete(ANNEXE7_TABLE, "annexe7", "180 / 100 = 1,8")


def test_a_csat_on_notes_1_to_4_gives_both_directions() -> None:
    table = "|Note de 1 à 4 |1 |2 |3 |4 |\n|Nombre de Réponses |30 |45 |10 |5 |"
    _complete("CSAT\n" + table, "csat", "(30 + 45) / 90 = 83,3 %", "(10 + 5) / 90 = 16,7 %")


def test_a_scale_then_notes_after_a_colon_is_not_a_table() -> None:
    assert untable("NPS de 0 à 10 : 9, 9, 3, 8") == "NPS de 0 à 10 : 9, 9, 3, 8"


def test_read_pairs_in_writing_order() -> None:
    pairs = read_pairs(prepare("40 réponses à 1, 45 à 2, 10 à 3 et 5 à 4")).pairs
    assert [(int(n), int(c)) for n, c in pairs] == [(1, 40), (2, 45), (3, 10), (4, 5)]


def test_the_quiz_computations_pasted_in_the_calculator() -> None:
    _complete(
        "Calculez le CES moyen : 5 clients ont noté leur effort de 1 (faible) à 5 (élevé) : "
        "1, 2, 2, 4, 5.",
        "ces",
        "14 / 5 = 2,8",
    )
    _complete(
        "Calculez le CSAT (en %) : sur 20 réponses, 5 très satisfaits, 6 satisfaits, "
        "5 insatisfaits, 4 très insatisfaits.",
        "csat",
        "11 / 20 × 100 = 55 %",
    )


@pytest.mark.parametrize(
    "text",
    [
        "CES avec 10 notes de 1 et 5 notes de 3",
        "NPS avec 50 % de promoteurs et 20 % de détracteurs",
        "sur 200 réponses, 90 très satisfaits et 50 satisfaits",
        "NPS : 12 personnes ont mis 9, 3 ont mis 5",
        "CES avec les notes 2, 6, 7 sur une échelle de 1 à 7",
    ],
)
def test_the_figures_are_plain_json(text: str) -> None:
    figures = compute_from_text(text).figures
    assert figures is not None
    assert json.loads(json.dumps(figures)) == figures


@pytest.mark.parametrize(
    ("text", "topic", "fragment"),
    [
        ("NPS notes 1 à 10 : 3 8 9 9", "nps", "+25"),
        ("ces : 12 réponses à 1, 30 à 2, 8 à 3 et 2 à 5", "ces", "= 106"),
        ("calculer ces pour les notes 5, 4, 4, 2", "ces", "15 / 4"),
        ("csat avec 18 tres satisfaits et 22 satisfaits sur 50", "csat", "40 / 50 × 100 = 80 %"),
        ("CSAT : note 1 40, note 2 45, note 3 10, note 4 5", "csat", "(40 + 45) / 100 = 85 %"),
        ("calcule le ces : 1 | 40, 2 | 45, 3 | 10, 4 | 5", "ces", "180 / 100 = 1,8"),
        ("CES (notes de 1 à 4) : 1, 2, 4", "ces", "7 / 3"),
        ("CES : 3 fois 1, 2 fois 4", "ces", "11 / 5"),
    ],
)
def test_more_student_phrasings(text: str, topic: str, fragment: str) -> None:
    _complete(text, topic, fragment)
