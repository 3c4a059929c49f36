"""The lighter SpacyNLP gives the pipeline what Rasa's gives, and Rasa's recipe wires it."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.shared.utils.io import read_config_file

from runtime.launcher import ROOT
from runtime.spacy_nlp import UNUSED_PIPES, SpacyNLP
from scripts.check_course_data import examples_by_intent

MODEL = "fr_core_news_md"


@pytest.fixture(scope="module")
def messages() -> list[str]:
    examples = examples_by_intent(
        [ROOT / "tests/field/customers.yml", ROOT / "tests/field/field_messages.yml"]
    )
    return [text for texts in examples.values() for text in texts][:200]


def test_tokens_lemmas_tags_and_vectors_are_rasas(messages: list[str]) -> None:
    ours = SpacyNLP.load_model(MODEL).model
    theirs = spacy_utils.SpacyNLP.load_model(MODEL).model
    assert not set(UNUSED_PIPES) & set(ours.pipe_names)
    assert len(messages) >= 150
    for text in messages:
        a, b = ours(text), theirs(text)
        assert [(t.text, t.lemma_, t.pos_, t.tag_, t.is_stop) for t in a] == [
            (t.text, t.lemma_, t.pos_, t.tag_, t.is_stop) for t in b
        ]
        assert np.array_equal(a.vector, b.vector)


def test_the_spacy_components_of_config_yml_use_it() -> None:
    config = read_config_file(ROOT / "config.yml")
    schema = DefaultV1Recipe().graph_config_for_recipe(config, {}).predict_schema
    tokenizer = next(n for n in schema.nodes.values() if n.uses.__name__ == "SpacyTokenizer")
    parser = schema.nodes[tokenizer.needs["messages"]]  # puts spaCy's doc on each message
    assert parser.uses is SpacyNLP
    assert schema.nodes[parser.needs["model"]].uses is SpacyNLP


def test_a_missing_model_gets_rasas_error() -> None:
    with pytest.raises(Exception, match="available spaCy model"):
        SpacyNLP.load_model("fr_no_such_model")
