"""Same-event judge: a cross-encoder that reads two sentences, each with one event word marked, and gives the
probability that the two words name the same real-world event ("struck" / "the earthquake" in two reports of
one quake: yes; "struck" in reports of two quakes, or "struck" / "killed": no).

The model (``model/same_event/``, built by ``tools/finetune_same_event.py``) is all-MiniLM-L6-v2 fine-tuned
on ECB+ cross-document event coreference (topics 1-30), run as int8 ONNX by ``newsweave.embeddings`` like
the story encoder: the pair is read as ``[CLS] a [SEP] b [SEP]`` with each event word between ``[`` and
``]``; a linear layer over the [CLS] vector, each side's event-word vectors and their product gives the
logit. ``benchmarks/event_coref.py`` measures it on topics 36-45. Importing this module loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import ConfigError, Errors, NewsweaveError
from newsweave.events.model_files import read_model_arrays

if TYPE_CHECKING:
    from newsweave.embeddings import Encoder

#: The packaged model's folder, and its head's file there.
MODEL_DIR = Path(__file__).parent / "model" / "same_event"
HEAD_FILE = "head.npz"
#: The marks around an event word; single characters that BERT's vocabulary holds as tokens of their own.
OPEN, CLOSE = "[", "]"
#: Words kept either side of the event word: a long sentence is cut to a window around it, so that the
#: pair stays far below the encoder's 256 tokens and both marks survive.
CONTEXT_WORDS = 30
#: Pairs per onnxruntime call.
BATCH_SIZE = 32

Vector = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class EventMention:
    """An event word in its sentence: ``sentence[start:end]`` is the word (or phrase)."""

    sentence: str
    start: int
    end: int


def marked(mention: EventMention) -> str:
    """The sentence cut to CONTEXT_WORDS words either side of the event word, the word between marks."""
    before = mention.sentence[: mention.start].split()[-CONTEXT_WORDS:]
    after = mention.sentence[mention.end :].split()[:CONTEXT_WORDS]
    word = " ".join(mention.sentence[mention.start : mention.end].split())
    return " ".join([*before, OPEN, word, CLOSE, *after])


def trigger_masks(
    ids: NDArray[np.int64], types: NDArray[np.int64], open_id: int, close_id: int
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """For one encoded pair, the positions of the first and of the second text's event word: the tokens
    between the first ``open_id`` and the next ``close_id`` of each segment; the whole segment when its
    marks are missing (a text with brackets of its own still reads, only less sharply)."""
    masks = []
    for segment in (0, 1):
        inside = types == segment
        opens = np.flatnonzero(inside & (ids == open_id))
        closes = np.flatnonzero(inside & (ids == close_id))
        mask = np.zeros(len(ids), dtype=bool)
        if len(opens) and len(closes[closes > opens[0] + 1]):
            mask[opens[0] + 1 : closes[closes > opens[0] + 1][0]] = True
        else:
            mask[1:] = inside[1:]  # the segment without [CLS]
        masks.append(mask)
    return masks[0], masks[1]


def pair_features(hidden: Vector, mask_a: NDArray[np.bool_], mask_b: NDArray[np.bool_]) -> Vector:
    """The head's input: [CLS], the mean vector of each event word, and their product."""
    a, b = hidden[mask_a].mean(axis=0), hidden[mask_b].mean(axis=0)
    return np.concatenate([hidden[0], a, b, a * b]).astype(np.float32)


class SameEventModel:
    """The fine-tuned cross-encoder and its linear head: P(same event) for pairs of event mentions."""

    def __init__(self, folder: Path = MODEL_DIR, *, threads: int = 1) -> None:
        self.folder = folder
        self.threads = threads
        head = read_model_arrays(folder / HEAD_FILE, ("coef", "intercept"), Errors.SAME_EVENT_MODEL_NOT_FOUND)
        self.coef = head["coef"].astype(np.float32).reshape(-1)
        self.intercept = float(np.asarray(head["intercept"]).reshape(-1)[0])

    def _encoder(self) -> Encoder:
        from newsweave.embeddings import load_encoder

        try:
            encoder = load_encoder(str(self.folder), threads=self.threads)
        except NewsweaveError as error:
            raise ConfigError(Errors.SAME_EVENT_MODEL_NOT_FOUND, model=str(self.folder), why=error) from error
        if 4 * encoder.dim != len(self.coef):
            why = f"its head reads {len(self.coef)} features, the encoder gives 4 x {encoder.dim}"
            raise ConfigError(Errors.SAME_EVENT_MODEL_NOT_FOUND, model=str(self.folder), why=why)
        return encoder

    def probabilities(self, pairs: Sequence[tuple[EventMention, EventMention]]) -> Vector:
        """P(same event), one per pair, in order (trained on pairs in both orders, so nearly symmetric)."""
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        encoder = self._encoder()
        texts = [(marked(a), marked(b)) for a, b in pairs]
        open_id, close_id = encoder.token_id(OPEN), encoder.token_id(CLOSE)
        logits = np.zeros(len(texts), dtype=np.float32)
        for index, (hidden, ids, types) in enumerate(encoder.pair_states(texts, batch_size=BATCH_SIZE)):
            features = pair_features(hidden, *trigger_masks(ids, types, open_id, close_id))
            logits[index] = features @ self.coef + self.intercept
        probabilities: Vector = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return probabilities
