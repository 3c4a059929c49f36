"""Revision quiz: question bank, generation, exact computations, tolerant grading, summary."""

from __future__ import annotations

import random
import re
from fractions import Fraction

import pytest

from logic import indicators as ind
from logic import quiz as qz
from logic.concepts import load_registry
from logic.text.matching import normalize

BANK = qz.load_bank()
REGISTRY = load_registry()
THEMES = sorted(REGISTRY.themes)


def by_kind(kind: str) -> list[qz.Question]:
    return [q for q in BANK if q.kind == kind]


def keyword_grade(qid: str, answer: str) -> bool:
    """Keyword-only grading (no spaCy): what the unit tests rely on."""
    return qz.grade(qz.question_by_id(qid), answer, similarity_fn=None).correct


# --- the stored bank -------------------------------------------------------------------------


def test_every_concept_has_a_question_and_most_have_two() -> None:
    counts = {key: 0 for key in REGISTRY.concepts}
    for question in BANK:
        counts[question.concept] += 1
    assert all(counts.values()), [k for k, v in counts.items() if not v]
    assert sum(v >= 2 for v in counts.values()) > len(counts) / 2


def test_questions_carry_their_concept_theme_and_an_explanation() -> None:
    for question in BANK:
        assert question.theme == REGISTRY.concepts[question.concept].theme
        sentences = re.findall(r"[.!?…](?:\s|$)", question.explanation)
        assert 1 <= len(sentences) <= 2, question.id
    assert len({q.id for q in BANK}) == len(BANK)


def test_every_stored_kind_is_present() -> None:
    assert {q.kind for q in BANK} == {"mcq", "true_false", "short"}


@pytest.mark.parametrize("question", by_kind("mcq"), ids=lambda q: q.id)
def test_mcq_distractors_never_equal_the_answer(question: qz.Question) -> None:
    assert len(question.options) == 4
    assert question.options.count(question.answer) == 1
    normalized = [normalize(o) for o in question.options]
    assert len(set(normalized)) == 4
    # An option that reads like a letter or a number would be confused with a position.
    assert not any(re.fullmatch(r"[a-d]|[1-4]", n) for n in normalized)


@pytest.mark.parametrize("question", by_kind("mcq"), ids=lambda q: q.id)
def test_mcq_each_option_grades_as_itself(question: qz.Question) -> None:
    for index, option in enumerate(question.options):
        expected = option == question.answer
        assert qz.grade(question, option).correct is expected
        assert qz.grade(question, "ABCD"[index]).correct is expected
        assert qz.grade(question, str(index + 1)).correct is expected


@pytest.mark.parametrize("question", by_kind("true_false"), ids=lambda q: q.id)
def test_true_false_questions_explain_false_statements(question: qz.Question) -> None:
    assert question.options == ("Vrai", "Faux")
    assert question.answer in question.options
    if question.answer == "Faux":
        assert question.explanation.startswith("Faux :")


@pytest.mark.parametrize("question", by_kind("short"), ids=lambda q: q.id)
def test_short_questions_accept_their_own_expected_answer(question: qz.Question) -> None:
    assert 1 <= question.min_groups <= len(question.keywords)
    assert qz.grade(question, question.answer, similarity_fn=None).correct


def test_question_by_id_rebuilds_the_same_question() -> None:
    for question in BANK:
        assert qz.question_by_id(question.id) == question
    with pytest.raises(KeyError):
        qz.question_by_id("nope-1")
    with pytest.raises(KeyError):
        qz.question_by_id("calc-nps-x-1-2")


# --- computation questions -----------------------------------------------------------------


def figures(question: qz.Question) -> list[int]:
    return [int(n) for n in question.id.split("-")[2:]]


@pytest.mark.parametrize("seed", range(60))
def test_computation_answers_are_exact(seed: int) -> None:
    rng = random.Random(seed)
    nps = qz.make_computation("nps", rng)
    p, pa, d = figures(nps)
    assert nps.value == Fraction(100 * (p - d), p + pa + d)
    assert nps.value == Fraction(str(ind.nps_from_counts(p, pa, d).score))
    assert nps.answer == ind.fmt(float(nps.value), sign=True)

    csat = qz.make_computation("csat", rng)
    counts = figures(csat)
    assert csat.value == Fraction(100 * (counts[0] + counts[1]), sum(counts))
    mapping = dict(zip(ind.CSAT_KEYS, counts, strict=True))
    assert csat.value == Fraction(str(ind.csat_from_counts(mapping).score))

    ces = qz.make_computation("ces", rng)
    scores = figures(ces)
    assert ces.value == Fraction(sum(scores), len(scores))
    assert ces.value == Fraction(str(ind.ces(scores).mean))

    for question in (nps, csat, ces):
        assert question.kind == "computation" and question.theme == "indicateurs"
        assert qz.grade(question, question.answer).correct
        assert qz.question_by_id(question.id) == question


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
    question = qz.question_by_id(qid)
    for answer in good:
        assert qz.grade(question, answer).correct, answer
    for answer in bad:
        assert not qz.grade(question, answer).correct, answer


