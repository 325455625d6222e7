"""Deterministic synthetic news articles for throughput benchmarks, as .txt, .html and .warc.gz.

    .venv/bin/python benchmarks/synthetic.py --n 200 --out /tmp/synthetic

Articles are assembled from real ECB+ sentences (shuffled across the documents of one topic, with a
few from elsewhere) so that the vocabulary, sentence lengths and named entities look like news;
titles, outlets, dates and URLs are made up (outlets on ``.example`` domains). A share of the
articles are syndicated near-copies of earlier ones (new headline, dateline, footer, an edited
word), so that duplicate detection has work to do and its count can be checked.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import io
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ECBPLUS = REPO.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"

DEFAULT_SEED = 20260114
COPY_SHARE = 0.1
PARAGRAPHS = (4, 9)
SENTENCES_PER_PARAGRAPH = (1, 3)
# Share of an article's sentences drawn from other topics: real reports carry background.
OFF_TOPIC_SHARE = 0.15
START_DATE = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)
DATE_SPAN_DAYS = 365
OUTLETS = (
    ("The Daily Meridian", "meridian-daily.example"),
    ("Northfield Courier", "northfield-courier.example"),
    ("Harbour Post", "harbourpost.example"),
    ("Lakeside Tribune", "lakeside-tribune.example"),
    ("Capital Wire", "capitalwire.example"),
    ("Evening Ledger", "evening-ledger.example"),
    ("Coastal Herald", "coastalherald.example"),
    ("Metro Dispatch", "metrodispatch.example"),
)
DATELINES = ("SEOUL (Reuters) -", "NEW YORK (AP) —", "PARIS (AFP) -", "LONDON —", "MUMBAI:")
FOOTERS = (
    "This article originally appeared on {outlet}. Republished with permission.",
    "Distributed by {outlet} News Service. For reprint rights, contact the syndication desk.",
    "Copyright {outlet}. All rights reserved. This material may not be redistributed.",
)
HEADLINE_PREFIXES = ("UPDATE:", "Latest:", "Explainer:", "Analysis:", "Breaking:")


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One generated article; ``copy_of`` is the index of the article it was syndicated from."""

    index: int
    title: str
    paragraphs: tuple[str, ...]
    outlet: str
    domain: str
    published: datetime
    copy_of: int | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def url(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:60]
        return f"https://www.{self.domain}/{self.published:%Y/%m/%d}/{slug}-{self.index}"

    @property
    def stem(self) -> str:
        return f"article-{self.index:06d}"


def _load_detokeniser() -> Callable[[str], str]:
    # The sample builder's detokeniser, so generated text reads like the sample corpus.
    path = REPO / "tools" / "build_sample_corpus.py"
    spec = importlib.util.spec_from_file_location("build_sample_corpus", path)
    if spec is None or spec.loader is None:
        return lambda line: line
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    detokenise: Callable[[str], str] = module.detokenise
    return detokenise


