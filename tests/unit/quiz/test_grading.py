"""Grading one answer: options, true/false words, numbers, the similarity signal, feedback."""

from __future__ import annotations

import pytest

from logic.quiz.bank import question_by_id
from logic.quiz.grading import Feedback, Note, grade, parse_answer_number
from logic.text.catalogue import render

# --- multiple choice and true / false --------------------------------------------------------


def test_mcq_accepts_letters_numbers_and_close_typos() -> None:
    question = question_by_id("ubiquite-1")  # answer: "L'ubiquité"
    letter = "ABCD"[question.options.index("L'ubiquité")]
    for answer in [letter, letter.lower(), f"{letter})", f"réponse {letter}", "l'ubiquité",
                   "ubiquite", "L'ubiquitée", "ubiqité"]:  # fmt: skip
        assert grade(question, answer).correct, answer
    for answer in ["La cannibalisation", "cross-canal", "le ropo", "omnicanal", "E", "5", ""]:
        assert not grade(question, answer).correct, answer


def test_mcq_numeric_options_need_the_exact_figure() -> None:
    question = question_by_id("kumar_rangaswamy-1")  # answer: 60 076
    assert grade(question, "60 076").correct
    assert grade(question, "60076").correct
    assert not grade(question, "13 250").correct
    assert not grade(question, "60 067").correct


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("vrai", True), ("Vrai", True), ("V", True), ("oui", True), ("c'est vrai !", True),
     ("exact", True), ("faux", False), ("FAUX.", False), ("f", False), ("non", False),
     ("c'est faux", False), ("pas vrai", False), ("non, c'est vrai", True)],
)  # fmt: skip
def test_true_false_words(answer: str, verdict: bool) -> None:
    true_q = question_by_id("multicanal-2")  # a true statement
    false_q = question_by_id("monocanal-2")  # a false statement
    assert grade(true_q, answer).correct is verdict
    assert grade(false_q, answer).correct is (not verdict)


def test_true_false_without_a_verdict_is_wrong_and_says_so() -> None:
    verdict = grade(question_by_id("multicanal-2"), "peut-être")
    assert not verdict.correct
    assert verdict.note is Note.NO_VERDICT
    assert "vrai ou faux" in render(verdict.feedback)


# --- computations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "good", "bad"),
    [
        # 12 promoters, 5 passives, 3 detractors: 60 % - 15 % = +45
        ("calc-nps-12-5-3", ["45", "+45", "45 %", "45,0", "45.0", "NPS = 60 - 15 = 45",
                             "+45 points", "60-15 donc 45"], ["-45", "44", "60", "4,5"]),
        # 4 promoters, 2 passives, 14 detractors: 20 % - 70 % = -50
        ("calc-nps-4-2-14", ["-50", "−50", "- 50 %", "moins 50", "-50,0"], ["50", "+50", "-5"]),
        # as many promoters as detractors: 0
        ("calc-nps-3-2-3", ["0", "0 %", "+0"], ["1", "37,5"]),
        # 13 promoters, 17 passives, 10 detractors out of 40: 32,5 % - 25 % = +7,5
        ("calc-nps-13-17-10", ["7,5", "+7,5", "7.5", "7,50 %"], ["7", "8", "75", "-7,5"]),
        # CSAT: 15 + 20 satisfied out of 50 = 70 %
        ("calc-csat-15-20-10-5", ["70", "70 %", "70,0 %", "CSAT = 30 % + 40 % = 70 %"],
         ["35", "30", "7"]),
        # CES: (2 + 3 + 1 + 4 + 2) / 5 = 2,4
        ("calc-ces-2-3-1-4-2", ["2,4", "2.4", "2,40", "CES = 12 / 5 = 2,4"], ["2", "12", "2,5"]),
    ],
)  # fmt: skip
def test_computation_answers_accept_french_number_formats(
    qid: str, good: list[str], bad: list[str]
) -> None:
    question = question_by_id(qid)
    for answer in good:
        assert grade(question, answer).correct, answer
    for answer in bad:
        assert not grade(question, answer).correct, answer


