"""spaCy similarity, the optional second signal of short-answer grading.

Static word vectors separate right and wrong answers poorly (measured on real answers: wrong
ones up to 0.85, right paraphrases down to 0.53), so grading only asks for it to confirm an
answer already one keyword group short. Without spaCy or its model, it has no opinion.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from typing import Any

# A similarity function scores an answer against the expected one (0 to 1); None means
# "no opinion" (e.g. spaCy is not installed), so grading falls back to keywords only.
Similarity = Callable[[str, str], float | None]
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
# A grade asked while a background preload runs waits for it instead of loading a second copy.
_loading = threading.Lock()


@cache
def _load_model() -> Any | None:
    try:
        import spacy
    except ImportError:
        return None
    try:
        model = spacy.load(SPACY_MODEL, exclude=SPACY_UNUSED)
    except OSError:  # model not installed: never download, grade on keywords only
        return None
    return model


def _spacy_model() -> Any | None:
    """fr_core_news_md loaded once, only its vectors and tokenizer; None if unavailable."""
    with _loading:
        return _load_model()


def preload_similarity() -> bool:
    """Loads the spaCy model now (about 8 s); whether it is available."""
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
