"""Stories across languages: Korean, Japanese and Spanish reports among the English reports of their events.

    .venv/bin/python benchmarks/stories_multilingual.py [--errors] [--json]

Data, ingested together into one temporary SQLite store as ``newsweave ingest`` does it (default config):

- the 181 real pages of ``../shared/data/article-extraction`` with the labels of
  ``benchmarks/labels/stories_real.json`` (as ``benchmarks/stories_real.py``);
- the 50 reports of ``benchmarks/labels/multilingual_written.jsonl``, **written for the test** (every
  line says so): for each of the first 12 labelled events, a Korean, a Japanese and a Spanish report
  written from its English pages' facts (labelled with that event), one invented look-alike event of the
  same kind (an event of its own), and Korean and Japanese reports of the seeds' Nara summit;
- the two English seed reports of that summit (``../shared/seeds``, published 13 January 2026).

Systems, each scored over every item (pages, written reports, seeds):

- ``ingest``: the stories the store holds after the online ingest (the default config);
- ``recluster, English space only``: a rebuild of the same articles with no multilingual vectors, as
  the code was before (a non-English report compared by its English-encoder vector);
- ``recluster, shift S``: a rebuild with multilingual vectors and ``cross_lingual_shift`` S (the grid).

Figures per system: pairwise precision / recall / F1 and B3 over every item; the same over the English
pages alone (what issue 14's benchmark measures; multilingual vectors must not change it); and the
written reports' joins, on the calibration events (0-5) and the test events (6-11) apart: a report
*joins* when its story holds an English page or seed; a join is right when that story holds a page of
the report's own event (a look-alike's join is always wrong; English pages of other events merged into
that story are the English figures' errors, counted there). Precision = right / joins, recall = right /
same-event reports. The shift is chosen on the calibration events only.

``--errors`` lists, for the ingest, every written report's story: the English pages' titles beside it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shlex
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_real import HTML, Score, load_labels, page_id, score

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "benchmarks" / "labels" / "multilingual_written.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_PUBLISHED = "2026-01-13"
HALVES = {"calibration": range(0, 6), "test": range(6, 12)}
SHIFTS = tuple(round(0.15 + 0.025 * step, 3) for step in range(9))
INGEST = "ingest"
ENGLISH_ONLY = "recluster, English space only"


@dataclasses.dataclass(frozen=True, slots=True)
class Joins:
    """The written reports' joins on one half: right, wrong, same-event reports."""

    right: int
    wrong: int
    same_event: int

    def figures(self) -> dict[str, float]:
        """Precision, recall and F1 of the joins (precision 1.0 when nothing joined)."""
        joins = self.right + self.wrong
        precision = self.right / joins if joins else 1.0
        recall = self.right / self.same_event if self.same_event else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "right": self.right,
            "wrong": self.wrong,
            "same_event": self.same_event,
        }


def written_reports() -> list[dict[str, Any]]:
    """The written reports, each checked to be marked as written for the test."""
    rows = [json.loads(line) for line in WRITTEN.read_text("utf-8").splitlines() if line.strip()]
    if unmarked := [row["id"] for row in rows if row.get("written_for_test") is not True]:
        raise ValueError(f"{WRITTEN}: lines not marked written_for_test: {unmarked}")
    return rows


def input_file(folder: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    """A JSONL input holding the written reports and the seeds, each with its publication date."""
    records = [
        {
            "id": row["id"],
            "title": row["title"],
            "text": row["text"],
            "published": row["published"],
            "outlet": f"written for test ({row['language']})",
        }
        for row in rows
    ]
    for path in sorted(SEEDS.glob("*.txt")):
        title, text = path.read_text("utf-8").split("\n", 1)
        records.append(
            {
                "id": f"seed-{path.name[:3]}",
                "title": title,
                "text": text.strip(),
                "published": SEED_PUBLISHED,
                "outlet": f"seed {path.name[:3]}",
            }
        )
    target = folder / "written.jsonl"
    target.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), "utf-8")
    return target


def item_of(source: str) -> str:
    """The item id of a stored article: the page id, or the record id after ``#``."""
    return source.rsplit("#", 1)[1] if "#" in source else page_id(source)


