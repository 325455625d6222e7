"""The event models' packaged files and the arithmetic their linear layers share.

Kept apart from ``classify.py`` and ``finetuned.py`` so that both read model arrays, and turn scores
into probabilities, the same way. Importing this module loads nothing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import ConfigError, ErrorKind, Errors

Vector = NDArray[np.float32]


def packaged_model_path(name: str) -> Path:
    """Where the packaged file or folder ``name`` of the event model is."""
    return Path(str(resources.files("newsweave.events").joinpath("model", name)))


def read_model_arrays(
    source: Path, required: Sequence[str], kind: ErrorKind = Errors.EVENT_MODEL_NOT_FOUND
) -> dict[str, NDArray[Any]]:
    """Every array of a model's .npz file; ConfigError of ``kind`` (E603 by default) if it is missing,
    unreadable or lacks one of the ``required`` arrays."""

    def broken(why: str) -> ConfigError:
        return ConfigError(kind, model=str(source), why=why)

    if not source.exists():
        raise broken("no such file")
    if not source.is_file():
        raise broken("not a file")
    try:
        loaded = np.load(source, allow_pickle=False)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise broken(f"not a numpy .npz archive ({error})") from error
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise broken("a single numpy array, not an .npz archive of the model's arrays")
    try:
        with loaded:
            missing = [name for name in required if name not in loaded.files]
            if missing:
                raise broken(f"arrays {', '.join(missing)} are missing (a model of another format?)")
            arrays = {name: loaded[name] for name in loaded.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise broken(f"an array cannot be read ({error})") from error
    return arrays


def softmax(scores: Vector) -> Vector:
    """Row-wise softmax of a score matrix, as float32."""
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    result: Vector = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
    return result


def sigmoid(scores: Vector) -> Vector:
    """Logistic function of each score, as float32."""
    result: Vector = (1.0 / (1.0 + np.exp(-scores))).astype(np.float32)
    return result
