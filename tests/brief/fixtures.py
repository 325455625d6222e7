"""A hand-written, realistic brief of the Nara summit story, in the shape of DESIGN.md §4.

Articles [1] and [4] are the two real seed reports (tests/data/seeds). The seeds alone hold no
value dispute and no syndicated copy, so the story adds a short third report written for these tests
(Eastern Wire, which puts bilateral trade at $80 billion against the Pacific Ledger's $75 billion)
and a verbatim copy of the first seed under another outlet's headline. Outlets and URLs are invented
(``.example`` domains); every quote is a verbatim substring of its article except one, which uses a
straight apostrophe where the text has a typographic one, as a copied quote often does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from newsweave.analysis.stage import analyse_store
from newsweave.brief import brief_for_articles
from newsweave.config import load_config
from newsweave.data import Article
from newsweave.ingest.stage import ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.readers.text import split_title
from newsweave.store import open_store

SEEDS = Path(__file__).parent.parent / "data" / "seeds"
KST = timezone(timedelta(hours=9))

THIRD_TITLE = "Takaichi and Lee pledge closer ties at Nara summit"
THIRD_TEXT = """\
Japanese Prime Minister Sanae Takaichi hosted South Korean President Lee Jae Myung in her home region \
of Nara on Tuesday, the second meeting of the two leaders in just over two months.

The leaders agreed to carry out DNA analysis of remains found at the Chosei coal mine in Yamaguchi \
Prefecture, where a 1942 flood killed 183 workers.

Two-way trade between the neighbours is worth about $80 billion a year, and both sides said they wanted \
supply chains for critical minerals to stay stable as China tightens export controls.

At the end of the talks the two leaders played the drums together, a nod to Takaichi's past as a heavy \
metal drummer.

Takaichi said she hoped to visit South Korea later this year to continue what both governments call \
shuttle diplomacy."""


def _seed(name: str) -> tuple[str, str]:
    return split_title((SEEDS / name).read_text(encoding="utf-8"))


def seed_articles() -> dict[str, Article]:
    """The story's four articles by their role: "ledger" and "harbour" (the seeds), "wire", "copy"."""
    ledger_title, ledger_text = _seed("000_dc8acf547435bd15.txt")
    harbour_title, harbour_text = _seed("004_7611bd27aecda166.txt")
    ledger = Article(
        title=ledger_title,
        text=ledger_text,
        url="https://pacific-ledger.example/2026/01/13/lee-takaichi-summit",
        outlet="Pacific Ledger",
        published=datetime(2026, 1, 13, 9, 40, tzinfo=KST),
        language="en",
        source="tests/data/seeds/000_dc8acf547435bd15.txt",
        source_kind="txt",
    )
    copy = Article(
        title="Leaders of South Korea and Japan discuss trade pact, seafood ban",
        text=ledger_text,
        url="https://metro-daily.example/world/asia/korea-japan-summit",
        outlet="Metro Daily",
        published=datetime(2026, 1, 13, 15, 5, tzinfo=KST),
        language="en",
        duplicate_of=ledger.id,
        duplicate_kind="exact",
        similarity=1.0,
    )
    wire = Article(
        title=THIRD_TITLE,
        text=THIRD_TEXT,
        url="https://eastern-wire.example/asia/2026-01-13/nara-summit",
        outlet="Eastern Wire",
        published=datetime(2026, 1, 13, 21, 10, tzinfo=KST),
        language="en",
    )
    harbour = Article(
        title=harbour_title,
        text=harbour_text,
        url="https://harbour-times.example/news/lee-concludes-japan-visit",
        outlet="Harbour Times",
        published=datetime(2026, 1, 14, 19, 20, tzinfo=KST),
        language="en",
        source="tests/data/seeds/004_7611bd27aecda166.txt",
        source_kind="txt",
    )
    return {"ledger": ledger, "copy": copy, "wire": wire, "harbour": harbour}


