"""The server-rendered pages: what each shows, that untrusted text is escaped, and error pages."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient

from newsweave.config import Config
from newsweave.web.app import create_app
from tests.web.conftest import HOSTILE_TITLE, WebData


class _Elements(HTMLParser):
    """Every start tag with its attributes, to check what the page really contains."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_story_list_shows_counts_and_filters(client: TestClient, web_data: WebData) -> None:
    html = _page(client, "/")
    assert f'href="/stories/{web_data.seeds_story}"' in html
    assert f'href="/stories/{web_data.fire_story}"' in html
    row = re.search(rf'data-story="{web_data.seeds_story}">(.*?)</tr>', html, re.S)
    assert row is not None and 'title="independent reports">2<' in row.group(1)
    filtered = _page(client, "/?outlet=Valley+Courier")
    assert (
        f"/stories/{web_data.fire_story}" in filtered and f"/stories/{web_data.seeds_story}" not in filtered
    )
    later = _page(client, "/?since=2026-02-01")
    assert f"/stories/{web_data.seeds_story}" not in later
    assert "No stories match these filters" in _page(client, "/?outlet=nobody")


def test_story_page_shows_the_brief_and_sources_side_by_side(client: TestClient, web_data: WebData) -> None:
    brief = client.get(f"/api/stories/{web_data.seeds_story}/brief").json()
    html = _page(client, f"/stories/{web_data.seeds_story}")
    tags = _elements(html)
    columns = [attrs for tag, attrs in tags if tag == "section" and (attrs.get("class") or "") == "source"]
    assert {attrs["data-article"] for attrs in columns} == set(web_data.seed_ids)
    facts = [attrs for tag, attrs in tags if tag == "details" and "fact" in (attrs.get("class") or "")]
    assert len(facts) == len(brief["facts"])
    marked = {int(n) for tag, attrs in tags if tag == "mark" for n in (attrs.get("data-facts") or "").split()}
    quoted = {i for i, fact in enumerate(brief["facts"]) if any(s["quote"] for s in fact["sources"])}
    assert quoted and marked == quoted  # every fact's quote is found and marked in its source
    text = unescape(html)
    for item in brief["summary"]:
        assert item["text"] in text
    naming = [d for d in brief["discrepancies"] if d.get("kind") == "naming"]
    assert naming and "Wi Sung-lack" in html


def test_story_page_lists_the_salient_facts_and_links_to_all(client: TestClient, web_data: WebData) -> None:
    whole = client.get(f"/api/stories/{web_data.seeds_story}/brief", params={"all": "1"}).json()
    html = _page(client, f"/stories/{web_data.seeds_story}")
    assert f"Show all {whole['fact_count']}" in html and 'href="?all=1"' in html
    every = _page(client, f"/stories/{web_data.seeds_story}?all=1")
    facts = [a for tag, a in _elements(every) if tag == "details" and "fact" in (a.get("class") or "")]
    assert len(facts) == whole["fact_count"] and "Show all" not in every


def test_story_page_shows_sources_while_its_brief_is_built(web_data: WebData, web_config: Config) -> None:
    app = create_app(str(web_data.db), config=web_config, brief_wait_s=0.0)
    with TestClient(app) as fresh:
        html = _page(fresh, f"/stories/{web_data.fire_story}")
        listing = _page(fresh, "/")
    assert "is being built" in html  # a cold cache and no waiting: the sources alone
    assert '<meta http-equiv="refresh"' in html
    assert {
        attrs["data-article"]
        for tag, attrs in _elements(html)
        if tag == "section" and attrs.get("data-article")
    }
    assert "Oldbridge" in html  # the sources' text is there
    assert "building brief" in listing or "Disputed" in listing


