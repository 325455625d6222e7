"""Classify sentences into PLOVER event categories (logistic regression over TF-IDF + MiniLM features).

The model (``model/event_classifier.npz``, built by ``tools/train_event_classifier.py`` from PLV_train
only) holds two TF-IDF vocabularies with their idf weights and one multinomial logistic regression
over [TF-IDF(sentence), TF-IDF(text between the actors), MiniLM(sentence with actors replaced by
SOURCE/TARGET), MiniLM(span from the first actor to the second)]. Inference needs numpy and the encoder
only. Importing this module loads nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsweave.events import codebook

MODEL_FILE = "event_classifier.npz"
#: scikit-learn's default token pattern, which the vectorisers were trained with.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")

Vector = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class EventPrediction:
    """One sentence's event category (PLOVER v0.8), with CAMEO code, Goldstein value and quad class."""

    category: str
    label: str  # the training label (PLV's; YIELD where v0.8 says CONCEDE)
    quad_class: str
    cameo: str
    goldstein: float
    confidence: float
    is_event: bool


def actor_views(sentence: str, source: str | None, target: str | None) -> tuple[str, str, str]:
    """(actors replaced by SOURCE/TARGET, text between the actors, span over both actors).

    Without both actors found in the sentence, all three views are the sentence itself.
    """
    start_a = sentence.find(source) if source else -1
    start_b = sentence.find(target) if target else -1
    if source is None or target is None or start_a < 0 or start_b < 0:
        return sentence, sentence, sentence
    first, second = sorted([(start_a, start_a + len(source)), (start_b, start_b + len(target))])
    replaced = sentence.replace(source, "SOURCE", 1).replace(target, "TARGET", 1)
    between = sentence[first[1] : second[0]]
    return replaced, between, sentence[first[0] : second[1]]


def _ngrams(text: str) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    return tokens + [f"{left} {right}" for left, right in itertools.pairwise(tokens)]


def tfidf(texts: Sequence[str], vocabulary: dict[str, int], idf: Vector) -> Vector:
    """scikit-learn's TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) transform, dense."""
    matrix = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        for gram, count in Counter(_ngrams(text)).items():
            column = vocabulary.get(gram)
            if column is not None:
                matrix[row, column] = (1.0 + np.log(count)) * idf[column]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    result: Vector = matrix / np.maximum(norms, 1e-12)
    return result


class EventClassifier:
    """PLOVER category for each sentence, given (optionally) its source and target actor texts."""

    def __init__(self, path: Path | None = None, *, threads: int = 1) -> None:
        source = path or Path(str(resources.files("newsweave.events").joinpath("model", MODEL_FILE)))
        with np.load(source, allow_pickle=False) as model:
            self.labels = [str(label) for label in model["labels"]]
            self.coef = model["coef"].astype(np.float32)
            self.intercept = model["intercept"].astype(np.float32)
            self.threshold = float(model["no_event_threshold"])
            self._vocabs = [
                ({str(gram): index for index, gram in enumerate(model[f"vocab_{name}"])},
                 model[f"idf_{name}"].astype(np.float32))
                for name in ("sentence", "between")
            ]  # fmt: skip
        self.threads = threads

    def probabilities(
        self, sentences: Sequence[str], sources: Sequence[str | None], targets: Sequence[str | None]
    ) -> Vector:
        """Class probabilities, one row per sentence, columns in ``self.labels`` order."""
        from newsweave.embeddings import load_encoder

        views = [actor_views(*triple) for triple in zip(sentences, sources, targets, strict=True)]
        encoder = load_encoder(threads=self.threads)
        features = np.hstack(
            [
                tfidf(sentences, *self._vocabs[0]),
                tfidf([view[1] for view in views], *self._vocabs[1]),
                encoder.encode([view[0] for view in views]),
                encoder.encode([view[2] for view in views]),
            ]
        )
        scores = features @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        result: Vector = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return result

    def classify(
        self,
        sentences: Sequence[str],
        sources: Sequence[str | None] | None = None,
        targets: Sequence[str | None] | None = None,
    ) -> list[EventPrediction]:
        """One prediction per sentence; ``is_event`` is False when the best class is unsure."""
        if isinstance(sentences, str):
            raise TypeError("classify takes a sequence of sentences, not one string")
        if not sentences:
            return []
        nones: list[str | None] = [None] * len(sentences)
        probs = self.probabilities(sentences, sources or nones, targets or nones)
        return [self._prediction(row) for row in probs]

    def _prediction(self, row: Vector) -> EventPrediction:
        best = int(np.argmax(row))
        label = self.labels[best]
        category = codebook.canonical(label)
        cameo = codebook.cameo_for(category)
        return EventPrediction(
            category=category,
            label=label,
            quad_class=codebook.quad_class(category),
            cameo=cameo,
            goldstein=codebook.goldstein(cameo),
            confidence=float(row[best]),
            is_event=float(row[best]) >= self.threshold,
        )


@functools.cache
def load_classifier(path: Path | None = None, *, threads: int = 1) -> EventClassifier:
    """The classifier at ``path`` (default: the packaged model), loaded once and shared."""
    return EventClassifier(path, threads=threads)
