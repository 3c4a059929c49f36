"""Revision quiz (issue 7): question bank, quiz generation, tolerant grading, summary.

Plain Python, no Rasa import. Stored questions come from knowledge/quiz.yml; computation
questions (NPS, CSAT, CES) are generated from random figures and checked exactly through
logic.indicators. Short answers are graded on keyword groups (accents, case and typos
tolerated); spaCy similarity, when available, can only make up for one missing group.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from logic import indicators as ind
from logic.concepts import KNOWLEDGE_DIR, load_registry
from logic.text.matching import normalize

QUIZ_FILE = KNOWLEDGE_DIR / "quiz.yml"
Kind = Literal["mcq", "true_false", "short", "computation"]
STORED_KINDS: tuple[Kind, ...] = ("mcq", "true_false", "short")
SIZES: tuple[int, ...] = (5, 10)
TRUE_FALSE_OPTIONS: tuple[str, str] = ("Vrai", "Faux")
LETTERS = "abcdefgh"
INDICATORS_THEME = "indicateurs"
COMPUTATION_PREFIX = "calc"
# A similarity function scores an answer against the expected one (0 to 1); None means
# "no opinion" (e.g. spaCy is not installed), so grading falls back to keywords only.
Similarity = Callable[[str, str], float | None]
# Static word vectors separate right and wrong answers poorly (measured on real answers:
# wrong ones up to 0.85, right paraphrases down to 0.53), so the similarity only confirms an
# answer already one keyword group short, and must be high.
SIMILARITY_THRESHOLD = 0.8
SPACY_MODEL = "fr_core_news_md"
# Only the tokenizer and the static vectors are needed: the pipeline stays unloaded.
SPACY_UNUSED = [
    "tok2vec",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "ner",
]


# --- data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One quiz question; `options` are the button titles (mcq and true/false only)."""

    id: str
    kind: Kind
    concept: str
    theme: str
    text: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    keywords: tuple[tuple[str, ...], ...] = ()
    min_groups: int = 0
    reject: tuple[str, ...] = ()
    exact: bool = False  # short answers graded on keywords only (lists, acronyms, formulas)
    value: Fraction | None = None

    @property
    def prompt(self) -> str:
        """The question as the bot asks it (mcq options lettered A, B, C, D)."""
        if self.kind != "mcq":
            return self.text
        lines = [f"{LETTERS[i].upper()}. {option}" for i, option in enumerate(self.options)]
        return "\n".join([self.text, *lines])


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer and its French feedback."""

    correct: bool
    feedback: str


@dataclass(frozen=True)
class QuizSummary:
    """End-of-quiz figures; `text` is what the bot says."""

    score: int
    total: int
    missed_concepts: tuple[str, ...]
    missed_ids: tuple[str, ...]
    offer_retry: bool
    text: str


# --- the stored bank -------------------------------------------------------------------


def _shuffled_options(qid: str, answer: str, distractors: Sequence[str]) -> tuple[str, ...]:
    """Options in an order fixed by the id, so a question rebuilt from its id is identical."""
    options = [answer, *distractors]
    random.Random(qid).shuffle(options)
    return tuple(options)


def _check_mcq(qid: str, answer: str, distractors: Sequence[str]) -> None:
    texts = [normalize(answer), *(normalize(d) for d in distractors)]
    if len(distractors) != 3 or len(set(texts)) != 4 or not all(texts):
        raise ValueError(f"{qid}: an mcq needs 3 distinct distractors, none equal to the answer")


def _check_short(qid: str, groups: Sequence[Sequence[str]], min_groups: int) -> None:
    if not groups or not all(groups) or not 1 <= min_groups <= len(groups):
        raise ValueError(
            f"{qid}: keywords must be non-empty groups, min_groups in 1..{len(groups)}"
        )


def _question_from_entry(entry: dict[str, Any], theme: str) -> Question:
    """Builds and checks one stored question."""
    qid, kind, concept = str(entry["id"]), entry["kind"], entry["concept"]
    common = {"id": qid, "concept": concept, "theme": theme, "explanation": entry["explanation"]}
    if kind == "mcq":
        distractors = tuple(entry["distractors"])
        _check_mcq(qid, entry["answer"], distractors)
        options = _shuffled_options(qid, entry["answer"], distractors)
        return Question(
            kind="mcq", text=entry["question"], options=options, answer=entry["answer"], **common
        )
    if kind == "true_false":
        if not isinstance(entry["answer"], bool):
            raise ValueError(f"{qid}: a true/false answer must be true or false")
        answer = TRUE_FALSE_OPTIONS[0] if entry["answer"] else TRUE_FALSE_OPTIONS[1]
        text = f"Vrai ou faux ? {entry['statement']}"
        return Question(
            kind="true_false", text=text, options=TRUE_FALSE_OPTIONS, answer=answer, **common
        )
    if kind == "short":
        groups = tuple(tuple(str(k) for k in group) for group in entry["keywords"])
        min_groups = int(entry.get("min_groups", len(groups)))
        _check_short(qid, groups, min_groups)
        return Question(
            kind="short",
            text=entry["question"],
            options=(),
            answer=entry["answer"],
            keywords=groups,
            min_groups=min_groups,
            reject=tuple(entry.get("reject", ())),
            exact=bool(entry.get("exact", False)),
            **common,
        )
    raise ValueError(f"{qid}: unknown kind {kind!r}")


@cache
def load_bank(path: Path = QUIZ_FILE) -> tuple[Question, ...]:
    """The stored questions, checked: known concepts, unique ids, well-formed kinds."""
    registry = load_registry()
    questions: list[Question] = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
        concept = registry.get(entry["concept"])
        if concept is None:
            raise ValueError(f"{entry['id']}: unknown concept {entry['concept']!r}")
        questions.append(_question_from_entry(entry, concept.theme))
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate question ids in {path}: {duplicates}")
    return tuple(questions)


def question_by_id(qid: str) -> Question:
    """A stored question, or a computation rebuilt from its id ("calc-nps-9-6-5")."""
    if qid.startswith(f"{COMPUTATION_PREFIX}-"):
        return _computation_from_id(qid)
    for question in load_bank():
        if question.id == qid:
            return question
    raise KeyError(qid)


# --- computation questions -------------------------------------------------------------

NPS_TOTALS = (10, 20, 25, 40, 50)  # 100 / total has at most one decimal: results are exact
CSAT_TOTALS = (10, 20, 25, 40, 50, 100)
CES_SIZES = (5, 10)
INDICATORS: tuple[str, ...] = ("nps", "csat", "ces")  # also their concept keys


def _exact(score: float | None) -> Fraction:
    """The indicator's value as a fraction (figures are chosen so that no rounding occurs)."""
    if score is None:
        raise ValueError("no answers: nothing to compute")
    return Fraction(str(score))


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` counts of at least 1 each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _nps_question(promoters: int, passives: int, detractors: int) -> Question:
    result = ind.nps_from_counts(promoters, passives, detractors)
    value = _exact(result.score)
    text = (
        f"Calculez le NPS : sur {result.responses} clients interrogés, {promoters} ont donné "
        f"9 ou 10, {passives} ont donné 7 ou 8 et {detractors} ont donné de 0 à 6."
    )
    figures = f"{promoters}-{passives}-{detractors}"
    explanation = ind.explain_nps(promoters, passives, detractors)
    return _computation("nps", figures, text, ind.fmt(value, sign=True), value, explanation)


def _csat_question(counts: Sequence[int]) -> Question:
    mapping = dict(zip(ind.CSAT_KEYS, counts, strict=True))
    value = _exact(ind.csat_from_counts(mapping).score)
    detail = ", ".join(f"{count} {ind.CSAT_LABELS[key]}" for key, count in mapping.items())
    text = f"Calculez le CSAT (en %) : sur {sum(counts)} réponses, {detail}."
    figures = "-".join(map(str, counts))
    explanation = ind.explain_csat(mapping)
    return _computation("csat", figures, text, f"{ind.fmt(value)} %", value, explanation)


def _ces_question(scores: Sequence[int]) -> Question:
    value = _exact(ind.ces(scores).mean)
    text = (
        f"Calculez le CES moyen : {len(scores)} clients ont noté leur effort "
        f"de 1 (faible) à 5 (élevé) : {', '.join(map(str, scores))}."
    )
    figures = "-".join(map(str, scores))
    return _computation("ces", figures, text, ind.fmt(value), value, ind.explain_ces(scores))


def _computation(
    indicator: str, figures: str, text: str, answer: str, value: Fraction, explanation: str
) -> Question:
    return Question(
        id=f"{COMPUTATION_PREFIX}-{indicator}-{figures}",
        kind="computation",
        concept=indicator,
        theme=load_registry().concepts[indicator].theme,
        text=text,
        options=(),
        answer=answer,
        explanation=explanation,
        value=value,
    )


def make_computation(indicator: str, rng: random.Random) -> Question:
    """A fresh NPS, CSAT or CES question whose exact answer has at most one decimal."""
    if indicator == "nps":
        return _nps_question(*_split(rng.choice(NPS_TOTALS), 3, rng))
    if indicator == "csat":
        return _csat_question(_split(rng.choice(CSAT_TOTALS), 4, rng))
    if indicator == "ces":
        return _ces_question([rng.randint(1, 5) for _ in range(rng.choice(CES_SIZES))])
    raise ValueError(f"unknown indicator {indicator!r}")


def _computation_from_id(qid: str) -> Question:
    _, indicator, *figures = qid.split("-")
    try:
        numbers = [int(f) for f in figures]
        if indicator == "nps" and len(numbers) == 3:
            return _nps_question(*numbers)
        if indicator == "csat" and len(numbers) == 4:
            return _csat_question(numbers)
        if indicator == "ces" and numbers:
            return _ces_question(numbers)
    except ValueError:
        pass
    raise KeyError(qid)


# --- quiz generation -------------------------------------------------------------------


def _computation_count(size: int, theme: str | None) -> int:
    """1 in 5 questions on the whole course, 2 in 5 on the indicators theme, else none."""
    if theme is None:
        return min(size, max(1, size // 5))
    if theme == INDICATORS_THEME:
        return min(size, max(1, 2 * size // 5))
    return 0


def _pick_stored(
    pool: Sequence[Question],
    count: int,
    excluded: set[str],
    rng: random.Random,
    concepts: set[str],
) -> list[Question]:
    """Up to `count` distinct questions: unseen first, then new concepts, then mixed kinds.

    `concepts` (already covered by the quiz) is updated with the concepts picked.
    """
    candidates = list(pool)
    rng.shuffle(candidates)
    chosen: list[Question] = []
    kinds: dict[str, int] = dict.fromkeys(STORED_KINDS, 0)
    while candidates and len(chosen) < count:
        best = min(
            candidates,
            key=lambda q: (q.id in excluded, q.concept in concepts, kinds[q.kind]),
        )
        candidates.remove(best)
        chosen.append(best)
        concepts.add(best.concept)
        kinds[best.kind] += 1
    return chosen


def _computations(count: int, excluded: set[str], rng: random.Random) -> list[Question]:
    """`count` computation questions, rotating NPS / CSAT / CES, never twice the same id."""
    indicators = list(INDICATORS)
    rng.shuffle(indicators)
    made: list[Question] = []
    for index in range(count):
        question = make_computation(indicators[index % 3], rng)
        for _ in range(20):
            if question.id not in excluded and all(q.id != question.id for q in made):
                break
            question = make_computation(indicators[index % 3], rng)
        made.append(question)
    return made


def generate_quiz(
    size: int = 5,
    theme: str | None = None,
    exclude_ids: Iterable[str] = (),
    rng: random.Random | None = None,
) -> list[Question]:
    """A quiz of `size` questions (any theme key of the registry, or None for all).

    No question twice; `exclude_ids` (already asked) are avoided while others remain.
    """
    if size < 1:
        raise ValueError("a quiz needs at least one question")
    themes = load_registry().themes
    if theme is not None and theme not in themes:
        raise ValueError(f"unknown theme {theme!r}; expected one of {sorted(themes)}")
    rng = rng or random.Random()
    excluded = set(exclude_ids)
    pool = [q for q in load_bank() if theme is None or q.theme == theme]
    quiz = _computations(_computation_count(size, theme), excluded, rng)
    concepts = {q.concept for q in quiz}
    quiz += _pick_stored(pool, size - len(quiz), excluded, rng, concepts)
    if theme in (None, INDICATORS_THEME):  # a small pool is topped up with computations
        quiz += _computations(size - len(quiz), excluded | {q.id for q in quiz}, rng)
    rng.shuffle(quiz)
    return quiz


def retry_questions(ids: Iterable[str], rng: random.Random | None = None) -> list[Question]:
    """The missed questions again; computations come back with fresh figures."""
    rng = rng or random.Random()
    questions = []
    for qid in ids:
        question = question_by_id(qid)
        if question.kind == "computation":
            question = make_computation(qid.split("-")[1], rng)
        questions.append(question)
    return questions


# --- tolerant text matching ------------------------------------------------------------

NEGATIONS = frozenset({"pas", "non", "ni", "sans", "jamais", "plutot", "contrairement", "aucun"})
DONT_KNOW = re.compile(
    r"^(je ne sais pas|je sais pas|sais pas|aucune idee|jsp|je passe|passe|joker|\?*)$"
)


@cache
def _pattern(keyword: str) -> tuple[str, ...]:
    """Normalised tokens of a keyword; a trailing "*" marks a stem."""
    tokens: list[str] = []
    for raw in keyword.split():
        words = normalize(raw.rstrip("*")).split()
        if raw.endswith("*") and words:
            words[-1] += "*"
        tokens.extend(words)
    return tuple(tokens)


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _similar(word: str, target: str) -> bool:
    """Same word up to a plural or a typo (1 in 5 letters); short words and numbers exact."""
    if word == target:
        return True
    if word.isdigit() or target.isdigit():
        return False
    if _singular(word) == _singular(target):
        return True
    if min(len(word), len(target)) < 5:
        return False
    # The first letter must agree: "insatisfait" is not a typo of "satisfait".
    return word[0] == target[0] and _ratio(word, target) >= 0.8


def _word_matches(word: str, target: str) -> bool:
    """A typed word against a keyword token: exact, plural, typo, or stem ("renseign*")."""
    if not target.endswith("*"):
        return _similar(word, target)
    stem = target[:-1]
    if word.startswith(stem):
        return True
    if len(stem) < 5 or word[:1] != stem[:1]:
        return False
    return any(_ratio(word[:n], stem) >= 0.8 for n in (len(stem) - 1, len(stem) + 1))


def _find(pattern: tuple[str, ...], words: Sequence[str]) -> int | None:
    """Index where the keyword starts in `words`: token by token, or glued ("multi canal")."""
    size = len(pattern)
    glued = "".join(pattern) if not any(t.endswith("*") for t in pattern) else ""
    for start in range(len(words)):
        window = words[start : start + size]
        if len(window) == size and all(map(_word_matches, window, pattern)):
            return start
        for width in range(1, size + 2) if glued else ():
            fits = start + width <= len(words) and (size > 1 or width > 1)
            if fits and _singular("".join(words[start : start + width])) == _singular(glued):
                return start
    return None


def _mentions(keyword: str, words: Sequence[str], *, negatable: bool = False) -> bool:
    """Whether `words` contain the keyword (not right after a negation if `negatable`)."""
    pattern = _pattern(keyword)
    if not pattern:
        return False
    start = _find(pattern, words)
    if start is None:
        return False
    return not (negatable and NEGATIONS.intersection(words[max(0, start - 3) : start]))


def matched_groups(question: Question, answer_text: str) -> int:
    """How many keyword groups of a short question the answer covers."""
    words = normalize(answer_text).split()
    return sum(any(_mentions(k, words) for k in group) for group in question.keywords)


def _rejected(question: Question, words: Sequence[str]) -> bool:
    return any(_mentions(phrase, words, negatable=True) for phrase in question.reject)


# --- spaCy similarity (optional second signal) -----------------------------------------


@cache
def _spacy_model() -> Any | None:
    """fr_core_news_md loaded once, only its vectors and tokenizer; None if unavailable."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        model = spacy.load(SPACY_MODEL, exclude=SPACY_UNUSED)
    except OSError:  # model not installed: never download, grade on keywords only
        return None
    return model


def preload_similarity() -> bool:
    """Loads the spaCy model now (about 8 s, e.g. when the action server starts)."""
    return _spacy_model() is not None


def spacy_similarity(answer: str, expected: str) -> float | None:
    """Cosine of the mean vectors of the content words (0 to 1); None without spaCy."""
    model = _spacy_model()
    if model is None:
        return None
    vectors = []
    for text in (answer, expected):
        doc = model.make_doc(text)
        tokens = [t for t in doc if t.has_vector and not (t.is_stop or t.is_punct)]
        if not tokens:
            return 0.0
        vectors.append(sum(t.vector for t in tokens) / len(tokens))
    a, b = vectors
    norm = float((a @ a) ** 0.5 * (b @ b) ** 0.5)
    return max(0.0, float(a @ b) / norm) if norm else 0.0


# --- grading ---------------------------------------------------------------------------


def _concept_title(question: Question) -> str:
    concept = load_registry().get(question.concept)
    return concept.title if concept else question.concept


def _feedback(question: Question, correct: bool, note: str = "") -> Grade:
    """Right / wrong, the expected answer, the course's explanation, the concept to revise."""
    if correct:
        head = "Bonne réponse !"
        if question.kind in ("short", "computation"):
            head += f" Réponse attendue : {question.answer}"
        return Grade(True, f"{head}\n{question.explanation}")
    lines = [
        f"{note or 'Pas tout à fait.'} La bonne réponse : {question.answer}",
        question.explanation,
        f"À revoir : {_concept_title(question)}",
    ]
    return Grade(False, "\n".join(lines))


def _option_index(question: Question, text: str) -> int | None:
    """The chosen option: its text, its letter or number, or a close typo of its text."""
    typed = normalize(text)
    options = [normalize(o) for o in question.options]
    compact = typed.replace(" ", "")
    for index, option in enumerate(options):
        if typed == option or compact == option.replace(" ", ""):
            return index
    choice = re.fullmatch(r"(?:(?:la )?(?:reponse|choix|option|proposition) )?([a-h]|[1-8])", typed)
    if choice:
        token = choice.group(1)
        index = LETTERS.index(token) if token.isalpha() else int(token) - 1
        return index if index < len(options) else None
    return _closest_option(typed, options)


ARTICLES = re.compile(r"^(?:l|le|la|les|un|une|des|du|de|d)\s+")


def _closest_option(typed: str, options: Sequence[str]) -> int | None:
    """The option the typed text is a clear typo of (best ratio, well ahead of the next)."""
    if not typed or any(c.isdigit() for c in typed):
        return None
    bare = ARTICLES.sub("", typed)
    scores = sorted(
        (
            (max(_ratio(typed, o), _ratio(bare, ARTICLES.sub("", o))), i)
            for i, o in enumerate(options)
        ),
        reverse=True,
    )
    (best, index), runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0.0
    return index if best >= 0.8 and best - runner_up >= 0.1 else None


TRUE_WORDS = frozenset({"vrai", "v", "oui", "true", "exact", "correct", "juste", "yes"})
FALSE_WORDS = frozenset({"faux", "f", "non", "false", "fausse", "incorrect", "inexact", "no"})


def _true_false(text: str) -> bool | None:
    """Vrai/faux, oui/non, v/f; "pas vrai" is false; the last verdict given wins."""
    words = normalize(text).split()
    verdict: bool | None = None
    for index, word in enumerate(words):
        if word in TRUE_WORDS:
            negated = index > 0 and words[index - 1] == "pas"
            verdict = not negated
        elif word in FALSE_WORDS:
            verdict = False
    return verdict


NUMBER = re.compile(r"(moins\s*|[-+−–]\s*)?(\d+(?:[.,]\d+)?)")


def parse_answer_number(text: str) -> Fraction | None:
    """The number a student gives: "+20", "20 %", "-12,5", "moins 20", "60 - 40 = 20"."""
    lowered = text.lower()
    if "=" in lowered:
        lowered = lowered.rsplit("=", 1)[1]
    else:
        parts = re.split(r"\b(?:donc|soit|resultat|résultat)\b", lowered)
        lowered = parts[-1]
    match = NUMBER.search(lowered)
    if not match:
        return None
    value = Fraction(match.group(2).replace(",", "."))
    sign = (match.group(1) or "").strip()
    return -value if sign in ("moins", "-", "−", "–") else value


def _grade_short(question: Question, text: str, similarity_fn: Similarity | None) -> bool:
    words = normalize(text).split()
    if not words or _rejected(question, words):
        return False
    found = matched_groups(question, text)
    if found >= question.min_groups:
        return True
    if question.exact or similarity_fn is None or found == 0 or found < question.min_groups - 1:
        return False
    score = similarity_fn(text, question.answer)
    return score is not None and score >= SIMILARITY_THRESHOLD


def grade(
    question: Question, answer_text: str, *, similarity_fn: Similarity | None = spacy_similarity
) -> Grade:
    """Grades one answer; pass `similarity_fn=None` to grade short answers on keywords only."""
    text = answer_text.strip()
    if DONT_KNOW.match(normalize(text)):
        return _feedback(question, False, "Pas de souci, voici la réponse.")
    if question.kind == "mcq":
        index = _option_index(question, text)
        correct = index is not None and question.options[index] == question.answer
        return _feedback(question, correct)
    if question.kind == "true_false":
        verdict = _true_false(text)
        if verdict is None:
            return _feedback(question, False, "Je n'ai pas compris si c'était vrai ou faux.")
        return _feedback(question, verdict == (question.answer == TRUE_FALSE_OPTIONS[0]))
    if question.kind == "computation":
        number = parse_answer_number(text)
        if number is None:
            return _feedback(question, False, "Je n'ai pas trouvé de nombre dans votre réponse.")
        return _feedback(question, number == question.value)
    return _feedback(question, _grade_short(question, text, similarity_fn))


# --- summary ---------------------------------------------------------------------------


def _is_correct(outcome: Grade | bool) -> bool:
    return outcome.correct if isinstance(outcome, Grade) else bool(outcome)


def _appreciation(score: int, total: int) -> str:
    if score == total:
        return "Sans faute, bravo !"
    if score * 10 >= total * 7:
        return "Très bien, vous maîtrisez l'essentiel."
    if score * 2 >= total:
        return "C'est un bon début, encore un petit effort."
    return "Il faut encore réviser : courage, ça va venir !"


def summarize(results: Sequence[tuple[Question, Grade | bool]]) -> QuizSummary:
    """Score, concepts missed (titles, in order, no repeats) and the retry offer."""
    total = len(results)
    missed = [q for q, outcome in results if not _is_correct(outcome)]
    score = total - len(missed)
    titles = tuple(dict.fromkeys(_concept_title(q) for q in missed))
    lines = [
        f"Score : {score}/{total}. {_appreciation(score, total)}"
        if total
        else "Aucune question n'a été posée."
    ]
    if titles:
        lines.append("Notions à revoir : " + ", ".join(titles) + ".")
        lines.append("Voulez-vous retenter les questions manquées ?")
    return QuizSummary(
        score=score,
        total=total,
        missed_concepts=tuple(dict.fromkeys(q.concept for q in missed)),
        missed_ids=tuple(q.id for q in missed),
        offer_retry=bool(missed),
        text="\n".join(lines),
    )


def quiz_summary(results: Sequence[tuple[Question, Grade | bool]]) -> str:
    """The end-of-quiz message: score, concepts to revise, retry offer when something was missed."""
    return summarize(results).text


# --- parsing a quiz request ------------------------------------------------------------

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
SIZE_WORDS = {"cinq": 5, "dix": 10}


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
    if re.search(r"\bCES\b", text) or re.search(r"\b(?:le|du|au) ces\b", " ".join(words)):
        return INDICATORS_THEME
    for theme, keywords in THEME_WORDS:
        if any(_exact_mention(k, words) for k in keywords):
            return theme
    return None


def _exact_mention(keyword: str, words: Sequence[str]) -> bool:
    """Keyword present as whole words (stems allowed, no typo tolerance: short acronyms)."""
    pattern = _pattern(keyword)
    for start in range(len(words) - len(pattern) + 1):
        window = words[start : start + len(pattern)]
        if all(
            w == t or (t.endswith("*") and w.startswith(t[:-1]))
            for w, t in zip(window, pattern, strict=True)
        ):
            return True
    return False


def parse_quiz_request(text: str) -> tuple[int, str | None]:
    """(size, theme) from "quiz sur le NPS", "teste-moi sur le chapitre 1", "10 questions"."""
    return _requested_size(text), _requested_theme(text)
