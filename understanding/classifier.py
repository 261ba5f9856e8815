"""Rasa's logistic-regression intent classifier, made safe for messages without features.

Rasa 3.6's LogisticRegressionClassifier raises on a message whose features
are incomplete (an empty line typed in `rasa shell` yields one column fewer),
and the turn then ends in silence. Such messages get no intent and confidence 0 here, so the
FallbackClassifier turns them into `nlu_fallback` and the reader is asked to
rephrase.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafeLogisticRegressionClassifier(LogisticRegressionClassifier):
    """LogisticRegressionClassifier that gives featureless messages no intent instead of raising."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            # An empty or featureless text yields fewer columns than the model was trained on.
            if self._create_X([message]).shape[1] != self.clf.n_features_in_:
                message.set("intent", {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set("intent_ranking", [], add_to_output=True)
            else:
                super().process([message])
        return messages