def _summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "duplicate_of": article.duplicate_of,
    }


def seed_brief(articles: dict[str, Article] | None = None) -> dict[str, Any]:
    """The brief of the story made of ``seed_articles()`` (DESIGN.md §4 shape, with ``kind`` and ``slot``)."""
    articles = articles or seed_articles()
    a = articles["ledger"].id
    b = articles["harbour"].id
    c = articles["wire"].id
    d = articles["copy"].id
    order = [articles[role] for role in ("ledger", "copy", "wire", "harbour")]

    def fact(
        text: str,
        status: str,
        sources: list[tuple[str, str]],
        values: list[dict[str, Any]] | None = None,
        note: str = "",
    ) -> dict[str, Any]:
        return {
            "text": text,
            "status": status,
            "sources": [{"article_id": article_id, "quote": quote} for article_id, quote in sources],
            "values": values or [],
            "note": note,
        }

    facts = [
        fact(  # 0
            "South Korea is seeking to join the 12-member CPTPP trade pact.",
            "corroborated",
            [
                (
                    a,
                    "the two sides agreed to continue discussions regarding Seoul's accession to the"
                    " 12-member CPTPP",
                ),
                (
                    b,
                    "The South Korean delegation reiterated its interest in joining the 12-member"
                    " Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)",
                ),
            ],
            [{"value": "12", "unit": None, "article_ids": [a, b]}],
        ),
        fact(  # 1
            "South Korea bans seafood imports from eight Japanese prefectures.",
            "corroborated",
            [
                (a, "South Korea's import ban on seafood from eight Japanese prefectures"),
                (b, "a ban on seafood imports from eight Japanese prefectures"),
            ],
            [{"value": "8", "unit": None, "article_ids": [a, b]}],
        ),
        fact(  # 2
            "The leaders agreed to DNA analysis of remains found at the Chosei undersea coal mine.",
            "corroborated",
            [
                (
                    b,
                    "agreeing to conduct DNA analysis on remains found at the Chosei undersea coal mine in"
                    " Yamaguchi Prefecture",
                ),
                (
                    c,
                    "The leaders agreed to carry out DNA analysis of remains found at the Chosei coal mine in"
                    " Yamaguchi Prefecture",
                ),
            ],
        ),
        fact(  # 3
            "Lee and Takaichi played drums together.",
            "corroborated",
            [
                (a, "the leaders played drums together"),
                (b, "playing drums to popular K-pop songs"),
                (c, "the two leaders played the drums together"),
            ],
        ),
        fact(  # 4
            "Lee's visit to Japan lasted two days and ended on Wednesday.",
            "corroborated",
            [
                (a, "The two-day visit, which included a summit on Tuesday"),
                (b, "President Lee Jae Myung concluded a two-day visit to Japan on Wednesday"),
            ],
        ),
        fact(  # 5
            "Annual trade between South Korea and Japan is put at about $75 billion or about $80 billion.",
            "disputed",
            [
                (a, "bilateral trade has flourished, reaching approximately $75 billion annually"),
                (c, "Two-way trade between the neighbours is worth about $80 billion a year"),
            ],
            [
                {"value": "7.5e+10", "unit": "USD", "article_ids": [a]},
                {"value": "8e+10", "unit": "USD", "article_ids": [c]},
            ],
            "The amounts differ by 6.7%, more than the 5% allowed between two approximate figures.",
        ),
        fact(  # 6
            "The seafood ban was imposed in 2013, after the Fukushima nuclear disaster.",
            "single_source",
            [(a, "a restriction imposed in 2013 following the Fukushima nuclear disaster")],
            [{"value": "2013", "unit": None, "article_ids": [a]}],
            "Harbour Times dates the disaster to 2011: the year of the disaster, not of the ban, so the"
            " two do not conflict.",
        ),
        fact(  # 7
            "Lee and Takaichi toured the Horyuji temple complex in Nara on Wednesday.",
            "single_source",
            [
                (
                    a,
                    "On Wednesday, President Lee and Prime Minister Takaichi toured the Horyuji temple"
                    " complex in Nara",
                )
            ],
        ),
        fact(  # 8
            "South Korea and Japan normalised ties in 1965.",
            "single_source",
            [(a, "The neighbors formally normalized ties in 1965.")],
            [{"value": "1965", "unit": None, "article_ids": [a]}],
        ),
        fact(  # 9
            "A flood at the Chosei mine killed 183 people in 1942.",
            "corroborated",
            [
                (b, "a flood in 1942 claimed the lives of 183 individuals"),
                (c, "where a 1942 flood killed 183 workers"),
            ],
            [{"value": "183", "unit": None, "article_ids": [b, c]}],
        ),
        fact(  # 10: its quote contains fact 9's in the Harbour Times text
            "136 of the 183 dead were Korean labourers.",
            "single_source",
            [(b, "a flood in 1942 claimed the lives of 183 individuals, including 136 Korean laborers")],
            [{"value": "136", "unit": None, "article_ids": [b]}],
        ),
        fact(  # 11: straight apostrophe, the text has a typographic one
            "Lee had recently held talks with Chinese President Xi Jinping in Beijing.",
            "single_source",
            [(b, "Lee's recent talks with Chinese President Xi Jinping in Beijing")],
        ),
        fact(  # 12
            "The leaders reaffirmed their commitment to the complete denuclearization of the Korean"
            " Peninsula.",
            "single_source",
            [(b, "reaffirming their dedication to the complete denuclearization of the Korean Peninsula")],
        ),
        fact(  # 13
            "Takaichi hopes to visit South Korea later this year.",
            "single_source",
            [(c, "Takaichi said she hoped to visit South Korea later this year")],
        ),
        fact(  # 14
            "It was the leaders' second meeting in just over two months.",
            "corroborated",
            [
                (b, "marked their second meeting in just over two months"),
                (c, "the second meeting of the two leaders in just over two months"),
            ],
        ),
    ]
    leader_lee = {"name": "Lee Jae Myung", "country": "KOR", "sector": "GOV"}
    leader_takaichi = {"name": "Sanae Takaichi", "country": "JPN", "sector": "GOV"}
    nara = {"name": "Nara", "country": "JPN", "lat": 34.6851, "lon": 135.8048}
    return {
        "story": {
            "id": "5a1c9e07d2b34f68",
            "title": articles["ledger"].title,
            "articles": [_summary(article) for article in order],
            "outlets": ["Pacific Ledger", "Metro Daily", "Eastern Wire", "Harbour Times"],
            "first_seen": "2026-01-13T09:40:00+09:00",
            "last_seen": "2026-01-14T19:20:00+09:00",
            "storyline": None,
        },
        "summary": [
            {
                "text": "South Korean President Lee Jae Myung and Japanese Prime Minister Sanae Takaichi held"
                " summit talks focusing on Seoul's bid to join a major Pacific trade bloc and a long-running"
                " seafood import ban.",
                "sources": [a],
            },
            {
                "text": "They agreed to DNA analysis of remains found at the Chosei undersea coal mine, where"
                " a 1942 flood killed 183 people.",
                "sources": [b, c],
            },
            {
                "text": "President Lee Jae Myung concluded a two-day visit to Japan on Wednesday, which"
                " highlighted potential for enhanced economic cooperation and initiatives to examine the"
                " remains of Korean forced laborers.",
                "sources": [b],
            },
            {
                "text": "Sources differ on annual bilateral trade: approximately $75 billion or about"
                " $80 billion.",
                "sources": [a, c],
            },
        ],
        "facts": facts,
        "discrepancies": [
            {
                "about": "annual bilateral trade",
                "kind": "value",
                "claims": [
                    {
                        "article_id": a,
                        "quote": "bilateral trade has flourished, reaching approximately $75 billion"
                        " annually",
                        "value": "approximately $75 billion",
                    },
                    {
                        "article_id": c,
                        "quote": "Two-way trade between the neighbours is worth about $80 billion a year",
                        "value": "about $80 billion",
                    },
                ],
                "explanation": "The amounts differ by 6.7%, more than the 5% allowed between two approximate"
                " figures.",
            },
            {
                "about": "Wi Sung-lac",
                "kind": "naming",
                "claims": [
                    {
                        "article_id": a,
                        "quote": "According to South Korea's National Security Adviser Wi Sung-lac",
                        "value": "Wi Sung-lac",
                    },
                    {
                        "article_id": b,
                        "quote": "National Security Adviser Wi Sung-lack reported",
                        "value": "Wi Sung-lack",
                    },
                ],
                "explanation": "One person spelled two ways: the same office (National Security Adviser) and"
                " names one letter apart.",
            },
        ],
        "entities": [
            {
                "id": "e-lee-jae-myung",
                "name": "Lee Jae Myung",
                "type": "PERSON",
                "aliases": [{"name": "Lee Jae Myung", "articles": sorted([a, b, c, d])}],
                "country": "KOR",
                "articles": sorted([a, b, c, d]),
            },
            {
                "id": "e-sanae-takaichi",
                "name": "Sanae Takaichi",
                "type": "PERSON",
                "aliases": [{"name": "Sanae Takaichi", "articles": sorted([a, b, c, d])}],
                "country": "JPN",
                "articles": sorted([a, b, c, d]),
            },
            {
                "id": "e-wi-sung-lac",
                "name": "Wi Sung-lac",
                "type": "PERSON",
                "aliases": [
                    {"name": "Wi Sung-lac", "articles": sorted([a, d])},
                    {"name": "Wi Sung-lack", "articles": [b]},
                ],
                "country": "KOR",
                "articles": sorted([a, b, d]),
            },
            {
                "id": "e-cptpp",
                "name": "CPTPP",
                "type": "ORG",
                "aliases": [
                    {"name": "CPTPP", "articles": sorted([a, b, d])},
                    {
                        "name": "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
                        "articles": sorted([a, b, d]),
                    },
                ],
                "country": None,
                "articles": sorted([a, b, d]),
            },
            {
                "id": "e-xi-jinping",
                "name": "Xi Jinping",
                "type": "PERSON",
                "aliases": [{"name": "Xi Jinping", "articles": [b]}],
                "country": "CHN",
                "articles": [b],
            },
            {
                "id": "e-nara",
                "name": "Nara",
                "type": "GPE",
                "aliases": [{"name": "Nara", "articles": sorted([a, b, c, d])}],
                "country": "JPN",
                "articles": sorted([a, b, c, d]),
            },
        ],
        "events": [
            {
                "category": "CONSULT",
                "cameo": "042",
                "goldstein": 1.9,
                "source": leader_lee,
                "target": leader_takaichi,
                "place": nara,
                "date": "2026-01-13",
                "date_from_published": False,
                "article_id": a,
                "quote": "The two-day visit, which included a summit on Tuesday, was marked by symbolic"
                " cultural gestures.",
                "sources": [
                    {"article_id": a, "quote": "The two-day visit, which included a summit on Tuesday"},
                    {"article_id": b, "quote": "President Lee Jae Myung concluded a two-day visit to Japan"},
                ],
            },
            {
                "category": "AGREE",
                "cameo": "030",
                "goldstein": 4.0,
                "source": leader_lee,
                "target": leader_takaichi,
                "place": nara,
                "date": "2026-01-13",
                "date_from_published": False,
                "article_id": b,
                "quote": "agreeing to conduct DNA analysis on remains found at the Chosei undersea coal mine"
                " in Yamaguchi Prefecture",
                "sources": [
                    {"article_id": b, "quote": "agreeing to conduct DNA analysis on remains"},
                    {"article_id": c, "quote": "The leaders agreed to carry out DNA analysis of remains"},
                ],
            },
            {
                "category": "CONSULT",
                "cameo": "040",
                "goldstein": 1.0,
                "source": leader_lee,
                "target": {"name": "Xi Jinping", "country": "CHN", "sector": "GOV"},
                "place": {"name": "Beijing", "country": "CHN", "lat": 39.9075, "lon": 116.3972},
                "date": None,
                "date_from_published": False,
                "article_id": b,
                "quote": "Lee’s recent talks with Chinese President Xi Jinping in Beijing",
                "sources": [
                    {"article_id": b, "quote": "Lee’s recent talks with Chinese President Xi Jinping"}
                ],
            },
            {
                "category": "SANCTION",
                "cameo": "163",
                "goldstein": -8.0,
                "source": {"name": "China", "country": "CHN", "sector": "GOV"},
                "target": {"name": "Japan", "country": "JPN", "sector": "GOV"},
                "place": None,
                "date": "2026-01-14",
                "date_from_published": True,
                "article_id": b,
                "quote": "China’s recent restrictions on exports of dual-use items to Japan",
                "sources": [
                    {"article_id": b, "quote": "China’s recent restrictions on exports of dual-use items"}
                ],
            },
        ],
        "timeline": [
            {
                "date": "1942",
                "text": "A flood at the Chosei undersea coal mine kills 183 people, 136 of them Korean"
                " labourers.",
                "article_ids": [b, c],
            },
            {"date": "1965", "text": "South Korea and Japan formally normalise ties.", "article_ids": [a]},
            {"date": "2011", "text": "The Fukushima nuclear disaster.", "article_ids": [b]},
            {
                "date": "2013",
                "text": "South Korea bans seafood imports from eight Japanese prefectures.",
                "article_ids": [a],
            },
            {"date": "2026-01-13", "text": "Lee and Takaichi hold summit talks.", "article_ids": [a, b, c]},
            {
                "date": "2026-01-14",
                "text": "Lee and Takaichi tour the Horyuji temple complex in Nara; Lee ends his two-day"
                " visit.",
                "article_ids": [a, b],
            },
        ],
        "coverage": [
            {"outlet": "Pacific Ledger", "article_ids": [a], "adds": [6, 7, 8]},
            {"outlet": "Metro Daily", "article_ids": [d], "adds": []},
            {"outlet": "Eastern Wire", "article_ids": [c], "adds": [13]},
            {"outlet": "Harbour Times", "article_ids": [b], "adds": [10, 11, 12]},
        ],
    }


def write_preview(path: Path) -> Path:
    """Render the fixture brief as HTML to ``path``, to look at the page in a browser."""
    from newsweave.brief.render_html import render_html

    articles = seed_articles()
    path.write_text(render_html(seed_brief(articles), {a.id: a for a in articles.values()}), encoding="utf-8")
    return path


if __name__ == "__main__":
    # python -m tests.brief.fixtures /tmp/brief_preview.html
    import sys

    print(write_preview(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/brief_preview.html")))


def brief_of_reports(folder: Path, reports: Mapping[str, str]) -> dict[str, Any]:
    """The brief (every fact) of short reports written for a test, each its own outlet (the key), undated:
    ingested from text files in ``folder`` and analysed as ``newsweave ingest`` does."""
    config = load_config(None)
    with open_store(str(folder / "reports.db")) as store:
        for outlet, text in reports.items():
            path = folder / f"{outlet}.txt"
            path.write_text(text, encoding="utf-8")
            ingest_inputs([str(path)], store, ReadOptions(outlet=outlet, ingest=config.ingest), config)
        analyse_store(store, config)
        ids = [article.id for article in store.list_articles()]
        return brief_for_articles(store, ids, config=config, all_facts=True)
