"""Classify sentences into PLOVER event categories, and tell sentences that report an event from the rest.

The model (``model/event_classifier.npz``, built by ``tools/train_event_classifier.py``; numpy arrays
only) holds two logistic regressions over TF-IDF and MiniLM features:

- the **category model** (multinomial, PLV's 15 labels), trained on PLV_train and the CAMEO code
  descriptions, over [TF-IDF(sentence), TF-IDF(text between the actors), MiniLM(sentence with the
  actors replaced by SOURCE/TARGET), MiniLM(sentence), MiniLM states of the tokens between the actors,
  MiniLM states of the ``TAIL_TOKENS`` tokens after the second actor]. The last two are means of the
  transformer's contextual token vectors inside one pass over the sentence, so the words between the
  actors are read in their sentence ("has condemned", "withdrew peacekeepers from");
- the **event detector** (binary), trained on the same event sentences against hand-written and
  hand-labelled ECB+ sentences that report no event, over [TF-IDF(sentence), MiniLM(sentence)]. It
  reads the sentence alone, so the actors a caller passes cannot change the decision.

A second category model, MiniLM **fine-tuned** on the same rows (``model/event_encoder/``, built by
``tools/finetune_event_encoder.py``: int8 ONNX and a linear head over its mean-pooled token vectors),
reads the sentence with its actors marked (``finetuned.marked_sentence``); the category probabilities are
the average of the two models' weighted by ``FINETUNED_WEIGHT``. ``[events] classifier_encoder =
"none"`` leaves it out (one encoder pass less per sentence, lower accuracy: benchmarks/RESULTS.md).

Inference needs numpy and onnxruntime only: at most three encoder passes per sentence (the sentence, the
sentence with its actors replaced when both are found, and the marked sentence through the fine-tuned
encoder). Importing this module loads nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import ConfigError, Errors
from newsweave.events import codebook
from newsweave.events.finetuned import ENCODER_DIR, FineTunedModel
from newsweave.events.model_files import Vector, packaged_model_path, read_model_arrays, sigmoid, softmax

if TYPE_CHECKING:
    from newsweave.embeddings import Encoder

MODEL_FILE = "event_classifier.npz"
#: ``[events] classifier_encoder`` value that leaves the fine-tuned model out.
NO_ENCODER = "none"
#: Weight of the fine-tuned model's probabilities in the category average (the logistic regression
#: has the rest). 5-fold CV accuracy on PLV_train (tools/finetune_event_encoder.py --cv): 0.840 for the
#: logistic regression alone, 0.866 for the fine-tuned model alone, 0.868 / 0.872 / 0.878 / 0.876 /
#: 0.876 at weights 0.3 / 0.4 / 0.5 / 0.6 / 0.7.
FINETUNED_WEIGHT = 0.5
#: Layout of the .npz this module reads (``format`` array); 1 was the category model alone.
MODEL_FORMAT = 2
#: Tokens after the second actor whose contextual vectors are averaged: the object of the verb and
#: what follows it ("withdrew peacekeepers *from Sinai allowing Nasser*"). 6 won 5-fold CV on
#: PLV_train over 3 and 10 (accuracy 0.841 vs 0.838 and 0.837) and over the rest of the sentence (0.831).
TAIL_TOKENS = 6
#: Texts per encoder call; the batch is sorted by length so padding stays small (as in embeddings.py).
BATCH_SIZE = 32
#: scikit-learn's default token pattern, which the vectorisers were trained with.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: Arrays every model file must hold.
_REQUIRED = (
    "format", "labels", "coef", "intercept", "vocab_sentence", "idf_sentence", "vocab_between",
    "idf_between", "detector_coef", "detector_intercept", "vocab_detector", "idf_detector",
    "event_threshold", "dense_dim",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventPrediction:
    """One sentence's event category (PLOVER v0.8), with CAMEO code, Goldstein value and quad class.

    ``confidence`` is the category model's probability of ``category``; ``event_score`` the event
    detector's probability that the sentence reports an event at all, and ``is_event`` whether that
    reaches the model's calibrated threshold.
    """

    category: str
    label: str  # the training label (PLV's; YIELD where v0.8 says CONCEDE)
    quad_class: str
    cameo: str
    goldstein: float
    confidence: float
    is_event: bool
    event_score: float = 1.0


@dataclass(frozen=True, slots=True)
class DenseViews:
    """MiniLM features of a batch of sentences (one row per sentence, L2-normalised)."""

    replaced: Vector  # the sentence with its actors replaced by SOURCE / TARGET
    sentence: Vector  # the sentence as written
    between: Vector  # contextual token vectors between the two actors (the sentence when none)
    tail: Vector  # contextual token vectors of the TAIL_TOKENS tokens after the second actor

    def category_features(self) -> Vector:
        """The dense block of the category model, in its column order."""
        return np.hstack([self.replaced, self.sentence, self.between, self.tail])


def _actor_spans(
    sentence: str, source: str | None, target: str | None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Character spans of the first and the second actor in the sentence, or None unless both are in it."""
    start_a = sentence.find(source) if source else -1
    start_b = sentence.find(target) if target else -1
    if source is None or target is None or start_a < 0 or start_b < 0:
        return None
    first, second = sorted([(start_a, start_a + len(source)), (start_b, start_b + len(target))])
    return first, second


