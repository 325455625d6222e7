"""Training and evaluation data of the event classifier, read from ../shared/data at run time.

Shared by ``tools/train_event_classifier.py`` and ``benchmarks/events.py`` so that both see the same
rows and the same held-out split of the no-event data.

- PLV_train.tsv: labelled event sentences with source/target actors (the only PLV rows used to train).
- CAMEO code descriptions (codebooks/cameo_event_goldstein_merged.tsv) mapped to PLV's labels.
- ``tools/data/no_event_sentences.txt``: hand-written sentences that report no event.
- ``tools/data/ecbplus_event_labels.tsv``: ECB+ sentences labelled event / no event by hand.

PLOVER_GSR_CAMEO.txt is *not* used: 307 of its 316 texts are (near-)copies of PLV_test sentences
(MiniLM cosine > 0.9; 253 exact), so training on it would be training on the test set.
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PLOVER = DATA / "plover"
ECBPLUS_DOCS = DATA / "ecbplus" / "ecbplus_docs.jsonl"
NO_EVENT_FILE = ROOT / "tools" / "data" / "no_event_sentences.txt"
ECBPLUS_LABELS = ROOT / "tools" / "data" / "ecbplus_event_labels.tsv"
#: PLOVER v0.8 names of the 2021 CAMEO mapping folded into PLV's label set (YIELD was split in v0.8).
PLV_LABEL = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
#: One in this many hand-labelled no-event / ECB+ sentences is held out (by a hash of its text, so a
#: sentence that occurs twice is on one side only) for the held-out figures of benchmarks/events.py.
HELD_OUT_EVERY = 3


@dataclass(frozen=True, slots=True)
class Row:
    """One training sentence: text, actor texts ("" when unknown) and PLV category label."""

    sentence: str
    source: str
    target: str
    label: str


def read_plv(name: str) -> list[dict[str, str]]:
    """The rows of a PLV tsv file (PLV_train.tsv or PLV_test.tsv) as dictionaries."""
    with (PLOVER / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def plv_rows(name: str) -> list[Row]:
    """PLV rows as training rows (gold_root labels)."""
    return [Row(r["sentence"], r["source"], r["target"], r["gold_root"]) for r in read_plv(name)]


def codebook_rows() -> list[Row]:
    """CAMEO code descriptions ("Impose embargo, boycott, or sanctions") as actor-less examples.

    Labels follow the CAMEO-to-PLOVER 2021 mapping, folded into PLV's names; CAMEO roots 01/02
    (statements, appeals), which PLOVER dropped, are left out.
    """
    rows = []
    path = PLOVER / "codebooks" / "cameo_event_goldstein_merged.tsv"
    with path.open(encoding="utf-8", errors="replace") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            category = record["plover_category_2021"]
            if not category or category == "dropped":
                continue
            text = re.sub(r",?\s*not spec(ified)? below", "", record["description"])
            text = re.sub(r"[^\x20-\x7e]+", " ", text).strip()  # one description has mojibake quotes
            if text.isupper():  # the two-digit root codes are written in capitals
                text = text.capitalize()
            rows.append(Row(text, "", "", PLV_LABEL.get(category, category)))
    return rows


def no_event_sentences() -> list[str]:
    """The hand-written no-event sentences (comments and blank lines skipped)."""
    lines = NO_EVENT_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ecbplus_labelled() -> list[tuple[str, bool]]:
    """(sentence, is_event) for the hand-labelled ECB+ sentences; unsure ones ("?") are left out."""
    documents: dict[str, list[str]] = {}
    with ECBPLUS_DOCS.open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            documents[document["id"]] = document["text"].split("\n")
    labelled = []
    for line in ECBPLUS_LABELS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("doc\t"):
            continue
        doc, number, label = line.split("\t")
        if label in {"E", "N"}:
            labelled.append((documents[doc][int(number)], label == "E"))
    return labelled


def held_out(sentence: str) -> bool:
    """Whether a hand-labelled sentence belongs to the held-out split."""
    return zlib.crc32(sentence.encode("utf-8")) % HELD_OUT_EVERY == 0


@dataclass(frozen=True, slots=True)
class EventnessData:
    """Sentences labelled event / no event, split by origin (written, ECB+) and held-out or not."""

    written: list[str]
    ecbplus: list[tuple[str, bool]]

    def calibration(self) -> list[tuple[str, bool, str]]:
        """(sentence, is_event, origin "written" or "ecbplus") that the no-event decision may learn from."""
        rows = [(text, False, "written") for text in self.written if not held_out(text)]
        rows += [(text, is_event, "ecbplus") for text, is_event in self.ecbplus if not held_out(text)]
        return rows

    def held_out_written(self) -> list[str]:
        """Held-out hand-written no-event sentences."""
        return [text for text in self.written if held_out(text)]

    def held_out_ecbplus(self) -> list[tuple[str, bool]]:
        """Held-out labelled ECB+ sentences (real news: mostly no event)."""
        return [(text, is_event) for text, is_event in self.ecbplus if held_out(text)]


def eventness_data() -> EventnessData:
    """The hand-labelled event / no-event data."""
    return EventnessData(no_event_sentences(), ecbplus_labelled())
