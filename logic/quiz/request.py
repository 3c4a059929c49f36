"""Reading a quiz request: how many questions ("10 questions", "dix") and on which theme."""

from __future__ import annotations

import re

from logic.quiz.generation import INDICATORS_THEME
from logic.quiz.keywords import exact_mention
from logic.text.matching import normalize

SIZES: tuple[int, ...] = (5, 10)
SIZE_WORDS = {"cinq": 5, "dix": 10}
# Quiz themes (registry keys) and the words that ask for them, most specific first.
# fmt: off
THEME_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("climatech", ("climatech", "cas climatech", "etude de cas", "le cas")),
    ("indicateurs", ("nps", "csat", "net promoter", "customer effort", "customer satisfaction",
                     "indicateur*", "kpi", "satisfaction", "score d effort", "recommandation")),
    ("parcours", ("parcours", "experience*", "customer journey")),
    ("commerce", ("ropo", "web to store", "click and collect", "drive", "pure player", "crm",
                  "grc", "commerce", "up selling", "cross selling", "chatbot", "tchat", "outil*",
                  "magasin connecte", "community manager", "content manager")),
    ("chiffres", ("chiffre*", "statistique*", "stat", "stats", "kumar", "ifop", "digitas",
                  "starbucks", "pourcentage*")),
    ("canaux", ("canal", "canaux", "omnicanal*", "multicanal*", "cross canal", "monocanal",
                "chapitre 1", "chapitre un", "premier chapitre", "chap 1", "ubiquite",
                "valeur ajoutee")),
)
# fmt: on


def _requested_size(text: str) -> int:
    """5 or 10: the number asked for (digits or words), rounded to the nearest size."""
    cleaned = re.sub(r"\b(?:chapitre|chap)\s+\w+", " ", normalize(text))
    numbers = [int(w) for w in cleaned.split() if w.isdigit()]
    numbers += [SIZE_WORDS[w] for w in cleaned.split() if w in SIZE_WORDS]
    if not numbers:
        return SIZES[0]
    return min(SIZES, key=lambda size: (abs(size - numbers[0]), -size))


def _requested_theme(text: str) -> str | None:
    words = normalize(text).split()
    # "CES" in capitals, or after an article: lower-case "ces" is mostly the determiner.
    if re.search(r"\bCES\b", text) or re.search(r"\b(?:le|du|au) ces\b", " ".join(words)):
        return INDICATORS_THEME
    for theme, keywords in THEME_WORDS:
        if any(exact_mention(k, words) for k in keywords):
            return theme
    return None


def parse_quiz_request(text: str) -> tuple[int, str | None]:
    """(size, theme) from "quiz sur le NPS", "teste-moi sur le chapitre 1", "10 questions"."""
    return _requested_size(text), _requested_theme(text)
