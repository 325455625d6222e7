"""Where a batch run's files go: chunks of inputs, their Parquet part files and done markers.

::

    OUTPUT/
      _chunks/00003-1a2b3c4d.json               a chunk's done marker: its inputs, counts and files
      articles/day=2019-11-05/00003-1a2b3c4d.parquet
      mentions/day=unknown/00003-1a2b3c4d.parquet
      ...                                        one file per table and date each chunk touched
      entities/part-0.parquet, stories/part-0.parquet, mention_entities/part-0.parquet
                                                 written by the single writer, once all chunks are done

A chunk's files are written under temporary names and renamed, then its marker last: a chunk with a
marker is complete, and a rerun over the same inputs skips it (resume). A chunk cut off mid-way (a
killed run) has no marker; the rerun writes it again under the same names.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MARKERS = "_chunks"
# The hive-style partition folder's key: ``day=2019-11-05`` (not ``date``, a column of ``events``).
PARTITION_KEY = "day"


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive inputs one worker reads and analyses in one go."""

    index: int
    items: tuple[str, ...]

    @property
    def id(self) -> str:
        """Position and a hash of the inputs: the same inputs give the same chunks on a rerun."""
        digest = hashlib.sha256("\x00".join(self.items).encode("utf-8")).hexdigest()[:8]
        return f"{self.index:05d}-{digest}"


def plan_chunks(items: Sequence[str], size: int) -> list[Chunk]:
    """The inputs (files and URLs, in reading order) cut into chunks of ``size``."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    return [
        Chunk(n, tuple(items[start : start + size])) for n, start in enumerate(range(0, len(items), size))
    ]


def marker_path(output: Path, chunk: Chunk) -> Path:
    """The done marker of a chunk."""
    return output / MARKERS / f"{chunk.id}.json"


def is_done(output: Path, chunk: Chunk) -> bool:
    """True when the chunk's files are all written (its marker exists)."""
    return marker_path(output, chunk).is_file()


def write_part(output: Path, table: str, partition: str, chunk: Chunk, data: pa.Table) -> str:
    """Write one part file atomically; returns its path relative to ``output``."""
    relative = Path(table) / f"{PARTITION_KEY}={partition}" / f"{chunk.id}.parquet"
    _atomic(output / relative, lambda tmp: pq.write_table(data, tmp))
    return relative.as_posix()


def write_marker(output: Path, chunk: Chunk, summary: dict[str, Any]) -> None:
    """Mark a chunk done (after all its part files are in place)."""
    text = json.dumps({"chunk": chunk.id, "items": list(chunk.items), **summary}, indent=1, sort_keys=True)
    _atomic(marker_path(output, chunk), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def read_marker(output: Path, chunk: Chunk) -> dict[str, Any]:
    """A done chunk's marker: its inputs, counts and files."""
    loaded: dict[str, Any] = json.loads(marker_path(output, chunk).read_text(encoding="utf-8"))
    return loaded


def chunk_files(output: Path, table: str, chunk: Chunk) -> list[Path]:
    """The part files of one table written by one chunk (one per date partition), sorted."""
    return sorted((output / table).glob(f"{PARTITION_KEY}=*/{chunk.id}.parquet"))


def clear_chunk(output: Path, chunk: Chunk) -> None:
    """Delete every part file of a chunk that has no marker (a killed or failed run's leftovers)."""
    for path in sorted(output.glob(f"*/{PARTITION_KEY}=*/{chunk.id}.parquet")):
        path.unlink()


def write_table(output: Path, table: str, data: pa.Table) -> str:
    """Write a whole table the single writer makes (entities, stories) as one part file."""
    relative = Path(table) / "part-0.parquet"
    _atomic(output / relative, lambda tmp: pq.write_table(data, tmp))
    return relative.as_posix()


def _atomic(path: Path, write: Any) -> None:
    """Write through a temporary file beside ``path`` and rename it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