def test_computation_feedback_shows_the_steps() -> None:
    question = qz.question_by_id("calc-nps-12-5-3")
    feedback = qz.grade(question, "30").feedback
    assert "La bonne réponse : +45" in feedback
    assert "60 − 15" in feedback  # the step-by-step explanation of logic.indicators
    assert "À revoir : Le NPS" in feedback
    assert "pas trouvé de nombre" in qz.grade(question, "beaucoup").feedback


# --- quiz generation -----------------------------------------------------------------------


@pytest.mark.parametrize("theme", [None, *THEMES])
@pytest.mark.parametrize("size", [5, 10])
def test_quiz_has_no_repetition_and_respects_the_theme(theme: str | None, size: int) -> None:
    for seed in range(15):
        quiz = qz.generate_quiz(size, theme, rng=random.Random(seed))
        assert len(quiz) == size
        assert len({q.id for q in quiz}) == size
        if theme is not None:
            assert {q.theme for q in quiz} == {theme}


def test_quiz_mixes_kinds_and_includes_computations() -> None:
    for seed in range(20):
        quiz = qz.generate_quiz(10, rng=random.Random(seed))
        kinds = [q.kind for q in quiz]
        assert set(kinds) == {"mcq", "true_false", "short", "computation"}
        assert max(kinds.count(k) for k in set(kinds)) <= 4
        assert len({q.concept for q in quiz}) == 10
        indicators = qz.generate_quiz(10, "indicateurs", rng=random.Random(seed))
        assert sum(q.kind == "computation" for q in indicators) >= 3
        assert not any(q.kind == "computation" for q in qz.generate_quiz(10, "canaux"))


def test_exclude_ids_are_avoided_when_possible() -> None:
    rng = random.Random(3)
    first = qz.generate_quiz(10, rng=rng)
    second = qz.generate_quiz(10, exclude_ids=[q.id for q in first], rng=rng)
    assert not {q.id for q in first} & {q.id for q in second}


def test_exclude_ids_fall_back_to_seen_questions_when_the_theme_runs_out() -> None:
    pool = [q.id for q in BANK if q.theme == "climatech"]
    seen = pool[:10]
    quiz = qz.generate_quiz(10, "climatech", exclude_ids=seen, rng=random.Random(1))
    ids = {q.id for q in quiz}
    assert len(ids) == 10
    assert set(pool[10:]) <= ids  # every unseen question is used before any repeat


@pytest.mark.parametrize("theme", THEMES)
def test_every_concept_is_reachable_through_generate_quiz(theme: str) -> None:
    """Successive quizzes, each excluding what was asked, end up covering every concept."""
    seen: set[str] = set()
    concepts: set[str] = set()
    rng = random.Random(7)
    for _ in range(20):
        quiz = qz.generate_quiz(10, theme, exclude_ids=seen, rng=rng)
        seen |= {q.id for q in quiz}
        concepts |= {q.concept for q in quiz}
    assert concepts == {c.key for c in REGISTRY.by_theme(theme)}


def test_generation_is_reproducible_and_checks_its_arguments() -> None:
    first = qz.generate_quiz(10, rng=random.Random(42))
    again = qz.generate_quiz(10, rng=random.Random(42))
    assert [q.id for q in first] == [q.id for q in again]
    with pytest.raises(ValueError):
        qz.generate_quiz(5, "astronomie")
    with pytest.raises(ValueError):
        qz.generate_quiz(0)


def test_retry_gives_back_the_missed_questions_with_fresh_figures() -> None:
    retried = qz.retry_questions(["ropo-1", "calc-nps-12-5-3"], rng=random.Random(5))
    assert retried[0] == qz.question_by_id("ropo-1")
    assert retried[1].kind == "computation" and retried[1].concept == "nps"
    assert retried[1].id.startswith("calc-nps-")


