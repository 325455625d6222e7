"""`newsweave sources` and `newsweave watch` against a local feed server: new reports stored once and
assigned to stories, conditional requests answered 304, failing and throttled sources backed off and
named, oversized answers cut, private addresses refused without --allow-private."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsweave.cli.main import main
from newsweave.config import load_config
from newsweave.watch.schedule import next_poll, retry_after_seconds
from tests.watch.conftest import FeedServer, Route, seed_feed


def _run(*args: str, config: Path | None = None) -> tuple[int, str, str]:
    prefix = ["--config", str(config)] if config else []
    result = CliRunner().invoke(main, [*prefix, *args])
    return result.exit_code, result.stdout, result.stderr


def _once(db: Path, config: Path | None = None) -> dict[str, Any]:
    code, out, err = _run(
        "watch", "--once", "--all", "--allow-private", "--db", str(db), "--json", config=config
    )
    report: dict[str, Any] = json.loads(out)
    report["exit_code"], report["stderr"] = code, err
    return report


def _sources(db: Path) -> dict[str, dict[str, Any]]:
    code, out, _ = _run("sources", "list", "--db", str(db), "--json")
    assert code == 0
    return {source["url"]: source for source in json.loads(out)}


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_two_feeds_become_one_story_and_a_second_round_is_all_304(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    code, out, _ = _run(
        "sources", "add", feed_server.url("/a.xml"), feed_server.url("/b.xml"), "--db", str(db)
    )
    assert code == 0 and "added 2 sources" in out
    first = _once(db)
    assert first["exit_code"] == 0 and first["polled"] == 2 and first["new_articles"] == 2
    assert first["failed"] == [] and first["stories"]["new_stories"] == 1
    assert _count(db, "articles") == 2 and _count(db, "stories") == 1
    listed = _sources(db)
    assert [s["articles_stored"] for s in listed.values()] == [1, 1]
    assert all(s["last_error"] is None and s["failures"] == 0 for s in listed.values())

    second = _once(db)
    assert second["polled"] == 2 and second["not_modified"] == 2 and second["new_articles"] == 0
    assert [h.get("if-none-match") for h in feed_server.hits("/a.xml")] == [None, '"a1"']
    assert _count(db, "articles") == 2

    # The feed changes: a new item with a new ETag; the known item is not stored again.
    extra = """<item><title>Seoul and Tokyo to hold follow-up talks next month</title>
