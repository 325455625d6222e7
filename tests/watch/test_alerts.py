"""Follows and alerts through `newsweave watch --once`: a followed entity's new story raises one alert,
a round of 304s raises nothing, a later report that contradicts a figure raises a discrepancy."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsweave.cli.main import main
from tests.watch.conftest import FeedServer, Route, seed_feed

# A third report of the seeds' summit, in its own words, that makes the two-day visit of both seeds a
# three-day one. (Ten prefectures for the seafood ban, or an 11-member CPTPP, would be missed today:
# both seeds date the ban, so their "eight" reads as background, and "12-member" is not read as a
# count of members; issue 13 tracks both.)
CONFLICTING = (
    "Seoul and Tokyo leaders agree to keep talking on trade pact",
    [
        "South Korean President Lee Jae Myung and Japanese Prime Minister Sanae Takaichi met in Nara on "
        "Tuesday for a summit on trade and history.",
        "Lee wrapped up a three-day visit to Japan on Wednesday, his second trip there in just over two "
        "months.",
        "Lee pressed Seoul's interest in joining the Comprehensive and Progressive Agreement for "
        "Trans-Pacific Partnership, the CPTPP trade pact that Japan leads.",
        "Takaichi raised South Korea's ban on seafood imports from eight Japanese prefectures, in place "
        "since the Fukushima nuclear disaster.",
        "The two leaders also agreed on DNA analysis of remains found at the Chosei undersea coal mine "
        "in Yamaguchi Prefecture, an official in Seoul said.",
        "It was the second meeting between Lee and Takaichi in just over two months.",
    ],
)


def _item(title: str, paragraphs: list[str]) -> str:
    body = html.escape("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))
    return (
        f"<item><title>{html.escape(title)}</title><link>https://outlet-c.example/nara</link>"
        f"<guid>outlet-c-nara</guid><pubDate>Wed, 14 Jan 2026 11:00:00 GMT</pubDate>"
        f"<content:encoded>{body}</content:encoded></item>"
    )


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _once(db: Path) -> dict[str, Any]:
    code, out, err = _run("watch", "--once", "--all", "--allow-private", "--db", str(db), "--json")
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def test_follow_alerts_once_then_nothing_then_a_new_discrepancy(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    _run("sources", "add", feed_server.url("/a.xml"), feed_server.url("/b.xml"), "--db", str(db))
    code, out, _ = _run("follow", "entity", "Takaichi", "--db", str(db))
    assert code == 0 and 'now following entity "Takaichi"' in out and "0 current matches" in out

    first = _once(db)
    assert len(first["alerts"]) == 1, first["alerts"]
    (alert,) = first["alerts"]
    assert alert["title"].startswith("New story: ") and "Japan" in alert["title"]
    assert alert["kind"] == "new_story" and alert["story_id"]
    assert "1 discrepancy" in (alert["detail"] or "")  # Wi Sung-lac / Wi Sung-lack, said in the one alert

    second = _once(db)
    assert second["not_modified"] == 2 and second["alerts"] == []

    feed_server.routes["/a.xml"] = Route(seed_feed("a", _item(*CONFLICTING)), etag='"a2"')
    third = _once(db)
    assert third["new_articles"] == 1
    kinds = [a["kind"] for a in third["alerts"]]
    assert kinds == ["discrepancy"], third["alerts"]
    assert "three-day" in third["alerts"][0]["detail"] and "two-day" in third["alerts"][0]["detail"]

    code, out, _ = _run("alerts", "--db", str(db), "--unread", "--json")
    unread = json.loads(out)
    assert [a["kind"] for a in unread] == ["discrepancy", "new_story"]
    _run("alerts", "--db", str(db), "--mark-read")
    assert json.loads(_run("alerts", "--db", str(db), "--unread", "--json")[1]) == []
    code, out, _ = _run("follows", "--db", str(db))
    assert code == 0 and 'entity "Takaichi"' in out
    _check_feeds(db, unread)


def _check_feeds(db: Path, raised: list[dict[str, Any]]) -> None:
    """The alerts as Atom feeds a feed reader parses, and on the alerts page; the story's reports too."""
    import feedparser
    from fastapi.testclient import TestClient

    from newsweave.web.app import create_app

    application = create_app(str(db), create=False)
    try:
        with TestClient(application) as client:
            every = client.get("/alerts.atom")
            assert every.status_code == 200 and every.headers["content-type"].startswith(
                "application/atom+xml"
            )
            parsed = feedparser.parse(every.content)
            assert not parsed.bozo and [e.title for e in parsed.entries] == [a["title"] for a in raised]
            assert len({e.id for e in parsed.entries}) == len(raised)
            follow_id = raised[0]["follow_id"]
            one = feedparser.parse(client.get(f"/follows/{follow_id}/feed.atom").content)
            assert 'entity "Takaichi"' in one.feed.title and len(one.entries) == len(raised)
            story_id = raised[0]["story_id"]
            story = feedparser.parse(client.get(f"/stories/{story_id}/feed.atom").content)
            assert len(story.entries) == 3 and story.entries[0].link.endswith(
                f"/articles/{story.entries[0].id.split(':')[-1]}"
            )
            assert client.get("/follows/ffffffff/feed.atom").status_code == 404
            page = client.get("/alerts").text
            assert f"/follows/{follow_id}/feed.atom" in page and "discrepancy" in page
            assert "&#34;" in page or "&quot;" in page  # the alert titles' quotes, escaped
    finally:
        application.state.web.close()


