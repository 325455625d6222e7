"""The brief's renderers: Markdown for the terminal, the standalone HTML page, and quote highlighting."""

from __future__ import annotations

import copy
import functools
import html
import itertools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.brief.highlight import Highlight, Segment, find_quote, highlight_spans
from newsweave.brief.md_text import LINE_WIDTH, md_escape, number_text, value_text, wrap
from newsweave.brief.render_html import render_html
from newsweave.brief.render_md import render_markdown
from newsweave.data import Article
from tests.brief.fixtures import seed_articles, seed_brief

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> </textarea> "><svg onload=alert(1)>'
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return seed_articles()


@pytest.fixture(scope="module")
def brief(articles: dict[str, Article]) -> dict[str, Any]:
    return seed_brief(articles)


@pytest.fixture(scope="module")
def by_id(articles: dict[str, Article]) -> dict[str, Article]:
    return {article.id: article for article in articles.values()}


@pytest.fixture(scope="module")
def markdown(brief: dict[str, Any]) -> str:
    return render_markdown(brief)


@pytest.fixture(scope="module")
def page(brief: dict[str, Any], by_id: dict[str, Article]) -> str:
    return render_html(brief, by_id)


def flat(text: str) -> str:
    """Text with line wrapping undone."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Text compared the way a reader would: typographic apostrophes as plain ones, spaces collapsed."""
    return flat(text.replace("\u2019", "'"))


# --- highlight_spans -------------------------------------------------------------------------------


def test_highlight_finds_a_quote_and_covers_the_whole_text() -> None:
    text = "The leaders met in Nara. They played drums together."
    segments = highlight_spans(text, [("They played drums", 0, "corroborated")])
    assert "".join(segment.text for segment in segments) == text
    marked = [segment for segment in segments if segment.highlights]
    assert [(s.start, s.end, s.text) for s in marked] == [(25, 42, "They played drums")]
    assert marked[0].status == "corroborated"
    assert marked[0].opens == (Highlight(0, "corroborated", 25, 42, 0),)
    assert [s.highlights for s in segments if s is not marked[0]] == [(), ()]


def test_highlight_leaves_a_quote_not_found_out() -> None:
    text = "Nothing here matches."
    segments = highlight_spans(text, [("a different sentence", 3, "disputed"), ("", 4, "disputed")])
    assert segments == [Segment(0, len(text), text)]
    assert {fact for segment in segments for fact in segment.facts} == set()


def test_highlight_marks_every_occurrence_of_a_repeated_quote_and_numbers_them() -> None:
    text = "Prices rose. Wages fell. Prices rose."
    segments = highlight_spans(text, [("Prices rose", 2, "single_source")])
    marked = [segment for segment in segments if segment.highlights]
    assert [(s.start, s.text) for s in marked] == [(0, "Prices rose"), (25, "Prices rose")]
    assert [s.opens[0].occurrence for s in marked] == [0, 1]


def test_highlight_splits_overlapping_quotes_and_keeps_every_fact() -> None:
    text = "0123456789abcdefghijklmnopqrst"
    segments = highlight_spans(text, [(text[0:20], 0, "corroborated"), (text[10:30], 1, "disputed")])
    assert [(s.start, s.end, s.facts) for s in segments] == [(0, 10, (0,)), (10, 20, (0, 1)), (20, 30, (1,))]
    # Equal lengths: the disputed fact wins where both cover the text.
    assert segments[1].status == "disputed"
    assert [h.fact for h in segments[1].opens] == [1]


def test_highlight_shows_a_nested_quote_over_the_longer_one() -> None:
    text = "a flood in 1942 claimed the lives of 183 individuals, including 136 Korean laborers"
    inner = "a flood in 1942 claimed the lives of 183 individuals"
    segments = highlight_spans(text, [(text, 10, "single_source"), (inner, 9, "corroborated")])
    assert [(s.text, s.status, s.facts) for s in segments] == [
        (inner, "corroborated", (9, 10)),
        (", including 136 Korean laborers", "single_source", (10,)),
    ]
    assert segments[0].primary is not None and segments[0].primary.fact == 9
    assert {h.fact for h in segments[0].opens} == {9, 10}


