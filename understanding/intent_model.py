"""An intent model for the action server, trained at start-up on the same data/nlu files.

Rasa classifies each message once, as typed. A follow-up rewritten with the
subject it leans on ("did it hold?" -> "did truce hold?") and each part of a
compound question need classifying again, inside the action server; this small
model does that in about a millisecond, from the training data Rasa uses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Tuple

import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline

from understanding.synonyms import rewrite_phrases, synonym_stems

DEFAULT_NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"
# [text](entity) and [text]{"entity": ...} annotations keep only their text.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")


def nlu_examples(nlu_dir: Path = DEFAULT_NLU_DIR) -> Iterator[Tuple[Optional[str], str]]:
    """(intent, text) for every example line in the NLU files; lookups and synonyms have None."""
    for path in sorted(nlu_dir.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(item.get("examples", "")).splitlines():
                text = _ANNOTATION.sub(r"\1", line.strip().removeprefix("- ")).strip()
                if text:
                    yield item.get("intent"), text


def training_examples(nlu_dir: Path = DEFAULT_NLU_DIR) -> List[Tuple[str, str]]:
    """(text, intent) for every intent example in the NLU training files."""
    return [(text, intent) for intent, text in nlu_examples(nlu_dir) if intent]


class IntentModel:
    """Word and character n-grams into logistic regression, like Rasa's pipeline."""

    def __init__(self, examples: Iterable[Tuple[str, str]]) -> None:
        texts, intents = zip(*examples)
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
                ),
            ]
        )
        self._pipeline = make_pipeline(
            features, LogisticRegression(C=10, max_iter=2000, random_state=42)
        )
        self._pipeline.fit([t.casefold() for t in texts], intents)

    @classmethod
    def from_nlu_files(cls, nlu_dir: Path = DEFAULT_NLU_DIR) -> "IntentModel":
        return cls(training_examples(nlu_dir))

    def ranking(self, text: str) -> List[Tuple[str, float]]:
        """Every intent with its probability, most likely first."""
        probabilities = self._pipeline.predict_proba([text.casefold()])[0]
        classes = self._pipeline.classes_
        return sorted(zip(classes, probabilities), key=lambda pair: -pair[1])

    def probabilities(self, text: str) -> Dict[str, float]:
        return dict(self.ranking(text))


# Letters a word keeps once its ending is cut: "negotiations" and "negotiate" meet,
# "breakfast" and "breakthrough" don't.
_STEM_LENGTH = 6
# Endings cut before a word is shortened, so "backs", "backer" and "backing" meet.
_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s", "e")
_VERB_SUFFIXES = ("ings", "ing", "ed")


# Irregular forms meet their base word: "who spoke for them?" and "who speaks for them?".
_IRREGULAR = {
    form: base
    for base, forms in {
        "speak": "spoke spoken",
        "lead": "led",
        "hold": "held",
        "meet": "met",
        "send": "sent",
        "flee": "fled",
        "bring": "brought",
        "go": "went gone",
        "give": "gave given",
        "take": "took taken",
        "make": "made",
        "say": "said",
        "tell": "told",
        "win": "won",
        "begin": "began begun",
        "come": "came",
        "get": "got gotten",
        "leave": "left",
        "keep": "kept",
        "fight": "fought",
        "seek": "sought",
        "think": "thought",
        "know": "knew known",
        "see": "saw seen",
        "choose": "chose chosen",
        "break": "broke broken",
        "write": "wrote written",
        "run": "ran",
        "stand": "stood",
        "become": "became",
        "find": "found",
        "lose": "lost",
        "pay": "paid",
        "mean": "meant",
        "drive": "drove driven",
        "fall": "fell fallen",
        "withdraw": "withdrew withdrawn",
        "strike": "struck",
        "buy": "bought",
        "catch": "caught",
        "build": "built",
        "spend": "spent",
        "hear": "heard",
        "understand": "understood",
    }.items()
    for form in forms.split()
}


def _plain_stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if suffix in _VERB_SUFFIXES and word.endswith("er") and len(word) >= 5:
        # "brokered" meets "brokers" and "broker", "offered" meets "offers".
        word = word[:-2]
    return word[:_STEM_LENGTH]


# "clashes" meets "skirmishes": an everyday word's stem becomes the article word's.
_SYNONYM_STEMS = synonym_stems(_plain_stem)


def _stem(word: str) -> str:
    stem = _plain_stem(word)
    return _SYNONYM_STEMS.get(stem, stem)


def stems(text: str) -> str:
    """Words without their endings, cut to six letters: "released" meets "release".

    Common words are left out before stemming: "backs" is not the stop word "back".
    """
    words = re.findall(r"[a-z0-9]+", rewrite_phrases(text.casefold()))
    return " ".join(_stem(w) for w in words if len(w) > 2 and w not in ENGLISH_STOP_WORDS)


def translated_stems(text: str) -> FrozenSet[str]:
    """The stems a text has only through an everyday word for the article's ("clashes")."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    own = {_plain_stem(w) for w in words if len(w) > 2 and w not in ENGLISH_STOP_WORDS}
    return frozenset(stems(text).split()) - own


class TextIndex:
    """How much of a question's wording each document shares (tf-idf cosine over word stems).

    The classifier knows how questions are asked; this knows what each answer
    is about, so "were the prisoners released?" finds the entry that quotes
    "the release of prisoners" even when no training phrasing is close.
    """

    def __init__(self, documents: Dict[str, str]) -> None:
        self.keys = list(documents)
        self._vectorizer = TfidfVectorizer(sublinear_tf=True)
        self._matrix = self._vectorizer.fit_transform(stems(documents[k]) for k in self.keys)

    def similarities(self, text: str) -> Dict[str, float]:
        vector = self._vectorizer.transform([stems(text)])
        scores = (self._matrix @ vector.T).toarray().ravel()
        return dict(zip(self.keys, scores))