def key_of(rows: Sequence[Mapping[str, Any]], pages: Sequence[str]) -> dict[str, str]:
    """Item -> labelled event: pages as labelled, written same-event reports with their pages' event,
    look-alikes alone, the seeds and the Nara reports as one event."""
    labels = load_labels()
    key = labels.key(pages)
    for row in rows:
        if row["kind"] != "same":
            key[row["id"]] = row["id"]
        elif row["group"] == "nara-summit":
            key[row["id"]] = "nara-summit"
        else:
            key[row["id"]] = key[row["sources"][0]]
    for path in sorted(SEEDS.glob("*.txt")):
        key[f"seed-{path.name[:3]}"] = "nara-summit"
    return key


def joins(
    rows: Sequence[Mapping[str, Any]], key: Mapping[str, str], response: Mapping[str, str], english: set[str]
) -> dict[str, Joins]:
    """The written reports' joins per half (see the module docstring)."""
    members: dict[str, list[str]] = {}
    for item, story in response.items():
        members.setdefault(story, []).append(item)
    found: dict[str, Joins] = {}
    for half, events in HALVES.items():
        right = wrong = same = 0
        for row in rows:
            if row["group"] not in events:
                continue
            same += row["kind"] == "same"
            beside = {key[item] for item in members[response[row["id"]]] if item in english}
            if not beside:
                continue
            if row["kind"] == "same" and key[row["id"]] in beside:
                right += 1
            else:
                wrong += 1
        found[half] = Joins(right, wrong, same)
    return found


def rebuilt(features: Sequence[Any], shift: float | None) -> dict[str, str]:
    """A recluster of ``features`` (article id -> story): with no multilingual vectors when ``shift`` is
    None, else with them and that shift."""
    from newsweave.stories.assign import recluster
    from newsweave.stories.features import StoryParams

    if shift is None:
        plain = [dataclasses.replace(f, multi=None, english=True) for f in features]
        return recluster(plain, StoryParams())
    return recluster(features, StoryParams(cross_lingual_shift=shift))


def build_store(folder: Path, rows: Sequence[Mapping[str, Any]]) -> tuple[Any, Any, dict[str, Any]]:
    """The pages, the written reports and the seeds ingested, analysed and assigned as ``newsweave
    ingest`` does (default config) into a store under ``folder``; the store, config and story stages."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.config import load_config
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.readers.base import ReadOptions
    from newsweave.store import open_store
    from newsweave.stories.stage import assign_stories

    config = load_config()
    store = open_store(str(folder / "store.db"))
    inputs = [str(HTML), str(input_file(folder, rows))]
    ingest_inputs(inputs, store, ReadOptions(ingest=config.ingest, fetch=config.fetch), config)
    analyse_store(store, config)
    return store, config, assign_stories(store, config).stages


def run(folder: Path) -> dict[str, Any]:
    """Ingest everything into a store under ``folder`` and score the ingest and every rebuild."""
    from newsweave.stories.stage import StoryBuilder

    rows = written_reports()
    store, config, stages = build_store(folder, rows)
    articles = store.list_articles()
    item = {article.id: item_of(article.source) for article in articles}
    pages = sorted(page_id(str(path)) for path in HTML.glob("*.html.gz"))
    key = key_of(rows, pages)
    english = {i for a in articles if a.language == "en" and (i := item[a.id]) in key}
    english_pages = sorted(i for i in english if i in set(pages))
    responses = {INGEST: {item[a]: s for a, s in store.stories.assigned().items()}}
    builder = StoryBuilder(store, config)
    features = builder.features(store.stories.analysed_ids())
    builder.add_multilingual(features)
    responses[ENGLISH_ONLY] = {item[a]: s for a, s in rebuilt(features, None).items()}
    for shift in SHIFTS:
        responses[f"recluster, shift {shift}"] = {item[a]: s for a, s in rebuilt(features, shift).items()}
    everything = sorted(key)
    unclear = load_labels().unclear
    results: dict[str, Any] = {}
    for name, response in responses.items():
        full = {i: response.get(i, f"alone {i}") for i in everything}
        all_items: Score = score(name, key, full, unclear)
        pages_only: Score = score(
            name, {p: key[p] for p in english_pages}, {p: full[p] for p in english_pages}, unclear
        )
        results[name] = {
            "all": all_items.figures(),
            "english_pages": pages_only.figures(),
            "written": {half: j.figures() for half, j in joins(rows, key, full, english).items()},
        }
    results["_speed"] = {
        "stories": {name: round(figures.get("seconds", 0.0), 2) for name, figures in stages.items()},
        **asian_speed(folder, rows),
    }
    results["_stories"] = {
        "response": responses[INGEST],
        "key": key,
        "titles": {item[a.id]: a.title for a in articles},
        "responses": responses,
        "english_pages": english_pages,
    }
    return results


def asian_speed(folder: Path, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Seconds to ingest, analyse and assign the Korean and Japanese written reports alone into a new
    store (models already loaded by the main run), and their articles per second."""
    import time

    from newsweave.analysis.stage import analyse_store
    from newsweave.config import load_config
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.readers.base import ReadOptions
    from newsweave.store import open_store
    from newsweave.stories.stage import assign_stories

    chosen = [row for row in rows if row["language"] in ("ko", "ja")]
    inputs = folder / "asian"
    inputs.mkdir()
    config = load_config()
    store = open_store(str(folder / "asian.db"))
    started = time.perf_counter()
    records = [
        {"id": row["id"], "title": row["title"], "text": row["text"], "published": row["published"]}
        for row in chosen
    ]
    path = inputs / "asian.jsonl"
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), "utf-8")
    ingest_inputs([str(path)], store, ReadOptions(ingest=config.ingest, fetch=config.fetch), config)
    analyse_store(store, config)
    assign_stories(store, config)
    seconds = time.perf_counter() - started
    return {
        "ko_ja_articles": len(chosen),
        "ko_ja_seconds": round(seconds, 2),
        "ko_ja_articles_per_s": round(len(chosen) / seconds, 2),
    }


