"""Nearest story centroids at 1k, 10k and 100k stories: exact numpy vs faiss-cpu vs hnswlib vs CentroidIndex.

    .venv/bin/python benchmarks/ann_index.py [--sizes 1000,10000,100000] [--data ecbplus|isotropic]

The centroids are synthetic (no store holds 100k stories): 384-dim, drawn from a Gaussian with the mean and
covariance of real all-MiniLM-L6-v2 vectors (the title and lead of each ECB+ document, encoded here), then
L2-normalised; ``--data isotropic`` draws them uniformly on the sphere instead (the hardest case for a graph
index, far from real text). Queries are new articles: a centroid moved by another draw's deviation (the
nearest centroid then at cosine 0.83 on average, the 10th at 0.46). last_seen is uniform over 365 days;
the "last N d" rows search the last 30 days (about 8% of stories) and the last 180 days (about half).

Per backend and size: build time (CentroidIndex: the matrix only; its HNSW graph is built by the first
search with more than EXACT_MAX_CANDIDATES candidates, and that time is shown in brackets), search latency
p50/p95 (k=10, one query at a time), recall@10 against exact search in the same window, memory (the
serialised index, or array bytes; CentroidIndex: its matrix plus hnswlib's arrays), and the time to move
one centroid (faiss IDMap2: remove + add; faiss HNSW cannot remove).
Everything runs on one thread (BLAS and OpenMP pinned), as the assignment stage does.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # before numpy and faiss load their thread pools

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import faiss  # noqa: E402
import hnswlib  # type: ignore[import-untyped]  # noqa: E402
import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

from newsweave.stories.centroid_index import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M, CentroidIndex  # noqa: E402

ECBPLUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
DIM = 384
K = 10
QUERIES = 300
UPDATES = 200
DAYS = 365.0
WINDOWS = (30.0, 180.0)
Matrix = NDArray[np.float32]


def gaussian_from_ecbplus() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Mean and covariance of MiniLM vectors of ECB+ titles + leads (the first two lines of each document)."""
    from newsweave.embeddings import load_encoder

    texts = []
    for line in ECBPLUS.read_text(encoding="utf-8").splitlines():
        lines = [part for part in json.loads(line)["text"].split("\n") if part.strip()]
        texts.append(" ".join(lines[:2]))
    vectors = load_encoder(threads=2).encode(texts).astype(np.float64)
    return vectors.mean(axis=0), np.cov(vectors, rowvar=False)


def draw(rng: np.random.Generator, count: int, model: tuple[Any, Any] | None) -> Matrix:
    if model is None:
        rows = rng.standard_normal((count, DIM))
    else:
        rows = rng.multivariate_normal(model[0], model[1], size=count, method="cholesky")
    unit: Matrix = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return unit


def queries_near(rng: np.random.Generator, centroids: Matrix, model: tuple[Any, Any] | None) -> Matrix:
    base = centroids[rng.integers(0, len(centroids), QUERIES)]
    other = draw(rng, QUERIES, model)
    rows = base + 0.7 * (other - other.mean(axis=0))
    unit: Matrix = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return unit


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def latencies(search: Callable[[Matrix], list[int]], queries: Matrix) -> tuple[float, float, list[list[int]]]:
    times, results = [], []
    for query in queries:
        start = time.perf_counter()
        results.append(search(query))
        times.append(time.perf_counter() - start)
    return float(np.percentile(times, 50) * 1e3), float(np.percentile(times, 95) * 1e3), results


def recall(found: list[list[int]], truth: list[list[int]]) -> float:
    return float(np.mean([len(set(a) & set(b)) / max(len(b), 1) for a, b in zip(found, truth, strict=True)]))


def exact_top(matrix: Matrix, ids: NDArray[np.int64], query: Matrix) -> list[int]:
    scores = matrix @ query
    best = np.argpartition(-scores, K - 1)[:K]
    return ids[best[np.argsort(-scores[best])]].tolist()  # type: ignore[no-any-return]