def actor_views(sentence: str, source: str | None, target: str | None) -> tuple[str, str, str]:
    """(actors replaced by SOURCE/TARGET, text between the actors, span over both actors).

    Without both actors found in the sentence, all three views are the sentence itself.
    """
    spans = _actor_spans(sentence, source, target)
    if spans is None or source is None or target is None:
        return sentence, sentence, sentence
    first, second = spans
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


def _unit(vectors: Vector) -> Vector:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    result: Vector = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
    return result


def _token_states(encoder: Encoder, texts: Sequence[str]) -> list[tuple[Vector, NDArray[np.int64]]]:
    """(contextual token vectors, character offsets) of each text, padding removed."""
    return encoder.token_vectors(texts, batch_size=BATCH_SIZE)


def _pool(
    hidden: Vector, offsets: NDArray[np.int64], start: int, end: int, limit: int | None
) -> Vector | None:
    """Mean of the word-piece vectors inside [start, end) (the first ``limit`` of them), or None if none."""
    inside = np.flatnonzero(
        (offsets[:, 1] > offsets[:, 0]) & (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
    )
    if limit is not None:
        inside = inside[:limit]
    if not len(inside):
        return None
    pooled: Vector = hidden[inside].mean(axis=0)
    return pooled


def dense_views(
    encoder: Encoder,
    sentences: Sequence[str],
    sources: Sequence[str | None],
    targets: Sequence[str | None],
) -> DenseViews:
    """The MiniLM features of each (sentence, source, target): one pass over each distinct text."""
    replaced = [actor_views(*triple)[0] for triple in zip(sentences, sources, targets, strict=True)]
    texts = list(dict.fromkeys([*sentences, *replaced]))
    states = dict(zip(texts, _token_states(encoder, texts), strict=True))
    # Mean over every token, [CLS] and [SEP] included: sentence-transformers' pooling (embeddings.py).
    means = {text: hidden.mean(axis=0) for text, (hidden, _) in states.items()}
    between, tail = [], []
    for sentence, source, target in zip(sentences, sources, targets, strict=True):
        hidden, offsets = states[sentence]
        spans = _actor_spans(sentence, source, target)
        inner = after = None
        if spans is not None:
            (_, first_end), (second_start, second_end) = spans
            inner = _pool(hidden, offsets, first_end, second_start, None)
            after = _pool(hidden, offsets, second_end, len(sentence), TAIL_TOKENS)
        between.append(means[sentence] if inner is None else inner)
        tail.append(means[sentence] if after is None else after)
    return DenseViews(
        replaced=_unit(np.array([means[text] for text in replaced], dtype=np.float32)),
        sentence=_unit(np.array([means[text] for text in sentences], dtype=np.float32)),
        between=_unit(np.array(between, dtype=np.float32)),
        tail=_unit(np.array(tail, dtype=np.float32)),
    )


class EventClassifier:
    """PLOVER category for each sentence, given (optionally) its source and target actor texts.

    ``path`` is the logistic-regression model (.npz; None: the packaged one); ``encoder`` the fine-tuned
    encoder's folder (None: the packaged one; ``"none"``: the logistic regression alone).
    """

    def __init__(
        self, path: Path | None = None, *, encoder: Path | str | None = None, threads: int = 1
    ) -> None:
        source = path or packaged_model_path(MODEL_FILE)
        self.path = source
        model = read_model_arrays(source, _REQUIRED)
        if int(model["format"]) != MODEL_FORMAT:
            why = f"model format {int(model['format'])}, this version reads {MODEL_FORMAT}"
            raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(source), why=why)
        self.labels = [str(label) for label in model["labels"]]
        self.coef = model["coef"].astype(np.float32)
        self.intercept = model["intercept"].astype(np.float32)
        self.detector_coef = model["detector_coef"].astype(np.float32).reshape(-1)
        self.detector_intercept = float(np.asarray(model["detector_intercept"]).reshape(-1)[0])
        #: Event-detector probability from which a sentence counts as reporting an event.
        self.threshold = float(model["event_threshold"])
        self.dense_dim = int(model["dense_dim"])
        self._vocabs = {
            name: ({str(gram): index for index, gram in enumerate(model[f"vocab_{name}"])},
                   model[f"idf_{name}"].astype(np.float32))
            for name in ("sentence", "between", "detector")
        }  # fmt: skip
        self._check_shapes(source)
        self.threads = threads
        self.finetuned: FineTunedModel | None = None
        if str(encoder) != NO_ENCODER:
            folder = Path(encoder) if encoder else packaged_model_path(ENCODER_DIR)
            self.finetuned = FineTunedModel(folder, self.labels, threads=threads)

    def _check_shapes(self, source: Path) -> None:
        sparse = len(self._vocabs["sentence"][0]) + len(self._vocabs["between"][0])
        expected = {
            "coef": (len(self.labels), sparse + 4 * self.dense_dim),
            "intercept": (len(self.labels),),
            "detector_coef": (len(self._vocabs["detector"][0]) + self.dense_dim,),
        }
        for name, shape in expected.items():
            if getattr(self, name).shape != shape:
                why = f"array {name!r} has shape {getattr(self, name).shape}, expected {shape}"
                raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(source), why=why)

    def _encoder(self) -> Encoder:
        from newsweave.embeddings import load_encoder

        encoder = load_encoder(threads=self.threads)
        if encoder.dim != self.dense_dim:
            why = f"it was trained on {self.dense_dim}-dimensional vectors, the encoder gives {encoder.dim}"
            raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(self.path), why=why)
        return encoder

    def _scores(
        self, sentences: Sequence[str], sources: Sequence[str | None], targets: Sequence[str | None]
    ) -> tuple[Vector, Vector]:
        """(category probabilities, event-detector probabilities) of each sentence."""
        views = dense_views(self._encoder(), sentences, sources, targets)
        sentence_tfidf = tfidf(sentences, *self._vocabs["sentence"])
        between = [actor_views(*triple)[1] for triple in zip(sentences, sources, targets, strict=True)]
        features = np.hstack(
            [sentence_tfidf, tfidf(between, *self._vocabs["between"]), views.category_features()]
        )
        categories = softmax(features @ self.coef.T + self.intercept)
        if self.finetuned is not None:
            finetuned = self.finetuned.probabilities(sentences, sources, targets)
            categories = FINETUNED_WEIGHT * finetuned + (1.0 - FINETUNED_WEIGHT) * categories
        detector = np.hstack([tfidf(sentences, *self._vocabs["detector"]), views.sentence])
        events = sigmoid(detector @ self.detector_coef + self.detector_intercept)
        return categories, events

    def probabilities(
        self, sentences: Sequence[str], sources: Sequence[str | None], targets: Sequence[str | None]
    ) -> Vector:
        """Class probabilities, one row per sentence, columns in ``self.labels`` order."""
        return self._scores(sentences, sources, targets)[0]

    def event_scores(self, sentences: Sequence[str]) -> Vector:
        """The event detector's probability that each sentence reports an event (actors play no part)."""
        if isinstance(sentences, str):
            raise TypeError("event_scores takes a sequence of sentences, not one string")
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        views = dense_views(self._encoder(), sentences, [None] * len(sentences), [None] * len(sentences))
        detector = np.hstack([tfidf(sentences, *self._vocabs["detector"]), views.sentence])
        return sigmoid(detector @ self.detector_coef + self.detector_intercept)

    def classify(
        self,
        sentences: Sequence[str],
        sources: Sequence[str | None] | None = None,
        targets: Sequence[str | None] | None = None,
    ) -> list[EventPrediction]:
        """One prediction per sentence; ``is_event`` is False when the sentence reports no event."""
        if isinstance(sentences, str):
            raise TypeError("classify takes a sequence of sentences, not one string")
        if not sentences:
            return []
        nones: list[str | None] = [None] * len(sentences)
        categories, events = self._scores(sentences, sources or nones, targets or nones)
        return [self._prediction(row, float(event)) for row, event in zip(categories, events, strict=True)]

    def _prediction(self, row: Vector, event_score: float) -> EventPrediction:
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
            is_event=event_score >= self.threshold,
            event_score=event_score,
        )


def load_classifier(
    path: Path | str | None = None, *, encoder: Path | str | None = None, threads: int = 1
) -> EventClassifier:
    """The classifier at ``path`` with the fine-tuned ``encoder`` folder (None or ``""``: the packaged
    ones; encoder ``"none"``: without it), loaded once and shared.

    Raises ConfigError E603 when a file is missing, is not a model file, or has another layout.
    """
    return _load_classifier(Path(path) if path else None, str(encoder) if encoder else None, threads)


@functools.cache
def _load_classifier(path: Path | None, encoder: str | None, threads: int) -> EventClassifier:
    return EventClassifier(path, encoder=encoder, threads=threads)
