"""Story assignment on dated real news: stored stories of 181 real pages vs hand labels, and a baseline.

    .venv/bin/python benchmarks/stories_real.py [--errors] [--json]

Data: the 181 news pages of ``../shared/data/article-extraction`` (``html/<id>.html.gz``: real pages of
many outlets, most from 18-20 Nov 2019; ``ground-truth.json`` gives each page's URL) and the labels in
``benchmarks/labels/stories_real.json``, made by reading the pages::

    {"groups": [{"event": "...", "pages": [page id, ...], "note": "..."}],  # pages reporting one event
     "unclear_pairs": [{"pages": [id, id], "why": "..."}],                 # could be read either way
     "topic_lookalikes": [{"pages": [id, ...], "why": "..."}]}             # one topic, different events

A page in no group is an event of its own.

The html folder is ingested into a temporary SQLite store as ``newsweave ingest`` does it (read, clean,
find duplicates, analyse, assign stories; default config), and each stored article is mapped back to its
page by the file it was read from (``Article.source``). Pages that fail to read, are dropped, or are left
out of every story are counted, listed with the reason, and scored as stories of their own.

Figures, per system:

- pairwise precision, recall and F1 over pairs of pages put in one story; ``unclear_pairs`` are left out
  on both sides (neither a labelled pair nor a predicted one);
- B3 precision, recall and F1 (``cluster_metrics.score_labels``, over every page, unclear pairs as the
  groups have them);
- multi-page stories predicted (the labels have 17).

Splits: the pages are split once, by the labels alone (``split_pages``), into a calibration half and a
test half (91 / 90 pages, 9 / 8 labelled events, 20 / 20 labelled pairs); stories are built over all
181 pages, as a store holds them, and each figure is given over all pages and over each half's pages
apart. Settings are chosen on the calibration half only; the test half reports them.

Systems: the current code (the stored stories) and "MiniLM single-pass" at thresholds 0.5, 0.6, 0.7 and
0.8, all reported (none is chosen on this set). The baseline clusters the pages the current code put in
stories (the others are singletons in every row): each page's title and text (what the story stage
embeds) encoded with ``newsweave.embeddings.load_encoder()``, pages taken by publication date (undated
ones after, in file order); a page joins the cluster whose centroid is most similar if the cosine is at
least the threshold, else it starts a cluster.

``--errors`` lists the current code's wrong merges (one story, different labelled events; topic
look-alikes marked) and missed pairs (one labelled event, different stories) with both URLs and the
pages' MiniLM cosine; ``--json`` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shlex
import sys
import tempfile
import time
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_metrics import score_labels

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "article-extraction"
HTML = DATA / "html"
GROUND_TRUTH = DATA / "ground-truth.json"
LABELS = ROOT / "benchmarks" / "labels" / "stories_real.json"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
CURRENT = "current code"

Pair = tuple[str, str]
"""Two page ids, in sorted order."""
Matrix = NDArray[np.float32]


def pair(a: str, b: str) -> Pair:
    """The pair of two pages, in sorted order."""
    return (a, b) if a <= b else (b, a)


# -- labels -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Labels:
    """The labelled events (groups of two pages or more), unclear pairs and topic look-alike sets."""

    events: list[str]
    groups: list[list[str]]
    unclear: frozenset[Pair]
    lookalikes: list[frozenset[str]]

    def key(self, pages: Sequence[str]) -> dict[str, str]:
        """Page -> labelled event of every page: its group's index, or the page itself (a singleton)."""
        event_of = {page: f"event {i}" for i, group in enumerate(self.groups) for page in group}
        return {page: event_of.get(page, page) for page in pages}

    def pages(self) -> set[str]:
        """Every page id the labels name."""
        named = {page for group in self.groups for page in group}
        named.update(page for unclear in self.unclear for page in unclear)
        return named.union(*self.lookalikes)

    def lookalike(self, a: str, b: str) -> bool:
        """Whether two pages are in one topic look-alike set (one topic, different events)."""
        return any(a in pages and b in pages for pages in self.lookalikes)


