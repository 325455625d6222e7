"""Story clustering on ECB+ (a story = a subtopic): ours vs TF-IDF and MiniLM single-pass baselines.

    .venv/bin/python benchmarks/cluster.py [--quick] [--entities ids|names] [--vector lead|text]

Weights and thresholds are calibrated on topics 1-35 only (grid search, objective: mean B3-F1 over
``CALIBRATION_ORDERS`` random arrival orders, online mode); figures are reported on topics 36-45 over
``REPORT_ORDERS`` other random orders (mean ± sd). ECB+ has no publication dates, so the time term only
sees event dates resolved from the text ("May 03, 2013") and the time window never applies.
Every system is :class:`~newsweave.stories.assign.StoryAssigner`; the baselines are it with the entity,
place and time weights at 0 and centroid cosine only, i.e. classic single-pass clustering.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import multiprocessing
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_data import DATA, Document, load_documents
from cluster_metrics import ClusterScores, adjusted_rand, score_labels
from newsweave.stories.assign import StoryAssigner, StoryFeatures, StoryParams

CALIBRATION_TOPICS = range(1, 36)
REPORT_TOPICS = range(36, 46)
CALIBRATION_ORDERS = (101, 102)
REPORT_ORDERS = (0, 1, 2, 3, 4)
COSINE_ONLY = StoryParams(max_member_share=0.0, lead_share=0.0, entity_weight=0.0, place_weight=0.0,
                          time_weight=0.0)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

Matrix = NDArray[np.float32]


# -- vectors --------------------------------------------------------------------------------------------

def tfidf_vectors(texts: Sequence[str]) -> Matrix:
    """L2-normalised sublinear TF-IDF rows over words seen in two documents or more.

    IDF is fitted on all 982 documents' text (no labels): unsupervised and the same for every system.
    """
    tokens = [Counter(_WORD.findall(text.lower())) for text in texts]
    frequency = Counter(word for counts in tokens for word in counts)
    vocabulary = {word: i for i, word in enumerate(sorted(w for w, n in frequency.items() if n >= 2))}
    matrix = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, counts in enumerate(tokens):
        for word, count in counts.items():
            if word in vocabulary:
                idf = math.log((1 + len(texts)) / (1 + frequency[word])) + 1
                matrix[row, vocabulary[word]] = (1 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalised: Matrix = (matrix / np.clip(norms, 1e-12, None)).astype(np.float32)
    return normalised


def minilm_vectors(texts: Sequence[str]) -> Matrix:
    """MiniLM embeddings, cached in the temp directory by a hash of the texts."""
    from newsweave.embeddings import DEFAULT_MODEL, load_encoder

    digest = hashlib.sha256("\x00".join([DEFAULT_MODEL, *texts]).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"newsweave_ecbplus_minilm_{digest}.npy"
    if cache.is_file():
        return np.asarray(np.load(cache), dtype=np.float32)
    vectors = load_encoder(DEFAULT_MODEL).encode(list(texts))
    np.save(cache, vectors)
    return vectors


# -- running ----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Corpus:
    """One split's documents and features (for one vector and entity choice)."""

    documents: list[Document]
    features: list[StoryFeatures]

    @property
    def key(self) -> dict[str, str]:
        return {d.id: d.subtopic for d in self.documents}


def lead_texts(documents: Sequence[Document]) -> list[str]:
    """Each document's lead as the story stage embeds it (``lead_text``): its first line is the title."""
    from newsweave.data import Article
    from newsweave.stories.stage import lead_text

    leads = []
    for document in documents:
        title, _, text = document.text.partition("\n")
        leads.append(lead_text(Article(title=title, text=text)))
    return leads


def build_corpus(documents: list[Document], vectors: Matrix, topics: range, entities: str,
                 *, dates: bool = True, leads: Matrix | None = None) -> Corpus:
    """One split's features; ``leads``: the documents' lead vectors (rows as ``vectors``), or none."""
    rows = [i for i, d in enumerate(documents) if d.topic in topics]
    features = [
        StoryFeatures(documents[i].id, vectors[i],
                      documents[i].entity_ids if entities == "ids" else documents[i].entity_names,
                      documents[i].places, None, documents[i].event_dates if dates else (),
                      years=documents[i].years if dates else frozenset(),
                      lead=None if leads is None else leads[i])
        for i in rows
    ]
    return Corpus([documents[i] for i in rows], features)


