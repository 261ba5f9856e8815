"""The intent classifier reads a message's sentence features exactly as Rasa combines them."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random

from understanding.classifier import SafeLogisticRegressionClassifier


def featurised(tokens: int, widths: list) -> Message:
    """A message with sequence and sentence features from several featurizers."""
    message = Message({TEXT: "who sponsors the talks"})
    rng = np.random.default_rng(7)
    for number, width in enumerate(widths):
        origin = f"featurizer_{number}"
        for kind, rows in ((FEATURE_TYPE_SEQUENCE, tokens), (FEATURE_TYPE_SENTENCE, 1)):
            matrix = sparse_random(rows, width, density=0.3, random_state=rng, format="coo")
            message.add_features(Features(matrix, kind, TEXT, origin))
    return message


@pytest.mark.parametrize("widths", [[5], [5, 9], [3, 7, 11, 2]])
def test_sentence_features_are_rasas_combined_sentence_features(widths):
    message = featurised(tokens=4, widths=widths)
    expected = csr_matrix(message.get_sparse_features(TEXT)[1].features)

    features = SafeLogisticRegressionClassifier._features(None, message)

    assert features.shape == (1, sum(widths))
    assert (features != expected).nnz == 0


def test_a_message_without_features_has_none():
    assert SafeLogisticRegressionClassifier._features(None, Message({TEXT: ""})) is None