def test_highlight_matches_across_typographic_quotes_whitespace_and_case() -> None:
    text = "Before. Lee\u2019s  recent\ntalks \u2014 with Xi \u2026 went well."
    spans = find_quote(text, "lee's recent talks - with xi ... went")
    assert spans == [(8, text.index(" well."))]
    assert text[spans[0][0] : spans[0][1]] == "Lee\u2019s  recent\ntalks \u2014 with Xi \u2026 went"


def test_exact_matches_win_over_normalised_ones() -> None:
    text = "Foo  bar, and later foo bar."
    assert find_quote(text, "foo bar") == [(20, 27)]
    assert find_quote(text, "FOO BAR") == [(0, 8), (20, 27)]


def test_highlight_of_empty_text_is_empty() -> None:
    assert highlight_spans("", [("x", 0, "corroborated")]) == []
    assert find_quote("some text", "   ") == []


_WORDS = st.sampled_from(["the", "talks", "Lee\u2019s", "Lee's", "  ", "\n", "-", "\u2014", "drums", "Nara"])


@given(
    words=st.lists(_WORDS, min_size=1, max_size=30),
    picks=st.lists(st.tuples(st.integers(0, 29), st.integers(1, 6)), max_size=4),
)
def test_segments_tile_the_text_and_every_verbatim_quote_is_found(
    words: list[str], picks: list[tuple[int, int]]
) -> None:
    text = " ".join(words)
    quotes = []
    for fact, (start, length) in enumerate(picks):
        quote = " ".join(words[start : start + length]).strip()
        if quote:
            quotes.append((quote, fact, "corroborated"))
    segments = highlight_spans(text, quotes)
    assert "".join(segment.text for segment in segments) == text
    assert all(a.end == b.start for a, b in itertools.pairwise(segments))
    found = {fact for segment in segments for fact in segment.facts}
    assert found == {fact for _, fact, _ in quotes}


# --- Markdown --------------------------------------------------------------------------------------


def test_markdown_has_every_section_in_order(markdown: str) -> None:
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Sources",
        "## Summary",
        "## Facts",
        "## Discrepancies",
        "## People, organisations and places",
        "## Timeline",
        "## Events",
        "## Coverage",
    ]
    assert markdown.startswith("# South Korean and Japanese leaders discuss trade pact and seafood ban\n")
    assert "2026-01-13 to 2026-01-14" in markdown


def test_markdown_numbers_sources_and_marks_copies(markdown: str) -> None:
    text = flat(markdown)
    assert '1. Pacific Ledger: "South Korean and Japanese leaders discuss trade pact and seafood ban"' in text
    assert "2. Metro Daily: " in text and "(2026-01-13) copy of [1]" in text
    assert "4. Harbour Times: " in text
    assert "<https://harbour-times.example/news/lee-concludes-japan-visit>" in markdown


def test_markdown_summary_cites_the_numbered_sources(markdown: str) -> None:
    text = flat(markdown)
    assert "a long-running seafood import ban.[1]" in text
    assert "where a 1942 flood killed 183 people.[3][4]" in text
    assert "remains of Korean forced laborers.[4]" in text


def test_markdown_groups_facts_by_status_then_outlet(markdown: str) -> None:
    groups = re.findall(r"^### (.+)$", markdown.split("## Facts")[1].split("## Discrepancies")[0], re.M)
    assert groups == [
        "Corroborated (7)",
        "Disputed (1)",
        "Single source: Pacific Ledger (3)",
        "Single source: Harbour Times (3)",
        "Single source: Eastern Wire (1)",
    ]
    text = flat(markdown)
    assert "**F4** Lee and Takaichi played drums together. [1][3][4]" in text
    # A disputed fact shows each value and each source's quote.
    assert "Values: 75 billion USD [1]; 80 billion USD [3]" in text
    assert (
        '[3] Eastern Wire: "Two-way trade between the neighbours is worth about $80 billion a year"' in text
    )


def test_markdown_discrepancies_show_values_quotes_and_spellings(markdown: str) -> None:
    section = flat(markdown.split("## Discrepancies")[1].split("## People")[0])
    assert "Sources differ on annual bilateral trade" in section
    assert (
        'approximately $75 billion: [1] Pacific Ledger, "bilateral trade has flourished, reaching'
        ' approximately $75 billion annually"'
    ) in section
    assert 'about $80 billion: [3] Eastern Wire, "Two-way trade' in section
    assert "Why: The amounts differ by 6.7%" in section
    assert "Wi Sung-lac (Pacific Ledger) / Wi Sung-lack (Harbour Times)" in section


