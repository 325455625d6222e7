"""Entity resolution against stores holding more and more entities: read by key vs read everything.

    .venv/bin/python benchmarks/entity_scale.py [--sizes 0 10000 100000] [--popular 1000 10000 30000]

The batch: every ninth of the 181 real pages of ``../shared/data/article-extraction/html`` (21 pages, as
``benchmarks/incremental.py``). For each size, a fresh SQLite store gets that many synthetic entities
(PERSON and ORG names made of random syllables, each written by five of 2,000 stub articles: five alias
rows), written through ``save_entities`` with their keys; then the batch is ingested and analysed
twice, each into its own copy of that store: with the resolver reading stored entities by blocking key
(``StoredEntities``, what ingest does), and with every stored entity read once at the start (what the
resolver did before keys were stored). Figures: CPU seconds of the analysis step (spaCy and the rest
included: the same work in both rows), wall seconds of its entity part (the ``entities_and_store``
stage), and how many entities the resolver read.

``--popular``: saving one entity that many articles name ("United States"), after it gained one more
article: CPU seconds of ``save_entities`` rewriting every alias row (before) and writing only what the
entity gained (``added``, what the analysis step does).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT.parent / "shared" / "data" / "article-extraction" / "html"
BATCH_EVERY = 9
SIZES = (0, 10_000, 100_000)
CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"
STUB_ARTICLES = 2_000  # articles the synthetic aliases point at (the FK needs real rows)
ALIAS_ARTICLES = 5  # articles per synthetic entity: its alias rows
SEED = 7


def synthetic_entities(count: int, article_ids: list[str]) -> list[Any]:
    """``count`` PERSON and ORG entities with made-up two-word names, each written by ALIAS_ARTICLES of
    ``article_ids`` (ids as the resolver makes them)."""
    from newsweave.analysis.entities import entity_id
    from newsweave.data import Entity

    rng = random.Random(SEED)

    def word() -> str:
        # Consonant-vowel syllables from the whole alphabet: names share prefixes and suffixes about as
        # often as real ones do within a language, far more than random strings would.
        syllables = rng.randint(2, 4)
        return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables)).capitalize()

    made: dict[str, Any] = {}
    while len(made) < count:
        label = "PERSON" if rng.random() < 0.6 else "ORG"
        suffix = word() if label == "PERSON" else rng.choice(("Corp", "Group", "Bank", "Party", "Council"))
        name = f"{word()} {suffix}"
        key = entity_id(label, name)
        if key not in made:
            written = set(rng.sample(article_ids, min(ALIAS_ARTICLES, len(article_ids))))
            made[key] = Entity(id=key, name=name, type=label, aliases={name: written},
                               mention_count=len(written))
    return list(made.values())


def stub_articles(store: Any, count: int) -> list[str]:
    """``count`` one-line articles for the synthetic entities' aliases to point at (ids), stored as
    analysed so that the batch's analysis run does not take them up."""
    from newsweave.data import Article
    from newsweave.store.analysis_rows import ArticleAnalysis

    articles = [Article(title=f"Stub {n}", text=f"Stub report number {n}.") for n in range(count)]
    with store.atomic():
        for article in articles:
            store.add_article(article)
            store.analysis.save(ArticleAnalysis(article.id, language="en"))
    return [article.id for article in articles]


