"""Facts across languages: does a Korean, Japanese or Spanish report's sentence found for an English fact
really state it?

    .venv/bin/python benchmarks/brief_across_languages.py [--errors]

Data: the store of ``benchmarks/stories_multilingual.py`` (the 181 real pages, the written ko/ja/es
reports of ``benchmarks/labels/multilingual_written.jsonl`` and the seeds). For each of its 13 events
(12 labelled events of the real pages and the seeds' summit), the brief of the event's English reports
(every fact; the 20 most salient are scored) and the event's written reports in other languages, plus
its look-alike report (an invented event of the same kind: it states none of the facts).

Labels (``benchmarks/labels/brief_across_languages.jsonl``), made by reading each written report
against each of the 20 facts: ``states`` (the report states the fact; its sentence indexes) or
``contradicts`` (it gives another value for the same detail); every pair not listed states nothing.
The facts are identified by their salience rank in the brief (``rank``), which the store's determinism
keeps stable; the benchmark checks each labelled fact's text.

Per threshold of ``brief.across_languages.supporting_sentences`` (with and without the number rule): a
predicted support is right when the pair is labelled ``states``; precision = right / predicted, recall =
right / labelled ``states``. Calibration = events 0-5, test = events 6-11 and the summit. ``--errors``
lists the test half's wrong and missed supports at the chosen threshold.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_multilingual import build_store, item_of, written_reports

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels" / "brief_across_languages.jsonl"
STORY_LABELS = ROOT / "benchmarks" / "labels" / "stories_real.json"
FACTS_SCORED = 20
HALVES = {"calibration": [0, 1, 2, 3, 4, 5], "test": [6, 7, 8, 9, 10, 11, "nara-summit"]}
THRESHOLDS = tuple(round(0.4 + 0.05 * step, 2) for step in range(9))

Pair = tuple[str, int, str]  # (group, fact rank, report id)


def load_labels() -> tuple[set[Pair], set[Pair], dict[tuple[str, int], str]]:
    """Pairs labelled ``states`` and ``contradicts``, and the fact texts the labels were made on."""
    states: set[Pair] = set()
    contradicts: set[Pair] = set()
    texts: dict[tuple[str, int], str] = {}
    for line in LABELS.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        pair = (str(row["group"]), int(row["fact"]), str(row["report"]))
        (states if row["label"] == "states" else contradicts).add(pair)
        if row.get("fact_text"):
            texts[(str(row["group"]), int(row["fact"]))] = row["fact_text"]
    return states, contradicts, texts


def build(folder: Path) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    """Ingest everything (as ``stories_multilingual.py``); the store and its articles by item id."""
    rows = written_reports()
    store, _, _ = build_store(folder, rows)
    return store, {item_of(a.source): a for a in store.list_articles()}, rows


def events(store: Any, by_item: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per event: its English brief's Fact objects (the ``FACTS_SCORED`` most salient, by rank) and the
    written reports (same-event and look-alike)."""
    from newsweave.brief.build import aligned_story_facts

    groups = json.loads(STORY_LABELS.read_text("utf-8"))["groups"]
    found = []
    for group in sorted({row["group"] for row in rows}, key=str):
        pages = ["seed-000", "seed-004"] if group == "nara-summit" else groups[group]["pages"]
        english = [by_item[page].id for page in pages if page in by_item]
        facts = aligned_story_facts(store, english)[:FACTS_SCORED]
        reports = [row for row in rows if row["group"] == group]
        found.append({"group": str(group), "facts": facts, "reports": reports})
    return found


