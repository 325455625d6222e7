"""Throughput of the analysis stage, per sub-stage, on ECB+ documents.

    .venv/bin/python benchmarks/analysis.py [--n 200] [--n-process 1]

Ingests N ECB+ documents (no analysis) into a temporary SQLite store, then times `analyse_store`:
articles/s and sentences/s end to end and the seconds each sub-stage took (model loading included
in the first batch of "spacy" and "places" and reported separately).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
import time
from pathlib import Path

from newsweave.analysis.stage import Analyser, analyse_store
from newsweave.config import load_config
from newsweave.data import Article
from newsweave.ingest.stage import ingest_articles
from newsweave.store import open_store

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def ecbplus_articles(n: int) -> list[Article]:
    """The first ``n`` ECB+ documents as articles (first line the title)."""
    path = DATA / "ecbplus" / "ecbplus_docs.jsonl"
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            title, _, body = record["text"].partition("\n")
            article = Article(title=title[:120], text=body or title, outlet="ECB+", source=record["id"])
            articles.append(article)
            if len(articles) == n:
                break
    return articles


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="ECB+ documents to analyse")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    parser.add_argument("--workers", type=int, default=1, help="analysis worker processes (0: one per core)")
    args = parser.parse_args()
    base = load_config(None)
    settings = {"n_process": args.n_process, "workers": args.workers}
    config = dataclasses.replace(base, analysis=dataclasses.replace(base.analysis, **settings))
    print(
        f"command: .venv/bin/python benchmarks/analysis.py --n {args.n} --n-process {args.n_process} "
        f"--workers {args.workers}"
    )

    warm = Analyser(config)
    start = time.perf_counter()
    _ = warm.nlp
    model_load = time.perf_counter() - start
    start = time.perf_counter()
    warm.gazetteer.resolve("Paris")
    gazetteer_load = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "b.db")) as store:
        ingest_articles(ecbplus_articles(args.n), store, config)
        start = time.perf_counter()
        report = analyse_store(store, config)
        elapsed = time.perf_counter() - start
        sentences = sum(len(store.analysis.load(i).sentences) for i in store.analysis.pending_ids(redo=True))
    analysed = report.counts["analysed"]
    print(f"model load {model_load:.1f} s (once per process), gazetteer load {gazetteer_load:.1f} s")
    print(
        f"{analysed} articles, {sentences} sentences in {elapsed:.1f} s: "
        f"{analysed / elapsed:.1f} articles/s, {sentences / elapsed:.1f} sentences/s"
    )
    print(f"{'sub-stage':<22}{'seconds':>9}{'share':>8}")
    for name, figures in report.stages.items():
        print(f"{name:<22}{figures['seconds']:>9.2f}{figures['seconds'] / elapsed:>8.1%}")


if __name__ == "__main__":
    main()
