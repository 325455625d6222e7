"""`newsweave brief`: the seeds' story as JSON in DESIGN.md §4's shape, Markdown and a standalone page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli.main import main

SEEDS = Path(__file__).parent / "data" / "seeds"
BRIEF_KEYS = {
    "story", "summary", "facts", "fact_count", "discrepancies", "entities", "events", "timeline", "coverage",
    "not_compared",
}  # fmt: skip


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A store holding both seeds (one ingest per outlet), and the id of their story."""
    db = str(tmp_path_factory.mktemp("brief") / "seeds.db")
    for name, outlet in (("000_dc8acf547435bd15.txt", "outlet-a"), ("004_7611bd27aecda166.txt", "outlet-b")):
        code, _, err = _run(
            "ingest", str(SEEDS / name), "--db", db, "--outlet", outlet, "--published", "2026-01-14"
        )
        assert code == 0, err
    code, out, _ = _run("stories", "--db", db, "--json")
    (story,) = json.loads(out)
    return db, story["id"]


def test_json_brief_has_the_design_shape(seeded: tuple[str, str]) -> None:
    db, story_id = seeded
    code, out, _ = _run("brief", story_id[:8], "--db", db, "--format", "json")
    assert code == 0
    brief = json.loads(out)
    assert set(brief) == BRIEF_KEYS
    assert brief["story"]["id"] == story_id
    for fact in brief["facts"]:
        assert {"text", "status", "sources", "values", "note"} <= set(fact)
        assert fact["status"] in {"corroborated", "single_source", "disputed"}
        assert all(set(source) == {"article_id", "quote"} for source in fact["sources"])
    for item in brief["summary"]:
        assert set(item) == {"text", "sources"} and item["sources"]
    assert {entry["date"] for entry in brief["timeline"]} >= {"1942", "2011", "2013", "2026-01-13"}


def test_markdown_brief_names_both_spellings(seeded: tuple[str, str]) -> None:
    db, story_id = seeded
    code, out, _ = _run("brief", story_id, "--db", db)
    assert code == 0
    assert "Wi Sung-lac" in out and "Wi Sung-lack" in out
    assert "outlet-a" in out and "outlet-b" in out


def test_html_brief_is_written_to_a_file(seeded: tuple[str, str], tmp_path: Path) -> None:
    db, story_id = seeded
    page = tmp_path / "brief.html"
    code, out, err = _run("brief", story_id, "--db", db, "--format", "html", "--output", str(page))
    assert code == 0 and out == ""
    assert str(page) in err
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "Horyuji" in html and "<mark" in html


def test_an_unknown_story_is_a_clear_error(seeded: tuple[str, str]) -> None:
    db, _ = seeded
    code, _, err = _run("brief", "ffffffffffff", "--db", db)
    assert code == 1
    assert "E305" in err and "ffffffffffff" in err


def test_search_finds_the_story_by_words_and_by_meaning(seeded: tuple[str, str]) -> None:
    db, story_id = seeded
    code, out, _ = _run("search", "Chosei coal mine", "--db", db, "--json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 1 and hits[0]["story_id"] == story_id
    assert hits[0]["article"]["outlet"] == "outlet-b"
    code, out, _ = _run("search", "summit of Asian leaders about a trade bloc", "--db", db, "--semantic")
    assert code == 0 and story_id in out
    code, out, _ = _run("search", "zeppelin", "--db", db)
    assert code == 0 and "No matching articles." in out
