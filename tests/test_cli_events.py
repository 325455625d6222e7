"""`newsweave events` and `newsweave relations` over a store with hand-built events (no models)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli.main import main
from newsweave.config import load_config
from newsweave.data import Actor, Article, Event
from newsweave.events.export import TSV_COLUMNS
from newsweave.ingest.stage import ingest_articles
from newsweave.store import open_store
from newsweave.store.analysis_rows import ArticleAnalysis


def _event(article: Article, category: str, cameo: str, goldstein: float, quad: str, source: Actor,
           target: Actor | None, day: str, *, reciprocal: bool = False) -> Event:  # fmt: skip
    quote = article.text.split(". ")[0]
    return Event(
        article_id=article.id, sentence=0, start=0, end=len(quote), quote=quote, category=category,
        cameo=cameo, goldstein=goldstein, quad_class=quad, confidence=0.9, source=source, target=target,
        reciprocal=reciprocal, date=day, place_name="Seoul", place_country="KOR", lat=37.57, lon=126.98,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Three articles: two reports of one meeting (one story), one protest (no story)."""
    path = str(tmp_path / "cli_events.db")
    published = datetime(2026, 1, 14, tzinfo=UTC)
    # Texts of at least [ingest] min_text_chars (80), or ingest drops them.
    meeting_a = Article(title="Summit", text="Lee met Takaichi in Seoul on Tuesday. They talked about trade, "
                        "history and the seafood ban for two hours.", published=published)  # fmt: skip
    meeting_b = Article(title="Talks", text="Takaichi and Lee held talks in Seoul. Both said the meeting "
                        "went well and promised to meet again next year.", published=published)  # fmt: skip
    protest = Article(title="Protest", text="Protesters rallied against Japan in Seoul. Police watched the "
                      "crowd of several hundred people from a distance.", published=published)  # fmt: skip
    kor, jpn = Actor("Lee", "KOR", "GOV"), Actor("Takaichi", "JPN", "GOV")
    with open_store(path) as store:
        report = ingest_articles([meeting_a, meeting_b, protest], store, load_config(None))
        assert report.counts["new"] == 3
        cooperation, conflict = "verbal cooperation", "material conflict"
        events = {
            meeting_a.id: [_event(meeting_a, "CONSULT", "040", 1.0, cooperation, kor, jpn, "2026-01-13",
                                  reciprocal=True)],
            meeting_b.id: [_event(meeting_b, "CONSULT", "040", 1.0, cooperation, jpn, kor, "2026-01-13",
                                  reciprocal=True)],
            protest.id: [_event(protest, "PROTEST", "141", -6.5, conflict, Actor("Protesters", "KOR", "CVL"),
                                Actor("Japan", "JPN", "GOV"), "2026-01-10")],
        }  # fmt: skip
        for article_id, found in events.items():
            store.analysis.save(ArticleAnalysis(article_id, language="en", events=found))
        store.stories.save({meeting_a.id: "story-meeting", meeting_b.id: "story-meeting"},
                           {"story-meeting": "Summit"})  # fmt: skip
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_events_json_deduplicates_per_story(db: str) -> None:
    code, out, _ = _run("events", "--db", db)
    assert code == 0
    found = json.loads(out)
    assert [e["category"] for e in found] == ["PROTEST", "CONSULT"]  # date order
    meeting = found[1]
    assert meeting["story_id"] == "story-meeting" and len(meeting["sources"]) == 2
    assert {"category", "cameo", "goldstein", "source", "target", "place", "date", "article_id", "quote",
            "sources", "date_from_published"} <= set(meeting)  # fmt: skip
    assert found[0]["story_id"] is None  # an article in no story is a story of its own


def test_events_filters(db: str) -> None:
    _code, out, _ = _run("events", "--db", db, "--story", "story-m")
    assert [e["category"] for e in json.loads(out)] == ["CONSULT"]
    _code, out, _ = _run("events", "--db", db, "--since", "2026-01-12", "--actor", "Japan")
    assert [e["category"] for e in json.loads(out)] == ["CONSULT"]
    _code, out, _ = _run("events", "--db", db, "--actor", "FRA")
    assert json.loads(out) == []


def test_events_csv_and_tsv(db: str) -> None:
    _code, out, _ = _run("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["category"] for r in rows] == ["PROTEST", "CONSULT"] and rows[1]["source_count"] == "2"
    _code, out, _ = _run("events", "--db", db, "--format", "tsv")
    lines = out.splitlines()
    assert lines[0].split("\t") == list(TSV_COLUMNS) and len(lines) == 3
    assert all(len(line.split("\t")) == len(TSV_COLUMNS) for line in lines)


def test_events_bad_options(db: str) -> None:
    code, _out, err = _run("events", "--db", db, "--actor", "Atlantis")
    assert code == 2 and "Atlantis" in err
    code, _out, err = _run("events", "--db", db, "--since", "yesterday")
    assert code == 2 and "yesterday" in err
    code, _out, err = _run("events", "--db", db, "--story", "nope")
    assert code == 1 and "E305" in err


def test_relations_json_csv_and_plot(db: str, tmp_path: Path) -> None:
    plot = tmp_path / "kor_jpn.png"
    code, out, err = _run("relations", "KOR", "Japan", "--db", db, "--plot", str(plot))
    assert code == 0 and str(plot) in err and out == ""  # asked for a plot: no data dumped
    assert plot.read_bytes()[:4] == b"\x89PNG"
    code, out, err = _run("relations", "KOR", "Japan", "--db", db, "--format", "json")
    data = json.loads(out)
    assert data["countries"] == ["KOR", "JPN"]
    assert [(r["period_start"], r["events"], r["goldstein"]) for r in data["series"]] == [
        ("2026-01-10", 1, -6.5), ("2026-01-13", 1, 1.0)]  # fmt: skip
    code, out, _ = _run("relations", "KOR", "JPN", "--db", db, "--format", "csv", "--period", "week")
    assert code == 0
    assert out.splitlines()[1:] == ["2026-01-05,1,-6.5,0,1,-6.5,0.0", "2026-01-12,1,1.0,1,0,0.0,0.0"]