def measure_backends(centroids: Matrix, queries: Matrix, rng: np.random.Generator) -> list[dict[str, Any]]:
    count = len(centroids)
    ids = np.arange(count, dtype=np.int64)
    moved = draw(rng, UPDATES, None)
    movers = rng.choice(count, UPDATES, replace=False)
    rows: list[dict[str, Any]] = []
    p50, p95, truth = latencies(lambda q: exact_top(centroids, ids, q), queries)
    copy = centroids.copy()
    update = timed(lambda: [copy.__setitem__(m, v) for m, v in zip(movers, moved, strict=True)]) / UPDATES
    rows.append(
        {
            "backend": "numpy exact",
            "build": 0.0,
            "p50": p50,
            "p95": p95,
            "recall": 1.0,
            "mb": centroids.nbytes / 2**20,
            "update": update * 1e3,
        }
    )

    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    build = timed(lambda: flat.add_with_ids(centroids, ids))
    p50, p95, found = latencies(lambda q: flat.search(q[None], K)[1][0].tolist(), queries)

    def move_flat() -> None:
        for mover, vector in zip(movers, moved, strict=True):
            flat.remove_ids(np.array([mover], dtype=np.int64))  # type: ignore[arg-type]  # swig takes arrays
            flat.add_with_ids(vector[None], np.array([mover], dtype=np.int64))

    update = timed(move_flat) / UPDATES
    rows.append(
        {
            "backend": "faiss IDMap2(FlatIP)",
            "build": build,
            "p50": p50,
            "p95": p95,
            "recall": recall(found, truth),
            "mb": faiss.serialize_index(flat).nbytes / 2**20,
            "update": update * 1e3,
        }
    )

    hnsw = faiss.IndexHNSWFlat(DIM, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    build = timed(lambda: hnsw.add(centroids))
    hnsw.hnsw.efSearch = HNSW_EF_SEARCH
    p50, p95, found = latencies(lambda q: hnsw.search(q[None], K)[1][0].tolist(), queries)
    rows.append(
        {
            "backend": "faiss HNSWFlat (no remove)",
            "build": build,
            "p50": p50,
            "p95": p95,
            "recall": recall(found, truth),
            "mb": faiss.serialize_index(hnsw).nbytes / 2**20,
            "update": float("nan"),
        }
    )

    graph = hnswlib.Index(space="ip", dim=DIM)
    graph.init_index(max_elements=count, ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M)
    graph.set_num_threads(1)
    build = timed(lambda: graph.add_items(centroids, ids))
    graph.set_ef(HNSW_EF_SEARCH)
    p50, p95, found = latencies(lambda q: graph.knn_query(q, k=K)[0][0].tolist(), queries)
    update = timed(lambda: [graph.add_items(v[None], [m]) for m, v in zip(movers, moved, strict=True)])
    with tempfile.TemporaryDirectory() as folder:
        graph.save_index(f"{folder}/graph.bin")
        size = Path(f"{folder}/graph.bin").stat().st_size
    rows.append(
        {
            "backend": "hnswlib",
            "build": build,
            "p50": p50,
            "p95": p95,
            "recall": recall(found, truth),
            "mb": size / 2**20,
            "update": update / UPDATES * 1e3,
        }
    )
    return rows


def measure_index(centroids: Matrix, queries: Matrix, rng: np.random.Generator) -> list[dict[str, Any]]:
    """CentroidIndex: each window, then all stories (recall against exact search in the same window)."""
    count = len(centroids)
    ids = np.arange(count, dtype=np.int64)
    last_seen = rng.uniform(0.0, DAYS, count)
    start = time.perf_counter()
    index = CentroidIndex.build(ids, centroids, last_seen)
    seconds = time.perf_counter() - start
    rows: list[dict[str, Any]] = []
    for window in (*WINDOWS, None):
        since = None if window is None else DAYS - window
        keep = np.ones(count, dtype=bool) if since is None else last_seen >= since
        truth = [exact_top(centroids[keep], ids[keep], q) for q in queries]

        def search(query: Matrix, since: float | None = since) -> list[int]:
            return [story for story, _ in index.search(query, K, since=since)]

        graph_seconds = timed(lambda: search(queries[0]))  # the first wide search builds the graph

        p50, p95, found = latencies(search, queries)
        label = "all" if window is None else f"last {window:.0f} d"
        graph = ", graph" if index.uses_graph else ""
        if graph_seconds > 0.5:
            graph += f"; its first search built the graph in {graph_seconds:.1f} s"
        rows.append(
            {
                "backend": f"CentroidIndex ({label}{graph})",
                "build": seconds,
                "p50": p50,
                "p95": p95,
                "recall": recall(found, truth),
                "mb": index.memory_bytes() / 2**20,
                "update": float("nan"),
            }
        )
    moved = draw(rng, UPDATES, None)
    movers = rng.choice(count, UPDATES, replace=False)

    def move() -> None:
        for mover, vector in zip(movers, moved, strict=True):
            index.update(int(mover), vector, DAYS)

    rows[-1]["update"] = timed(move) / UPDATES * 1e3
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--data", choices=("ecbplus", "isotropic"), default="ecbplus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    model = gaussian_from_ecbplus() if args.data == "ecbplus" else None
    arguments = " ".join(argv if argv is not None else sys.argv[1:])
    print(f"$ .venv/bin/python benchmarks/ann_index.py {arguments}".rstrip())
    print(
        f"centroids: synthetic, {args.data}; M={HNSW_M} ef_construction={HNSW_EF_CONSTRUCTION} "
        f"ef_search={HNSW_EF_SEARCH}; one thread\n"
    )
    print("| stories | backend | build s | search p50 ms | p95 ms | recall@10 | memory MiB | update ms |")
    print("|---|---|---|---|---|---|---|---|")
    for size in (int(part) for part in args.sizes.split(",")):
        centroids = draw(rng, size, model)
        queries = queries_near(rng, centroids, model)
        for row in measure_backends(centroids, queries, rng) + measure_index(centroids, queries, rng):
            print(
                f"| {size:,} | {row['backend']} | {row['build']:.2f} | {row['p50']:.3f} | {row['p95']:.3f} "
                f"| {row['recall']:.3f} | {row['mb']:.1f} | {row['update']:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
