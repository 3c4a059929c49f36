"""An NLU component: what a customer says up front (a phone, a day, a surface...) as entities.

The parsing is `logic.climatech.upfront`, plain Python tested on its own; this component
only adds its findings to the message's entities. The forms take them through `from_entity`
mappings at activation (domain.yml), so they ask only what is still missing. Each value is
written the way the form's validator reads a typed answer, and is validated like one.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from logic.climatech.upfront import entity_values, extract
from logic.clock import now

EXTRACTOR = "UpfrontEntityExtractor"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class UpfrontEntityExtractor(GraphComponent):
    """Adds the details found by logic.climatech.upfront to each message's entities."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UpfrontEntityExtractor:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # a button payload carries its own entities
            found = [
                {
                    "entity": entity,
                    "value": value,
                    "start": 0,
                    "end": len(text),
                    "extractor": EXTRACTOR,
                }
                for entity, value in entity_values(extract(text, now().date())).items()
            ]
            if found:
                message.set(ENTITIES, [*message.get(ENTITIES, []), *found], add_to_output=True)
        return messages
