"""Briefs kept in the store: facts and discrepancies as rows, rebuilt when a story changes, searched
with `newsweave facts` and plain SQL."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsweave.brief.saved import refresh_briefs, saved_brief
from newsweave.cli.main import main
from newsweave.library import Newsweave
from newsweave.store import open_store


def _facts(db: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["facts", "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def _sql(db: Path, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(query, params).fetchall()


def test_brief_command_keeps_the_whole_brief(db_copy: Path) -> None:
    (story_id,) = [
        row[0] for row in _sql(db_copy, "SELECT id FROM stories WHERE title LIKE 'Lee Jae Myung%'")
    ]
    assert _sql(db_copy, "SELECT count(*) FROM facts") == [(0,)]
    result = CliRunner().invoke(main, ["brief", story_id[:8], "--db", str(db_copy), "--format", "json"])
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    (count,) = _sql(db_copy, "SELECT fact_count FROM briefs WHERE story_id = ?", story_id)[0]
    assert count == shown["fact_count"] and len(shown["facts"]) <= count
    rows = _sql(db_copy, "SELECT text, status FROM facts WHERE story_id = ? AND shown ORDER BY idx", story_id)
    assert rows == [(fact["text"], fact["status"]) for fact in shown["facts"]]
    naming = _sql(
        db_copy,
        "SELECT c.value FROM discrepancies d JOIN discrepancy_claims c"
        " ON c.story_id = d.story_id AND c.discrepancy_idx = d.idx WHERE d.kind = 'naming'",
    )
    assert sorted(value for (value,) in naming) == ["Wi Sung-lac", "Wi Sung-lack"]


def test_facts_filters_agree_with_sql(db_copy: Path) -> None:
    disputed = _facts(db_copy, "--status", "disputed")
    assert len(disputed) >= 2 and {fact["status"] for fact in disputed} == {"disputed"}
    in_sql = _sql(db_copy, "SELECT story_id, idx FROM facts WHERE status = 'disputed' ORDER BY story_id, idx")
    assert sorted((fact["story_id"], fact["idx"]) for fact in disputed) == in_sql
    assert all(fact["sources"] and fact["sources"][0]["quote"] for fact in disputed)

    march = _facts(db_copy, "--since", "2026-03-01", "--all")
    assert march and {fact["story_id"] for fact in march} == {
        row[0] for row in _sql(db_copy, "SELECT id FROM stories WHERE title LIKE 'Bank of Canada%'")
    }
    assert len(_facts(db_copy, "--since", "2026-03-01")) <= len(march)  # the default brief's facts only

    schools = _facts(db_copy, "--search", "schools closed", "--all")
    assert schools and all("school" in json.dumps(fact).lower() for fact in schools)

    adviser = _facts(db_copy, "--entity", "wi sung-lac", "--all")
    assert adviser and all("Wi Sung-lac" in json.dumps(fact, ensure_ascii=False) for fact in adviser)
    assert len(_facts(db_copy, "--outlet", "outlet-a", "--all")) < len(_facts(db_copy, "--all"))


def test_facts_errors_name_what_was_not_found(db_copy: Path) -> None:
    result = CliRunner().invoke(main, ["facts", "--db", str(db_copy), "--entity", "Nobody Atall"])
    assert result.exit_code == 1 and "E311" in result.output and "Nobody Atall" in result.output
    result = CliRunner().invoke(main, ["facts", "--db", str(db_copy), "--story", "ffffffff"])
    assert result.exit_code == 1 and "E305" in result.output
    result = CliRunner().invoke(main, ["facts", "--db", str(db_copy), "--search", "zzzzqqqq"])
    assert result.exit_code == 0 and "No matching facts." in result.output


def test_a_changed_story_gets_its_brief_rebuilt(db_copy: Path) -> None:
    with open_store(str(db_copy)) as store:
        first = refresh_briefs(store)
        assert len(first.built) == store.stories.count() and first.current == 0
        again = refresh_briefs(store)
        assert again.built == [] and again.current == len(first.built)
        # A new analysis of one article (as `analyse --redo` does) makes its story's brief stale.
        story = store.stories.records()[0]
        with store.atomic() as connection:
            connection.exec_driver_sql(
                "UPDATE articles SET analysed_at = ? WHERE id = ?",
                (datetime(2030, 1, 1, tzinfo=UTC).isoformat(), story.articles[0].id),
            )
        assert refresh_briefs(store).built == [story.id]
        kept = store.briefs.load(story.id)
        assert kept is not None and kept[1] == saved_brief(store, story.id)


def test_a_read_only_store_still_gives_its_brief(db_copy: Path) -> None:
    with open_store(str(db_copy)) as store:
        story_id = store.stories.records()[0].id
    # SQLite's read-only mode (a file permission would not stop root, who runs CI).
    with open_store(f"sqlite:///file:{db_copy}?mode=ro&uri=true") as store:
        brief = saved_brief(store, story_id)
        assert brief["facts"] and store.briefs.load(story_id) is None


def test_story_facts_through_the_library(news: Newsweave) -> None:
    story = next(s for s in news.stories() if s.title.startswith("Storm Orla"))
    facts = story.facts(status="disputed")
    assert facts and facts[0]["story_id"] == story.id
    assert [f["text"] for f in story.brief(all_facts=True)["facts"] if f["status"] == "disputed"] == [
        f["text"] for f in sorted(facts, key=lambda f: f["idx"])
    ]


def test_until_a_day_keeps_that_whole_day(db_copy: Path) -> None:
    day = _facts(db_copy, "--since", "2026-03-11", "--until", "2026-03-11", "--all")
    assert day and {fact["story_id"] for fact in day} == {
        row[0] for row in _sql(db_copy, "SELECT id FROM stories WHERE title LIKE 'Bank of Canada%'")
    }