def predict(
    store: Any,
    by_item: Mapping[str, Any],
    found: Sequence[Mapping[str, Any]],
    threshold: float,
    numbers: bool,
) -> dict[Pair, Any]:
    """Every predicted support (group, fact rank, report id) -> Support."""
    from newsweave.brief import across_languages
    from newsweave.multilingual import load_multilingual_encoder

    encoder = load_multilingual_encoder()
    predicted: dict[Pair, Any] = {}
    for event in found:
        articles = [by_item[row["id"]] for row in event["reports"]]
        sentences = {a.id: store.analysis.load(a.id).sentences for a in articles}
        report_of = {by_item[row["id"]].id: row["id"] for row in event["reports"]}
        facts = [fact for _, fact in event["facts"]]
        supports = across_languages.supporting_sentences(
            facts, articles, sentences, encoder.encode, threshold, numbers=numbers
        )
        for support in supports:
            rank = event["facts"][support.fact][0]
            predicted[(event["group"], rank, report_of[support.article_id])] = support
    return predicted


def figures(predicted: Mapping[Pair, Any], states: set[Pair], groups: Sequence[Any]) -> dict[str, Any]:
    """Precision, recall and F1 of the predicted supports of the given groups."""
    wanted = {str(group) for group in groups}
    guessed = {pair for pair in predicted if pair[0] in wanted}
    gold = {pair for pair in states if pair[0] in wanted}
    right = len(guessed & gold)
    precision = right / len(guessed) if guessed else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "right": right,
        "predicted": len(guessed),
        "labelled": len(gold),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the test half's errors")
    args = parser.parse_args()
    command = shlex.join([".venv/bin/python", "benchmarks/brief_across_languages.py", *sys.argv[1:]])
    states, contradicts, texts = load_labels()
    with tempfile.TemporaryDirectory() as folder:
        store, by_item, rows = build(Path(folder))
        found = events(store, by_item, rows)
        for event in found:
            for rank, fact in event["facts"]:
                known = texts.get((event["group"], rank))
                if known is not None and known != fact.text:
                    raise SystemExit(
                        f"event {event['group']} fact {rank}: the labels were made on {known!r}, "
                        f"the brief now says {fact.text!r}; relabel"
                    )
        print(f"`{command}`\n")
        print(
            f"labelled: {len(states)} states, {len(contradicts)} contradicts, over "
            f"{sum(len(e['facts']) for e in found)} facts and {len(rows)} written reports\n"
        )
        print(
            "| numbers rule | threshold | calibration P / R / F1 (right/predicted/labelled)"
            " | test P / R / F1 |"
        )
        print("|---|---|---|---|")
        runs = {}
        for numbers in (True, False):
            for threshold in THRESHOLDS:
                predicted = predict(store, by_item, found, threshold, numbers)
                runs[(numbers, threshold)] = predicted
                cells = []
                for groups in HALVES.values():
                    f = figures(predicted, states, groups)
                    cells.append(
                        f"{f['precision']:.3f} / {f['recall']:.3f} / {f['f1']:.3f} "
                        f"({f['right']}/{f['predicted']}/{f['labelled']})"
                    )
                print(f"| {'yes' if numbers else 'no'} | {threshold} | {' | '.join(cells)} |")
        if args.errors:
            from newsweave.brief.across_languages import SUPPORT_THRESHOLD

            predicted = runs.get((True, SUPPORT_THRESHOLD)) or predict(
                store, by_item, found, SUPPORT_THRESHOLD, True
            )
            fact_text = {(e["group"], rank): fact.text for e in found for rank, fact in e["facts"]}
            test = {str(group) for group in HALVES["test"]}
            print(f"\nerrors on the test events at {SUPPORT_THRESHOLD}:")
            for pair, support in sorted(predicted.items(), key=str):
                if pair[0] in test and pair not in states:
                    why = "contradicts" if pair in contradicts else "wrong"
                    print(
                        f"- {why} {pair} {support.score:.2f}\n    fact: {fact_text[pair[:2]][:120]}\n"
                        f"    sentence: {support.text[:120]}"
                    )
            for pair in sorted(states - set(predicted), key=str):
                if pair[0] in test:
                    print(f"- missed {pair}\n    fact: {fact_text.get(pair[:2], '?')[:120]}")
        store.close()


if __name__ == "__main__":
    main()
