"""Clustering metrics for story assignment: B-cubed (from coref_metrics), pairwise P/R/F1 and adjusted Rand.

A labelling maps item -> cluster label; key and response must label the same items.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import Cluster, b_cubed

Labels = Mapping[Any, Hashable]  # Any: Mapping is invariant in its key type


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """B-cubed and pairwise precision/recall/F1 and the adjusted Rand index of one response."""

    b3_precision: float
    b3_recall: float
    b3_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float
    ari: float


def clusters(labels: Labels) -> list[Cluster]:
    """The clusters of a labelling, as frozen sets of items."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return [frozenset(group) for group in groups.values()]


def _pairs(n: int) -> float:
    return n * (n - 1) / 2


def _contingency(key: Labels, response: Labels) -> tuple[float, float, float, float]:
    """Pairs together in both, in the key, in the response; and all pairs."""
    if set(key) != set(response):
        raise ValueError("key and response label different items")
    both = sum(_pairs(n) for n in Counter((key[i], response[i]) for i in key).values())
    in_key = sum(_pairs(n) for n in Counter(key.values()).values())
    in_response = sum(_pairs(n) for n in Counter(response.values()).values())
    return both, in_key, in_response, _pairs(len(key))


def pairwise(key: Labels, response: Labels) -> tuple[float, float, float]:
    """Precision, recall and F1 over item pairs put in one cluster."""
    both, in_key, in_response, _ = _contingency(key, response)
    precision = both / in_response if in_response else 1.0
    recall = both / in_key if in_key else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(key: Labels, response: Labels) -> float:
    """Hubert and Arabie's adjusted Rand index (as sklearn's ``adjusted_rand_score``)."""
    both, in_key, in_response, total = _contingency(key, response)
    if total == 0:
        return 1.0
    expected = in_key * in_response / total
    maximum = (in_key + in_response) / 2
    if maximum == expected:  # both labellings trivial (all one cluster or all singletons)
        return 1.0
    return (both - expected) / (maximum - expected)


def score_labels(key: Labels, response: Labels) -> ClusterScores:
    """All the figures benchmarks/cluster.py reports for one response."""
    b3 = b_cubed(clusters(key), clusters(response))
    precision, recall, f1 = pairwise(key, response)
    return ClusterScores(b3.precision, b3.recall, b3.f1, precision, recall, f1, adjusted_rand(key, response))
