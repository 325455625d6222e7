"""The command line without traps: read-only commands refuse a missing store, errors name what to do,
`config` prints every setting, lists are sorted tables with correct plurals."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from unittest.mock import ANY

import pytest
from click.testing import CliRunner

from newsweave.cli.main import main
from newsweave.events.relations import date_ticks

READ_ONLY = [
    ["articles"],
    ["stories"],
    ["storylines"],
    ["show", "abc"],
    ["entities"],
    ["brief", "abc"],
    ["search", "seafood"],
    ["events"],
    ["relations", "KOR", "JPN"],
    ["facts"],
    ["export", "--output", "out"],
    ["analyse"],
    ["recluster"],
    ["serve"],
]


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda command: command[0])
def test_commands_that_read_refuse_a_missing_store(command: list[str], tmp_path: Path) -> None:
    db = tmp_path / "nonexist.db"
    code, _, err = _run(*command, "--db", str(db))
    assert code == 1 and "E309" in err and str(db) in err and "newsweave ingest" in err
    assert not db.exists()


def test_default_store_is_not_made_in_the_wrong_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run("stories", env={"NEWSWEAVE_DB": ""})
    assert code == 1 and "E309" in err and not (tmp_path / "newsweave.db").exists()


def test_ids_that_name_the_wrong_thing_say_what_they_are(interop_db: Path) -> None:
    code, out, _ = _run("articles", "--db", str(interop_db))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "published", "outlet", "title"]
    days = [line.split()[1] for line in lines[1:]]
    assert days == sorted(days, reverse=True)  # newest first
    article_id = lines[1].split()[0]
    code, _, err = _run("brief", article_id, "--db", str(interop_db))
    assert code == 1 and "E305" in err and f"article {article_id}" in err and "newsweave brief " in err
    code, _, err = _run("show", "", "--db", str(interop_db))
    assert code == 1 and "E304" in err and "13 articles" in err and "and 8 more" in err


def test_plurals_and_tables(interop_db: Path) -> None:
    code, out, _ = _run("stories", "--db", str(interop_db))
    assert code == 0 and "1 report, 1 outlet" in out and "2 reports, 2 outlets" in out
    assert "1 reports" not in out and "1 outlets" not in out
    code, out, _ = _run("entities", "--db", str(interop_db), "--type", "person", "--limit", "3")
    rows = out.splitlines()
    assert code == 0 and rows[0].split()[:3] == ["id", "type", "country"] and len(rows) == 4
    assert all(row.split()[1] == "PERSON" for row in rows[1:])
    code, out, _ = _run("events", "--db", str(interop_db), "--format", "table")
    assert code == 0 and out.splitlines()[0].split()[:3] == ["date", "category", "cameo"]
    assert " 040 " in out  # codes as written, not numbers
    code, out, _ = _run("relations", "KOR", "JPN", "--db", str(interop_db), "--format", "table")
    assert code == 0 and out.splitlines()[0].split() == [
        "period",
        "events",
        "goldstein",
        "cooperation",
        "conflict",
    ]


def test_plot_dates_never_repeat() -> None:
    short = date_ticks([date(2026, 1, 10), date(2026, 1, 13)], "day")
    assert short == [date(2026, 1, d) for d in (10, 11, 12, 13)]
    long = date_ticks([date(2026, 1, 1), date(2026, 6, 30)], "day")
    assert len(long) <= 8 and len(set(long)) == len(long)
    weeks = date_ticks([date(2026, 1, 5), date(2026, 3, 30)], "week")
    assert all((tick - date(2026, 1, 5)).days % 7 == 0 for tick in weeks)


def test_config_prints_every_setting_and_where_it_came_from(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text("[brief]\nmax_facts = 9\n")
    code, out, _ = _run("--config", str(user), "config")
    assert code == 0 and f"configuration file: {user} (from --config)" in out
    parsed = tomllib.loads(out)  # the output is itself a configuration file
    assert parsed["brief"]["max_facts"] == 9 and parsed["store"]["default_db"] == "newsweave.db"
    assert f"max_facts = 9  # {user}" in out and "min_text_chars = 80  # default" in out
    code, out, _ = _run("--config", str(user), "config", "--json", "--db", "x.db")
    data = json.loads(out)
    assert data["store"]["from"] == "--db" and data["store"]["url"].endswith("/x.db")
    assert {"section": "brief", "key": "max_facts", "value": 9, "from": str(user)} in data["settings"]
    user.write_text("[brief]\nmax_fact = 9\n")
    code, _, err = _run("--config", str(user), "config")
    assert code == 1 and "E401" in err and "brief.max_fact" in err and "`newsweave config`" in err


def test_datasette_metadata_is_keyed_by_the_file_and_its_queries_run(interop_db: Path, db_copy: Path) -> None:
    import sqlite3

    code, out, _ = _run("datasette-metadata", "--db", str(db_copy))
    metadata = json.loads(out)
    (name,) = metadata["databases"]
    assert code == 0 and name == db_copy.stem
    assert _run("facts", "--db", str(db_copy))[0] == 0  # briefs kept, so the queries have rows
    with sqlite3.connect(db_copy) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(metadata["databases"][name]["tables"]) <= tables
        for query in metadata["databases"][name]["queries"].values():
            rows = connection.execute(query["sql"], {"phrase": "school"}).fetchall()
            assert rows, query["title"]


def test_terminal_text_takes_out_markdown_escapes() -> None:
    from newsweave.brief.md_text import md_escape, terminal_text

    escaped = md_escape(r"ECB+ 12_19ecb: [draft] *not* bold, C:\path")
    assert "\\_" in escaped and terminal_text(escaped) == r"ECB+ 12_19ecb: [draft] *not* bold, C:\path"


def test_stories_filter_as_the_web_app_does(interop_db: Path) -> None:
    def ids(*args: str) -> list[str]:
        code, out, err = _run("stories", "--db", str(interop_db), "--json", *args)
        assert code == 0, err
        return [story["id"] for story in json.loads(out)]

    every = ids()
    march = ids("--since", "2026-03-01")
    assert march and set(march) < set(every)
    assert set(ids("--until", "2026-02-28")) == set(every) - set(march)
    assert len(ids("--outlet", "outlet-a")) == 1 and ids("--outlet", "No Such Outlet") == []
    assert ids("--entity", "Wi Sung-lack") == ids("--outlet", "outlet-b")  # the seeds' story
    assert ids("--limit", "2") == every[:2]
    code, _, err = _run("stories", "--db", str(interop_db), "--entity", "Nobody Atall")
    assert code == 1 and "E311" in err
    code, _, err = _run("stories", "--db", str(interop_db), "--since", "someday")
    assert code == 1 and "E113" in err


def test_progress_off_a_terminal_is_log_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from newsweave.cli.common import PROGRESS_LINE_S, ProgressLines

    ticks = iter([0.0, 1.0, PROGRESS_LINE_S + 1, PROGRESS_LINE_S + 2, 2 * PROGRESS_LINE_S + 5])
    lines = ProgressLines(40, "ingesting", clock=lambda: next(ticks))
    lines.advance(1)  # 1 s in: no line yet
    lines.advance(19)  # 11 s in: a line
    lines.advance("an input")
    lines.finish()
    err = capsys.readouterr().err.splitlines()
    assert err == ["ingesting: 20/40 (50%), 1.8 per second", "ingesting: 21/40 (52%), 0.8 per second"]


def test_a_long_ingest_off_a_terminal_logs_its_progress(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"report{number}.txt").write_text(
            f"Report {number}\n" + "The harbour reopened on Monday. " * 10
        )
    config = tmp_path / "c.toml"
    config.write_text("[ingest]\nprogress_bar_min_inputs = 2\n")
    code, _, err = _run(
        "--config", str(config), "ingest", str(tmp_path), "--db", str(tmp_path / "p.db"), "--no-analyse"
    )
    assert code == 0 and "ingesting: 3/3 (100%)" in err
    code, out, err = _run(
        "--config",
        str(config),
        "ingest",
        str(tmp_path),
        "--db",
        str(tmp_path / "j.db"),
        "--no-analyse",
        "--json",
    )
    assert code == 0 and json.loads(out)["new"] == 3
    assert json.loads(err.splitlines()[-1]) == {
        "stage": "ingesting",
        "done": 3,
        "total": 3,
        "per_second": ANY,
    }
    code, out, err = _run(
        "--config",
        str(config),
        "ingest",
        str(tmp_path),
        "--db",
        str(tmp_path / "q.db"),
        "--no-analyse",
        "--quiet",
    )
    assert code == 0 and out == "" and err == ""


def test_story_assignment_reports_progress_too(db_copy: Path, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[ingest]\nprogress_bar_min_inputs = 2\n")
    code, _, err = _run("--config", str(config), "recluster", "--db", str(db_copy))
    assert code == 0 and "stories: 13/13 (100%)" in err
