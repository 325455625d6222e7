"""Cross-document event coreference on ECB+ with gold mentions: the same-event cross-encoder vs same lemma.

    .venv/bin/python benchmarks/event_coref.py [--topics test|dev|all] [--model DIR] [--threshold P]

Data: ../shared/data/ecbplus/xml/<topic>/*.xml (read in place, as benchmarks/entity_coref.py reads it).
Event mentions are the ACTION_* and NEG_ACTION_* markables in the sentences of
ECBplus_coreference_sentences.csv; gold clusters are the CROSS_DOC_COREF chains (by chain id) and
INTRA_DOC_COREF chains, a mention in no chain a singleton. Scores: MUC, B3, CEAF-e, CoNLL F1 (singletons
kept, as ECB+ papers report them).

Clustering runs within each subtopic: the ECB half or the ECB+ half of a topic, the two look-alike events
(two quakes, two arrests) that ECB+ pairs by design. Published systems cluster within predicted topics
(documents clustered first), which on ECB+ recovers the subtopics almost exactly; newsweave's own story
assignment is that step. The baselines are also scored within whole topics.

- same lemma: one cluster per spaCy lemma of the mention's head word (the standard baseline);
- same-event model: ``newsweave.brief.same_event`` scores every pair of mentions of a subtopic (each with
  its sentence) and average-linkage agglomerative clustering joins clusters whose mean P(same event) is at
  least ``--threshold``. The model was trained on topics 1-30 and the threshold chosen on topics 31-35
  (``--topics dev``); topics 36-45 (``--topics test``) are the test.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import Report, evaluate
from entity_coref import GoldMention, load_corpus
from newsweave.brief.same_event import MODEL_DIR, EventMention, SameEventModel

TRAIN_TOPICS = range(1, 31)
DEV_TOPICS = range(31, 36)
TEST_TOPICS = range(36, 46)
SPANS = {"train": TRAIN_TOPICS, "dev": DEV_TOPICS, "test": TEST_TOPICS, "all": range(1, 46)}
#: Average P(same event) at which two clusters join; chosen on topics 31-35 (see the module docstring).
THRESHOLD = 0.5
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
#: Weight of "same head lemma" in the combined score (the model's probability has the rest).
LEMMA_WEIGHT = 0.3


@dataclass(frozen=True, slots=True)
class Event:
    """A gold event mention with what the model reads: its sentence and the word's place in it."""

    key: tuple[str, str]
    topic: int
    subtopic: str  # "<topic>ecb" or "<topic>ecbplus"
    doc: str
    chain: str
    mention: EventMention


def is_event_type(tag: str) -> bool:
    """ECB+'s event markables: actions and negated actions."""
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def _event(text: str, gold: GoldMention) -> Event:
    line_start = text.rfind("\n", 0, gold.start) + 1
    line_end = text.find("\n", gold.end)
    sentence = text[line_start : line_end if line_end >= 0 else len(text)]
    half = "ecbplus" if gold.doc.endswith("ecbplus") else "ecb"
    mention = EventMention(sentence, gold.start - line_start, gold.end - line_start)
    return Event(gold.key, gold.topic, f"{gold.topic}{half}", gold.doc, gold.chain, mention)


def load_events(topics: Iterable[int]) -> list[Event]:
    """The gold event mentions of ``topics``, documents in file-name order."""
    wanted = set(topics)
    return [
        _event(text, gold)
        for text, mentions in load_corpus(is_event_type).values()
        for gold in mentions
        if gold.topic in wanted
    ]


def by_group(events: Sequence[Event], field: str) -> dict[str, list[Event]]:
    """Events grouped by ``field`` ("subtopic" or "topic")."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        groups[str(getattr(event, field))].append(event)
    return groups


def gold_clusters(events: Sequence[Event]) -> list[frozenset[object]]:
    chains: dict[str, set[object]] = defaultdict(set)
    for event in events:
        chains[event.chain].add(event.key)
    return [frozenset(chain) for chain in chains.values()]


def head_lemmas(events: Sequence[Event]) -> list[str]:
    """spaCy's lemma of each mention's head word (the last word of a phrase: "the earthquake" ->
    "earthquake", "was arrested" -> "arrest"), read in its sentence."""
    from newsweave.analysis.nlp import load_pipeline

    nlp = load_pipeline()
    sentences = list(dict.fromkeys(event.mention.sentence for event in events))
    docs = dict(zip(sentences, nlp.pipe(sentences, batch_size=64), strict=True))
    lemmas = []
    for event in events:
        doc, mention = docs[event.mention.sentence], event.mention
        tokens = [t for t in doc if t.idx < mention.end and t.idx + len(t) > mention.start and t.is_alpha]
        lemmas.append(
            (tokens[-1].lemma_ if tokens else mention.sentence[mention.start : mention.end]).lower()
        )
    return lemmas


def lemma_clusters(events: Sequence[Event], lemmas: Sequence[str], field: str) -> list[frozenset[object]]:
    """The same-lemma baseline: one cluster per (group, lemma)."""
    clusters: dict[tuple[str, str], set[object]] = defaultdict(set)
    for event, lemma in zip(events, lemmas, strict=True):
        clusters[(str(getattr(event, field)), lemma)].add(event.key)
    return [frozenset(cluster) for cluster in clusters.values()]


def pair_scores(model: SameEventModel, events: Sequence[Event]) -> NDArray[np.float32]:
    """The symmetric matrix of P(same event) over one group's mentions (1 on the diagonal)."""
    count = len(events)
    rows, cols = np.triu_indices(count, k=1)
    pairs = [(events[i].mention, events[j].mention) for i, j in zip(rows, cols, strict=True)]
    scores = np.eye(count, dtype=np.float32)
    scores[rows, cols] = model.probabilities(pairs)
    scores[cols, rows] = scores[rows, cols]
    return scores


