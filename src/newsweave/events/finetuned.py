"""The event classifier's fine-tuned category model: MiniLM fine-tuned on PLV_train, with a linear head.

``model/event_encoder/`` (built by ``tools/finetune_event_encoder.py``) holds the transformer as int8
ONNX with its ``vocab.txt``, run by ``newsweave.embeddings`` like the story encoder, and ``head.npz``, the
linear layer over its mean-pooled token vectors. It reads each sentence with its actors marked
(:func:`marked_sentence`). Importing this module loads nothing; the encoder loads on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsweave.errors import ConfigError, Errors, NewsweaveError
from newsweave.events.model_files import Vector, read_model_arrays, softmax

if TYPE_CHECKING:
    from newsweave.embeddings import Encoder

#: Texts per call of the fine-tuned (float) encoder, as it was calibrated: its probabilities move in the
#: last digits with the batch's shape, enough to carry a sentence across the confidence threshold.
BATCH_SIZE = 32
#: The fine-tuned encoder's folder beside the packaged model file, and its head's file in that folder.
ENCODER_DIR = "event_encoder"
HEAD_FILE = "head.npz"


def marked_sentence(sentence: str, source: str | None, target: str | None) -> str:
    """The sentence with its source actor in ``[ ]`` and its target in ``{ }``: the fine-tuned
    encoder's input. Unchanged unless both actors are found in it, apart from each other."""
    start_a = sentence.find(source) if source else -1
    start_b = sentence.find(target) if target else -1
    if source is None or target is None or start_a < 0 or start_b < 0:
        return sentence
    end_a, end_b = start_a + len(source), start_b + len(target)
    if start_a < end_b and start_b < end_a:  # one actor inside the other: no clean marking
        return sentence
    marks = sorted([(start_a, end_a, "[ ", " ]"), (start_b, end_b, "{ ", " }")], reverse=True)
    for start, end, opening, closing in marks:  # the later span first: earlier offsets stay valid
        sentence = f"{sentence[:start]}{opening}{sentence[start:end]}{closing}{sentence[end:]}"
    return sentence


class FineTunedModel:
    """The fine-tuned encoder and its linear head: category probabilities of actor-marked sentences."""

    def __init__(self, folder: Path, labels: Sequence[str], *, threads: int = 1) -> None:
        self.folder = folder
        self.threads = threads
        head = read_model_arrays(folder / HEAD_FILE, ("labels", "coef", "intercept"))
        names = [str(label) for label in head["labels"]]
        if sorted(names) != sorted(labels):
            why = f"its head's labels {names} are not the category model's {list(labels)}"
            raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(folder), why=why)
        coef, intercept = head["coef"].astype(np.float32), head["intercept"].astype(np.float32)
        if coef.ndim != 2 or coef.shape[0] != len(names) or intercept.shape != (len(names),):
            why = f"head arrays of shapes {coef.shape} and {intercept.shape} for {len(names)} labels"
            raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(folder), why=why)
        order = [names.index(label) for label in labels]  # columns in the category model's order
        self.coef, self.intercept = coef[order], intercept[order]

    def _encoder(self) -> Encoder:
        from newsweave.embeddings import load_encoder

        try:
            encoder = load_encoder(str(self.folder), threads=self.threads)
        except NewsweaveError as error:
            raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(self.folder), why=error) from error
        if encoder.dim != self.coef.shape[1]:
            why = f"its head reads {self.coef.shape[1]}-dimensional vectors, the encoder gives {encoder.dim}"
            raise ConfigError(Errors.EVENT_MODEL_NOT_FOUND, model=str(self.folder), why=why)
        return encoder

    def probabilities(
        self, sentences: Sequence[str], sources: Sequence[str | None], targets: Sequence[str | None]
    ) -> Vector:
        """Class probabilities, one row per sentence, columns in the category model's label order."""
        marked = [marked_sentence(*triple) for triple in zip(sentences, sources, targets, strict=True)]
        states = self._encoder().token_vectors(marked, batch_size=BATCH_SIZE)
        # Mean over every token, [CLS] and [SEP] included, as the network was trained.
        pooled = np.array([hidden.mean(axis=0) for hidden, _ in states], dtype=np.float32)
        return softmax(pooled @ self.coef.T + self.intercept)