# --- grading: multiple choice and true / false ---------------------------------------------


def test_mcq_accepts_letters_numbers_and_close_typos() -> None:
    question = qz.question_by_id("ubiquite-1")  # answer: "L'ubiquité"
    letter = "ABCD"[question.options.index("L'ubiquité")]
    for answer in [letter, letter.lower(), f"{letter})", f"réponse {letter}", "l'ubiquité",
                   "ubiquite", "L'ubiquitée", "ubiqité"]:  # fmt: skip
        assert qz.grade(question, answer).correct, answer
    for answer in ["La cannibalisation", "cross-canal", "le ropo", "omnicanal", "E", "5", ""]:
        assert not qz.grade(question, answer).correct, answer


def test_mcq_numeric_options_need_the_exact_figure() -> None:
    question = qz.question_by_id("kumar_rangaswamy-1")  # answer: 60 076
    assert qz.grade(question, "60 076").correct
    assert qz.grade(question, "60076").correct
    assert not qz.grade(question, "13 250").correct
    assert not qz.grade(question, "60 067").correct


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("vrai", True), ("Vrai", True), ("V", True), ("oui", True), ("c'est vrai !", True),
     ("exact", True), ("faux", False), ("FAUX.", False), ("f", False), ("non", False),
     ("c'est faux", False), ("pas vrai", False), ("non, c'est vrai", True)],
)  # fmt: skip
def test_true_false_words(answer: str, verdict: bool) -> None:
    true_q = qz.question_by_id("multicanal-2")  # a true statement
    false_q = qz.question_by_id("monocanal-2")  # a false statement
    assert qz.grade(true_q, answer).correct is verdict
    assert qz.grade(false_q, answer).correct is (not verdict)


def test_true_false_without_a_verdict_is_wrong_and_says_so() -> None:
    grade = qz.grade(qz.question_by_id("multicanal-2"), "peut-être")
    assert not grade.correct
    assert "vrai ou faux" in grade.feedback


# --- grading: short answers (real good and bad answers, keywords only) ----------------------

SHORT_CASES = [
    ("ropo-1", "research online purchase offline", True),
    ("ropo-1", "Research Online, Purchase Offline", True),
    ("ropo-1", "recherche en ligne achat en magasin", True),
    ("ropo-1", "on se renseigne sur internet puis on achète en boutique", True),
    ("ropo-1", "reserch onlin purchase ofline", True),
    ("ropo-1", "achat en ligne livraison à domicile", False),
    ("ropo-1", "acheter en ligne", False),
    ("ropo-1", "recherche en ligne", False),
    ("ropo-1", "recherche sur internet et achat en ligne", False),
    ("crm_grc-1", "Customer Relationship Management", True),
    ("crm_grc-1", "gestion de la relation client", True),
    ("crm_grc-1", "centre de relation client", False),
    ("crm_grc-1", "gestion des stocks", False),
    ("cross_selling-2", "la vente additionnelle", True),
    ("cross_selling-2", "proposer des produits complémentaires", True),
    ("cross_selling-2", "vente additionnelle, pas une montée en gamme", True),
    ("cross_selling-2", "vendre un produit plus cher", False),
    ("cross_selling-2", "la montée en gamme", False),
    ("up_selling-2", "la montée en gamme", True),
    ("up_selling-2", "monter en gamme", True),
    ("up_selling-2", "la vente additionnelle", False),
    ("nps-2", "% promoteurs - % détracteurs", True),
    ("nps-2", "pourcentage de promoteurs moins pourcentage de détracteurs", True),
    ("nps-2", "détracteurs moins promoteurs", False),
    ("nps-2", "la somme des promoteurs et des détracteurs", False),
    ("nps-2", "les promoteurs", False),
    ("click_and_collect-1", "commander sur internet et retirer en magasin", True),
    ("click_and_collect-1", "on réserve sur le site et on récupère en boutique", True),
    ("click_and_collect-1", "commander en ligne et se faire livrer à domicile", False),
    ("silos_vision_360-1", "les silos", True),
    ("silos_vision_360-1", "le cloisonnement entre services", True),
    ("silos_vision_360-1", "les magasins physiques", False),
    ("indicateurs_experience-1", "NPS, CSAT, CES", True),
    ("indicateurs_experience-1", "le net promoter score, le csat et le customer effort", True),
    ("indicateurs_experience-1", "NPS et CSAT", False),
    ("niveaux_canaux-2", "mono, multi, cross et omni", True),
    ("niveaux_canaux-2", "monocanal, multi-canal, crosscanal, omnicanal", True),
    ("niveaux_canaux-2", "multicanal et omnicanal", False),
    ("canal_definition-1", "un moyen de contact entre le client et la marque", True),
    ("canal_definition-1", "une chaîne de télévision", False),
    ("experience_client_definition-1", "le ressenti du client", True),
    ("experience_client_definition-1", "les perceptions du client sur ses interactions", True),
    ("experience_client_definition-1", "le nombre d'achats du client", False),
    ("climatech_presentation-3", "2 000 000 €", True),
    ("climatech_presentation-3", "2 millions d'euros", True),
    ("climatech_presentation-3", "2000000", True),
    ("climatech_presentation-3", "20 millions", False),
    ("climatech_presentation-3", "2,5 millions", False),
    ("climatech_presentation-4", "10 personnes dont 2 commerciaux", True),
    ("climatech_presentation-4", "dix salariés et deux commerciaux", True),
    ("climatech_presentation-4", "10", False),
    ("etude_ifop-2", "la famille et les amis", True),
    ("etude_ifop-2", "les avis en ligne", False),
    ("chatbot-2", "il répond 24h/24, même quand c'est fermé", True),
    ("chatbot-2", "il remplace les commerciaux", False),
    ("kumar_rangaswamy-3", "plus il utilise de canaux, plus il rapporte", True),
    ("kumar_rangaswamy-3", "plus il utilise de canaux, moins il achète", False),
    ("cannibalisation_synergie-3", "en synergie", True),
    ("cannibalisation_synergie-3", "ils coopèrent, ils ne se font pas concurrence", True),
    ("cannibalisation_synergie-3", "ils se cannibalisent", False),
    ("parcours_client_etapes-3",
     "besoin, découverte, recherche, achat, utilisation, maintien, recommandation", True),
    ("parcours_client_etapes-3", "avant, pendant et après l'achat", False),
    ("tchat-1", "une messagerie instantanée", True),
    ("tchat-1", "un logiciel de caisse", False),
    ("ces-3", "cinq", True),
    ("ces-3", "3 à 4", False),
    ("pure_player-2", "CDiscount", True),
    ("pure_player-2", "Amazon", False),
    ("va_site_web-2", "la foire aux questions", True),
    ("va_site_web-2", "le chatbot", False),
]  # fmt: skip


