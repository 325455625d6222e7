"""Calibrate the near-duplicate threshold (``dedupe.near_duplicate_jaccard``) on ECB+ and the seeds.

    .venv/bin/python benchmarks/dedupe_calibration.py [--variants 3] [--seed 7]

Negatives: different reports of one real event must not be near-duplicates. Every pair of documents
of one ECB+ subtopic (one event, different outlets), every pair across the two subtopics of one
topic (similar events), and the two seeds (one summit, two outlets).

Positives: syndicated copies, built from every ECB+ document and both seeds the way outlets
republish wire copy: a dateline prefix, a different footer paragraph, and (by level) a few edited
words, a dropped last paragraph and a rewritten lead sentence. The headline is changed too, but
the signature covers the body only, as in ingest.

Signatures, band keys and the estimate are ``newsweave.ingest.dedupe``'s with the packaged config, so
the figures hold for what ingest does. The exact Jaccard of the shingle sets is shown beside the
MinHash estimate.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsweave.config import DedupeConfig, load_config
from newsweave.ingest.dedupe import Signature, band_keys, estimate_jaccard, shingles, signature

DATA = Path(__file__).resolve().parent.parent.parent / "shared"
ECBPLUS = DATA / "data" / "ecbplus" / "ecbplus_docs.jsonl"
SEEDS = DATA / "seeds"

THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(13)]  # 0.30 .. 0.90
NEGATIVE_QUANTILES = (("max", 100.0), ("p99.9", 99.9), ("p99", 99.0), ("p50", 50.0))
POSITIVE_QUANTILES = (("min", 0.0), ("p1", 1.0), ("p5", 5.0), ("p50", 50.0))
# Pairs listed by name above this estimate, so a reader can see whether ECB+ itself holds copies.
SHOW_NEGATIVES_ABOVE = 0.3
SHOW_POSITIVES_BELOW = 0.6
# Two reports that share a run of this many words were made from one text (a wire story reprinted
# and edited), not written independently: quotes and stock phrases are shorter.
SHARED_RUN_WORDS = 30
# Positives are built from originals at least this long (three paragraphs and 100 words): a
# shorter ECB+ item is a fragment, and a rewritten lead plus a new footer is most of it.
MIN_COPY_WORDS = 100
MIN_COPY_PARAGRAPHS = 3
LENGTH_BINS = ((100, 200), (200, 400), (400, 100_000))
SAFETY_SIGMAS = 3.0

DATELINES = (
    "SEOUL (Reuters) -",
    "NEW YORK (AP) —",
    "LONDON, Jan 14 (Reuters) -",
    "JAKARTA (AFP) -",
    "MUMBAI:",
    "WASHINGTON —",
)
FOOTERS = (
    "This article originally appeared on {outlet}. Republished with permission.",
    "This story was first published by {outlet} and is republished here under a content-sharing"
    " agreement. Copyright {outlet}. All rights reserved.",
    "Reporting by staff of {outlet}; editing by the news desk. Our standards: The Trust Principles.",
    "Sign up for the {outlet} morning newsletter to get the day's top stories in your inbox.",
    "Distributed by {outlet} News Service. For reprint rights, contact the syndication desk.",
)
OUTLETS = ("Reuters", "The Associated Press", "Agence France-Presse", "Yonhap", "Wire Service")
# Edits a copy desk makes: the typical word swaps, and a "typo fix" modelled as a changed word.
WORD_SWAPS = (
    ("said", "told reporters"),
    ("says", "said"),
    ("percent", "per cent"),
    ("Tuesday", "on Tuesday"),
    ("the", "a"),
)
EDITED_WORDS = 3


@dataclass(frozen=True, slots=True)
class Document:
    """One source report: id, the event it reports (story), its topic, and paragraphs of body text."""

    id: str
    story: str
    topic: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def load_ecbplus(path: Path) -> list[Document]:
    """ECB+ documents; the first sentence is the headline, so the body is the rest (one a line)."""
    documents = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            sentences = [s for s in record["text"].split("\n") if s.strip()]
            body = sentences[1:] if len(sentences) > 1 else sentences
            documents.append(
                Document(record["id"], record["subtopic"], f"ecb-{record['topic']}", tuple(body))
            )
    return documents


def load_seeds(folder: Path) -> list[Document]:
    """The seed reports: title line, blank line, body (paragraph per non-empty line)."""
    documents = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        documents.append(Document(path.stem, "seed-nara-summit", "seed", tuple(lines[1:])))
    return documents


# --- syndicated copies --------------------------------------------------------------------------


def _edit_words(paragraphs: list[str], rng: random.Random) -> list[str]:
    # Swap known phrases where present, else change random words (a typo fix or a house style).
    text = "\n\n".join(paragraphs)
    edits = 0
    for old, new in rng.sample(WORD_SWAPS, len(WORD_SWAPS)):
        if edits >= EDITED_WORDS:
            break
        if f" {old} " in text:
            text = text.replace(f" {old} ", f" {new} ", 1)
            edits += 1
    words = text.split(" ")
    for _ in range(EDITED_WORDS - edits):
        index = rng.randrange(len(words))
        words[index] = words[index][::-1] if len(words[index]) > 3 else words[index].upper()
    return " ".join(words).split("\n\n")


def _rewrite_lead(paragraphs: list[str], donor: Sequence[str], rng: random.Random) -> list[str]:
    # A rewritten lead sentence: another outlet's lead on the same event, as a copy desk would
    # write one (same facts, new words).
    if not paragraphs:
        return paragraphs
    return [rng.choice(donor) if donor else paragraphs[0][::-1], *paragraphs[1:]]


LEVELS = ("light", "typical", "heavy")


def make_copy(document: Document, level: str, donor_leads: Sequence[str], rng: random.Random) -> str:
    """A syndicated copy's body: every level has a dateline and another footer.

    ``typical`` also edits a few words and drops the last paragraph; ``heavy`` also rewrites the lead.
    """
    paragraphs = list(document.paragraphs)
    if level in ("typical", "heavy"):
        paragraphs = _edit_words(paragraphs, rng)
        if len(paragraphs) > 2:
            paragraphs = paragraphs[:-1]
    if level == "heavy":
        paragraphs = _rewrite_lead(paragraphs, donor_leads, rng)
    paragraphs[0] = f"{rng.choice(DATELINES)} {paragraphs[0]}"
    paragraphs.append(rng.choice(FOOTERS).format(outlet=rng.choice(OUTLETS)))
    return "\n\n".join(paragraphs)


# --- measuring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Pair:
    """One pair of texts with a label, its exact and estimated Jaccard, and LSH candidacy."""

    kind: str
    left: str
    right: str
    exact: float
    estimate: float
    candidate: bool
    words: int


class Signer:
    """Shingle sets, signatures and band keys, each text's computed once."""

    def __init__(self, config: DedupeConfig) -> None:
        self.config = config
        self.cache: dict[str, tuple[frozenset[str], Signature, frozenset[int]]] = {}

    def __call__(self, text: str) -> tuple[frozenset[str], Signature, frozenset[int]]:
        if text not in self.cache:
            sig = signature(text, self.config)
            self.cache[text] = (
                frozenset(shingles(text, self.config.shingle_words)),
                sig,
                frozenset(band_keys(sig, self.config.lsh_bands)),
            )
        return self.cache[text]

    def pair(self, kind: str, left: tuple[str, str], right: tuple[str, str]) -> Pair:
        (name_a, text_a), (name_b, text_b) = left, right
        set_a, sig_a, keys_a = self(text_a)
        set_b, sig_b, keys_b = self(text_b)
        union = len(set_a | set_b)
        exact = len(set_a & set_b) / union if union else 1.0
        words = min(len(text_a.split()), len(text_b.split()))
        return Pair(kind, name_a, name_b, exact, estimate_jaccard(sig_a, sig_b), bool(keys_a & keys_b), words)


