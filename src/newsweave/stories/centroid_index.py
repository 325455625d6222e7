"""Nearest story centroids for online assignment: exact search for few candidates, HNSW for many.

Every centroid is kept in one float32 matrix (the ground truth: exact search, rebuilds). A search with a
time window (``since``) only returns stories whose ``last_seen`` is in it. When the window (or the whole
index) holds at most ``EXACT_MAX_CANDIDATES`` stories, the search is exact over those rows; otherwise it asks
an hnswlib graph for more neighbours than wanted and drops those outside the window, falling back to exact
search if too few are left. The graph is built on the first search that needs it, not on load: with a
time window of weeks even 100k stories rarely need it, and building it for 100k centroids takes about a
minute. The index is derived data: :meth:`CentroidIndex.build` rebuilds it from the store's centroids.
Figures behind the constants: ``benchmarks/ann_index.py`` (synthetic 384-dim centroids, one thread).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Exact search over at most this many candidate rows: a float32 matrix-vector product over 10,000 x 384
#: took 0.6-1.3 ms (p50) here, so 20,000 take about as long as a graph query at HNSW_EF_SEARCH (1.5-1.7 ms
#: at 100k), and exact search is always right. The graph is dropped when the index shrinks below half.
EXACT_MAX_CANDIDATES = 20_000
#: hnswlib graph degree and build beam. M=16 is hnswlib's usual value; ef_construction=40 (faiss's default)
#: built 100k centroids in half the time of 100 and, searched at ef 256, gave better recall (0.94 vs 0.91
#: at ef 128) in the same time on the benchmark's centroids.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 40
#: Search beam: of 64/128/256, the one with recall@10 >= 0.9 at 100k synthetic centroids (0.77/0.86/0.94).
HNSW_EF_SEARCH = 256
#: An exact windowed search copies out the rows in the window when they are at most this share of the
#: index, else scores every row and masks: copying rows cost about as much as scoring twice as many in
#: place (measured at 10k and 100k rows, 8%, 50% and 100% in the window).
GATHER_MAX_SHARE = 0.25
#: A windowed HNSW search asks for k / (share of stories in the window) x this many neighbours.
OVERFETCH = 2.0
_GROWTH = 2  # the matrix's capacity doubles when it is full
#: Room the graph gets for centroids added after it is built: hnswlib allocates all of it up front,
#: 2x would double the graph's memory (330 MiB at 100k), and resizing copies it.
GRAPH_HEADROOM = 1.25

IdsLike = Sequence[int] | NDArray[np.integer[Any]]


class CentroidIndex:
    """Story centroids by id (non-negative ints), each with a ``last_seen`` time (e.g. epoch days)."""

    def __init__(self, dim: int, *, threads: int = 1) -> None:
        self.dim = dim
        self.threads = threads
        self._vectors = np.zeros((0, dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._last_seen = np.zeros(0, dtype=np.float64)
        self._size = 0
        self._row: dict[int, int] = {}
        self._graph: Any = None  # hnswlib.Index, built on the first search that needs it

    @classmethod
    def build(
        cls, ids: IdsLike, vectors: ArrayLike, last_seen: ArrayLike, *, threads: int = 1
    ) -> CentroidIndex:
        """An index over the store's centroids, built in one pass (the graph waits for a search)."""
        matrix = np.asarray(vectors, dtype=np.float32)
        index = cls(matrix.shape[1] if matrix.ndim == 2 else 0, threads=threads)
        index.add(ids, matrix, last_seen)
        return index

    def __len__(self) -> int:
        return self._size

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._row

    @property
    def uses_graph(self) -> bool:
        """Whether an HNSW graph is kept (a search had more than ``EXACT_MAX_CANDIDATES`` candidates)."""
        return self._graph is not None

    def add(
        self,
        ids: IdsLike,
        vectors: ArrayLike,
        last_seen: ArrayLike | None = None,
    ) -> None:
        """Add new centroids; ``last_seen`` None means no time (never outside a window)."""
        matrix = _unit_rows(vectors, self.dim)
        id_array = np.asarray(ids, dtype=np.int64).reshape(-1)
        if len(id_array) != len(matrix):
            raise ValueError(f"{len(id_array)} ids for {len(matrix)} vectors")
        if len(id_array) and id_array.min() < 0:
            raise ValueError("ids must be non-negative integers")
        if len(set(id_array.tolist())) != len(id_array) or any(i in self._row for i in id_array.tolist()):
            raise ValueError("ids must be new and distinct; use update() to move a centroid")
        times = np.broadcast_to(
            np.asarray(math.inf if last_seen is None else last_seen, dtype=np.float64), (len(id_array),)
        )
        self._reserve(self._size + len(id_array))
        rows = slice(self._size, self._size + len(id_array))
        self._vectors[rows], self._ids[rows], self._last_seen[rows] = matrix, id_array, times
        for offset, story_id in enumerate(id_array.tolist()):
            self._row[story_id] = self._size + offset
        self._size += len(id_array)
        if self._graph is not None:
            self._graph_add(id_array, matrix)

    def update(self, story_id: int, vector: ArrayLike, last_seen: float | None = None) -> None:
        """Move a centroid (its story grew); ``last_seen`` None keeps the old time."""
        row = self._row[story_id]
        unit = _unit_rows(vector, self.dim)
        self._vectors[row] = unit[0]
        if last_seen is not None:
            self._last_seen[row] = last_seen
        if self._graph is not None:
            # hnswlib replaces the vector of a label it holds and re-links its neighbours.
            self._graph_add(np.array([story_id], dtype=np.int64), unit)

    def remove(self, story_id: int) -> None:
        """Forget a centroid (its story was merged or deleted)."""
        row = self._row.pop(story_id)
        last = self._size - 1
        if row != last:  # keep rows contiguous: the last row takes the freed place
            self._vectors[row], self._ids[row] = self._vectors[last], self._ids[last]
            self._last_seen[row] = self._last_seen[last]
            self._row[int(self._ids[row])] = row
        self._size = last
        if self._graph is not None:
            self._graph.mark_deleted(story_id)
            if self._size < EXACT_MAX_CANDIDATES // 2:
                self._graph = None

    def last_seen(self, story_id: int) -> float:
        """The time stored with a centroid."""
        return float(self._last_seen[self._row[story_id]])

    def search(
        self, vector: ArrayLike, k: int = 10, *, since: float | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` nearest centroids as (id, cosine), best first; only ids with last_seen >= ``since``."""
        query = _unit_rows(vector, self.dim)[0]
        if k < 1 or self._size == 0:
            return []
        if since is None:
            candidates = self._size
            mask = None
        else:
            mask = self._last_seen[: self._size] >= since
            candidates = int(np.count_nonzero(mask))
        if candidates == 0:
            return []
        if candidates <= EXACT_MAX_CANDIDATES:
            return self._exact(query, k, mask)
        self.ensure_graph()
        found = self._approximate(query, k, since, candidates)
        return found if found is not None else self._exact(query, k, mask)

    def ensure_graph(self) -> None:
        """Build the HNSW graph now (else the first search with many candidates builds it)."""
        if self._graph is None and self._size > 0:
            self._build_graph()

    def memory_bytes(self) -> int:
        """Bytes held by the matrix and, when kept, the graph (hnswlib's own estimate of its arrays)."""
        total = self._vectors.nbytes + self._ids.nbytes + self._last_seen.nbytes
        if self._graph is not None:
            links = self._graph.get_max_elements() * (HNSW_M * 2 * 4 + 4 + self.dim * 4 + 8)
            total += links
        return int(total)

    def _exact(
        self, query: NDArray[np.float32], k: int, mask: NDArray[np.bool_] | None
    ) -> list[tuple[int, float]]:
        ids = self._ids[: self._size]
        if mask is not None and np.count_nonzero(mask) <= GATHER_MAX_SHARE * self._size:
            rows = np.flatnonzero(mask)
            scores = np.take(self._vectors, rows, axis=0) @ query
            ids = ids[rows]
        else:
            scores = self._vectors[: self._size] @ query
            if mask is not None:
                scores, ids = scores[mask], ids[mask]
        top = min(k, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        # Ties within the top k broken by id: row order (which removals change) should not show.
        order = np.lexsort((ids[best], -scores[best]))
        return [(int(ids[best[i]]), float(scores[best[i]])) for i in order]

    def _approximate(
        self, query: NDArray[np.float32], k: int, since: float | None, candidates: int
    ) -> list[tuple[int, float]] | None:
        """Graph search, over-fetching for the window; None when too few neighbours pass the filter."""
        wanted = min(k, candidates)
        fetch = min(self._size, max(wanted, math.ceil(wanted * self._size / candidates * OVERFETCH)))
        self._graph.set_ef(max(HNSW_EF_SEARCH, fetch))
        try:
            labels, distances = self._graph.knn_query(query, k=fetch, num_threads=1)
        except RuntimeError:  # hnswlib could not fill ``fetch`` results
            return None
        found: list[tuple[int, float]] = []
        for label, distance in zip(labels[0].tolist(), distances[0].tolist(), strict=True):
            if since is None or self._last_seen[self._row[label]] >= since:
                found.append((int(label), 1.0 - float(distance)))  # hnswlib's "ip" distance is 1 - dot
        if len(found) < wanted:
            return None
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found[:k]

    def _reserve(self, size: int) -> None:
        if size <= len(self._ids):
            return
        capacity = max(size, len(self._ids) * _GROWTH, 16)
        vectors = np.zeros((capacity, self.dim), dtype=np.float32)
        vectors[: self._size] = self._vectors[: self._size]
        ids = np.zeros(capacity, dtype=np.int64)
        ids[: self._size] = self._ids[: self._size]
        times = np.zeros(capacity, dtype=np.float64)
        times[: self._size] = self._last_seen[: self._size]
        self._vectors, self._ids, self._last_seen = vectors, ids, times

    def _build_graph(self) -> None:
        import hnswlib  # type: ignore[import-untyped]  # only indexes this large need it

        graph = hnswlib.Index(space="ip", dim=self.dim)
        graph.init_index(
            max_elements=math.ceil(self._size * GRAPH_HEADROOM) + 16,
            ef_construction=HNSW_EF_CONSTRUCTION,
            M=HNSW_M,
        )
        graph.set_num_threads(self.threads)
        graph.add_items(self._vectors[: self._size], self._ids[: self._size])
        graph.set_ef(HNSW_EF_SEARCH)
        self._graph = graph

    def _graph_add(self, ids: NDArray[np.int64], matrix: NDArray[np.float32]) -> None:
        # Deleted labels keep their slots, so the graph can fill up before the matrix does.
        needed = self._graph.get_current_count() + len(ids)
        if needed > self._graph.get_max_elements():
            self._graph.resize_index(math.ceil(needed * GRAPH_HEADROOM))
        self._graph.add_items(matrix, ids)


def _unit_rows(vectors: ArrayLike, dim: int) -> NDArray[np.float32]:
    """``vectors`` as float32 rows of length 1 (cosine is then a dot product)."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    if matrix.ndim != 2 or matrix.shape[1] != dim:
        raise ValueError(f"expected vectors of dimension {dim}, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    if len(matrix) and (not np.all(np.isfinite(norms)) or norms.min() == 0):
        raise ValueError("vectors must be finite and non-zero")
    unit: NDArray[np.float32] = matrix / norms
    return unit
