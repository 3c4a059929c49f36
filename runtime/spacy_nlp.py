"""Rasa's SpacyNLP, loading only the parts of the French model that the pipeline reads.

Rasa 3.6 loads fr_core_news_md without its parser, but its named-entity recogniser still runs
on every message: 1.5 ms of spaCy's 3 on the laptop, though no component reads spaCy's
entities. The tokenizer, the lemmas and part-of-speech tags (CountVectorsFeaturizer,
LexicalSyntacticFeaturizer) and the vectors (SpacyFeaturizer) come from the other parts:
tok2vec, morphologizer, attribute_ruler, lemmatizer. They give the same tokens, lemmas, tags
and vectors (tests/runtime/test_spacy_nlp.py).

The class keeps Rasa's name: Rasa's recipe finds the model provider of SpacyTokenizer and
SpacyFeaturizer by the class name "SpacyNLP" (`DefaultV1Recipe._get_model_provider_needs`).
In config.yml: `- name: runtime.spacy_nlp.SpacyNLP`, with the same `model`.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel

# Parts of the spaCy pipeline no component of config.yml reads.
UNUSED_PIPES = ("parser", "ner")


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """SpacyNLP without the parts of the model that nothing reads."""

    @staticmethod
    def load_model(spacy_model_name: str) -> SpacyModel:
        """Rasa's model, its unused parts excluded; Rasa's errors when it cannot be loaded."""
        import spacy

        try:
            language = spacy.load(spacy_model_name, exclude=list(UNUSED_PIPES))
        except (OSError, TypeError, ValueError):
            return spacy_utils.SpacyNLP.load_model(spacy_model_name)  # raises Rasa's error
        return SpacyModel(model=language, model_name=spacy_model_name)
