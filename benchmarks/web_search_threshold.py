"""Calibration of the web app's semantic-search cut-off (``newsweave.web.search_terms.SEMANTIC_MIN_SCORE``).

    .venv/bin/python benchmarks/web_search_threshold.py [--db PATH]

Hand-written queries, each describing one story of the bundled sample corpus (ECB+ subset) plus the
seeds, are embedded with the stories' encoder and compared with every stored article vector. An article
of the story a query describes is relevant; every other is not (so the two earthquake stories count as
unrelated to each other's queries: a strict labelling). Prints the cosine distributions of both and,
per candidate cut-off, the share of relevant articles kept (recall) and of unrelated ones let through.
Without ``--db`` the store is built as ``web_load.py`` builds it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_load import build_store

# Story title (a prefix, as listed by ``newsweave stories``) -> queries describing it in other words.
QUERIES = {
    "Wladimir Klitschko retains titles": [
        "boxer defends his heavyweight belts",
        "Klitschko knockout win",
        "heavyweight title fight result",
    ],
    "Five dead, dozens injured in Indonesia quake": [
        "earthquake kills people in Indonesia",
        "quake in Aceh injures dozens",
        "deadly tremor in Asia",
    ],
    "Taking the lead in the fight against piracy": [
        "navy arrests pirates at sea",
        "Indian navy captures pirate ship",
        "anti-piracy operation",
    ],
    "AMD Announces Strategic Investment": [
        "chip maker buys server company",
        "AMD acquires SeaMicro",
        "processor company acquisition",
    ],
    "Graphic Talk About Nvidia": ["new graphics card launch", "Nvidia GPU announcement"],
    "Lee Jae Myung Concludes Japan Visit": [
        "Korea Japan summit",
        "leaders discuss seafood import ban",
        "Lee and Takaichi meeting",
    ],
    "A series of earthquakes killed a 10-year-old girl": [
        "earthquakes kill a girl in California",
        "quake swarm injures dozens",
    ],
}
CUTOFFS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def main(argv: list[str] | None = None) -> None:
    """Print the calibration figures."""
    from newsweave.config import load_config
    from newsweave.embeddings import load_encoder
    from newsweave.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="A store built from the sample (default: build one).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsweave-threshold-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.db"
            build_store(db)
        model = load_config(None).stories.embedding_model
        with open_store(str(db)) as store:
            assigned = store.stories.assigned()
            story_of_title = {story.title: story.id for story in store.stories.records()}
            vectors = store.stories.load_vectors(model)
    ids = sorted(vectors)
    matrix = np.stack([vectors[i] for i in ids])
    encoder = load_encoder(model)
    relevant: list[float] = []
    unrelated: list[float] = []
    for prefix, queries in QUERIES.items():
        story = next((sid for title, sid in story_of_title.items() if title.startswith(prefix)), None)
        if story is None:
            print(f"no story titled {prefix!r}: skipped")
            continue
        for scores in encoder.encode(queries) @ matrix.T:
            for article_id, score in zip(ids, scores, strict=True):
                (relevant if assigned.get(article_id) == story else unrelated).append(float(score))
    print("command: python benchmarks/web_search_threshold.py" + (f" --db {args.db}" if args.db else ""))
    print(f"{sum(len(q) for q in QUERIES.values())} queries x {len(ids)} articles")
    for name, values in (("relevant", relevant), ("unrelated", unrelated)):
        p = np.percentile(values, [5, 25, 50, 75, 95, 99])
        print(
            f"{name:<9} n={len(values):<5} p5 {p[0]:.3f} p25 {p[1]:.3f} p50 {p[2]:.3f} p75 {p[3]:.3f} "
            f"p95 {p[4]:.3f} p99 {p[5]:.3f}"
        )
    for cutoff in CUTOFFS:
        kept = np.mean(np.array(relevant) >= cutoff)
        leaked = np.mean(np.array(unrelated) >= cutoff)
        print(f"cut-off {cutoff:.2f}: relevant kept {kept:.3f}, unrelated let through {leaked:.3f}")


if __name__ == "__main__":
    main()