@pytest.mark.parametrize(("qid", "answer", "expected"), SHORT_CASES)
def test_short_answers_graded_tolerantly(qid: str, answer: str, expected: bool) -> None:
    assert keyword_grade(qid, answer) is expected


def test_short_cases_cover_enough_answers() -> None:
    assert len(SHORT_CASES) >= 15
    assert {expected for _, _, expected in SHORT_CASES} == {True, False}


def test_dont_know_is_wrong_and_gets_the_answer() -> None:
    question = qz.question_by_id("ropo-1")
    for answer in ["je ne sais pas", "Aucune idée", "?", "  "]:
        grade = qz.grade(question, answer, similarity_fn=None)
        assert not grade.correct
        assert "Research Online" in grade.feedback


# --- grading: the similarity signal (fake, so no spaCy load) ---------------------------------


class FakeSimilarity:
    """Returns a fixed score and records its calls."""

    def __init__(self, score: float | None) -> None:
        self.score = score
        self.calls: list[tuple[str, str]] = []

    def __call__(self, answer: str, expected: str) -> float | None:
        self.calls.append((answer, expected))
        return self.score


def test_similarity_bridges_one_missing_keyword_group() -> None:
    question = qz.question_by_id("parcours_client_definition-1")  # needs 2 of 3 groups
    answer = "les étapes vécues"  # one group only
    assert qz.matched_groups(question, answer) == 1
    assert not qz.grade(question, answer, similarity_fn=None).correct
    assert qz.grade(question, answer, similarity_fn=FakeSimilarity(0.9)).correct
    assert not qz.grade(question, answer, similarity_fn=FakeSimilarity(0.5)).correct
    assert not qz.grade(question, answer, similarity_fn=FakeSimilarity(None)).correct


def test_similarity_is_not_asked_when_keywords_decide() -> None:
    fake = FakeSimilarity(1.0)
    definition = qz.question_by_id("parcours_client_definition-1")
    assert qz.grade(definition, "les étapes du client", similarity_fn=fake).correct
    assert not qz.grade(definition, "une chaise bleue", similarity_fn=fake).correct  # 0 group
    ropo = qz.question_by_id("ropo-1")  # "exact": lists and acronyms use keywords only
    assert not qz.grade(ropo, "recherche en ligne et achat", similarity_fn=fake).correct
    assert not qz.grade(ropo, "achat en ligne", similarity_fn=fake).correct  # rejected
    assert fake.calls == []


