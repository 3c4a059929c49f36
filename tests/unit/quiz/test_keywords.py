"""Keyword matching in short answers: real good and bad answers, graded on keywords only."""

from __future__ import annotations

import pytest

from logic.quiz.bank import question_by_id
from logic.quiz.grading import grade
from logic.quiz.keywords import exact_mention, matched_groups, mentions, pattern
from logic.text.matching import normalize


def keyword_grade(qid: str, answer: str) -> bool:
    """Keyword-only grading (no spaCy): what the unit tests rely on."""
    return grade(question_by_id(qid), answer, similarity_fn=None).correct


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


def test_keywords_tolerate_plurals_typos_stems_and_glued_words() -> None:
    assert pattern("renseign*") == ("renseign*",)
    words = normalize("on se renseignait sur les canals multi canal").split()
    assert mentions("renseign*", words)
    assert mentions("canal", words)
    assert mentions("multicanal", words)
    assert not mentions("canal", normalize("pas de canal").split(), negatable=True)
    assert mentions("canal", normalize("pas de canal").split())


def test_exact_mentions_allow_stems_but_no_typos() -> None:
    words = normalize("les indicateurs du nsp").split()
    assert exact_mention("indicateur*", words)
    assert not exact_mention("nps", words)


def test_matched_groups_counts_the_groups_covered() -> None:
    question = question_by_id("parcours_client_definition-1")  # needs 2 of 3 groups
    assert matched_groups(question, "les étapes vécues") == 1
