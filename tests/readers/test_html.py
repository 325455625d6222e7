"""The HTML reader: trafilatura's main text and metadata, encodings, limits, hostile markup."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsweave.config import load_config
from newsweave.data import Article
from newsweave.errors import Errors, InputError
from newsweave.readers import html
from newsweave.readers.base import ReadOptions, apply_defaults

from .conftest import PARAGRAPHS, article_html

META = (
    '<meta property="og:title" content="Port terminal to open two years late">'
    '<meta property="og:site_name" content="Harbour Times">'
    '<meta name="author" content="Jane Doe">'
    '<meta property="article:published_time" content="2026-01-14T21:30:00+09:00">'
    '<link rel="canonical" href="https://harbourtimes.example/news/port-late">'
)


def extract(page: str | bytes, url: str | None = None, options: ReadOptions | None = None) -> Article:
    return html.article_from_html(page, source="page.html", url=url, options=options or ReadOptions())


def test_main_text_and_metadata() -> None:
    article = extract(article_html(head=META))
    assert article.title == "Port terminal to open two years late"
    assert article.text == "\n".join(PARAGRAPHS)  # paragraphs on their own lines, headline not repeated
    assert article.outlet == "Harbour Times"
    assert article.author == "Jane Doe"
    assert article.url == "https://harbourtimes.example/news/port-late"  # canonical, as no URL was given
    assert article.language == "en"
    assert article.published == datetime(2026, 1, 14, 21, 30, tzinfo=timezone(timedelta(hours=9)))
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.source_kind == "html"


def test_given_url_wins_over_canonical() -> None:
    article = extract(article_html(head=META), url="https://mirror.example/a")
    assert article.url == "https://mirror.example/a"


def test_date_without_zone_is_utc() -> None:
    head = '<meta property="article:published_time" content="2026-01-14">'
    assert extract(article_html(head=head)).published == datetime(2026, 1, 14, tzinfo=UTC)


@pytest.mark.parametrize("codec", ["cp1251", "shift_jis", "iso-8859-1"])
def test_meta_charset_is_respected(codec: str) -> None:
    words = {"cp1251": "Привет мир", "shift_jis": "東京の港", "iso-8859-1": "Café déjà vu"}[codec]
    page = article_html(paragraphs=(*PARAGRAPHS, f"{words} " * 3)).replace("utf-8", codec)
    article = extract(page.encode(codec))
    assert words in article.text


def test_hostile_markup_never_reaches_the_text() -> None:
    hostile = (
        "<script>alert('xss-script')</script><style>.xss-style{color:red}</style>"
        "<p>Text with an image <img src=x onerror=\"alert('xss-img')\"> inside.</p>"
        "<iframe src=\"javascript:alert('xss-frame')\"></iframe>"
    )
    article = extract(article_html(head="<script>document.write('xss-head')</script>", extra_body=hostile))
    for marker in ("xss", "alert", "onerror", "<script", "<img", "javascript:"):
        assert marker not in article.text
    assert PARAGRAPHS[0] in article.text


def test_pop_up_cards_and_hidden_text_stay_out_of_the_sentence() -> None:
    # The Hill: a hover card of related headlines sits inside the sentence, after the name it hangs on.
    card = (
        'South Dakota Gov. <span class="rollover-people"><a href="/people/noem">Kristi Noem</a>'
        '<span class="rollover-people-block"><a class="name">Kristi Lynn Noem</a>'
        '<a class="people-articles">Governor doubles down on campaign</a> MORE</span></span> (R) is'
        " defending the state's launch of an anti-drug campaign, officials said on Monday."
    )
    hidden = (
        '<p>The port will open in 2028.<span hidden>Subscribe now</span><span aria-hidden="true">Share</span>'
        '<span style="display: none">Read more</span></p>'
    )
    article = extract(article_html(paragraphs=(*PARAGRAPHS, card), extra_body=hidden))
    assert "South Dakota Gov. Kristi Noem (R) is defending" in article.text
    for hidden_text in (
        "Kristi Lynn Noem",
        "Governor doubles down",
        "MORE",
        "Subscribe",
        "Share",
        "Read more",
    ):
        assert hidden_text not in article.text


def test_unclosed_tags_still_give_the_article() -> None:
    page = "<html><head><title>Port late</title><body><article><div><p>" + "<p>".join(PARAGRAPHS)
    article = extract(page)
    assert PARAGRAPHS[1] in article.text


def test_short_page_is_no_text() -> None:
    with pytest.raises(InputError) as caught:
        extract("<html><body><p>Subscribe to read.</p></body></html>")
    assert caught.value.code == Errors.NO_TEXT.code


def test_page_over_record_cap_is_refused() -> None:
    ingest = dataclasses.replace(load_config().ingest, max_record_bytes=200)
    with pytest.raises(InputError) as caught:
        extract(article_html(), options=ReadOptions(ingest=ingest))
    assert caught.value.code == Errors.TOO_LARGE.code


def test_read_path(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(article_html(head=META), encoding="utf-8")
    (article,) = list(html.read_path(path, ReadOptions()))
    assert isinstance(article, Article)
    assert article.source == str(path)


@pytest.mark.parametrize(
    ("site_name", "url", "outlet"),
    [
        # A site that puts its address in og:site_name, and AP's hosted pages, which call themselves
        # "Hosted": neither is a name, so the outlet is the URL's host.
        ("https://www.hawaiinewsnow.com", "https://www.hawaiinewsnow.com/2019/11/19/a", "hawaiinewsnow.com"),
        ("Hosted", "https://hosted.ap.org/berkshireeagle/article/1/a", "hosted.ap.org"),
        # A name that is the site's own domain label, or a registry's second level, stays.
        ("BBC", "https://www.bbc.co.uk/news/a", "BBC"),
        ("Harbour Times", "https://news.harbourtimes.example/a", "Harbour Times"),
    ],
)
def test_a_site_name_that_is_an_address_or_a_subdomain_gives_way_to_the_host(
    site_name: str, url: str, outlet: str
) -> None:
    head = f'<meta property="og:site_name" content="{site_name}">'
    read = html.article_from_html(article_html(head=head), source="page.html", url=url, options=ReadOptions())
    article = apply_defaults(read, ReadOptions())  # as every reader does after reading
    assert article.outlet == outlet
    assert article.outlet_guessed == (outlet != site_name)
