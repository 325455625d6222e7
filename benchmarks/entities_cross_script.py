"""Entities across scripts: do the Korean and Japanese spellings of a person or place join the entity the
English reports name, and only that one?

    .venv/bin/python benchmarks/entities_cross_script.py [--dump FILE] [--json]

The store is the one ``benchmarks/stories_multilingual.py`` builds (181 real English pages, the 50
reports written for the test in Korean, Japanese and Spanish, the two English seeds with the Korean and
Japanese reports of their summit), ingested as ``newsweave ingest`` does. Every name in Hangul, kana or
kanji that the analysis kept (a person or place mention of a Korean or Japanese report) is an *item*:
(report, spelling). ``benchmarks/labels/entities_cross_script.jsonl`` says, for each item, what it
names, as the English spellings of that person or place (null: no one thing), labelled by reading the
report (world knowledge, not the store: "보스턴" in a look-alike report is Boston whether or not an
English report of that event exists).

Figures, on the calibration events (0-5 and the Nara summit) and the test events (6-11) apart. The
rules of ``analysis.mentions_cjk`` (dot-joined names, readings with a dot, offices that end a word, a
surname written alone, the size of foreign cities) were written while reading this benchmark's items
of both halves: neither half is a clean test of them, and RESULTS.md says so beside the figures.

- merge precision: of the items the resolver put in an entity with English spellings, the share whose
  entity's name (or a Latin spelling of several words) is one of the label's spellings;
- recall: of the items whose label names an entity the store has, the share put in it;
- wrong merges and misses are listed.

Real Korean and Japanese pages of ``article-extraction`` are listed with what their names joined, to be
read (they have no English report of their own event in the store, so any join is to be checked).
``--dump FILE`` writes the items with what the resolver did and the English entities of the event's
reports, the form the labels were made from.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_multilingual import HALVES, build_store, item_of, key_of, written_reports

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels" / "entities_cross_script.jsonl"
CALIBRATION = "calibration"


def half_of(row: Mapping[str, Any]) -> str:
    """The half of a written report: the calibration events and the Nara summit, or the test events."""
    if row["group"] == "nara-summit":
        return CALIBRATION
    return next(half for half, events in HALVES.items() if row["group"] in events)


def store_items(store: Any) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Every non-Latin alias with its report and entity, and each article's entity names (Latin)."""
    from newsweave.analysis.cross_script import is_other_script

    items: list[dict[str, Any]] = []
    english_of_article: dict[str, list[str]] = defaultdict(list)
    sources = {article.id: article.source for article in store.list_articles()}
    for entity in store.analysis.load_entities():
        # What identifies an entity: its name and its Latin spellings of several words (a lone "Patrick"
        # or "Wi" could be anyone's).
        latin = sorted(
            alias
            for alias in entity.aliases
            if not is_other_script(alias) and (alias == entity.name or len(alias.split()) > 1)
        )
        for alias, articles in entity.aliases.items():
            for article in articles:
                if is_other_script(alias):
                    items.append(
                        {
                            "item": item_of(sources[article]),
                            "alias": alias,
                            "type": entity.type,
                            "entity": entity.name if latin else None,
                            "latin": latin,
                        }
                    )
                elif alias in latin:
                    english_of_article[item_of(sources[article])].append(alias)
    return items, english_of_article


def score(
    items: Sequence[Mapping[str, Any]], labels: Mapping[tuple[str, str], list[str] | None], known: set[str]
) -> dict[str, Any]:
    """Merge precision and recall over labelled items, with the wrong merges and misses. An item is
    right when its entity's name, or one of its Latin spellings of several words, is one of the label's
    spellings; it counts in recall when some stored entity's is (``known``)."""
    merged = right = reachable = found = unlabelled = 0
    wrong: list[str] = []
    missed: list[str] = []
    for item in items:
        key = (item["item"], item["alias"])
        if key not in labels:
            unlabelled += 1
            continue
        gold = set(labels[key] or [])
        correct = bool(gold & set(item["latin"]))
        if item["latin"]:
            merged += 1
            right += correct
            if not correct:
                wrong.append(f"{item['item']}: {item['alias']} -> {item['entity']} (label: {sorted(gold)})")
        if gold & known:
            reachable += 1
            found += correct
            if not correct:
                missed.append(
                    f"{item['item']}: {item['alias']} (label: {sorted(gold)}; joined: {item['entity']})"
                )
    return {
        "merges": merged,
        "merge_precision": right / merged if merged else None,
        "reachable": reachable,
        "recall": found / reachable if reachable else None,
        "unlabelled": unlabelled,
        "wrong_merges": wrong,
        "missed": missed,
    }


def load_labels() -> dict[tuple[str, str], list[str] | None]:
    """(report, spelling) -> the English spellings of what it names, or None."""
    rows = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines() if line.strip()]
    return {(row["item"], row["alias"]): row["english"] for row in rows}


def run(folder: Path, dump: Path | None) -> dict[str, Any]:
    """Build the store under ``folder`` and score its cross-script entities per half."""
    rows = written_reports()
    store, _config, _stages = build_store(folder, rows)
    items, english_of_article = store_items(store)
    known = {name for names in english_of_article.values() for name in names}
    written = {row["id"]: row for row in rows}
    for path in (ROOT.parent / "shared" / "seeds").glob("*.txt"):
        written[f"seed-{path.name[:3]}"] = {"group": "nara-summit", "id": f"seed-{path.name[:3]}"}
    pages = sorted({item_of(a.source) for a in store.list_articles()} - set(written))
    key = key_of(rows, pages)
    if dump is not None:
        with dump.open("w", encoding="utf-8") as out:
            for item in sorted(items, key=lambda i: (str(i["item"]), i["alias"])):
                event = key.get(item["item"])
                beside = sorted(
                    {
                        name
                        for other, names in english_of_article.items()
                        if key.get(other) == event
                        for name in names
                    }
                )
                record = {**item, "event": event, "english_in_event": beside if event else []}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    labels = load_labels() if LABELS.exists() else {}
    halves: dict[str, list[dict[str, Any]]] = defaultdict(list)
    real: list[str] = []
    for item in items:
        if item["item"] in written:
            halves[half_of(written[item["item"]])].append(item)
        elif item["latin"]:
            real.append(f"{item['item']}: {item['alias']} -> {item['entity']}")
    return {
        "halves": {half: score(found, labels, known) for half, found in sorted(halves.items())},
        "items": len(items),
        "real_pages_joined": sorted(set(real)),
    }


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, help="write every item with what the resolver did")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = run(Path(folder), args.dump)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"command: {shlex.join([sys.executable.rsplit('/', 1)[-1], *sys.argv])}")
    print(f"non-Latin names kept (report, spelling): {results['items']}")
    print("| half | merges | merge precision | names the store has | recall | unlabelled |")
    print("|---|---|---|---|---|---|")
    for half, figures in results["halves"].items():
        cells = [half, figures["merges"], _figure(figures["merge_precision"]), figures["reachable"]]
        cells += [_figure(figures["recall"]), figures["unlabelled"]]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")
    for half, figures in results["halves"].items():
        for line in figures["wrong_merges"]:
            print(f"wrong merge ({half}): {line}")
        for line in figures["missed"]:
            print(f"missed ({half}): {line}")
    for line in results["real_pages_joined"]:
        print(f"real page joined: {line}")


if __name__ == "__main__":
    main()