def load_labels(path: Path = LABELS, known: Collection[str] | None = None) -> Labels:
    """The labels of ``path``, checked (``ValueError`` says what is wrong); ``known``: the valid page ids."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    labels = Labels(
        events=[str(group["event"]) for group in raw["groups"]],
        groups=[list(group["pages"]) for group in raw["groups"]],
        unclear=frozenset(_unclear_pair(item["pages"]) for item in raw.get("unclear_pairs", [])),
        lookalikes=[frozenset(item["pages"]) for item in raw.get("topic_lookalikes", [])],
    )
    _check(labels, known)
    return labels


def _unclear_pair(pages: Sequence[str]) -> Pair:
    if len(pages) != 2 or pages[0] == pages[1]:
        raise ValueError(f"an unclear pair needs two different pages: {list(pages)}")
    return pair(pages[0], pages[1])


def _check(labels: Labels, known: Collection[str] | None) -> None:
    seen: set[str] = set()
    for event, group in zip(labels.events, labels.groups, strict=True):
        if len(set(group)) < 2 or len(set(group)) != len(group):
            raise ValueError(f"group {event!r} needs two pages or more, each once")
        if seen & set(group):
            raise ValueError(f"group {event!r} shares pages with another group: {sorted(seen & set(group))}")
        seen.update(group)
    if any(len(pages) < 2 for pages in labels.lookalikes):
        raise ValueError("a topic look-alike set needs two pages or more")
    if known is not None and (unknown := labels.pages() - set(known)):
        raise ValueError(f"pages not in the data: {sorted(unknown)}")


SPLITS = ("calibration", "test")


def split_pages(labels: Labels, pages: Sequence[str]) -> dict[str, str]:
    """Page -> "calibration" or "test", fixed by the labels alone, never by any system's output.

    Pages tied by a group, a look-alike set or an unclear pair stay in one split (a look-alike set tests
    what it was labelled for only when both its sides are scored together). The linked sets, largest
    first (labelled pairs, then pages, then smallest page id), go each to the split with fewer labelled
    pairs so far (then fewer pages; calibration first on ties).
    """
    parent = {page: page for page in pages}

    def root(page: str) -> str:
        while parent[page] != page:
            parent[page] = parent[parent[page]]
            page = parent[page]
        return page

    for linked in [*labels.groups, *labels.lookalikes, *labels.unclear]:
        first, *rest = [page for page in linked if page in parent]
        for page in rest:
            parent[root(page)] = root(first)
    components: dict[str, list[str]] = {}
    for page in pages:
        components.setdefault(root(page), []).append(page)
    pairs_in = {page: len(group) - 1 for group in labels.groups for page in group}

    def size(component: list[str]) -> tuple[int, int, str]:
        return -sum(pairs_in.get(page, 0) for page in component), -len(component), min(component)

    load = {name: [0, 0] for name in SPLITS}  # labelled pairs (x2), pages
    split: dict[str, str] = {}
    for component in sorted(components.values(), key=size):
        name = min(SPLITS, key=lambda n: (load[n][0], load[n][1], SPLITS.index(n)))
        load[name][0] += -size(component)[0]
        load[name][1] += len(component)
        split.update(dict.fromkeys(component, name))
    return split


# -- scoring ----------------------------------------------------------------------------------------------


def together(labelling: Mapping[str, Hashable]) -> set[Pair]:
    """The pairs of items a labelling puts in one cluster."""
    clusters: dict[Hashable, list[str]] = {}
    for item, label in labelling.items():
        clusters.setdefault(label, []).append(item)
    return {pair(a, b) for items in clusters.values() for a, b in itertools.combinations(items, 2)}


@dataclass(frozen=True, slots=True)
class Score:
    """One system's figures, with its wrong merges and missed pairs (unclear pairs left out)."""

    name: str
    pair_precision: float
    pair_recall: float
    pair_f1: float
    b3_precision: float
    b3_recall: float
    b3_f1: float
    multi_page: int
    wrong_merges: list[Pair] = field(default_factory=list)
    missed: list[Pair] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """The figures, rounded, JSON-ready."""
        return {
            "system": self.name,
            **{name: round(getattr(self, name), 4) for name in _RATIOS},
            "multi_page_stories": self.multi_page,
            "wrong_merges": len(self.wrong_merges),
            "missed_pairs": len(self.missed),
        }


_RATIOS = ("pair_precision", "pair_recall", "pair_f1", "b3_precision", "b3_recall", "b3_f1")


