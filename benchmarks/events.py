"""Event coding on PLV_test: newsweave's classifier vs a TF-IDF + logistic-regression baseline.

Run: ``.venv/bin/python benchmarks/events.py [--speed-sample N]`` (needs scikit-learn for the baseline).
Reports category accuracy, macro-F1 and quad-class accuracy (of the packaged classifier, and of each of
its two category models alone); events/s on 1 and 2 threads; and the
event / no-event decision on a held-out split: PLV_test's events against the held-out third of the
hand-written no-event sentences and of the hand-labelled ECB+ sentences (tools/event_data.py), none of
which the model was trained or calibrated on.
"""

from __future__ import annotations

import argparse
import csv
import shlex
import sys
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]

from newsweave.events import codebook
from newsweave.events.classify import EventClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from event_data import eventness_data

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "plover"
#: The category-confidence rule the extractor applies on top of ``is_event`` ([events] min_confidence),
#: shown beside the event detector as the no-event rule it replaces.
MIN_CONFIDENCE = 0.5
#: PLV's gold_penta digits and the quad-class names the codebook uses.
PENTA = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
         "4": "material conflict"}  # fmt: skip


def read_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def plv_label(category: str) -> str:
    """v0.8 categories folded back into PLV's label set (CONCEDE and RETREAT were YIELD)."""
    return "YIELD" if category in {"CONCEDE", "RETREAT"} else category


def scores(gold: list[str], predicted: list[str], gold_quad: list[str]) -> str:
    quads = [codebook.quad_class(codebook.canonical(label)) for label in predicted]
    accuracy = accuracy_score(gold, predicted)
    macro = f1_score(gold, predicted, average="macro")
    quad = accuracy_score(gold_quad, quads)
    return f"acc {accuracy:.3f}  macro-F1 {macro:.3f}  quad acc {quad:.3f}"


def baseline(train: list[dict[str, str]], test: list[dict[str, str]]) -> list[str]:
    """TF-IDF (1-2 grams, sublinear tf) + logistic regression (C=10), trained on PLV_train."""
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    matrix = vectoriser.fit_transform([row["sentence"] for row in train])
    model = LogisticRegression(C=10, max_iter=5000).fit(matrix, [row["gold_root"] for row in train])
    return [str(label) for label in model.predict(vectoriser.transform([r["sentence"] for r in test]))]


def precision_recall(gold: list[bool], kept: list[bool]) -> str:
    """Precision and recall of "event" and of "no event" (``kept`` = predicted event)."""
    parts = []
    for name, positive in (("event", True), ("no event", False)):
        hits = sum(g == positive and k == positive for g, k in zip(gold, kept, strict=True))
        predicted = sum(k == positive for k in kept)
        actual = sum(g == positive for g in gold)
        parts.append(f"{name}: P {hits / max(predicted, 1):.3f} R {hits / max(actual, 1):.3f}")
    return "  ".join(parts)


def no_event_report(classifier: EventClassifier, test_kept: list[bool], test_confident: list[bool]) -> None:
    """The event / no-event decision on the held-out split."""
    data = eventness_data()
    written = data.held_out_written()
    ecbplus = data.held_out_ecbplus()
    texts = written + [text for text, _ in ecbplus]
    predictions = classifier.classify(texts)
    kept = [p.is_event for p in predictions]
    confident = [p.confidence >= MIN_CONFIDENCE for p in predictions]
    gold_ecb = [is_event for _, is_event in ecbplus]
    n_events = sum(gold_ecb)
    print(
        f"held-out split: {len(written)} written no-event sentences, {len(ecbplus)} ECB+ sentences "
        f"({n_events} events, {len(ecbplus) - n_events} no event), {len(test_kept)} PLV_test events"
    )
    print(f"PLV_test events kept as events: {sum(test_kept) / len(test_kept):.3f}")
    print(f"written no-event sentences dropped: {1 - sum(kept[: len(written)]) / len(written):.3f}")
    print(f"ECB+ (real news), {'event detector':28s}", precision_recall(gold_ecb, kept[len(written) :]))
    gold_all = [True] * len(test_kept) + [False] * len(written) + gold_ecb
    print(f"all held-out, {'event detector':35s}", precision_recall(gold_all, test_kept + kept))
    rule = f"confidence >= {MIN_CONFIDENCE} alone"
    print(f"ECB+ (real news), {rule:28s}", precision_recall(gold_ecb, confident[len(written) :]))
    print(f"all held-out, {rule:35s}", precision_recall(gold_all, test_confident + confident))


def speed(rows: list[dict[str, str]], threads: int) -> float:
    classifier = EventClassifier(threads=threads)
    args = ([r["sentence"] for r in rows], [r["source"] for r in rows], [r["target"] for r in rows])
    classifier.classify(*[column[:4] for column in args])  # warm-up: loads the encoder
    start = time.perf_counter()
    classifier.classify(*args)
    return len(rows) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--speed-sample", type=int, default=200, help="test rows timed per setting")
    options = parser.parse_args()
    print("command:", shlex.join([sys.executable, *sys.argv]))
    train, test = read_rows("PLV_train.tsv"), read_rows("PLV_test.tsv")
    gold = [row["gold_root"] for row in test]
    gold_quad = [PENTA.get(row["gold_penta"], row["gold_penta"]) for row in test]
    print(f"PLV_test: {len(test)} sentences; baseline trained on PLV_train ({len(train)})")
    print(f"{'TF-IDF + LR baseline':28s}", scores(gold, baseline(train, test), gold_quad))
    columns = ([r["sentence"] for r in test], [r["source"] for r in test], [r["target"] for r in test])
    alone = EventClassifier(encoder="none", threads=2).classify(*columns)
    labels = [plv_label(prediction.category) for prediction in alone]
    print(f"{'newsweave, LR alone':28s}", scores(gold, labels, gold_quad))
    classifier = EventClassifier(threads=2)
    if classifier.finetuned is not None:
        probabilities = classifier.finetuned.probabilities(*columns)
        labels = [
            plv_label(codebook.canonical(classifier.labels[int(i)])) for i in probabilities.argmax(axis=1)
        ]
        print(f"{'newsweave, fine-tuned alone':28s}", scores(gold, labels, gold_quad))
    predictions = classifier.classify(*columns)
    labels = [plv_label(prediction.category) for prediction in predictions]
    print(f"{'newsweave EventClassifier':28s}", scores(gold, labels, gold_quad))
    flagged = sum(not prediction.is_event for prediction in predictions)
    print(f"test events flagged 'no event': {flagged} ({flagged / len(test):.1%})")
    confident = [prediction.confidence >= MIN_CONFIDENCE for prediction in predictions]
    print(f"test events with category confidence >= {MIN_CONFIDENCE}: {sum(confident) / len(test):.3f}")
    no_event_report(classifier, [prediction.is_event for prediction in predictions], confident)
    sample = test[: options.speed_sample]
    for threads in (1, 2):
        print(f"events/s, {threads} thread(s), {len(sample)} sentences: {speed(sample, threads):.1f}")
    print("published best (zero-shot NLI, ACL 2024): acc 0.838  macro-F1 0.824  quad 0.901")


if __name__ == "__main__":
    main()