def average_linkage(scores: NDArray[np.float32], threshold: float) -> list[list[int]]:
    """Agglomerative clustering: join the two clusters of highest mean pair score while it is at least
    ``threshold``."""
    count = len(scores)
    clusters = [[i] for i in range(count)]
    sums = scores.astype(np.float64).copy()  # sums[a, b]: total score between clusters a and b
    sizes = np.ones(count)
    alive = np.ones(count, dtype=bool)
    while alive.sum() > 1:
        means = sums / np.outer(sizes, sizes)
        means[~alive, :] = -1.0
        means[:, ~alive] = -1.0
        np.fill_diagonal(means, -1.0)
        a, b = np.unravel_index(int(np.argmax(means)), means.shape)
        if means[a, b] < threshold:
            break
        clusters[a] += clusters[b]
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sizes[a] += sizes[b]
        alive[b] = False
    return [clusters[a] for a in np.flatnonzero(alive)]


def _row(label: str, report: Report) -> str:
    cells = [
        f"{s.recall:.3f} {s.precision:.3f} {s.f1:.3f}" for s in (report.muc, report.b_cubed, report.ceaf_e)
    ]
    return f"| {label:<44} | " + " | ".join(cells) + f" | {report.conll:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", choices=sorted(SPANS), default="test")
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help="the same-event model's folder")
    parser.add_argument("--threshold", type=float, default=None, help="one threshold (default: a sweep)")
    args = parser.parse_args()
    started = time.perf_counter()
    events = load_events(SPANS[args.topics])
    lemmas = head_lemmas(events)
    key = gold_clusters(events)
    print("$ .venv/bin/python benchmarks/event_coref.py " + shlex.join(sys.argv[1:]))
    subtopics = len(by_group(events, "subtopic"))
    print(f"ECB+ event coreference, topics {args.topics}: {len(events)} gold mentions, {len(key)} gold "
          f"clusters, {subtopics} subtopics; cells are recall precision F1")  # fmt: skip
    print(f"| {'system':<44} | {'MUC':<17} | {'B3':<17} | {'CEAF-e':<17} | CoNLL |")
    print("|---|---|---|---|---|")
    for field in ("topic", "subtopic"):
        print(_row(f"same lemma, within {field}s", evaluate(key, lemma_clusters(events, lemmas, field))))
    model, scored = SameEventModel(args.model, threads=2), []
    lemma_of = {event.key: lemma for event, lemma in zip(events, lemmas, strict=True)}
    for group in by_group(events, "subtopic").values():
        same_lemma = np.array([[lemma_of[a.key] == lemma_of[b.key] for b in group] for a in group])
        scored.append((group, pair_scores(model, group), same_lemma.astype(np.float32)))
    pairs = sum(len(group) * (len(group) - 1) // 2 for group, _, _ in scored)
    timed = time.perf_counter()
    for name, weight in (("same-event model", 0.0), (f"model + {LEMMA_WEIGHT} x same lemma", LEMMA_WEIGHT)):
        for threshold in [args.threshold] if args.threshold is not None else THRESHOLDS:
            response = [
                frozenset(group[i].key for i in cluster)
                for group, scores, same_lemma in scored
                for cluster in average_linkage((1 - weight) * scores + weight * same_lemma, threshold)
            ]
            label = f"{name}, subtopics, >= {threshold:.2f}"
            default = weight == 0.0 and threshold == THRESHOLD
            print(_row(label + (" (default)" if default else ""), evaluate(key, response)))
    print(f"{pairs} pairs scored in {timed - started:.0f} s (with loading and parsing)")


if __name__ == "__main__":
    main()