def load_sentences(path: Path = ECBPLUS) -> dict[int, list[list[str]]]:
    """ECB+ documents as lists of detokenised sentences, grouped by topic."""
    detokenise = _load_detokeniser()
    by_topic: dict[int, list[list[str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            sentences = [detokenise(s) for s in record["text"].split("\n")]
            by_topic[int(record["topic"])].append([s for s in sentences if len(s.split()) >= 4])
    return dict(by_topic)


def _original(index: int, by_topic: dict[int, list[list[str]]], rng: random.Random) -> SyntheticArticle:
    topic = rng.choice(sorted(by_topic))
    documents = [d for d in by_topic[topic] if d]
    title_source = rng.choice(documents)
    pool = [s for d in documents for s in d[1:]]
    off_topic = [s for t in rng.sample(sorted(by_topic), 3) for d in by_topic[t][:3] for s in d[1:]]
    paragraphs = []
    for _ in range(rng.randint(*PARAGRAPHS)):
        count = rng.randint(*SENTENCES_PER_PARAGRAPH)
        chosen = [
            rng.choice(off_topic if off_topic and rng.random() < OFF_TOPIC_SHARE else pool)
            for _ in range(count)
        ]
        paragraphs.append(" ".join(chosen))
    outlet, domain = rng.choice(OUTLETS)
    published = START_DATE + timedelta(minutes=rng.randrange(DATE_SPAN_DAYS * 24 * 60))
    title = title_source[0][:110].rsplit(" ", 1)[0] if len(title_source[0]) > 110 else title_source[0]
    return SyntheticArticle(index, title, tuple(paragraphs), outlet, domain, published)


def _copy(index: int, source: SyntheticArticle, rng: random.Random) -> SyntheticArticle:
    paragraphs = list(source.paragraphs)
    paragraphs[0] = f"{rng.choice(DATELINES)} {paragraphs[0]}"
    # One copy-desk edit, so the copy is near, not exact.
    last = paragraphs[-1].replace(" said", " told reporters", 1)
    paragraphs[-1] = last if last != paragraphs[-1] else last + " Officials gave no further details."
    outlet, domain = rng.choice([o for o in OUTLETS if o[0] != source.outlet])
    paragraphs.append(rng.choice(FOOTERS).format(outlet=source.outlet))
    title = f"{rng.choice(HEADLINE_PREFIXES)} {source.title}"
    published = source.published + timedelta(minutes=rng.randint(5, 600))
    return SyntheticArticle(index, title, tuple(paragraphs), outlet, domain, published, copy_of=source.index)


def generate(
    n: int,
    *,
    seed: int = DEFAULT_SEED,
    copy_share: float = COPY_SHARE,
    sentences: dict[int, list[list[str]]] | None = None,
) -> list[SyntheticArticle]:
    """``n`` articles, the same for the same seed; about ``copy_share`` of them are near-copies."""
    rng = random.Random(seed)
    by_topic = sentences if sentences is not None else load_sentences()
    articles: list[SyntheticArticle] = []
    for index in range(n):
        if articles and rng.random() < copy_share:
            source = rng.choice([a for a in articles[-200:] if a.copy_of is None] or articles)
            articles.append(_copy(index, source, rng))
        else:
            articles.append(_original(index, by_topic, rng))
    return articles


# --- writers ------------------------------------------------------------------------------------


def to_txt(article: SyntheticArticle) -> str:
    """The seeds' format: title line, blank line, body."""
    return f"{article.title}\n\n{article.text}\n"


def to_html(article: SyntheticArticle) -> str:
    """A news page with the usual furniture around the article, for the extractor to remove."""
    escape = html.escape
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in article.paragraphs)
    nav = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("World", "Business", "Sport", "Tech", "Opinion")
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(article.title)} | {escape(article.outlet)}</title>
  <link rel="canonical" href="{escape(article.url)}">
  <meta property="og:title" content="{escape(article.title)}">
  <meta property="og:site_name" content="{escape(article.outlet)}">
  <meta property="article:published_time" content="{article.published.isoformat()}">
  <meta name="author" content="Staff reporter">
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
  <header class="site-header">
    <a class="logo" href="/">{escape(article.outlet)}</a>
    <nav><ul>{nav}</ul></nav>
    <form class="search"><input name="q" placeholder="Search"></form>
  </header>
  <main>
    <article>
      <h1>{escape(article.title)}</h1>
      <p class="byline">By Staff reporter, <time datetime="{article.published.isoformat()}">
        {article.published:%d %B %Y %H:%M}</time></p>
{body}
    </article>
    <aside class="related"><h2>Related stories</h2><ul>
      <li><a href="/more-1">Five things to know this week</a></li>
      <li><a href="/more-2">Markets close higher as investors weigh outlook</a></li>
    </ul></aside>
  </main>
  <footer class="site-footer">
    <p>Sign up for our newsletter to get the day's top stories in your inbox.</p>
    <p>&copy; {article.published:%Y} {escape(article.outlet)}. All rights reserved.</p>
    <ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li></ul>
  </footer>
</body>
</html>
"""


def write_txt(articles: Sequence[SyntheticArticle], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.stem}.txt"
        path.write_text(to_txt(article), encoding="utf-8")
        paths.append(path)
    return paths


def write_html(articles: Sequence[SyntheticArticle], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.stem}.html"
        path.write_text(to_html(article), encoding="utf-8")
        paths.append(path)
    return paths


def write_warc(articles: Sequence[SyntheticArticle], path: Path) -> Path:
    """A gzipped WARC in the CC-NEWS layout: warcinfo, then a request and a response per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = {"software": "newsweave benchmarks/synthetic.py", "format": "WARC File Format 1.1"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        for article in articles:
            date = article.published.strftime("%Y-%m-%dT%H:%M:%SZ")
            request_headers = StatusAndHeaders(
                f"GET /{article.url.split('/', 3)[3]} HTTP/1.1",
                [("Host", f"www.{article.domain}"), ("User-Agent", "synthetic-crawler/1.0")],
                is_http_request=True,
            )
            request = writer.create_warc_record(
                article.url, "request", http_headers=request_headers, warc_headers_dict={"WARC-Date": date}
            )
            payload = to_html(article).encode("utf-8")
            response_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                article.url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=response_headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(request)
            writer.write_record(response)
    return path


def write_all(articles: Sequence[SyntheticArticle], out: Path) -> dict[str, Path]:
    """Every format under ``out``: ``txt/``, ``html/`` and ``articles.warc.gz``."""
    write_txt(articles, out / "txt")
    write_html(articles, out / "html")
    write_warc(articles, out / "warc" / "articles.warc.gz")
    return {"txt": out / "txt", "html": out / "html", "warc": out / "warc" / "articles.warc.gz"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--copy-share", type=float, default=COPY_SHARE)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    articles = generate(args.n, seed=args.seed, copy_share=args.copy_share)
    paths = write_all(articles, args.out)
    copies = sum(a.copy_of is not None for a in articles)
    print(f"{len(articles)} articles ({copies} near-copies) written: " + ", ".join(map(str, paths.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