<link>https://outlet-a.example/follow-up</link><guid>outlet-a-follow-up</guid>
<description>Officials said on Thursday that the two governments would hold working-level talks next
month on the seafood import ban and on the remains found at the Chosei coal mine, following the
summit in Nara between the two leaders.</description></item>"""
    feed_server.routes["/a.xml"] = Route(seed_feed("a", extra), etag='"a2"')
    third = _once(db)
    assert third["new_articles"] == 1 and third["not_modified"] == 1
    assert _count(db, "articles") == 3
    assert _sources(db)[feed_server.url("/a.xml")]["articles_stored"] == 2


def test_a_failing_source_backs_off_is_named_and_never_stops_the_others(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    feed_server.routes["/down.xml"] = Route(b"oops", status=500, content_type="text/plain")
    _run(
        "sources",
        "add",
        feed_server.url("/down.xml"),
        feed_server.url("/a.xml"),
        "--db",
        str(db),
        "--interval",
        "10m",
    )
    reports = [_once(db) for _ in range(3)]
    assert [r["exit_code"] for r in reports] == [1, 1, 1]
    assert reports[0]["new_articles"] == 1 and all(len(r["failed"]) == 1 for r in reports)
    assert "E202" in reports[0]["stderr"] and feed_server.url("/down.xml") in reports[0]["stderr"]
    down = _sources(db)[feed_server.url("/down.xml")]
    assert down["failures"] == 3 and down["failing"] and "500" in down["last_error"]
    waited = datetime.fromisoformat(down["next_check"]) - datetime.fromisoformat(down["last_checked"])
    assert waited == timedelta(minutes=10 * 4)  # 10 min x 2 ** (3 - 1)
    _, out, _ = _run("sources", "list", "--db", str(db))
    assert "failing (3)" in out and "500" in out
    feed_server.routes["/down.xml"] = Route(seed_feed("b"))  # it recovers
    _once(db)
    assert _sources(db)[feed_server.url("/down.xml")]["failures"] == 0


def test_a_throttled_source_waits_what_the_server_asks(feed_server: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    feed_server.routes["/busy.xml"] = Route(b"", status=429, headers={"Retry-After": "7200"})
    _run("sources", "add", feed_server.url("/busy.xml"), "--db", str(db), "--interval", "60")
    report = _once(db)
    assert report["failed"] and "429" in report["failed"][0]["error"]
    busy = _sources(db)[feed_server.url("/busy.xml")]
    waited = datetime.fromisoformat(busy["next_check"]) - datetime.fromisoformat(busy["last_checked"])
    assert waited == timedelta(hours=2)
    # Not due yet: a plain --once (without --all) leaves it alone.
    code, out, _ = _run("watch", "--once", "--allow-private", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)["polled"] == 0 and len(feed_server.hits("/busy.xml")) == 1


def test_an_oversized_answer_is_cut_and_named(feed_server: FeedServer, tmp_path: Path) -> None:
    db, config = tmp_path / "w.db", tmp_path / "small.toml"
    config.write_text("[fetch]\nmax_bytes = 50000\n")
    feed_server.routes["/huge.xml"] = Route(b"<rss>" + b"x" * 200_000 + b"</rss>")
    _run("sources", "add", feed_server.url("/huge.xml"), feed_server.url("/b.xml"), "--db", str(db))
    report = _once(db, config)
    (failed,) = report["failed"]
    assert failed["url"] == feed_server.url("/huge.xml") and "E104" in failed["error"]
    assert report["new_articles"] == 1


def test_private_addresses_are_refused_without_allow_private(feed_server: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    _run("sources", "add", feed_server.url("/a.xml"), "--db", str(db))
    code, out, err = _run("watch", "--once", "--db", str(db), "--json")
    report = json.loads(out)
    assert code == 1 and report["new_articles"] == 0 and "E203" in report["failed"][0]["error"]
    assert "--allow-private" in err and feed_server.requests == []


def test_sources_add_import_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    opml = tmp_path / "subs.opml"
    opml.write_text(
        """<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><head><title>&x;</title></head><body>