def run_online(corpus: Corpus, params: StoryParams, seed: int, *, refine: bool = False) -> dict[str, str]:
    """Assign the corpus in a random order (seeded); optionally refine at the end."""
    order = list(corpus.features)
    random.Random(seed).shuffle(order)
    assigner = StoryAssigner(params)
    for features in order:
        assigner.assign(features)
    if refine:
        assigner.refine()
    return assigner.partition()


def mean_b3(corpus: Corpus, params: StoryParams, seeds: Iterable[int], *, refine: bool = False) -> float:
    return statistics.mean(score_labels(corpus.key, run_online(corpus, params, s, refine=refine)).b3_f1
                           for s in seeds)


_POOL_CORPUS: Corpus | None = None  # set before the worker processes fork


def _pool_score(job: tuple[StoryParams, bool]) -> float:
    assert _POOL_CORPUS is not None
    return mean_b3(_POOL_CORPUS, job[0], CALIBRATION_ORDERS, refine=job[1])


def grid_search(corpus: Corpus, grid: Mapping[str, Sequence[float]], base: StoryParams,
                *, refine: bool = False) -> tuple[StoryParams, float]:
    """The grid point with the best mean calibration B3-F1 (ties: first in grid order), on all cores."""
    global _POOL_CORPUS
    names = list(grid)
    points = [replace(base, **dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
              for values in itertools.product(*(grid[name] for name in names))]
    _POOL_CORPUS = corpus
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        scores = pool.map(_pool_score, [(params, refine) for params in points])
    best = max(range(len(points)), key=lambda i: (round(scores[i], 9), -i))
    return points[best], scores[best]


def thresholds(start: float, stop: float, step: float) -> list[float]:
    return [round(start + i * step, 4) for i in range(round((stop - start) / step) + 1)]


# -- reporting --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Report:
    name: str
    scores: list[ClusterScores]
    partitions: list[dict[str, str]]


def evaluate(name: str, corpus: Corpus, params: StoryParams, *, refine: bool = False) -> Report:
    partitions = [run_online(corpus, params, seed, refine=refine) for seed in REPORT_ORDERS]
    return Report(name, [score_labels(corpus.key, p) for p in partitions], partitions)


def _fmt(values: list[float]) -> str:
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def print_table(reports: list[Report]) -> None:
    fields: list[tuple[str, Callable[[ClusterScores], float]]] = [
        ("B3 P", lambda s: s.b3_precision), ("B3 R", lambda s: s.b3_recall), ("B3 F1", lambda s: s.b3_f1),
        ("pair F1", lambda s: s.pair_f1), ("ARI", lambda s: s.ari),
    ]
    print("| system | " + " | ".join(name for name, _ in fields) + " | ARI between orders |")
    print("|---|" + "---|" * (len(fields) + 1))
    for report in reports:
        cells = [_fmt([get(s) for s in report.scores]) for _, get in fields]
        between = [adjusted_rand(a, b) for a, b in itertools.combinations(report.partitions, 2)]
        print(f"| {report.name} | " + " | ".join(cells) + f" | {statistics.mean(between):.3f} "
              f"(min {min(between):.3f}) |")


def error_breakdown(corpus: Corpus, report: Report) -> str:
    """Wrongly merged pairs (together in the response, apart in the key): how many are same-topic pairs."""
    topic = {d.id: d.topic for d in corpus.documents}
    key = corpus.key
    within = across = split = 0
    for partition in report.partitions:
        ids = sorted(partition)
        for a, b in itertools.combinations(ids, 2):
            together, truly = partition[a] == partition[b], key[a] == key[b]
            if together and not truly:
                within += topic[a] == topic[b]
                across += topic[a] != topic[b]
            split += truly and not together
    n = len(report.partitions)
    return (f"{report.name}: per order, wrongly merged pairs {(within + across) / n:.0f} "
            f"({within / max(within + across, 1):.0%} between subtopics of one topic), "
            f"wrongly split pairs {split / n:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a coarse grid (a few minutes)")
    parser.add_argument("--entities", choices=("ids", "names"), default="names")
    parser.add_argument("--vector", choices=("lead", "text"), default="text")
    parser.add_argument("--no-dates", action="store_true", help="leave the event dates out")
    args = parser.parse_args()
    started = time.perf_counter()
    print("command: .venv/bin/python benchmarks/cluster.py " + " ".join(sys.argv[1:]))
    print(f"data: {DATA}")
    documents = load_documents()
    texts = [d.text if args.vector == "text" else d.lead for d in documents]
    minilm, tfidf = minilm_vectors(texts), tfidf_vectors([d.text for d in documents])
    leads = minilm_vectors(lead_texts(documents))

    def split(vectors: Matrix, topics: range, with_leads: bool) -> Corpus:
        return build_corpus(documents, vectors, topics, args.entities, dates=not args.no_dates,
                            leads=leads if with_leads else None)

    corpora = {
        name: (split(vectors, CALIBRATION_TOPICS, name == "minilm"),
               split(vectors, REPORT_TOPICS, name == "minilm"))
        for name, vectors in (("tfidf", tfidf), ("minilm", minilm))
    }
    print(f"calibration docs {len(corpora['minilm'][0].documents)}, report docs "
          f"{len(corpora['minilm'][1].documents)}, vectors: MiniLM on {args.vector}, "
          f"entities: {args.entities}, dates: {not args.no_dates}")
    reports = calibrate_and_report(corpora, quick=args.quick)
    print_table(reports)
    for report in reports:
        print(error_breakdown(corpora["minilm"][1], report))
    print(f"total {time.perf_counter() - started:.0f} s")


def calibrate_and_report(corpora: dict[str, tuple[Corpus, Corpus]], *, quick: bool) -> list[Report]:
    """Calibrate each system on topics 1-35, then evaluate it on topics 36-45."""
    reports = []
    step = 0.05 if quick else 0.025
    for name in ("tfidf", "minilm"):
        grid = {"join_threshold": thresholds(0.1, 0.8, step)}
        params, f1 = grid_search(corpora[name][0], grid, COSINE_ONLY)
        print(f"{name} single-pass: threshold {params.join_threshold} (calibration B3-F1 {f1:.3f})")
        reports.append(evaluate(f"{name} single-pass", corpora[name][1], params))
    calibration, report = corpora["minilm"]
    params = StoryParams()
    for stage in ours_grid(quick):
        params, f1 = grid_search(calibration, stage(params), params)
        print(f"ours, stage: {stage.__name__}: {_chosen(params)} (calibration B3-F1 {f1:.3f})")
    reports.append(evaluate("ours online", report, params))
    near = params.join_threshold
    refine_grid = {"merge_threshold": [0.7, 0.8, 0.9, 1.0],
                   "join_threshold": [round(near - 0.05, 3), near, round(near + 0.05, 3)]}
    refined, f1 = grid_search(calibration, refine_grid, params, refine=True)
    print(f"ours online + refine: merge_threshold={refined.merge_threshold}, "
          f"join_threshold={refined.join_threshold} (calibration B3-F1 {f1:.3f})")
    reports.append(evaluate("ours online + refine", report, refined, refine=True))
    # What ingest runs: the defaults, some of them (publication dates, the lead share) chosen with the
    # dated real-news calibration pages as well, which this grid does not see.
    shipped = StoryParams()
    f1 = mean_b3(calibration, shipped, CALIBRATION_ORDERS, refine=True)
    print(f"shipped defaults, online + refine: {_chosen(shipped)}, lead_share={shipped.lead_share} "
          f"(calibration B3-F1 {f1:.3f})")
    reports.append(evaluate("shipped defaults, online + refine", report, shipped, refine=True))
    return reports


CALIBRATED = ("entity_weight", "year_weight", "place_weight", "time_weight", "max_member_share",
              "event_half_life_days", "join_threshold")


def _chosen(params: StoryParams) -> str:
    return ", ".join(f"{name}={getattr(params, name)}" for name in CALIBRATED)


Stage = Callable[[StoryParams], dict[str, Sequence[float]]]


def ours_grid(quick: bool) -> list[Stage]:
    """Two stages: the main weights with the threshold, then the minor terms around that threshold."""

    def main_weights(_: StoryParams) -> dict[str, Sequence[float]]:
        return {"entity_weight": [0.5, 1.0] if quick else [0.7, 1.0, 1.5],
                "year_weight": [0.0, 0.2] if quick else [0.1, 0.2, 0.3],
                "join_threshold": thresholds(0.6, 1.1, 0.1 if quick else 0.05)}

    def minor_terms(params: StoryParams) -> dict[str, Sequence[float]]:
        near = params.join_threshold
        return {"place_weight": [0.0, 0.1], "time_weight": [0.1, 0.2, 0.3], "max_member_share": [0.0, 0.25],
                "event_half_life_days": [7.0] if quick else [7.0, 30.0],
                "join_threshold": [round(near - 0.025, 3), near, round(near + 0.025, 3)]}

    return [main_weights, minor_terms]


if __name__ == "__main__":
    main()
