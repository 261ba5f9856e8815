"""Rasa's logistic-regression intent classifier, made safe for messages without features.

Rasa 3.6's LogisticRegressionClassifier raises on a message whose features
are incomplete (an empty line typed in `rasa shell` yields one column fewer),
and the turn then ends in silence. Such messages get no intent and confidence 0 here, so the
FallbackClassifier turns them into `nlu_fallback` and the reader is asked to
rephrase.
"""

from __future__ import annotations

from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from scipy.sparse import csr_matrix


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafeLogisticRegressionClassifier(LogisticRegressionClassifier):
    """LogisticRegressionClassifier that gives featureless messages no intent instead of raising."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            features = self._features(message)
            # An empty or featureless text yields fewer columns than the model was trained on.
            if features is None or features.shape[1] != self.clf.n_features_in_:
                message.set("intent", {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set("intent_ranking", [], add_to_output=True)
                continue
            # The rest is the parent's process(), which would build the features again.
            probabilities = self.clf.predict_proba(features)[0]
            ranking = sorted(
                (
                    {"name": name, "confidence": p}
                    for name, p in zip(self.clf.classes_, probabilities)
                ),
                key=lambda item: -item["confidence"],
            )
            intent = ranking[0]
            if self.config[RANKING_LENGTH] > 0:
                ranking = ranking[: self.config[RANKING_LENGTH]]
            message.set("intent", intent, add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def _features(self, message: Message) -> Optional[csr_matrix]:
        """The message's sentence features as one row, built once per message."""
        # Message.get_sparse_features would also stack every token's features
        # (a fifth of NLU time per message, py-spy); only the sentence's are used.
        sparse = message._combine_features(message._filter_sparse_features(TEXT, [])[1], [])
        dense = message._combine_features(message._filter_dense_features(TEXT, [])[1], [])
        if sparse is None and dense is None:
            return None
        if dense is None:
            return csr_matrix(sparse.features)
        return self._create_X([message])