class Counting:
    """A lookup that counts the entities it hands to the resolver."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.read = inner, 0

    def entities_with_keys(self, keys: set[str]) -> list[Any]:
        found: list[Any] = self.inner.entities_with_keys(keys)
        self.read += len(found)
        return found

    def stored(self, ids: set[str]) -> set[str]:
        found: set[str] = self.inner.stored(ids)
        return found

    def has_other_scripts(self) -> bool:
        return bool(self.inner.has_other_scripts())


def measure(db: Path, batch: list[str], every: bool) -> dict[str, float]:
    """Ingest and analyse the batch into the store at ``db``; CPU seconds and entities read."""
    from newsweave.analysis import stage
    from newsweave.config import load_config
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.store import open_store

    class EveryEntity(stage.StoredEntities):  # type: ignore[misc]
        """Every stored entity, read once at the first lookup, as the resolver was built before."""

        def entities_with_keys(self, keys: set[str]) -> list[Any]:
            if getattr(self, "done", False):
                return []
            self.done = True
            found: list[Any] = self.store.analysis.load_entities()
            return found

    lookups: list[Counting] = []
    base = EveryEntity if every else stage.StoredEntities

    def make(store: Any) -> Counting:
        lookups.append(Counting(base(store)))
        return lookups[-1]

    original = stage.StoredEntities
    stage.StoredEntities = make
    try:
        config = load_config()
        with open_store(str(db)) as store:
            ingest_inputs(batch, store, config=config)
            started = time.process_time()
            report = stage.analyse_store(store, config)
            total = time.process_time() - started
    finally:
        stage.StoredEntities = original
    entity_stage = report.stages.get("entities_and_store", {})
    return {"analysis_s": total, "entities_s": float(entity_stage.get("seconds", 0.0)),
            "read": sum(lookup.read for lookup in lookups)}


def popular_save(count: int, tmp: Path) -> tuple[float, float]:
    """CPU seconds of saving an entity named by ``count`` articles again after one more: every alias
    row rewritten, and only the gained row written."""
    from newsweave.analysis.entities import index_keys
    from newsweave.data import Entity
    from newsweave.store import open_store

    with open_store(str(tmp / f"popular-{count}.db")) as store:
        articles = stub_articles(store, count + 1)
        entity = Entity(id="popular", name="United States", type="GPE",
                        aliases={"United States": set(articles[:-1])}, mention_count=count)
        store.analysis.save_entities([entity], index_keys)
        entity.aliases["United States"].add(articles[-1])
        timings = []
        # The gained row alone first, then every row again (a rewrite leaves the same rows).
        for added in ({"popular": {("United States", articles[-1])}}, None):
            started = time.process_time()
            store.analysis.save_entities([entity], index_keys, added=added)
            timings.append(time.process_time() - started)
            assert len(store.analysis.load_entities(["popular"])[0].articles()) == count + 1
    return timings[1], timings[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--popular", type=int, nargs="*", default=[], help="articles naming one entity")
    args = parser.parse_args()
    print("command: .venv/bin/python benchmarks/entity_scale.py " + " ".join(sys.argv[1:]))
    from newsweave.analysis.entities import index_keys
    from newsweave.store import open_store

    batch = [str(page) for page in sorted(HTML.glob("*.html.gz"))[::BATCH_EVERY]]
    print(f"batch: {len(batch)} real pages; synthetic entities per store: {args.sizes}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.popular:
            print("| articles naming the entity | save, every alias row rewritten, CPU s "
                  "| save, gained rows only, CPU s |")
            print("|---:|---:|---:|")
            for count in args.popular:
                full, gained = popular_save(count, Path(tmp))
                print(f"| {count:,} | {full:.3f} | {gained:.4f} |", flush=True)
        if not args.sizes:
            return
        measure(Path(tmp) / "warm-up.db", batch, every=False)  # models load here, outside the figures
        print("| stored entities | resolver reads | analysis CPU s | of it, entities + store, wall s "
              "| entities read |")
        print("|---:|---|---:|---:|---:|")
        for size in args.sizes:
            empty = Path(tmp) / f"empty-{size}.db"
            with open_store(str(empty)) as store:
                stubs = stub_articles(store, STUB_ARTICLES if size else 0)
                store.analysis.save_entities(synthetic_entities(size, stubs), index_keys)
            for every in (False, True):
                db = Path(tmp) / f"run-{size}-{every}.db"
                shutil.copy(empty, db)
                row = measure(db, batch, every)
                how = "every entity" if every else "by key"
                cells = f"{row['analysis_s']:.1f} | {row['entities_s']:.2f} | {row['read']:,.0f}"
                print(f"| {size:,} | {how} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
