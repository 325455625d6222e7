"""The web app in a real browser: Debian's Chromium driven by Playwright, against a live uvicorn.

Chromium is not downloaded: the tests use /usr/bin/chromium. Without it they are skipped locally and
fail under CI (``CI=true``), where .ci/run installs it. Set NEWSWEAVE_WEB_SCREENSHOT=PATH to also save a
screenshot of the seeds' story page (docs/story-page.png was made that way).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from newsweave.config import Config
from tests.web.conftest import WebData

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Seconds to wait for the server to start or a page element to appear (generous: a shared 2-core machine).
STARTUP_S = 30
TIMEOUT_MS = 20_000

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    """The read-only app served by uvicorn on a free loopback port, in a background thread."""
    yield from _serve(app)


def _serve(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_S
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(STARTUP_S)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that records dialogs (and dismisses them) and page errors."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    errors: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    opened.errors = errors  # type: ignore[attr-defined]
    yield opened
    context.close()


def _brief(base_url: str, story_id: str) -> dict[str, Any]:
    response = httpx.get(f"{base_url}/api/stories/{story_id}/brief", timeout=60)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def _open_fact_and_check(page: Page, brief: dict[str, Any], index: int) -> None:
    """Open fact ``index``; each source stating it shows its passage highlighted, the others say so."""
    fact = brief["facts"][index]
    citing = {source["article_id"] for source in fact["sources"]}
    page.locator(f"#fact-{index} > summary").click()
    assert page.locator(f"#fact-{index}").get_attribute("open") is not None
    assert "is-active" in (page.locator(f"#fact-{index}").get_attribute("class") or "")
    for column in page.locator("section.source").all():
        article_id = column.get_attribute("data-article")
        active = column.locator("mark.is-active")
        if article_id in citing:
            assert active.count() >= 1, article_id
            assert active.first.is_visible()  # the column scrolled to it
            passages = column.locator(f"mark[data-opens~='{index}']").count()
            status = column.locator(".source-status").inner_text()
            assert passages >= 1 and status.endswith("this fact") and status.startswith(f"{passages} passage")
            for mark in active.all():
                assert str(index) in (mark.get_attribute("data-facts") or "").split()
        else:
            assert active.count() == 0
            assert column.locator(".source-status").inner_text() == "Not stated in this source"


def test_story_list_then_story_then_a_fact_in_every_source(
    page: Page, base_url: str, web_data: WebData
) -> None:
    page.goto(base_url + "/")
    page.locator(f'a.story-title[href="/stories/{web_data.seeds_story}"]').click()
    page.wait_for_url(f"**/stories/{web_data.seeds_story}")
    assert page.locator("section.source").count() == 2
    brief = _brief(base_url, web_data.seeds_story)
    both = [
        i
        for i, fact in enumerate(brief["facts"])
        if {s["article_id"] for s in fact["sources"]} == set(web_data.seed_ids)
    ]
    assert both, "the seeds' brief has a fact stated by both sources"
    _open_fact_and_check(page, brief, both[0])
    single = [
        i for i, fact in enumerate(brief["facts"]) if len({s["article_id"] for s in fact["sources"]}) == 1
    ]
    if single:
        _open_fact_and_check(page, brief, single[0])  # switching facts moves the highlight
        assert page.locator(f"#fact-{both[0]}.is-active").count() == 0
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_disputed_fact_shows_both_values(page: Page, base_url: str, web_data: WebData) -> None:
    brief = _brief(base_url, web_data.fire_story)
    disputed = [i for i, fact in enumerate(brief["facts"]) if fact["status"] == "disputed"]
    assert disputed, "the brief must dispute the Oldbridge fire's toll (nine dead vs 11 killed)"
    page.goto(f"{base_url}/stories/{web_data.fire_story}")
    page.locator('.fact-filter button[data-filter="disputed"]').click()
    assert page.locator('details.fact[data-status="corroborated"]').first.is_hidden() or not [
        f for f in brief["facts"] if f["status"] == "corroborated"
    ]
    _open_fact_and_check(page, brief, disputed[0])
    assert page.locator("section.source mark.is-active.q-disputed").count() >= 2
    discrepancy = page.locator(".discrepancy-value").first
    assert discrepancy.is_visible()


def test_clicking_a_passage_opens_its_fact(page: Page, base_url: str, web_data: WebData) -> None:
    page.goto(f"{base_url}/stories/{web_data.seeds_story}")
    mark = page.locator("section.source mark.q").first
    first = (mark.get_attribute("data-facts") or "").split()[0]
    mark.click()
    assert page.locator(f"#fact-{first}").get_attribute("open") is not None
    assert page.locator(f"section.source mark.is-active[data-facts~='{first}']").count() >= 1


def test_search_from_the_top_bar_leads_to_the_story(page: Page, base_url: str, web_data: WebData) -> None:
    page.goto(base_url + "/")
    page.locator(".topsearch input").fill("Takaichi")
    page.locator(".topsearch input").press("Enter")
    page.wait_for_url("**/search?q=Takaichi")
    assert page.locator("li.hit").count() == 2
    assert page.locator("li.hit mark").first.inner_text() == "Takaichi"
    page.locator(f'li.hit a[href="/stories/{web_data.seeds_story}"]').first.click()
    page.wait_for_url(f"**/stories/{web_data.seeds_story}")
    page.goto(base_url + "/search")
    page.locator('input[name="q"]').nth(1).fill("deadly blaze at a mill")
    page.locator('input[name="mode"][value="semantic"]').check()
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_url("**mode=semantic**")
    assert page.locator(f'li.hit a[href="/stories/{web_data.fire_story}"]').count() >= 1


def test_hostile_markup_renders_as_text(page: Page, base_url: str, web_data: WebData) -> None:
    page.goto(f"{base_url}/articles/{web_data.hostile_article}")
    body = page.locator(".source-body").inner_text()
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(2)>" in body
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1  # only /static/app.js
    story = httpx.get(f"{base_url}/api/articles/{web_data.hostile_article}", timeout=30).json()["story_id"]
    page.goto(f"{base_url}/stories/{story}")
    assert "<img src=x onerror=alert(2)>" in page.locator(".source-body").first.inner_text()
    assert page.locator("img").count() == 0 and page.locator("textarea").count() == 0
    page.wait_for_timeout(300)  # let any (wrongly) injected handler fire before checking
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_screenshot_of_the_seeds_story(page: Page, base_url: str, web_data: WebData, tmp_path: Path) -> None:
    """The story page renders at desktop width; NEWSWEAVE_WEB_SCREENSHOT=PATH keeps the picture
    (docs/story-page.png is made this way)."""
    target = os.environ.get("NEWSWEAVE_WEB_SCREENSHOT") or str(tmp_path / "story-page.png")
    page.set_viewport_size({"width": 1600, "height": 1300})
    page.goto(f"{base_url}/stories/{web_data.seeds_story}")
    brief = _brief(base_url, web_data.seeds_story)
    both = [
        i
        for i, fact in enumerate(brief["facts"])
        if {s["article_id"] for s in fact["sources"]} == set(web_data.seed_ids)
    ]
    if both:
        page.locator(f"#fact-{both[0]} > summary").click()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=target, full_page=False)
    assert Path(target).stat().st_size > 10_000


# -- Korean and Japanese -------------------------------------------------------------------------------

CJK_DATA = Path(__file__).resolve().parents[1] / "data" / "multilingual"


def _cjk_fonts() -> bool:
    import subprocess

    try:
        listed = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return False
    return bool(listed.strip())


@pytest.fixture(scope="module")
def cjk_url(tmp_path_factory: pytest.TempPathFactory, web_config: Config) -> Iterator[str]:
    """An app over a store holding the two English seeds and Korean and Japanese reports of their summit
    (written for the tests), served like ``base_url``."""
    from newsweave.analysis.stage import analyse_store
    from newsweave.ingest.stage import ingest_inputs
    from newsweave.readers.base import ReadOptions
    from newsweave.store import open_store
    from newsweave.stories.stage import assign_stories
    from newsweave.web.app import create_app
    from tests.web.conftest import BRIEF_WAIT_S, SEEDS, SEEDS_PUBLISHED

    db = tmp_path_factory.mktemp("cjk") / "cjk.db"
    with open_store(str(db)) as store:
        inputs = [*sorted(SEEDS.glob("*.txt")), CJK_DATA / "nara_ko.txt", CJK_DATA / "nara_ja.txt"]
        for path in inputs:
            options = ReadOptions(outlet=path.stem, published=SEEDS_PUBLISHED, ingest=web_config.ingest)
            ingest_inputs([str(path)], store, options, web_config)
        analyse_store(store, web_config)
        assign_stories(store, web_config)
    application = create_app(str(db), config=web_config, brief_wait_s=BRIEF_WAIT_S)
    yield from _serve(application)
    application.state.web.close()


# Draws two different characters in an element's font and says whether the pictures differ: a missing
# glyph is the same empty box for every character.
_GLYPHS_DIFFER = """([element, a, b]) => {
  const family = getComputedStyle(element).fontFamily;
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64; canvas.height = 64;
    const context = canvas.getContext("2d");
    context.font = "40px " + family;
    context.fillText(text, 4, 48);
    return Array.from(context.getImageData(0, 0, 64, 64).data).join(",");
  };
  return draw(a) !== draw(b);
}"""


def test_korean_and_japanese_reports_render_in_their_own_columns(page: Page, cjk_url: str) -> None:
    if not _cjk_fonts():
        if os.environ.get("CI"):
            pytest.fail("no Korean font: CI must install fonts-noto-cjk (.ci/system-packages.sh)")
        pytest.skip("no Korean font installed (apt-get install fonts-noto-cjk)")
    stories = httpx.get(f"{cjk_url}/api/stories", timeout=60).json()
    assert [len(story["articles"]) for story in stories] == [4]  # one story of the four reports
    story = stories[0]["id"]
    page.goto(f"{cjk_url}/stories/{story}")
    columns = page.locator("section.source")
    assert columns.count() == 4
    languages = sorted(column.get_attribute("lang") or "" for column in columns.all())
    assert languages == ["en", "en", "ja", "ko"]
    for language, a, b in (("ko", "한", "국"), ("ja", "奈", "良")):
        body = page.locator(f'section.source[lang="{language}"] .source-body')
        assert a in body.inner_text() and b in body.inner_text()
        family = body.evaluate("element => getComputedStyle(element).fontFamily")
        assert "Noto Serif CJK" in family and "Noto Sans CJK" in family
        drawn_apart = page.evaluate(_GLYPHS_DIFFER, [body.element_handle(), a, b])
        assert drawn_apart, f"{language}: {a} and {b} are drawn alike (missing glyphs)"
        # The column wraps its text: nothing runs out sideways.
        assert body.evaluate("element => element.scrollWidth <= element.clientWidth + 1")
    notice = page.locator(".not-compared").inner_text()
    assert "(Korean)" in notice and "(Japanese)" in notice and "no translation model" in notice
    korean = page.locator('section.source[lang="ko"] .source-body')
    assert korean.evaluate("element => getComputedStyle(element).wordBreak") == "keep-all"
    assert page.errors == []  # type: ignore[attr-defined]