def _joins_cell(figures: Mapping[str, Any]) -> str:
    return (
        f"{figures['precision']:.3f} / {figures['recall']:.3f} / {figures['f1']:.3f}"
        f" ({figures['right']}+{figures['wrong']})"
    )


def print_report(results: Mapping[str, Any], command: str, errors: bool) -> None:
    """The figures as Markdown tables (and, with ``errors``, each written report's story)."""
    print(f"`{command}`\n")
    print(
        "| system | all P / R / F1 (pairs) | all B3-F1 | English pages P / R / B3-F1 |"
        " written calibration P / R / F1 | written test P / R / F1 |"
    )
    print("|---|---|---|---|---|---|")
    for name, figures in results.items():
        if name.startswith("_"):
            continue
        a, e, w = figures["all"], figures["english_pages"], figures["written"]
        cells = [
            f"{a['pair_precision']:.3f} / {a['pair_recall']:.3f} / {a['pair_f1']:.3f}",
            f"{a['b3_f1']:.3f}",
            f"{e['pair_precision']:.3f} / {e['pair_recall']:.3f} / {e['b3_f1']:.3f}",
            *(_joins_cell(w[half]) for half in HALVES),
        ]
        print(f"| {name} | {' | '.join(cells)} |")
    speed = results["_speed"]
    print(f"\nstory stage of the main run (s): {speed['stories']}")
    print(
        f"Korean and Japanese reports alone: {speed['ko_ja_articles']} in {speed['ko_ja_seconds']} s "
        f"({speed['ko_ja_articles_per_s']} articles/s: read, analysed, assigned)"
    )
    if not errors:
        return
    stories = results["_stories"]
    response, key, titles = stories["response"], stories["key"], stories["titles"]
    members: dict[str, list[str]] = {}
    for item, story in response.items():
        members.setdefault(story, []).append(item)
    print()
    for row in written_reports():
        story = response.get(row["id"])
        beside = [i for i in members.get(story, []) if i != row["id"]]
        mark = "ok" if beside and all(key[i] == key[row["id"]] for i in beside) else "--"
        print(f"- [{mark}] {row['id']} ({row['kind']}) {row['title'][:60]}")
        for other in beside:
            same = "same" if key[other] == key[row["id"]] else "OTHER"
            print(f"    {same}: {other[:16]} {titles.get(other, '')[:80]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list each written report's story")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    command = shlex.join([".venv/bin/python", "benchmarks/stories_multilingual.py", *sys.argv[1:]])
    with tempfile.TemporaryDirectory() as folder:
        results = run(Path(folder))
    if args.json:
        print(json.dumps({k: v for k, v in results.items() if not k.startswith("_")}, indent=1))
    else:
        print_report(results, command, args.errors)


if __name__ == "__main__":
    main()