def test_a_follow_made_after_the_news_takes_it_as_seen(feed_server: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    _run("sources", "add", feed_server.url("/a.xml"), feed_server.url("/b.xml"), "--db", str(db))
    _once(db)
    code, out, _ = _run("follow", "search", "seafood ban", "--db", str(db))
    assert code == 0 and "1 current match taken as seen" in out
    code, out, _ = _run("follow", "pair", "South Korea", "Japan", "--db", str(db))
    assert code == 0 and "pair JPN-KOR" in out
    assert _once(db)["alerts"] == [] and json.loads(_run("alerts", "--db", str(db), "--json")[1]) == []
    follow_id = json.loads(_run("follows", "--db", str(db), "--json")[1])[0]["id"]
    code, out, _ = _run("unfollow", follow_id[:6], "--db", str(db))
    assert code == 0 and "no longer following" in out
    code, _, err = _run("unfollow", "ffffffff", "--db", str(db))
    assert code == 1 and "E313" in err
    code, _, err = _run("follow", "pair", "KOR", "--db", str(db))
    assert code == 2 and "two countries" in err


def test_alerts_are_posted_signed_to_a_webhook_once_and_retried_after_a_failure(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    import hashlib
    import hmac

    db, config = tmp_path / "w.db", tmp_path / "hook.toml"
    config.write_text(
        f'[watch]\nwebhook_url = "{feed_server.url("/hook")}"\nwebhook_secret = "s3cret"\n'
        "webhook_tries = 2\nwebhook_retry_s = 0.05\n"
    )
    feed_server.post_status[:] = [500, 503]  # the first round's two tries fail
    _run("sources", "add", feed_server.url("/a.xml"), feed_server.url("/b.xml"), "--db", str(db))
    _run("--config", str(config), "follow", "entity", "Takaichi", "--db", str(db))

    def once() -> dict[str, Any]:
        args = (
            "--config",
            str(config),
            "watch",
            "--once",
            "--all",
            "--allow-private",
            "--db",
            str(db),
            "--json",
        )
        _, out, err = _run(*args)
        report: dict[str, Any] = json.loads(out)
        report["stderr"] = err
        return report

    first = once()
    assert len(first["alerts"]) == 1 and first["delivered"] == 0 and "HTTP 503" in first["webhook_error"]
    assert "sent again after the next round" in first["stderr"] and len(feed_server.posted) == 2
    second = once()  # nothing new, but the alert still waits: delivered now
    assert second["alerts"] == [] and second["delivered"] == 1 and second["webhook_error"] is None
    headers, body = feed_server.posted[-1]
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["x-newsweave-signature"] == expected
    assert [alert["kind"] for alert in json.loads(body)["alerts"]] == ["new_story"]
    third = once()
    assert third["delivered"] == 0 and len(feed_server.posted) == 3  # no alert sent twice


def test_a_pair_follow_with_a_bound_alerts_on_the_days_past_it(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    _run("sources", "add", feed_server.url("/a.xml"), feed_server.url("/b.xml"), "--db", str(db))
    code, out, _ = _run("follow", "pair", "KOR", "JPN", "--above", "2", "--db", str(db))
    assert code == 0 and "pair JPN-KOR above 2" in out
    first = _once(db)
    assert [a["kind"] for a in first["alerts"]] == ["relations"], first["alerts"]
    (alert,) = first["alerts"]
    assert "JPN-KOR relations above 2" in alert["title"] and "2026-01-14" in alert["title"]
    assert _once(db)["alerts"] == []
    code, _, err = _run("follow", "entity", "Takaichi", "--below", "1", "--db", str(db))
    assert code == 2 and "only a pair" in err


def test_a_followed_story_alerts_on_each_new_report(feed_server: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    _run("sources", "add", feed_server.url("/a.xml"), feed_server.url("/b.xml"), "--db", str(db))
    _once(db)
    (story,) = json.loads(_run("stories", "--db", str(db), "--json")[1])
    code, out, _ = _run("follow", "story", story["id"][:8], "--db", str(db))
    assert code == 0 and "1 current match taken as seen" in out
    feed_server.routes["/a.xml"] = Route(seed_feed("a", _item(*CONFLICTING)), etag='"a2"')
    alerts = _once(db)["alerts"]
    assert sorted(a["kind"] for a in alerts) == ["discrepancy", "new_report"]
    (report,) = [a for a in alerts if a["kind"] == "new_report"]
    assert report["title"].startswith("New report: outlet-c.example: Seoul and Tokyo leaders agree")
    assert report["article_id"] and report["story_id"] == story["id"]
