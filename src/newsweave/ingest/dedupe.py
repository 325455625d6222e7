"""Duplicate detection: exact (normalised text hash) and near (MinHash LSH over word shingles).

The signatures and band keys are plain numbers so that the store can keep the LSH index in its
own tables (SQLite or PostgreSQL alike): a near-duplicate lookup is one indexed query, and the
index survives restarts without a side file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rensa import RMinHash

from newsweave.config import DedupeConfig
from newsweave.data import normalise_text

# Fixed so that signatures stored by one run compare with those computed by the next.
MINHASH_SEED = 20260114

Signature = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> list[str]:
    """Overlapping word n-grams of the normalised text (the whole text when it is shorter)."""
    words = _WORD.findall(normalise_text(text))
    if len(words) <= size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def signature(text: str, config: DedupeConfig) -> Signature:
    """The MinHash signature of the text's shingles (``config.num_perm`` 32-bit values)."""
    minhash = RMinHash(num_perm=config.num_perm, seed=MINHASH_SEED)
    minhash.update(shingles(text, config.shingle_words))
    return np.asarray(minhash.digest(), dtype=np.uint32)


def band_keys(sig: Signature, bands: int) -> list[int]:
    """One key per LSH band: articles sharing any key are candidates for a near-duplicate check.

    The key folds the band number in, so one index column serves every band. Keys are signed
    63-bit integers so that both SQLite and PostgreSQL store them as BIGINT.
    """
    rows = len(sig) // bands
    keys = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(4, "little")).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets: the share of equal slots."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: Signature) -> bytes:
    """The signature as stored (little-endian uint32s)."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    """A stored signature back as an array."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


@dataclass(frozen=True, slots=True)
class NearMatch:
    """The closest earlier article whose estimated Jaccard passes the threshold."""

    article_id: str
    similarity: float


def best_match(sig: Signature, candidates: dict[str, Signature], threshold: float) -> NearMatch | None:
    """Among LSH candidates, the most similar one at or above ``threshold`` (ties: smallest id)."""
    best: NearMatch | None = None
    for article_id in sorted(candidates):
        similarity = estimate_jaccard(sig, candidates[article_id])
        if similarity >= threshold and (best is None or similarity > best.similarity):
            best = NearMatch(article_id, similarity)
    return best
