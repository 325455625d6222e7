"""Coreference metrics: MUC, B-cubed, CEAF-e and their CoNLL average (Pradhan et al., 2014).

A clustering is a list of sets of mention ids. Key and response may cover different mentions: a mention
missing from one side counts there as a singleton (MUC, B3) or is absent (CEAF-e), as in the reference
scorer. Clusters of one mention are kept unless ``drop_singletons`` asks to leave them out of both sides.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class Score:
    """Recall, precision and F1 of one metric."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _owner(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {mention: index for index, cluster in enumerate(clusters) for mention in cluster}


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    """Links of ``key`` kept by ``response``: sum(|K| - partitions(K)) over sum(|K| - 1)."""
    owner = _owner(response)
    found = total = 0.0
    for cluster in key:
        parts = {owner.get(m, ("single", m)) for m in cluster}
        found += len(cluster) - len(parts)
        total += len(cluster) - 1
    return found, total


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """MUC (Vilain et al., 1995): link-based; singletons do not count."""
    found_r, total_r = _muc_recall(key, response)
    found_p, total_p = _muc_recall(response, key)
    return Score(_ratio(found_r, total_r), _ratio(found_p, total_p))


def _b3_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    owner = _owner(response)
    found = total = 0.0
    for cluster in key:
        overlaps: dict[object, int] = {}
        for mention in cluster:
            part = owner.get(mention, ("single", mention))
            overlaps[part] = overlaps.get(part, 0) + 1
        found += sum(n * n for n in overlaps.values()) / len(cluster)
        total += len(cluster)
    return found, total


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """B-cubed (Bagga and Baldwin, 1998): per-mention overlap of its key and response clusters."""
    found_r, total_r = _b3_recall(key, response)
    found_p, total_p = _b3_recall(response, key)
    return Score(_ratio(found_r, total_r), _ratio(found_p, total_p))


def _assignment(weights: list[list[float]]) -> float:
    """Maximum total weight of a one-to-one assignment of rows to columns (Hungarian method)."""
    rows, columns = len(weights), len(weights[0]) if weights else 0
    if not rows or not columns:
        return 0.0
    transpose = rows > columns  # the O(n^2 m) method below needs rows <= columns
    matrix = [list(col) for col in zip(*weights, strict=True)] if transpose else weights
    n, m = len(matrix), len(matrix[0])
    cost = [[-w for w in row] for row in matrix]
    u, v, match, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minimum, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while match[j0]:
            used[j0], i0, delta, j1 = True, match[j0], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minimum[j]:
                        minimum[j], way[j] = current, j0
                    if minimum[j] < delta:
                        delta, j1 = minimum[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minimum[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            match[j0], j0 = match[j1], j1
    return sum(matrix[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """Entity-based CEAF (Luo, 2005) with phi4 = 2|K & R| / (|K| + |R|), solved per connected component."""
    # Clusters that share no mention have phi4 = 0, so the optimal alignment splits into components.
    owner = _owner(response)
    seen: set[int] = set()
    total = 0.0
    key_of: dict[int, list[int]] = {}
    for k_index, cluster in enumerate(key):
        for mention in cluster:
            if mention in owner:
                key_of.setdefault(owner[mention], []).append(k_index)
    adjacency: dict[int, set[int]] = {}
    for r_index, k_indexes in key_of.items():
        for k_index in k_indexes:
            adjacency.setdefault(k_index, set()).add(r_index)
    for start in range(len(key)):
        if start in seen or start not in adjacency:
            continue
        keys, responses, stack = [], set(), [start]
        seen.add(start)
        while stack:
            k_index = stack.pop()
            keys.append(k_index)
            for r_index in adjacency[k_index]:
                if r_index not in responses:
                    responses.add(r_index)
                    for other in key_of[r_index]:
                        if other not in seen:
                            seen.add(other)
                            stack.append(other)
        ordered = sorted(responses)
        weights = [[2 * len(key[k] & response[r]) / (len(key[k]) + len(response[r])) for r in ordered]
                   for k in keys]  # fmt: skip
        total += _assignment(weights)
    return Score(_ratio(total, len(key)), _ratio(total, len(response)))


@dataclass(frozen=True, slots=True)
class Report:
    """The three metrics and their CoNLL average F1."""

    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def evaluate(key: Sequence[Cluster], response: Sequence[Cluster], *, drop_singletons: bool = False) -> Report:
    """MUC, B3 and CEAF-e of ``response`` against ``key``."""
    if drop_singletons:
        key = [c for c in key if len(c) > 1]
        response = [c for c in response if len(c) > 1]
    return Report(muc(key, response), b_cubed(key, response), ceaf_e(key, response))