def test_similarity_receives_the_answer_and_the_expected_text() -> None:
    fake = FakeSimilarity(0.95)
    question = qz.question_by_id("tchat-1")
    assert qz.grade(question, "une messagerie", similarity_fn=fake).correct
    assert fake.calls == [("une messagerie", question.answer)]


def test_spacy_similarity_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Grading without a near miss never asks for the spaCy model."""
    calls: list[int] = []
    monkeypatch.setattr(qz, "_spacy_model", lambda: calls.append(1))
    qz.grade(qz.question_by_id("ropo-1"), "research online purchase offline")
    qz.grade(qz.question_by_id("nps-1"), "A")
    assert calls == []


# --- feedback and summary ------------------------------------------------------------------


def test_feedback_gives_the_answer_the_explanation_and_the_concept() -> None:
    question = qz.question_by_id("va_magasin-1")
    right = qz.grade(question, "Humain, démonstration, concret")
    assert right.correct and right.feedback.startswith("Bonne réponse !")
    assert question.explanation in right.feedback
    wrong = qz.grade(question, "Échange, rapidité")
    assert not wrong.correct
    assert "La bonne réponse : Humain, démonstration, concret" in wrong.feedback
    assert question.explanation in wrong.feedback
    assert wrong.feedback.endswith("À revoir : VA du magasin")


def test_prompt_letters_the_mcq_options() -> None:
    question = qz.question_by_id("va_magasin-1")
    lines = question.prompt.splitlines()
    assert lines[0] == question.text
    assert lines[1:] == [f"{'ABCD'[i]}. {o}" for i, o in enumerate(question.options)]
    assert qz.question_by_id("nps-2").prompt == qz.question_by_id("nps-2").text


def test_summary_lists_missed_concepts_and_offers_a_retry() -> None:
    nps_q, nps_tf, ropo = (qz.question_by_id(i) for i in ("nps-1", "nps-4", "ropo-1"))
    summary = qz.summarize([(nps_q, False), (nps_tf, qz.Grade(False, "")), (ropo, True)])
    assert (summary.score, summary.total) == (1, 3)
    assert summary.missed_concepts == ("nps",)
    assert summary.missed_ids == ("nps-1", "nps-4")
    assert summary.offer_retry
    text = qz.quiz_summary([(nps_q, False), (nps_tf, False), (ropo, True)])
    assert "Score : 1/3" in text
    assert "Notions à revoir : Le NPS." in text
    assert "retenter" in text


def test_summary_without_mistakes_offers_no_retry() -> None:
    results = [(q, True) for q in BANK[:5]]
    summary = qz.summarize(results)
    assert summary.text.startswith("Score : 5/5. Sans faute")
    assert not summary.offer_retry and "retenter" not in summary.text


# --- parsing the request -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("interroge-moi", (5, None)),
        ("quiz sur le NPS", (5, "indicateurs")),
        ("un quiz sur le CSAT stp", (5, "indicateurs")),
        ("quiz sur le CES", (5, "indicateurs")),
        ("interroge-moi sur le chapitre 1", (5, "canaux")),
        ("teste-moi sur le chapitre 1 en 10 questions", (10, "canaux")),
        ("teste-moi 10 questions", (10, None)),
        ("pose-moi dix questions", (10, None)),
        ("fais-moi un quiz de 20 questions", (10, None)),
        ("3 questions sur l'omnicanal", (5, "canaux")),
        ("quiz sur le parcours client", (5, "parcours")),
        ("interroge-moi sur l'expérience client", (5, "parcours")),
        ("teste-moi sur le cas Climatech", (5, "climatech")),
        ("quiz climatech 10 questions", (10, "climatech")),
        ("interroge-moi sur les indicateurs de satisfaction", (5, "indicateurs")),
        ("quiz sur le ROPO et le click and collect", (5, "commerce")),
        ("teste-moi sur les chiffres clés", (5, "chiffres")),
        ("interroge-moi sur ces notions", (5, None)),
    ],
)
def test_parse_quiz_request(text: str, expected: tuple[int, str | None]) -> None:
    assert qz.parse_quiz_request(text) == expected