<outline text="News"><outline text="Wire" title="The Wire" type="rss" xmlUrl="https://wire.example/rss"/>
<outline text="Bad" xmlUrl="ftp://files.example/feed"/></outline>
<outline text="Daily" xmlUrl="https://daily.example/feed.xml"/></body></opml>"""
    )
    code, out, err = _run("sources", "import", str(opml), "--db", str(db), "--interval", "2h")
    assert code == 0 and "added 2 sources (every 7200 s)" in out and "ftp://files.example/feed" in err
    code, out, _ = _run("sources", "add", "https://daily.example/feed.xml", "--db", str(db))
    assert "added 0 sources" in out and "1 source already watched" in out
    listed = _sources(db)
    assert set(listed) == {"https://wire.example/rss", "https://daily.example/feed.xml"}
    assert listed["https://wire.example/rss"]["title"] == "The Wire"
    code, out, _ = _run("sources", "remove", listed["https://wire.example/rss"]["id"], "--db", str(db))
    assert code == 0 and list(_sources(db)) == ["https://daily.example/feed.xml"]
    code, _, err = _run("sources", "remove", "https://nowhere.example/", "--db", str(db))
    assert code == 1 and "E312" in err
    code, _, err = _run("sources", "add", "not a url", "--db", str(db))
    assert code == 1 and "E204" in err
    code, _, err = _run("sources", "add", "https://x.example/", "--db", str(db), "--interval", "soon")
    assert code == 2 and "--interval" in err


@pytest.mark.parametrize(
    "content", ["not xml at all", "<html><body>hi</body></html>", "<opml><body/></opml>"]
)
def test_an_opml_that_is_not_one_is_a_clear_error(tmp_path: Path, content: str) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(content)
    code, _, err = _run("sources", "import", str(opml), "--db", str(tmp_path / "w.db"))
    assert code == 1 and "E118" in err and str(opml) in err and "Traceback" not in err


def test_schedule() -> None:
    watch = load_config(None).watch
    now = datetime(2026, 1, 14, tzinfo=UTC)
    assert next_poll(900, 0, now, watch) == now + timedelta(seconds=900)
    assert next_poll(10, 0, now, watch) == now + timedelta(seconds=watch.min_interval_s)
    assert next_poll(900, 2, now, watch) == now + timedelta(seconds=1800)
    assert next_poll(900, 30, now, watch) == now + timedelta(seconds=watch.max_backoff_s)
    assert next_poll(60, 1, now, watch, retry_after=600) == now + timedelta(seconds=600)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Wed, 14 Jan 2026 01:00:00 GMT", now) == 3600
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None, now) is None


def test_sigterm_finishes_the_round_and_exits_cleanly(feed_server: FeedServer, tmp_path: Path) -> None:
    import os
    import selectors
    import signal
    import subprocess
    import sys

    db = tmp_path / "w.db"
    _run(
        "sources",
        "add",
        feed_server.url("/a.xml"),
        feed_server.url("/b.xml"),
        "--db",
        str(db),
        "--interval",
        "1h",
    )
    command = [sys.executable, "-m", "newsweave", "watch", "--allow-private", "--db", str(db), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        selector = selectors.DefaultSelector()
        assert process.stdout is not None
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(timeout=240), "no round reported"
        first = json.loads(process.stdout.readline())
        assert first["new_articles"] == 2
        os.kill(process.pid, signal.SIGTERM)  # now waiting an hour for the next round
        assert process.wait(timeout=120) == 0  # a stop ends the hour-long wait at once
    finally:
        if process.poll() is None:
            process.kill()
    assert _count(db, "articles") == 2 and _count(db, "stories") == 1


def test_a_crash_between_storing_and_recording_loses_and_repeats_nothing(
    feed_server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave.readers.base import ReadOptions
    from newsweave.store import open_store
    from newsweave.store.source_rows import SourceRows
    from newsweave.watch.rounds import run_round

    config = load_config(None)
    options = ReadOptions(allow_private=True, ingest=config.ingest, fetch=config.fetch)
    db = tmp_path / "w.db"
    _run("sources", "add", feed_server.url("/a.xml"), "--db", str(db))

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("killed after the articles were stored, before the poll was recorded")

    with open_store(str(db)) as store:
        with monkeypatch.context() as patch:
            patch.setattr(SourceRows, "record", crash)
            with pytest.raises(KeyboardInterrupt):
                run_round(store, config, options)
        assert store.count_articles() == 1
        (source,) = store.sources.all()
        assert source.etag is None and source.last_checked is None  # as if never polled
        report = run_round(store, config, options)  # the next run fetches it again
        assert report.new_articles == 0 and store.count_articles() == 1
        assert not store.analysis.pending_ids() and report.stories is not None  # analysed, assigned now
        (source,) = store.sources.all()
        assert source.etag == '"a1"' and source.failures == 0


def test_a_feed_redirecting_to_a_private_address_is_refused(
    feed_server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from newsweave.readers import web

    # As tests/readers/test_web.py does: a name for the loopback server that the guard takes for a
    # public site, and an intranet name the feed redirects to.
    table = {"news.example": ["127.0.0.1"], "intranet.example": ["10.0.0.7"]}
    real_check = web.is_public_address

    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name in test")
        return table[host]

    monkeypatch.setattr(web, "resolve", resolve)
    monkeypatch.setattr(
        web, "is_public_address", lambda address: address == "127.0.0.1" or real_check(address)
    )
    feed_server.routes["/moved.xml"] = Route(
        status=302, headers={"Location": "http://intranet.example/feed.xml"}
    )
    url = f"http://news.example:{feed_server.base.rsplit(':', 1)[1]}/moved.xml"
    db = tmp_path / "w.db"
    _run("sources", "add", url, "--db", str(db))
    code, out, _ = _run("watch", "--once", "--db", str(db), "--json")  # no --allow-private
    (failed,) = json.loads(out)["failed"]
    assert code == 1 and failed["url"] == url and "E203" in failed["error"] and "10.0.0.7" in failed["error"]
    assert len(feed_server.hits("/moved.xml")) == 1 and _count(db, "articles") == 0
