"""Main-text extraction: newsweave's ``article_from_html`` against trafilatura, same pages, same run.

Data: ``article-extraction`` (scrapinghub/article-extraction-benchmark, 181 news pages with the
article body written out by hand). Metric: tokens are ``\\w+`` runs, lowercased; per page the extracted
and true bodies are compared as bags of tokens (overlap = sum of the smaller count of each token).
Reported two ways:
- macro: precision, recall and F1 computed per page, then averaged over pages (every page counts the same);
- micro: overlaps and lengths summed over all pages first (long pages count more).
A page with no output scores precision, recall and F1 of 0 (a failure to extract is not "precise").

Run from the repository root: ``.venv/bin/python benchmarks/extraction.py [--data DIR] [--limit N]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shlex
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from newsweave.errors import InputError
from newsweave.readers.base import ReadOptions
from newsweave.readers.html import article_from_html

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


def tokens(text: str) -> Counter[str]:
    """The bag of lowercased ``\\w+`` tokens of a text."""
    return Counter(match.group(0).lower() for match in _TOKEN.finditer(text))


@dataclass
class Score:
    """Running totals for one extractor."""

    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    overlap: int = 0
    predicted: int = 0
    expected: int = 0
    empty: int = 0
    seconds: float = 0.0

    def add(self, predicted: str, expected: str) -> None:
        """Score one page."""
        bag_pred, bag_true = tokens(predicted), tokens(expected)
        overlap = sum((bag_pred & bag_true).values())
        n_pred, n_true = sum(bag_pred.values()), sum(bag_true.values())
        self.overlap += overlap
        self.predicted += n_pred
        self.expected += n_true
        if n_pred == 0:
            self.empty += 1
        p = overlap / n_pred if n_pred else 0.0
        r = overlap / n_true if n_true else 0.0
        self.precision.append(p)
        self.recall.append(r)
        self.f1.append(2 * p * r / (p + r) if p + r else 0.0)

    def macro(self) -> tuple[float, float, float]:
        """Per-page precision, recall, F1, averaged over pages."""
        n = max(len(self.f1), 1)
        return sum(self.precision) / n, sum(self.recall) / n, sum(self.f1) / n

    def micro(self) -> tuple[float, float, float]:
        """Precision, recall, F1 of the token overlaps summed over all pages."""
        p = self.overlap / self.predicted if self.predicted else 0.0
        r = self.overlap / self.expected if self.expected else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def newsweave_extractor(options: ReadOptions) -> Extractor:
    """newsweave's reader as the ingest runs it, given the page's URL (the figures are the same without)."""

    def extract(html: str, url: str | None) -> str:
        try:
            return article_from_html(html, source="benchmark", url=url, options=options).text
        except InputError:
            return ""

    return extract


def trafilatura_extractor(**kwargs: bool) -> Extractor:
    """Plain ``trafilatura.extract`` with the given options (none: its defaults)."""

    def extract(html: str, url: str | None) -> str:
        return trafilatura.extract(html, **kwargs) or ""

    return extract


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, str | None]]:
    """(html, true body, url) for each page of the data set, in id order."""
    root = data / "article-extraction"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((html, truth[page_id]["articleBody"] or "", truth[page_id].get("url")))
    return pages


def main(argv: list[str] | None = None) -> int:
    """Score every extractor on every page and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding article-extraction/")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    args = parser.parse_args(argv)
    pages = load_pages(args.data, args.limit)
    extractors: dict[str, Extractor] = {
        "newsweave article_from_html": newsweave_extractor(ReadOptions()),
        "trafilatura extract (default)": trafilatura_extractor(),
        "trafilatura favor_precision": trafilatura_extractor(favor_precision=True),
        "trafilatura favor_recall": trafilatura_extractor(favor_recall=True),
    }
    scores = {name: Score() for name in extractors}
    for html, truth, url in pages:
        for name, extract in extractors.items():
            start = time.perf_counter()
            predicted = extract(html, url)
            scores[name].seconds += time.perf_counter() - start
            scores[name].add(predicted, truth)

    command = " ".join(shlex.quote(part) for part in [".venv/bin/python", *sys.argv])
    print(f"command: {command}")
    print(f"pages: {len(pages)} from {args.data / 'article-extraction'}")
    print("tokens: \\w+ lowercased, bag-of-tokens overlap per page; macro = per-page scores averaged,")
    print("micro = overlaps summed over pages; an empty output scores 0\n")
    header = f"{'extractor':32} {'macroP':>7} {'macroR':>7} {'macroF1':>7} {'microP':>7} {'microR':>7} "
    print(header + f"{'microF1':>7} {'empty':>5} {'s/page':>7}")
    for name, score in scores.items():
        mp, mr, mf = score.macro()
        up, ur, uf = score.micro()
        per_page = score.seconds / max(len(pages), 1)
        print(
            f"{name:32} {mp:7.4f} {mr:7.4f} {mf:7.4f} {up:7.4f} {ur:7.4f} {uf:7.4f} "
            f"{score.empty:5d} {per_page:7.4f}"
        )
    ours = scores["newsweave article_from_html"].macro()[2]
    baseline = scores["trafilatura extract (default)"].macro()[2]
    print(f"\nnewsweave macro F1 {ours:.4f} vs trafilatura default {baseline:.4f} ({ours - baseline:+.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
