"""Incremental ingest cost: the same 21 real reports ingested into stores that hold 0, 1k and 10k articles.

    .venv/bin/python benchmarks/incremental.py [--sizes 0 1000 10000] [--recluster] [--json]

Data: the 181 real pages of ``../shared/data/article-extraction`` (most from 18-20 Nov 2019). Every ninth
page (21 of them) is the batch; the other 161 are ingested and analysed once into a template store, and
each measured store is filled with copies of them through the real store (``add_article``,
``analysis.save``, ``stories.save_vectors``, ``stories.save``): copy generation k is the template with
new ids and every publication time moved k + 1 weeks back, so a store of 10k articles holds 62 weeks of
history, each week's stories as the template's. The batch then goes through the three steps of
``newsweave ingest`` (read, clean and dedupe; analyse; assign stories and storylines).

Figures per store size: CPU seconds of the batch and of each step (process time, so that other load on
the machine counts less; the encoder's own threads count too), each total as a ratio to the smallest
non-empty store's, the CPU seconds to read the 50 most recent stories (``stories --limit 50``) and, with
``--recluster``, of a rebuild of every story after the batch, per article.
Run a revision's code against the same script with ``PYTHONPATH=<worktree>/src`` to compare (RESULTS.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT.parent / "shared" / "data" / "article-extraction" / "html"
BATCH_EVERY = 9
WEEK = timedelta(days=7)
# Stories ``newsweave stories --limit 50`` lists: timed as the store reads them.
LISTED = 50


def split_pages() -> tuple[list[Path], list[Path]]:
    """(batch, template): every BATCH_EVERY-th page by name is in the batch, the rest make the template."""
    pages = sorted(HTML.glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages in {HTML}")
    batch = pages[::BATCH_EVERY]
    return batch, [page for page in pages if page not in batch]


def _clone_id(article_id: str, generation: int) -> str:
    return hashlib.sha256(f"{article_id}:{generation}".encode()).hexdigest()[: len(article_id)]


def fill(store: Any, template: Any, size: int, model: str) -> None:
    """Copy the template's analysed articles into ``store`` until it holds ``size`` articles."""
    from newsweave.analysis.entities import index_keys

    articles = sorted(template.list_articles(), key=lambda a: a.id)
    analyses = {a.id: template.analysis.load(a.id) for a in articles}
    vectors, leads = template.stories.load_vectors_and_leads(model)
    assigned = template.stories.assigned()
    # Entity rows only: their aliases name the template's articles, which this store does not hold.
    known = template.analysis.load_entities()
    store.analysis.save_entities([dataclasses.replace(entity, aliases={}) for entity in known], index_keys)
    written, generation = 0, 0
    while written < size:
        shift = (generation + 1) * WEEK
        new_id = {a.id: _clone_id(a.id, generation) for a in articles}
        chunk = articles[: size - written]
        with store.atomic():
            for article in chunk:
                copy = dataclasses.replace(
                    article,
                    id=new_id[article.id],
                    published=article.published - shift if article.published else None,
                    duplicate_of=new_id.get(article.duplicate_of) if article.duplicate_of else None,
                )
                store.add_article(copy)
                analysis = analyses[article.id]
                store.analysis.save(
                    dataclasses.replace(
                        analysis,
                        article_id=copy.id,
                        claims=[dataclasses.replace(c, article_id=copy.id) for c in analysis.claims],
                        events=[dataclasses.replace(e, article_id=copy.id) for e in analysis.events],
                    )
                )
        store.stories.save_vectors(
            model,
            {new_id[a.id]: vectors[a.id] for a in chunk if a.id in vectors},
            {new_id[a.id]: leads[a.id] for a in chunk if a.id in leads},
        )
        stories = {
            new_id[a.id]: _clone_id(assigned[a.id], generation)[:16] for a in chunk if a.id in assigned
        }
        store.stories.save(stories, {})
        written += len(chunk)
        generation += 1
    # Every story ingest stores carries its storyline summary (centroid, actor counts): computed here
    # as ingest would have, so that the batch measures a batch and not the one-time backfill of them.
    if size:
        from newsweave.config import load_config
        from newsweave.stories.storyline_links import StorylineLinker

        StorylineLinker(store, load_config(None)).summarise(None)


def measure(size: int, template: Any, batch: list[Path], tmp: Path, *, recluster: bool) -> dict[str, float]:
    """CPU seconds of ingesting the batch into a store of ``size`` copied articles."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.config import load_config
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.store import open_store
    from newsweave.stories.stage import assign_stories

    config = load_config(None)
    with open_store(str(tmp / f"store-{size}.db")) as store:
        started = time.perf_counter()
        fill(store, template, size, config.stories.embedding_model)
        steps: dict[str, float] = {"fill_seconds": time.perf_counter() - started}
        for name, step in (
            ("ingest", lambda: ingest_inputs([str(page) for page in batch], store, None, config)),
            ("analysis", lambda: analyse_store(store, config)),
            ("stories", lambda: assign_stories(store, config)),
        ):
            begin = time.process_time()
            step()
            steps[name] = time.process_time() - begin
        steps["total"] = steps["ingest"] + steps["analysis"] + steps["stories"]
        steps["stored"] = store.count_articles()
        begin = time.process_time()
        store.stories.records(limit=LISTED)
        steps["list_seconds"] = time.process_time() - begin
        if recluster:
            begin = time.process_time()
            assign_stories(store, config, rebuild=True)
            steps["recluster_ms_per_article"] = 1000 * (time.process_time() - begin) / steps["stored"]
        return steps


def main() -> None:
    """Build the template, then measure each size in turn and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--recluster", action="store_true", help="also time a recluster of each store")
    args = parser.parse_args()
    from newsweave.config import load_config
    from newsweave.pipeline.process import process_inputs
    from newsweave.store import open_store

    batch, pages = split_pages()
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        with open_store(str(tmp / "template.db")) as template:
            started = time.perf_counter()
            process_inputs([str(page) for page in pages], template, config=load_config(None))
            print(
                f"template: {template.count_articles()} articles, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
            for size in args.sizes:
                results[size] = measure(size, template, batch, tmp, recluster=args.recluster)
                print(f"size {size}: {results[size]}", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    base = next((results[s]["total"] for s in sorted(results) if s > 0), None)
    print(
        "| stored articles | batch CPU s | ingest | analysis | stories | ratio to smallest "
        "| 50 stories listed, s | recluster ms per article |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for size in sorted(results):
        r = results[size]
        ratio = f"{r['total'] / base:.2f}" if base else "-"
        recluster = f"{r['recluster_ms_per_article']:.1f}" if "recluster_ms_per_article" in r else "-"
        print(
            f"| {size:,} | {r['total']:.1f} | {r['ingest']:.1f} | {r['analysis']:.1f} | {r['stories']:.1f} "
            f"| {ratio} | {r['list_seconds']:.2f} | {recluster} |"
        )


if __name__ == "__main__":
    main()