def test_the_number_given_is_read_after_the_last_equals_sign_or_conclusion() -> None:
    assert parse_answer_number("60 - 40 = 20") == 20
    assert parse_answer_number("moins 12,5") == -12.5
    assert parse_answer_number("60-15 donc 45") == 45
    assert parse_answer_number("beaucoup") is None


def test_computation_feedback_shows_the_steps() -> None:
    question = question_by_id("calc-nps-12-5-3")
    feedback = render(grade(question, "30").feedback)
    assert "La bonne réponse : +45" in feedback
    assert "60 − 15" in feedback  # the step-by-step explanation of the indicators
    assert "À revoir : Le NPS" in feedback
    no_number = grade(question, "beaucoup")
    assert no_number.note is Note.NO_NUMBER
    assert "pas trouvé de nombre" in render(no_number.feedback)


# --- don't know, and the feedback ------------------------------------------------------------


def test_dont_know_is_wrong_and_gets_the_answer() -> None:
    question = question_by_id("ropo-1")
    for answer in ["je ne sais pas", "Aucune idée", "?", "  "]:
        verdict = grade(question, answer, similarity_fn=None)
        assert not verdict.correct and verdict.note is Note.DONT_KNOW
        assert "Research Online" in render(verdict.feedback)


def test_feedback_gives_the_answer_the_explanation_and_the_concept() -> None:
    question = question_by_id("va_magasin-1")
    right = grade(question, "Humain, démonstration, concret")
    assert right.correct and right.feedback.code is Feedback.RIGHT and right.note is None
    assert render(right.feedback).startswith("Bonne réponse !")
    assert render(question.explanation) in render(right.feedback)
    wrong = grade(question, "Échange, rapidité")
    assert not wrong.correct
    assert wrong.feedback.code is Feedback.WRONG and wrong.note is Note.NOT_QUITE
    text = render(wrong.feedback)
    assert text.startswith("Pas tout à fait. La bonne réponse : Humain, démonstration, concret")
    assert render(question.explanation) in text
    assert text.endswith("À revoir : VA du magasin")


def test_a_typed_right_answer_is_shown_with_the_expected_one() -> None:
    question = question_by_id("ropo-1")
    right = grade(question, "research online purchase offline", similarity_fn=None)
    assert right.feedback.code is Feedback.RIGHT_EXPECTED
    assert render(right.feedback).startswith(
        f"Bonne réponse ! Réponse attendue : {question.answer}\n"
    )


# --- the similarity signal (fake, so no spaCy load) ------------------------------------------


class FakeSimilarity:
    """Returns a fixed score and records its calls."""

    def __init__(self, score: float | None) -> None:
        self.score = score
        self.calls: list[tuple[str, str]] = []

    def __call__(self, answer: str, expected: str) -> float | None:
        self.calls.append((answer, expected))
        return self.score


def test_similarity_bridges_one_missing_keyword_group() -> None:
    question = question_by_id("parcours_client_definition-1")  # needs 2 of 3 groups
    answer = "les étapes vécues"  # one group only
    assert not grade(question, answer, similarity_fn=None).correct
    assert grade(question, answer, similarity_fn=FakeSimilarity(0.9)).correct
    assert not grade(question, answer, similarity_fn=FakeSimilarity(0.5)).correct
    assert not grade(question, answer, similarity_fn=FakeSimilarity(None)).correct


def test_similarity_is_not_asked_when_keywords_decide() -> None:
    fake = FakeSimilarity(1.0)
    definition = question_by_id("parcours_client_definition-1")
    assert grade(definition, "les étapes du client", similarity_fn=fake).correct
    assert not grade(definition, "une chaise bleue", similarity_fn=fake).correct  # 0 group
    ropo = question_by_id("ropo-1")  # "exact": lists and acronyms use keywords only
    assert not grade(ropo, "recherche en ligne et achat", similarity_fn=fake).correct
    assert not grade(ropo, "achat en ligne", similarity_fn=fake).correct  # rejected
    assert fake.calls == []


def test_similarity_receives_the_answer_and_the_expected_text() -> None:
    fake = FakeSimilarity(0.95)
    question = question_by_id("tchat-1")
    assert grade(question, "une messagerie", similarity_fn=fake).correct
    assert fake.calls == [("une messagerie", question.answer)]