def test_markdown_timeline_events_and_coverage(markdown: str) -> None:
    text = flat(markdown)
    assert "**1942**: A flood at the Chosei undersea coal mine kills 183 people" in text
    assert (
        "2026-01-13 · **CONSULT** (CAMEO 042, Goldstein +1.9): Lee Jae Myung (KOR, GOV) → Sanae Takaichi"
        " (JPN, GOV), in Nara (JPN) [1][4]"
    ) in text
    assert "date unknown · **CONSULT**" in text
    assert "2026-01-14 (publication date) · **SANCTION** (CAMEO 163, Goldstein -8.0)" in text
    coverage = flat(markdown.split("## Coverage")[1])
    # By reference: the facts are written out once, under Facts.
    assert "### What only Harbour Times reports [4] 3 facts of its own: F11, F12, F13." in coverage
    assert "### What only Metro Daily reports [2] Nothing: it ran a copy of [1]." in coverage


def test_markdown_lines_stay_under_100_characters(markdown: str) -> None:
    long = [line for line in markdown.splitlines() if len(line) >= 100 and "://" not in line]
    assert long == []
    assert LINE_WIDTH < 100


@functools.cache
def _commonmark() -> Any:
    """A CommonMark parser (markdown-it-py comes with spaCy's CLI dependencies)."""
    return pytest.importorskip("markdown_it").MarkdownIt("commonmark")


def _rendered_text(markdown_text: str) -> tuple[str, Any]:
    parser = _commonmark()
    return parser.render(markdown_text), parser.parse(markdown_text)


def test_markdown_escapes_article_text(brief: dict[str, Any]) -> None:
    hostile = copy.deepcopy(brief)
    hostile["story"]["title"] = "# Breaking *news* [click](javascript:alert(1)) " + HOSTILE
    hostile["summary"] = [
        {"text": "Aid &amp; trade: _all_ `of` it | ![x](y) ~~gone~~ " + HOSTILE, "sources": []}
    ]
    hostile["facts"][0]["text"] = "- 1. === ## > not structure"
    rendered, tokens = _rendered_text(render_markdown(hostile))
    for tag in ("<script", "<img", "<svg", "<em>", "<code>", "<del>", "<blockquote"):
        assert tag not in rendered
    # The only links are the sources' own http(s) URLs.
    assert re.findall(r'<a href="([^"]*)"', rendered) == [
        listed["url"] for listed in brief["story"]["articles"]
    ]
    assert rendered.count("<h1>") == 1
    assert rendered.count("<h2>") == 8
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "Aid &amp;amp; trade: _all_ `of` it | ![x](y) ~~gone~~" in rendered
    # The fact that looks like a list, a heading and a quote stays one plain list item.
    facts_list = rendered.split("<h3>Corroborated (7)</h3>")[1].split("</ul>")[0]
    assert facts_list.count("<li>") == 7
    assert "- 1. === ## &gt; not structure" in facts_list
    assert sum(1 for token in tokens if token.type == "bullet_list_open" and token.level == 0) > 0


_MD_TOKENS = st.sampled_from(
    ["-", "+", "*", "#", "##", "1.", "2)", "===", "---", ">", "<b>", "[x](y)", "_a_", "**b**", "`c`", "&amp;",
     "&#42;", "\\", "|", "~~", "!", "Sung-lac", "word", "1942.", "<https://a.example>"]
)  # fmt: skip


@given(st.lists(_MD_TOKENS | st.text(alphabet="ab-#*1.", min_size=1, max_size=5), min_size=1, max_size=80))
def test_wrapped_escaped_text_renders_back_to_itself(words: list[str]) -> None:
    text = " ".join(words)
    item = "\n".join(wrap(text, "- "))
    rendered, _ = _rendered_text(item)
    assert rendered.count("<li>") == 1
    assert "<ul>" in rendered and rendered.count("<ul>") == 1
    plain = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert flat(plain) == flat(text)


def test_md_escape_flattens_and_escapes() -> None:
    assert md_escape("a\n\n*b*  [c] <d> &amp; e_f") == r"a \*b\* \[c\] \<d\> \&amp; e\_f"