def negative_pairs(documents: Sequence[Document], signer: Signer) -> list[Pair]:
    """Same-story pairs, split by whether they share a long run of words, and same-topic pairs.

    ECB+ took its reports from the web as found, so some of one event's reports are one wire
    story reprinted by several sites: those share a ``SHARED_RUN_WORDS`` run, and are copies.
    """
    by_topic: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        by_topic[document.topic].append(document)
    runs = {d.id: frozenset(shingles(d.text, SHARED_RUN_WORDS)) for d in documents}
    pairs = []
    for members in by_topic.values():
        for a, b in itertools.combinations(members, 2):
            if a.story != b.story:
                kind = "same_topic"
            elif runs[a.id] & runs[b.id]:
                kind = "same_story_shared_text"
            else:
                kind = "same_story_independent"
            pairs.append(signer.pair(kind, (a.id, a.text), (b.id, b.text)))
    return pairs


def positive_pairs(
    documents: Sequence[Document], signer: Signer, variants: int, rng: random.Random
) -> list[Pair]:
    """Original vs syndicated copy, ``variants`` copies per level per document."""
    leads: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        if document.paragraphs:
            leads[document.story].append(document.paragraphs[0])
    pairs = []
    for document in documents:
        words = len(document.text.split())
        if words < MIN_COPY_WORDS or len(document.paragraphs) < MIN_COPY_PARAGRAPHS:
            continue
        donors = [lead for lead in leads[document.story] if lead != document.paragraphs[0]]
        for level in LEVELS:
            for number in range(variants):
                copy = make_copy(document, level, donors, rng)
                name = f"{document.id}~{level}{number}"
                pairs.append(signer.pair(f"copy_{level}", (document.id, document.text), (name, copy)))
    return pairs


