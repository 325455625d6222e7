"""Semantic search's cut-off on real news: queries with known answers over the 181 real pages.

    .venv/bin/python benchmarks/search_real.py [--db PATH]

Data: the real pages of ``../shared/data/article-extraction`` and the events labelled in
``benchmarks/labels/stories_real.json`` (pages reporting one event, made by reading them; see
``stories_real.py``). Each labelled event has two queries below, written as a user would type them
(other words than the titles where it can). An article is relevant to a query when its page is one of
the event's pages; a fact (a claim, as fact search ranks them) when its article is, which is loose:
a relevant article's background clauses count as relevant too.

Scores are what ``newsweave search --semantic`` and the web app's semantic fact search compute: the
query's MiniLM vector against each stored article's vector, and against each claim's core vector
(``web.fact_search``). For each candidate cut-off: the share of relevant items scoring at least it
(recall) and the share of items at or above it that are relevant (precision), over all queries' top-20
results (what a search page shows) and over everything. The events are split as ``stories_real.py``
splits the pages (calibration / test); a cut-off is chosen on the calibration half (the F1 of top-20
precision and recall: the highest cut-off within 0.01 of the best) and reported on both.

Without ``--db`` the pages are ingested into a temporary store and every brief is built (fact search
reads the claim vectors briefs cache); with ``--db``, a store of those pages (briefs built, e.g. by
``newsweave facts``) is read as it is.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_real import HTML, ingest_pages, load_labels, page_id, split_pages

CUTOFFS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
TOP = 20
TIE = 0.01
# The start of a labelled event's description -> two queries describing it.
QUERIES = {
    "NY State Attorney General investigating WeWork": [
        "WeWork founder self-dealing probe",
        "New York attorney general investigates WeWork",
    ],
    "South Dakota launches the 'Meth. We're on it.'": [
        "anti-drug advertising campaign goes viral",
        "Kristi Noem meth ad",
    ],
    "Patrick Carlineo Jr. pleads guilty": [
        "man admits threatening to kill congresswoman",
        "Ilhan Omar death threat guilty plea",
    ],
    "Release of police bodycam video of the rescue": [
        "police video of kidnapped girl rescued",
        "Fort Worth abduction bodycam footage",
    ],
    "BMJ Case Reports 'feather duvet lung'": [
        "feather bedding causes lung disease",
        "man's breathing problems blamed on his duvet",
    ],
    "NASA Goddard team (Paganini) reports direct detection of water vapor": [
        "water vapour detected above Jupiter's moon",
        "Europa plumes observed with Keck telescope",
    ],
    "NASA adds five companies": [
        "SpaceX and Blue Origin join moon delivery program",
        "commercial lunar payload contracts",
    ],
    "ESA Concurrent Design Facility study on human hibernation": [
        "astronauts hibernating on the way to Mars",
        "European Space Agency torpor study",
    ],
    "Third plague case in China": [
        "bubonic plague after eating rabbit",
        "Inner Mongolia plague patient",
    ],
    "The Doobie Brothers announce": [
        "rock band reunion tour with Michael McDonald",
        "Doobie Brothers 50th anniversary concerts",
    ],
    "Home Depot Q3 FY2019 earnings": [
        "home improvement retailer cuts sales forecast",
        "Home Depot quarterly results",
    ],
    "Swedish prosecutors drop the 2010 rape investigation": [
        "Sweden ends Assange rape inquiry",
        "WikiLeaks founder investigation dropped",
    ],
    "Google Stadia launches": [
        "cloud gaming service launch review",
        "Stadia performance problems",
    ],
    "Big Machine says Taylor Swift may perform": [
        "Taylor Swift allowed to sing her old songs at the American Music Awards",
        "record label dispute over AMAs performance",
    ],
    "Prince Andrew's BBC Newsnight interview": [
        "Duke of York Epstein interview",
        "prince's television interview backlash",
    ],
    "Myles Garrett swings Mason Rudolph's helmet": [
        "Browns player hits quarterback with helmet",
        "NFL suspension after brawl",
    ],
    "Third day of public House impeachment hearings": [
        "Vindman testifies in impeachment hearing",
        "Volker and Morrison testimony",
    ],
}


def _scores(queries: Sequence[str], matrix: NDArray[np.float32], model: str) -> NDArray[np.float32]:
    from newsweave.embeddings import load_encoder

    result: NDArray[np.float32] = load_encoder(model).encode(list(queries)) @ matrix.T
    return result


def _figures(
    runs: Sequence[tuple[NDArray[np.float32], NDArray[np.bool_]]], cutoff: float
) -> tuple[float, float, float, float]:
    """Top-20 recall and precision, and overall recall and precision, of the queries at ``cutoff``."""
    top_hits = top_kept = top_relevant = all_hits = all_kept = all_relevant = 0
    for scores, relevant in runs:
        order = np.argsort(-scores, kind="stable")[:TOP]
        kept_top = scores[order] >= cutoff
        top_kept += int(kept_top.sum())
        top_hits += int((kept_top & relevant[order]).sum())
        top_relevant += int(min(TOP, relevant.sum()))
        kept = scores >= cutoff
        all_kept += int(kept.sum())
        all_hits += int((kept & relevant).sum())
        all_relevant += int(relevant.sum())
    return (
        top_hits / max(1, top_relevant),
        top_hits / max(1, top_kept),
        all_hits / max(1, all_relevant),
        all_hits / max(1, all_kept),
    )


def _f1(recall: float, precision: float) -> float:
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def main(argv: list[str] | None = None) -> None:
    """Print, per kind (articles, facts) and split, the figures at every candidate cut-off."""
    from newsweave.brief.saved import refresh_briefs
    from newsweave.config import load_config
    from newsweave.store import open_store
    from newsweave.web.fact_search import _FactVectors

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="A store of the real pages, briefs built.")
    args = parser.parse_args(argv)
    config = load_config(None)
    model = config.stories.embedding_model
    with tempfile.TemporaryDirectory(prefix="newsweave-search-real-") as tmp:
        db = args.db or Path(tmp) / "real.db"
        with open_store(str(db)) as store:
            if args.db is None:
                ingest_pages(store, config, HTML)
                refresh_briefs(store, config)
            page_of = {article.id: page_id(article.source) for article in store.list_articles()}
            vectors = store.stories.load_vectors(model)
            facts = _FactVectors(store, model)
            keys, claim_matrix = facts.load()
            while facts._pending:  # every claim, not one request's budget
                keys, claim_matrix = facts.load()
    labels = load_labels()
    split = split_pages(labels, sorted(set(page_of.values())))
    events = {group[0]: group for group in labels.groups}  # first page -> the event's pages
    descriptions = {group[0]: event for group, event in zip(labels.groups, labels.events, strict=True)}
    article_ids = sorted(vectors)
    article_matrix = np.stack([vectors[i] for i in article_ids])
    kinds = {
        "articles": (article_matrix, [page_of.get(i) for i in article_ids]),
        "facts": (claim_matrix, [page_of.get(article_id) for article_id, _ in keys]),
    }
    print(f"command: python benchmarks/search_real.py{' --db ' + str(args.db) if args.db else ''}")
    print(f"{len(article_ids)} articles, {len(keys)} claims; {sum(map(len, QUERIES.values()))} queries")
    for kind, (matrix, pages) in kinds.items():
        runs: dict[str, list[tuple[NDArray[np.float32], NDArray[np.bool_]]]] = {"calibration": [], "test": []}
        for first, pages_of_event in events.items():
            (prefix,) = [p for p in QUERIES if descriptions[first].startswith(p)]
            relevant = np.array([page in pages_of_event for page in pages])
            for scores in _scores(QUERIES[prefix], matrix, model):
                runs[split[first]].append((scores, relevant))
        print(
            f"\n{kind}: cut-off | calibration top-20 R / P / F1 | test top-20 R / P / F1 | all R / P (test)"
        )
        # The highest cut-off within TIE of the best calibration F1: between near-equal F1s, the one
        # that lets fewer unrelated items through when a query has few answers.
        f1 = {cutoff: _f1(*_figures(runs["calibration"], cutoff)[:2]) for cutoff in CUTOFFS}
        best = max(cutoff for cutoff in CUTOFFS if f1[cutoff] >= max(f1.values()) - TIE)
        for cutoff in CUTOFFS:
            cal, test = _figures(runs["calibration"], cutoff), _figures(runs["test"], cutoff)
            mark = "  <- chosen on calibration" if cutoff == best else ""
            print(
                f"  {cutoff:.2f} | {cal[0]:.3f} / {cal[1]:.3f} / {_f1(*cal[:2]):.3f} | "
                f"{test[0]:.3f} / {test[1]:.3f} / {_f1(*test[:2]):.3f} | {test[2]:.3f} / {test[3]:.3f}{mark}"
            )


if __name__ == "__main__":
    main()