def test_prefix_of_a_story_id_redirects(client: TestClient, web_data: WebData) -> None:
    response = client.get(f"/stories/{web_data.seeds_story[:8]}", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == f"/stories/{web_data.seeds_story}"


def test_hostile_article_is_escaped_everywhere(client: TestClient, web_data: WebData) -> None:
    for url in (f"/articles/{web_data.hostile_article}", "/", "/search?q=Westport+bus+lanes", "/outlets"):
        html = _page(client, url)
        tags = _elements(html)
        scripts = [attrs for tag, attrs in tags if tag == "script"]
        assert scripts == [{"src": "/static/app.js", "defer": None}], url
        assert not [tag for tag, _ in tags if tag in ("img", "textarea")], url
        assert not any(name.startswith("on") for _, attrs in tags for name in attrs), url
        assert not any((attrs.get("href") or "").startswith("javascript:") for _, attrs in tags), url
    html = _page(client, f"/articles/{web_data.hostile_article}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert HOSTILE_TITLE not in html  # the raw title never appears unescaped
    story = client.get(f"/api/articles/{web_data.hostile_article}").json()["story_id"]
    story_html = _page(client, f"/stories/{story}")
    assert not [tag for tag, _ in _elements(story_html) if tag in ("img", "textarea")]
    assert "&lt;/textarea&gt;&lt;b&gt;Not bold&lt;/b&gt;" in story_html  # the source column, escaped
    assert "Evil &lt;b&gt;Gazette&lt;/b&gt;" in story_html


def test_entity_page_shows_spellings_and_who_used_them(client: TestClient, web_data: WebData) -> None:
    wi = client.get("/api/entities", params={"q": "Sung-lack"}).json()[0]
    html = _page(client, f"/entities/{wi['id']}")
    assert "Wi Sung-lac" in html and "Wi Sung-lack" in html
    assert "outlet-a" in html and "outlet-b" in html
    assert f"/stories/{web_data.seeds_story}" in html
    assert "<svg" in html  # the mention timeline
    _page(client, "/entities/nobody", 404)
    listing = _page(client, "/entities?q=sung-lac")
    assert f"/entities/{wi['id']}" in listing


def test_outlet_page_says_what_it_alone_reported(client: TestClient, web_data: WebData) -> None:
    brief = client.get(f"/api/stories/{web_data.fire_story}/brief").json()
    html = _page(client, "/outlet?name=Valley+Courier")
    assert f"/stories/{web_data.fire_story}" in html
    coverage = next(c for c in brief["coverage"] if c["outlet"] == "Valley Courier")
    for index in coverage["adds"]:
        assert brief["facts"][index]["text"] in unescape(html)
    _page(client, "/outlet?name=Nobody+Times", 404)
    assert "Valley Courier" in _page(client, "/outlets")


def test_relations_page_validates_and_charts(client: TestClient) -> None:
    data = client.get("/api/relations", params={"a": "KOR", "b": "JPN", "period": "week"}).json()
    html = _page(client, "/relations?a=KOR&b=JPN&period=week")
    assert "KOR" in html and "JPN" in html
    if data["series"]:  # the seeds' summit: a chart with one bar per week and every event listed
        tags = _elements(html)
        assert len([tag for tag, attrs in tags if tag == "rect" and "bar" in (attrs.get("class") or "")]) >= 1
        for row in data["series"]:
            assert f"{row['goldstein']:+.1f}" in html
        assert len([tag for tag, attrs in tags if tag == "li" and attrs.get("class") == "event"]) == len(
            [e for e in data["events"] if e["date"]]
        )
    else:
        assert "No dated events between KOR and JPN" in html
    assert "Give two ISO 3166-1 alpha-3" in _page(client, "/relations?a=K1R&b=JPN")
    _page(client, "/relations?period=month", 422)


def test_search_page_links_hits_to_stories(client: TestClient, web_data: WebData) -> None:
    html = _page(client, "/search?q=Takaichi")
    assert f'href="/stories/{web_data.seeds_story}"' in html
    assert "<mark>Takaichi</mark>" in html
    semantic = _page(client, "/search?q=deadly+blaze+at+a+mill&mode=semantic")
    assert f'href="/stories/{web_data.fire_story}"' in semantic
    assert "Nothing found" in _page(client, "/search?q=zzzqqq")
    assert "E113" in _page(client, "/search?q=fire&since=notadate")


def test_unknown_pages_are_html_404s(client: TestClient) -> None:
    assert "Not found" in _page(client, "/stories/ffffffffffffffff", 404)
    assert "Not found" in _page(client, "/articles/ffffffffffffffff", 404)
    assert "Not found" in _page(client, "/no/such/page", 404)


def test_storylines_page_and_api_list_each_storyline_with_its_stories(
    web_data: WebData, store_copy: Path, web_config: Config
) -> None:
    import json

    from click.testing import CliRunner

    from newsweave.cli.main import main
    from newsweave.store import open_store

    with open_store(str(store_copy)) as store:
        store.stories.set_storylines(
            {"sl-test": [web_data.seeds_story, web_data.fire_story]}, {"sl-test": "A <b>matter</b>"}
        )
    application = create_app(str(store_copy), config=web_config)
    try:
        with TestClient(application) as client:
            page = _page(client, "/storylines")
            assert "A &lt;b&gt;matter&lt;/b&gt;" in page and "<b>matter</b>" not in page
            assert f"/stories/{web_data.seeds_story}" in page and f"/stories/{web_data.fire_story}" in page
            assert 'href="/storylines" aria-current="page"' in page
            api = client.get("/api/storylines").json()
    finally:
        application.state.web.close()
    cli = CliRunner().invoke(main, ["storylines", "--db", str(store_copy), "--json"])
    assert api == json.loads(cli.stdout) and api[0]["title"] == "A <b>matter</b>"
    assert {story["id"] for story in api[0]["stories"]} == {web_data.seeds_story, web_data.fire_story}
