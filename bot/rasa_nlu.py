"""Our own Rasa NLU component: a message that is itself a job advert goes to the offer check.

The intent classifier learns from short questions, so a pasted advert often reads to it as a risk question
(`faq`) or as off-topic. This component runs after it (config.yml) and, when the text reads as an advert,
predicts `check_offer` instead, unless the classifier heard something that must never be overridden.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.advert import reads_as_advert

ADVERT_INTENT = "check_offer"
# A cry for help, a missing person, a request for a person or for erasure always wins over the advert check.
NEVER_OVERRIDDEN = frozenset({"check_offer", "danger_now", "missing_person", "request_human", "delete_data"})
DEMOTED = 0.5  # what the other intents' confidences are multiplied by when an advert is recognised


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PastedAdvertClassifier(GraphComponent):
    """Predict `check_offer` for a message that reads as a job advert."""

    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> PastedAdvertClassifier:
        """A component with nothing to train or load."""
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        """Route each message that reads as an advert to the offer check."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent in NEVER_OVERRIDDEN or not reads_as_advert(message.get(TEXT) or ""):
                continue
            predicted = {INTENT_NAME_KEY: ADVERT_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            # The classifier's other guesses, halved: the FallbackClassifier after this one would otherwise take a
            # confident second guess (faq at 0.99) as ambiguity and answer "no te entendí".
            ranking = [
                {**entry, PREDICTED_CONFIDENCE_KEY: entry.get(PREDICTED_CONFIDENCE_KEY, 0.0) * DEMOTED}
                for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != ADVERT_INTENT
            ]
            message.set(INTENT, predicted, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [predicted, *ranking], add_to_output=True)
        return messages