def quantiles(values: Sequence[float], spec: Sequence[tuple[str, float]]) -> str:
    array = np.asarray(values)
    return "  ".join(f"{name} {np.percentile(array, q):.3f}" for name, q in spec)


def describe(title: str, pairs: Sequence[Pair], spec: Sequence[tuple[str, float]]) -> None:
    print(f"{title} ({len(pairs)} pairs)")
    print(f"    estimated: {quantiles([p.estimate for p in pairs], spec)}")
    print(f"    exact:     {quantiles([p.exact for p in pairs], spec)}")


def decision_table(
    negatives: Sequence[Pair], positives: Sequence[Pair]
) -> list[tuple[float, int, int, float, float]]:
    """Per threshold: false positives, false negatives, precision, recall of candidate & estimate."""
    rows = []
    for threshold in THRESHOLDS:
        true_pos = sum(p.candidate and p.estimate >= threshold for p in positives)
        false_pos = sum(p.candidate and p.estimate >= threshold for p in negatives)
        precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
        rows.append((threshold, false_pos, len(positives) - true_pos, precision, true_pos / len(positives)))
    return rows


def candidate_probability(jaccard: float, config: DedupeConfig) -> float:
    """The chance that a pair with this Jaccard shares at least one LSH band (b bands of r rows)."""
    rows = config.num_perm // config.lsh_bands
    return 1.0 - (1.0 - jaccard**rows) ** config.lsh_bands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=3, help="copies per level per document")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ecbplus", type=Path, default=ECBPLUS)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)

    config = load_config().dedupe
    rng = random.Random(args.seed)
    signer = Signer(config)
    start = time.perf_counter()
    documents = load_ecbplus(args.ecbplus) + load_seeds(args.seeds)
    negatives = negative_pairs(documents, signer)
    positives = positive_pairs(documents, signer, args.variants, rng)
    elapsed = time.perf_counter() - start

    print(
        f"config: shingle_words={config.shingle_words} num_perm={config.num_perm} "
        f"lsh_bands={config.lsh_bands} (rows {config.num_perm // config.lsh_bands}) "
        f"near_duplicate_jaccard={config.near_duplicate_jaccard}"
    )
    print(f"{len(documents)} documents, {len(negatives) + len(positives)} pairs, {elapsed:.1f} s\n")
    independent = [p for p in negatives if p.kind == "same_story_independent"]
    shared = [p for p in negatives if p.kind == "same_story_shared_text"]
    same_topic = [p for p in negatives if p.kind == "same_topic"]
    describe("NEGATIVES same event, all report pairs", independent + shared, NEGATIVE_QUANTILES)
    describe(
        f"NEGATIVES same event, independent reports (no {SHARED_RUN_WORDS}-word run shared)",
        independent,
        NEGATIVE_QUANTILES,
    )
    describe(
        f"NEGATIVES same event, independent, both >= {MIN_COPY_WORDS} words",
        [p for p in independent if p.words >= MIN_COPY_WORDS],
        NEGATIVE_QUANTILES,
    )
    describe("NEGATIVES same topic, other event", same_topic, NEGATIVE_QUANTILES)
    describe(
        f"ECB+ REPRINTS same event, sharing a {SHARED_RUN_WORDS}-word run (reused wire text: not negatives)",
        shared,
        POSITIVE_QUANTILES,
    )
    true_negatives = independent + same_topic
    print(f"\nindependent same-event pairs with estimate >= {SHOW_NEGATIVES_ABOVE}:")
    for pair in sorted(independent, key=lambda p: -p.estimate):
        if pair.estimate < SHOW_NEGATIVES_ABOVE:
            break
        print(
            f"    {pair.left:>14} {pair.right:<14} est {pair.estimate:.3f} exact {pair.exact:.3f}"
            f" ({pair.words} words)"
        )
    print()
    for level in LEVELS:
        describe(
            f"POSITIVES copy_{level}", [p for p in positives if p.kind == f"copy_{level}"], POSITIVE_QUANTILES
        )
    describe(
        f"POSITIVES all levels (originals >= {MIN_COPY_WORDS} words, >= {MIN_COPY_PARAGRAPHS} paragraphs)",
        positives,
        POSITIVE_QUANTILES,
    )
    for low_words, high_words in LENGTH_BINS:
        describe(
            f"POSITIVES all levels, originals of {low_words}-{high_words} words",
            [p for p in positives if low_words <= p.words < high_words],
            POSITIVE_QUANTILES,
        )
    low = [p for p in positives if p.estimate < SHOW_POSITIVES_BELOW]
    low_levels = {level: sum(p.kind == f"copy_{level}" for p in low) for level in LEVELS}
    print(
        f"    copies below {SHOW_POSITIVES_BELOW}: {len(low)} {low_levels}, median original "
        f"length {np.median([p.words for p in low]) if low else 0:.0f} words"
    )

    rows = config.num_perm // config.lsh_bands
    print(f"\nLSH candidate generation ({config.lsh_bands} bands x {rows} rows)")
    print(f"    synthetic copies sharing a band: {np.mean([p.candidate for p in positives]):.4f}")
    for level in LEVELS:
        share = np.mean([p.candidate for p in positives if p.kind == f"copy_{level}"])
        print(f"      copy_{level}: {share:.4f}")
    print(f"    ECB+ reprints sharing a band: {np.mean([p.candidate for p in shared]):.4f}")
    print(
        f"    true negatives sharing a band (extra checks, not errors): "
        f"{np.mean([p.candidate for p in true_negatives]):.4f}"
    )
    print(
        "    theory P(candidate | J): "
        + "  ".join(f"J={j}: {candidate_probability(j, config):.4f}" for j in (0.3, 0.4, 0.5, 0.6, 0.7))
    )

    print("\nfinal decision (candidate and estimate >= threshold); negatives: independent same-event")
    print("and same-topic pairs; positives: synthetic copies; last column: ECB+ reprints caught")
    print("    threshold  false_pos  false_neg  precision  recall  reprints")
    table = decision_table(true_negatives, positives)
    for threshold, false_pos, false_neg, precision, recall in table:
        caught = np.mean([p.candidate and p.estimate >= threshold for p in shared])
        print(
            f"    {threshold:9.2f}  {false_pos:9d}  {false_neg:9d}  {precision:9.4f}  {recall:.4f}"
            f"  {caught:.4f}"
        )

    # Recommend the lowest grid threshold that clears the highest independent pair by
    # SAFETY_SIGMAS standard errors of the MinHash estimate (sqrt(J(1-J)/num_perm), largest at 0.5).
    # Pairs of tiny texts (under MIN_COPY_WORDS) are listed above and left out here: a few
    # shingles decide them, so they need a length guard rather than a threshold.
    sized = [p for p in true_negatives if p.words >= MIN_COPY_WORDS]
    top_negative = max(p.estimate for p in sized)
    p999_negative = float(np.percentile([p.estimate for p in sized], 99.9))
    sigma = float(np.sqrt(0.25 / config.num_perm))
    floor = top_negative + SAFETY_SIGMAS * sigma
    recommended = next(t for t in THRESHOLDS if t >= floor - 1e-9)
    print(
        f"\ntrue negatives (independent same-event, same-topic) >= {MIN_COPY_WORDS} words: "
        f"max {top_negative:.3f}, "
        f"p99.9 {p999_negative:.3f}; MinHash standard error <= {sigma:.3f}"
    )
    at_threshold = [p for p in positives if p.exact >= recommended]
    print(
        f"LSH recall at {recommended:.2f}: {np.mean([p.candidate for p in at_threshold]):.4f} of "
        f"copies with exact Jaccard >= {recommended:.2f} share a band"
    )
    for level in LEVELS:
        values = [p.estimate for p in positives if p.kind == f"copy_{level}"]
        caught = np.mean(
            [p.candidate and p.estimate >= recommended for p in positives if p.kind == f"copy_{level}"]
        )
        print(f"    copy_{level}: p1 {np.percentile(values, 1):.3f}, recall {caught:.4f}")
    for low_words, high_words in LENGTH_BINS:
        group = [p for p in positives if low_words <= p.words < high_words]
        caught = np.mean([p.candidate and p.estimate >= recommended for p in group])
        print(f"    originals {low_words}-{high_words} words: recall {caught:.4f}")
    print(
        f"recommended near_duplicate_jaccard = {recommended:.2f}: "
        f"{recommended - top_negative:+.3f} above the highest independent pair "
        f"({(recommended - top_negative) / sigma:.1f} standard errors)"
    )
    print(
        "\ncommand: .venv/bin/python benchmarks/dedupe_calibration.py "
        f"--variants {args.variants} --seed {args.seed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