def test_markdown_without_a_story_numbers_cited_articles() -> None:
    brief = {
        "story": None,
        "summary": [{"text": "One.", "sources": ["bbb"]}],
        "facts": [
            {"text": "F.", "status": "single_source", "sources": [{"article_id": "aaa", "quote": "q"}]}
        ],
    }
    markdown = render_markdown(brief)
    assert "One.[1]" in markdown
    assert "**F1** F. [2]" in markdown
    assert "1. unknown outlet: article bbb" in markdown
    for heading in ("## Discrepancies", "## Timeline", "## Events", "## Coverage"):
        assert heading in markdown


# --- HTML ------------------------------------------------------------------------------------------


class _Balance(HTMLParser):
    """Checks that every element is closed, in order (void elements excepted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.starts: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def _check_balanced(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def test_html_is_well_formed_with_unique_ids(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    _check_balanced(page)
    tree = lxml.html.document_fromstring(page)
    ids = [element.get("id") for element in tree.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    # Every in-page link points at something that exists.
    targets = {href[1:] for href in tree.xpath("//a/@href") if href.startswith("#")}
    assert targets <= set(ids)


def test_html_is_standalone_and_forbids_scripts(page: str) -> None:
    tree = lxml.html.document_fromstring(page)
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]
    assert tree.xpath("//script|//link|//iframe|//img|//object|//embed") == []
    assert tree.xpath("//@src") == []
    external = [href for href in tree.xpath("//a/@href") if not href.startswith("#")]
    assert external and all(href.startswith("https://") for href in external)


def test_html_has_every_section(page: str) -> None:
    tree = lxml.html.document_fromstring(page)
    sections = tree.xpath("//main/section/@id")
    assert sections == [
        "summary",
        "facts",
        "discrepancies",
        "timeline",
        "events",
        "coverage",
        "entities",
        "articles",
    ]
    text = flat(tree.text_content())
    assert "Wi Sung-lac (Pacific Ledger) / Wi Sung-lack (Harbour Times)" in text
    assert "Takaichi hopes to visit South Korea later this year." in text
    assert "CONSULT CAMEO 042 · Goldstein +1.9" in text
    assert "Nothing: it ran a copy of [1]." in text


def test_html_badges_say_each_status_in_words(page: str, brief: dict[str, Any]) -> None:
    tree = lxml.html.document_fromstring(page)
    labels = {"corroborated": "Corroborated", "disputed": "Disputed", "single_source": "Single source"}
    classes = {"corroborated": "corroborated", "disputed": "disputed", "single_source": "single"}
    for index, fact in enumerate(brief["facts"]):
        (item,) = tree.xpath(f"//li[@id='fact-item-{index}']")
        assert classes[fact["status"]] in item.get("class").split()
        (badge,) = item.xpath(".//span[contains(@class, 'badge')]")
        assert classes[fact["status"]] in badge.get("class").split()
        assert labels[fact["status"]] in badge.text_content()


def test_html_puts_independent_articles_side_by_side(page: str, articles: dict[str, Article]) -> None:
    tree = lxml.html.document_fromstring(page)
    columns = tree.xpath("//div[@class='columns']/article")
    assert [column.get("id") for column in columns] == ["a1", "a3", "a4"]
    assert "[2] Metro Daily" in columns[0].xpath(".//header")[0].text_content()
    body = columns[2].xpath(".//div[@class='text']")[0].text_content()
    assert fold(body) == fold(articles["harbour"].text)


def test_html_highlights_every_fact_quote_in_every_supporting_article(
    page: str, brief: dict[str, Any]
) -> None:
    tree = lxml.html.document_fromstring(page)
    column_of = {listed["id"]: number for number, listed in enumerate(brief["story"]["articles"], 1)}
    column_of[brief["story"]["articles"][1]["id"]] = 1  # the copy is shown in its original's column
    status_class = {"corroborated": "corroborated", "disputed": "disputed", "single_source": "single"}
    for index, fact in enumerate(brief["facts"]):
        for source in fact["sources"]:
            column = column_of[source["article_id"]]
            marks = tree.xpath(
                f"//article[@id='a{column}']//mark[contains(concat(' ', @class, ' '), ' f{index} ')]"
            )
            assert fold(source["quote"]) in fold("".join(mark.text_content() for mark in marks)), (
                index,
                column,
            )
            assert any(status_class[fact["status"]] in mark.get("class").split() for mark in marks)
            # An anchor at the passage, and the fact's citation links to it.
            assert tree.xpath(f"//span[@id='q{index}-{column}']")
            assert tree.xpath(f"//li[@id='fact-item-{index}']//a[@href='#q{index}-{column}']")
        # Clicking the fact targets an anchor that outlines its passages in every column (CSS :target).
        assert tree.xpath(f"//a[@class='ft'][@href='#fact-{index}']")
        assert f"#fact-{index}:target ~ .columns .f{index}" in page


def test_html_escapes_hostile_article_text(brief: dict[str, Any]) -> None:
    article = Article(
        title="Title " + HOSTILE,
        text="Before. " + HOSTILE + " After.",
        url="javascript:alert(1)",
        outlet="<b onmouseover=alert(1)>Outlet</b>",
    )
    hostile = {
        "story": {
            "id": "x",
            "title": article.title,
            "articles": [
                {"id": article.id, "title": article.title, "url": article.url, "outlet": article.outlet}
            ],
        },
        "summary": [{"text": HOSTILE, "sources": [article.id]}],
        "facts": [
            {
                "text": HOSTILE,
                "status": 'disputed" onmouseover="alert(1)',
                "sources": [{"article_id": article.id, "quote": "<script>alert(1)</script>"}],
                "values": [],
                "note": HOSTILE,
            }
        ],
        "discrepancies": [
            {
                "about": HOSTILE,
                "kind": "value",
                "claims": [{"article_id": article.id, "quote": HOSTILE, "value": HOSTILE}],
            }
        ],
        "entities": [
            {"id": "e", "name": HOSTILE, "type": HOSTILE, "aliases": [], "country": None, "articles": []}
        ],
        "events": [
            {
                "category": HOSTILE,
                "cameo": HOSTILE,
                "goldstein": HOSTILE,
                "source": {"name": HOSTILE},
                "target": None,
                "place": {"name": HOSTILE},
                "date": HOSTILE,
                "article_id": article.id,
                "quote": HOSTILE,
            }
        ],
        "timeline": [{"date": HOSTILE, "text": HOSTILE, "article_ids": [article.id]}],
        "coverage": [{"outlet": HOSTILE, "article_ids": [article.id], "adds": [0]}],
    }
    page = render_html(hostile, {article.id: article})
    parsed = _check_balanced(page)
    assert [tag for tag, _ in parsed.starts if tag in {"script", "img", "svg", "textarea", "b"}] == []
    assert [name for _, attrs in parsed.starts for name, _ in attrs if name.startswith("on")] == []
    tree = lxml.html.document_fromstring(page)
    assert tree.xpath("//script|//img|//svg|//textarea|//*[@onerror]|//*[@onload]|//*[@onmouseover]") == []
    assert not [href for href in tree.xpath("//a/@href") if not href.startswith("#")]
    assert "<script>alert(1)</script>" in tree.xpath("//title")[0].text_content()
    body = tree.xpath("//article[@id='a1']//div[@class='text']")[0]
    assert body.text_content() == "Before. " + HOSTILE + " After."
    (mark,) = body.xpath(".//mark")
    assert mark.text_content() == "<script>alert(1)</script>"
    assert mark.get("class").split() == ["unknown", "f0"]


def test_html_links_only_http_urls(brief: dict[str, Any], by_id: dict[str, Article]) -> None:
    changed = copy.deepcopy(brief)
    changed["story"]["articles"][0]["url"] = "data:text/html,<script>alert(1)</script>"
    changed["story"]["articles"][2]["url"] = "http://eastern-wire.example/a b"
    tree = lxml.html.document_fromstring(render_html(changed, by_id))
    hrefs = [href for href in tree.xpath("//a/@href") if not href.startswith("#")]
    assert sorted(set(hrefs)) == [
        "https://harbour-times.example/news/lee-concludes-japan-visit",
        "https://metro-daily.example/world/asia/korea-japan-summit",
    ]


def test_html_says_when_a_text_or_a_quote_is_missing(
    brief: dict[str, Any], by_id: dict[str, Article]
) -> None:
    changed = copy.deepcopy(brief)
    changed["facts"][13]["sources"][0]["quote"] = "a sentence the Eastern Wire never wrote"
    texts = {id_: article for id_, article in by_id.items() if article.outlet != "Harbour Times"}
    tree = lxml.html.document_fromstring(render_html(changed, texts))
    assert "not available" in tree.xpath("//article[@id='a4']")[0].text_content()
    (cite,) = tree.xpath("//li[@id='fact-item-13']//a[@class='cite']")
    assert cite.get("href") == "#a3"
    assert "not located" in cite.get("title")
    assert tree.xpath("//li[@id='fact-item-13']//span[@class='notfound']")


def test_html_renders_an_empty_brief() -> None:
    page = render_html({"story": None, "facts": []}, {})
    tree = lxml.html.document_fromstring(page)
    assert tree.xpath("//h1")[0].text_content() == "Brief"
    assert "No facts were extracted." in tree.text_content()
    _check_balanced(page)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's Chromium")
def test_html_target_highlights_a_fact_in_a_browser(page: str, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    path = tmp_path / "brief.html"
    path.write_text(page, encoding="utf-8")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
        try:
            view = browser.new_page()
            view.goto(path.as_uri())
            outline = "el => getComputedStyle(el).outlineStyle"
            assert view.eval_on_selector("article#a4 mark.f9", outline) == "none"
            view.click("li#fact-item-9 a.ft")
            assert view.eval_on_selector("article#a4 mark.f9", outline) == "solid"
            assert view.eval_on_selector("article#a3 mark.f9", outline) == "solid"
            assert view.eval_on_selector("article#a4 mark.f11", outline) == "none"
            assert view.is_visible(".selection .sel-9")
            assert not view.is_visible(".selection .sel-10")
        finally:
            browser.close()


def test_markdown_caps_every_list_and_counts_the_rest() -> None:
    from newsweave.brief.render_md import render_markdown

    article_ids = [f"a{i}" for i in range(5)]
    brief = {
        "story": {
            "id": "s1",
            "title": "A big story",
            "articles": [{"id": a, "outlet": f"Outlet {a}", "title": a} for a in article_ids],
        },
        "summary": [],
        "facts": [
            {
                "text": f"Fact {i} of {a}",
                "status": "single_source",
                "sources": [{"article_id": a, "quote": "q"}],
            }
            for a in article_ids
            for i in range(4)
        ],
        "discrepancies": [
            {
                "about": f"value {i}",
                "kind": "value",
                "claims": [{"article_id": a, "quote": "q", "value": i} for a in article_ids],
            }
            for i in range(3)
        ],
        "entities": [
            {"id": f"e{i}", "name": f"Entity {i}", "type": "PERSON", "articles": ["a0"]} for i in range(9)
        ],
        "events": [],
        "timeline": [],
        "coverage": [
            {"outlet": f"Outlet {a}", "article_ids": [a], "adds": list(range(4))} for a in article_ids
        ],
    }
    full = render_markdown(brief)
    capped = render_markdown(brief, max_facts=2)
    assert "more" not in full
    assert "Fact 3 of a0" in full and "Fact 3 of a0" not in capped
    assert "… and 12 single-source facts of 3 more outlets." in capped
    assert "… and 1 more discrepancies" in capped and "… and 3 more statements" in capped
    assert "Entity 5" in capped and "Entity 6" not in capped and "… and 3 more entities" in capped
    assert "… and 3 more outlets" in capped


def test_durations_read_in_the_largest_whole_unit() -> None:
    from newsweave.brief.md_text import value_text

    hours = (359406, 336, 240, 1.5, 24)
    shown = [value_text({"value": value, "unit": "h", "kind": "duration"}) for value in hours]
    assert shown == ["41 years", "2 weeks", "10 days", "90 minutes", "1 day"]
    assert value_text({"value": "7.5e+10", "unit": "USD", "kind": "money"}) == "75 billion USD"


def test_numbers_read_as_written_at_four_significant_digits() -> None:
    assert number_text("7.5e+10") == "75 billion"
    assert number_text("36000.0") == "36,000"
    assert number_text("9.656064") == "9.656"  # "six miles" in km
    assert number_text("3057.75") == "3058"  # as "3100" beside it: no separator under 10,000
    assert number_text("12345.67") == "12,346"
    assert number_text("9999.5") == "10,000"
    assert number_text("54.2") == "54.2"
    assert number_text("2013") == "2013"
    # Short distances in metres: "a 10-metre dhow", "a 30-foot dhow".
    assert value_text({"value": "0.01", "unit": "km", "kind": "distance"}) == "10 m"
    assert value_text({"value": "0.009144", "unit": "km", "kind": "distance"}) == "9.144 m"
    assert value_text({"value": "9.656064", "unit": "km", "kind": "distance"}) == "9.656 km"