def pair_scores(gold: set[Pair], predicted: set[Pair]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 (1.0 when there is nothing to find, as ``cluster_metrics``)."""
    found = len(gold & predicted)
    precision = found / len(predicted) if predicted else 1.0
    recall = found / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(name: str, key: Mapping[str, str], response: Mapping[str, str], unclear: Collection[Pair]) -> Score:
    """Score a response (page -> story) against the key (page -> event); unclear pairs left out of pairs."""
    b3 = score_labels(key, response)
    gold, predicted = together(key) - set(unclear), together(response) - set(unclear)
    precision, recall, f1 = pair_scores(gold, predicted)
    sizes: dict[str, int] = {}
    for story in response.values():
        sizes[story] = sizes.get(story, 0) + 1
    return Score(
        name,
        precision,
        recall,
        f1,
        b3.b3_precision,
        b3.b3_recall,
        b3.b3_f1,
        multi_page=sum(1 for size in sizes.values() if size > 1),
        wrong_merges=sorted(predicted - gold),
        missed=sorted(gold - predicted),
    )


# -- the baseline -----------------------------------------------------------------------------------------


def single_pass(vectors: Matrix, threshold: float) -> list[int]:
    """Cluster of each row (L2-normalised), rows taken in order: a row joins the cluster whose centroid is
    most similar (first on ties) if the cosine is at least ``threshold``, else it starts a new cluster."""
    sums: list[Matrix] = []
    clusters: list[int] = []
    for vector in vectors:
        best = -1
        if sums:
            centroids = np.stack(sums)
            centroids /= np.clip(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12, None)
            similarities = centroids @ vector
            best = int(np.argmax(similarities))
            if similarities[best] < threshold:
                best = -1
        if best < 0:
            best = len(sums)
            sums.append(np.array(vector, dtype=np.float32))
        else:
            sums[best] += vector
        clusters.append(best)
    return clusters


def arrival_order(pages: Sequence[str], published: Mapping[str, datetime | None]) -> list[str]:
    """Pages by publication date, undated pages after the dated ones; ties and undated in given order."""
    position = {page: i for i, page in enumerate(pages)}

    def order(page: str) -> tuple[bool, float, int]:
        date = published.get(page)
        return date is None, date.timestamp() if date else 0.0, position[page]

    return sorted(pages, key=order)


def baseline_response(
    pages: Sequence[str], ordered: Sequence[str], vectors: Matrix, threshold: float
) -> dict[str, str]:
    """Page -> cluster of every page: single-pass over ``ordered`` (rows of ``vectors``), others alone."""
    clusters = single_pass(vectors, threshold)
    response = {page: page for page in pages}
    response.update({page: f"cluster {c}" for page, c in zip(ordered, clusters, strict=True)})
    return response


# -- ingest -----------------------------------------------------------------------------------------------


def page_id(source: str) -> str:
    """The page id of an input file (``html/<id>.html.gz``) an article was read from."""
    return Path(source).name.split(".", 1)[0]


@dataclass(slots=True)
class Ingested:
    """What the store made of the pages: articles and stories by page, pages left out, timings."""

    articles: dict[str, Any]
    """Page id -> stored article."""
    story_of: dict[str, str]
    """Page id -> stored story id (pages in a story only)."""
    titles: dict[str, str]
    """Story id -> title."""
    skipped: dict[str, str]
    """Page id -> why it is in no story."""
    notes: dict[str, str]
    """Page id -> the analysis note of a stored page that was not analysed (e.g. not English)."""
    seconds: dict[str, float]


def ingest_pages(store: Any, config: Any, folder: Path = HTML, batches: int = 1) -> Ingested:
    """Ingest, analyse and assign the pages of ``folder`` into ``store`` (as ``newsweave ingest`` does),
    in one run or, with ``batches``, in that many runs over consecutive slices of the files by name
    (an incremental feed whose reports arrive in no particular order)."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.ingest.stage import IngestReport, ingest_inputs
    from newsweave.readers.base import ReadOptions
    from newsweave.stories.stage import assign_stories

    files = sorted(str(path) for path in folder.glob("*.html.gz"))
    size = -(-len(files) // batches)
    slices = [[str(folder)]] if batches == 1 else [files[i : i + size] for i in range(0, len(files), size)]
    seconds = {"ingest": 0.0, "analyse": 0.0, "stories": 0.0}
    report = IngestReport()
    for inputs in slices:
        started = time.perf_counter()
        part = ingest_inputs(inputs, store, ReadOptions(ingest=config.ingest, fetch=config.fetch), config)
        report.failures += part.failures
        report.dropped += part.dropped
        seconds["ingest"] += time.perf_counter() - started
        started = time.perf_counter()
        analyse_store(store, config)
        seconds["analyse"] += time.perf_counter() - started
        started = time.perf_counter()
        assign_stories(store, config)
        seconds["stories"] += time.perf_counter() - started
    articles = {page_id(article.source): article for article in store.list_articles()}
    page_of = {article.id: page for page, article in articles.items()}
    records = store.stories.records()
    story_of = {page_of[a.id]: story.id for story in records for a in story.articles}
    skipped = {page_id(f.source): f"not stored: {f.code} {f.reason}" for f in report.failures}
    skipped.update({page_id(f.source): f"dropped: {f.reason}" for f in report.dropped})
    notes = {page: store.analysis.load(article.id).note for page, article in articles.items()}
    for page in articles:
        if page not in story_of:
            skipped[page] = f"in no story: {notes[page] or 'not assigned'}"
    for path in folder.glob("*.html.gz"):
        if page_id(str(path)) not in articles and page_id(str(path)) not in skipped:
            skipped[page_id(str(path))] = "not stored: read as an article already stored"
    titles = {story.id: story.title for story in records}
    notes = {page: note for page, note in notes.items() if note}
    return Ingested(articles, story_of, titles, skipped, notes, seconds)


def encode_pages(ingested: Ingested, ordered: Sequence[str]) -> Matrix:
    """MiniLM vectors (L2-normalised) of the pages' stored title and text, in the given order."""
    from newsweave.embeddings import load_encoder
    from newsweave.stories.stage import embedding_text

    texts = [embedding_text(ingested.articles[page]) for page in ordered]
    return np.asarray(load_encoder().encode(texts), dtype=np.float32)


# -- running ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    """Everything one run measured."""

    pages: list[str]
    urls: dict[str, str]
    ingested: Ingested
    scores: list[Score]
    """Every system over all pages: the current code first."""
    split_scores: dict[str, list[Score]]
    """The same systems scored on the calibration and the test pages apart (``split_pages``)."""
    cosine: dict[str, Matrix]
    """Page -> MiniLM vector (pages in stories), for the error lists."""
    seconds: float


def run(
    store: Any,
    config: Any,
    labels: Labels,
    urls: Mapping[str, str],
    folder: Path = HTML,
    batches: int = 1,
) -> Run:
    """Ingest the pages into ``store``, score the stored stories and the baseline at every threshold."""
    started = time.perf_counter()
    pages = sorted(page_id(str(path)) for path in folder.glob("*.html.gz"))
    if missing := labels.pages() - set(pages):
        raise ValueError(f"labelled pages without an html file: {sorted(missing)}")
    ingested = ingest_pages(store, config, folder, batches)
    key = labels.key(pages)
    responses = {CURRENT: {page: ingested.story_of.get(page, page) for page in pages}}
    published = {page: article.published for page, article in ingested.articles.items()}
    ordered = arrival_order([page for page in pages if page in ingested.story_of], published)
    vectors = encode_pages(ingested, ordered)
    for threshold in THRESHOLDS:
        responses[f"MiniLM single-pass {threshold}"] = baseline_response(pages, ordered, vectors, threshold)
    scores = [score(name, key, response, labels.unclear) for name, response in responses.items()]
    split = split_pages(labels, pages)
    by_split = {
        name: [
            score(system, _within(key, split, name), _within(response, split, name), labels.unclear)
            for system, response in responses.items()
        ]
        for name in SPLITS
    }
    cosine = dict(zip(ordered, vectors, strict=True))
    return Run(pages, dict(urls), ingested, scores, by_split, cosine, time.perf_counter() - started)


def _within(labelling: Mapping[str, str], split: Mapping[str, str], name: str) -> dict[str, str]:
    """The labelling of one split's pages (stories are built over all pages; each split is scored apart)."""
    return {page: label for page, label in labelling.items() if split[page] == name}


def url_of(result: Run, page: str) -> str:
    """A page's URL: the ground truth's, else the stored article's, else its id."""
    article = result.ingested.articles.get(page)
    return result.urls.get(page) or (article.url if article is not None else None) or page


def similarity(result: Run, a: str, b: str) -> str:
    """Two pages' MiniLM cosine, formatted ("-" when one is in no story)."""
    if a in result.cosine and b in result.cosine:
        return f"{float(result.cosine[a] @ result.cosine[b]):.2f}"
    return "-"


def error_lines(result: Run, labels: Labels) -> list[str]:
    """The current code's wrong merges and missed pairs, one line each, with both URLs."""
    current = result.scores[0]
    event_of = {
        page: event for event, group in zip(labels.events, labels.groups, strict=True) for page in group
    }
    lines = [f"wrong merges ({len(current.wrong_merges)}): predicted one story, labelled different events"]
    story_of = result.ingested.story_of
    for a, b in sorted(current.wrong_merges, key=lambda p: (story_of[p[0]], similarity(result, *p))):
        mark = " [topic look-alike]" if labels.lookalike(a, b) else ""
        title = result.ingested.titles.get(story_of[a], "")[:70]
        lines.append(f"- story {story_of[a][:8]} {title!r}, cos {similarity(result, a, b)}{mark}")
        lines.append(f"    {url_of(result, a)}")
        lines.append(f"    {url_of(result, b)}")
    lines.append(f"missed pairs ({len(current.missed)}): one labelled event, predicted apart")
    for a, b in current.missed:
        where = " / ".join(story_of.get(page, "no story")[:8] for page in (a, b))
        lines.append(f"- {event_of.get(a, '?')[:80]!r} (stories {where}), cos {similarity(result, a, b)}")
        lines.append(f"    {url_of(result, a)}")
        lines.append(f"    {url_of(result, b)}")
    return lines


def as_json(result: Run, labels: Labels, command: str) -> dict[str, Any]:
    """The figures as a JSON-ready dict (``--json``)."""
    current = result.scores[0]
    return {
        "command": command,
        "pages": len(result.pages),
        "labelled_events": len(labels.groups),
        "unclear_pairs": len(labels.unclear),
        "pages_in_stories": len(result.ingested.story_of),
        "skipped": {page: why for page, why in sorted(result.ingested.skipped.items())},
        "not_analysed": {page: note for page, note in sorted(result.ingested.notes.items())},
        "seconds": {
            **{k: round(v, 1) for k, v in result.ingested.seconds.items()},
            "total": round(result.seconds, 1),
        },
        "systems": [s.figures() for s in result.scores],
        "splits": {name: [s.figures() for s in scores] for name, scores in result.split_scores.items()},
        "wrong_merges": [[url_of(result, a), url_of(result, b)] for a, b in current.wrong_merges],
        "missed_pairs": [[url_of(result, a), url_of(result, b)] for a, b in current.missed],
    }


def print_report(result: Run, labels: Labels, command: str, *, errors: bool) -> None:
    """The Markdown table, with what was skipped, and the error lists when asked."""
    ingested = result.ingested
    print(f"command: {command}")
    print(
        f"data: {DATA} ({len(result.pages)} pages; {len(labels.groups)} labelled events of "
        f"{sum(map(len, labels.groups))} pages, {len(labels.unclear)} unclear pairs left out), "
        f"labels: {LABELS.relative_to(ROOT)}"
    )
    times = ", ".join(f"{name} {sec:.0f} s" for name, sec in ingested.seconds.items())
    print(f"pages in stories: {len(ingested.story_of)}; skipped: {len(ingested.skipped)}; {times}")
    for page, why in sorted(ingested.skipped.items()):
        print(f"  skipped {page[:10]} ({url_of(result, page)}): {why}")
    unanalysed = {page: note for page, note in ingested.notes.items() if page in ingested.story_of}
    print(f"pages in stories although not analysed: {len(unanalysed)}")
    for page, note in sorted(unanalysed.items()):
        print(f"  {page[:10]} ({url_of(result, page)}): {note}")
    print("| pages | system | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | multi-page stories |")
    print("|---|---|---|---|---|---|---|---|---|")
    for pages, scores in [("all", result.scores), *result.split_scores.items()]:
        for s in scores:
            cells = " | ".join(f"{getattr(s, name):.3f}" for name in _RATIOS)
            print(f"| {pages} | {s.name} | {cells} | {s.multi_page} |")
    print(f"total {result.seconds:.0f} s")
    if errors:
        print("\n".join(error_lines(result, labels)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--errors", action="store_true", help="list wrong merges and missed pairs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--batches", type=int, default=1, help="ingest the pages in this many runs (an incremental feed)"
    )
    args = parser.parse_args()
    command = " ".join([".venv/bin/python benchmarks/stories_real.py", *map(shlex.quote, sys.argv[1:])])

    from newsweave.config import load_config
    from newsweave.store import open_store

    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    labels = load_labels(LABELS, known=truth)
    urls = {page: str(item.get("url") or "") for page, item in truth.items()}
    config = load_config(None)
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "stories.db")) as store:
        result = run(store, config, labels, urls, batches=args.batches)
    if args.json:
        print(json.dumps(as_json(result, labels, command), indent=2))
    else:
        print_report(result, labels, command, errors=args.errors)


if __name__ == "__main__":
    main()
