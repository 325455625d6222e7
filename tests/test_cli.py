"""The command line: thin commands over the library, JSON output, exit codes, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsweave.cli.main import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_articles_show_round_trip(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "s.db")
    code, out, _ = _run("ingest", str(seeds_dir), "--db", db, "--published", "2026-01-14", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["read"], report["new"], report["failed"]) == (2, 2, 0)

    code, out, _ = _run("articles", "--db", db, "--json")
    listed = json.loads(out)
    assert len(listed) == 2 and {a["published"][:10] for a in listed} == {"2026-01-14"}
    assert set(listed[0]) == {"id", "url", "outlet", "published", "title", "duplicate_of"}

    seed_000 = next(a for a in listed if a["title"].startswith("South Korean"))
    code, out, _ = _run("show", seed_000["id"][:8], "--db", db, "--json")
    shown = json.loads(out)
    assert shown["removed"][0]["reason"] == "comment-policy"
    assert shown["text"].rstrip().endswith("economic challenges.")

    code, out, _ = _run("show", seed_000["id"], "--db", db)
    assert code == 0 and "Removed as boilerplate:" in out and "[comment-policy]" in out

    code, out, _ = _run("ingest", str(seeds_dir), "--db", db)
    assert code == 0 and "new 0" in out and "already stored 2" in out
    assert "outlets guessed from URL hosts and file names" in out and "000_dc8acf547435bd15 (1)" in out
    code, out, _ = _run("ingest", str(seeds_dir), "--db", str(tmp_path / "named.db"), "--outlet", "Wire")
    assert code == 0 and "guessed" not in out


def test_ingest_exits_1_and_names_each_failed_input(tmp_path: Path, seeds_dir: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 20)
    code, out, err = _run("ingest", str(seeds_dir), str(junk), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert "new 2" in out and "failed 1" in out
    assert str(junk) in err and "E105" in err


def test_unknown_article_and_bad_date_are_one_line_errors(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = _run("ingest", str(seeds_dir), "--db", db, "--published", "last tuesday")
    assert code == 1 and "E113" in err
    assert not Path(db).exists()
    code, _, err = _run("ingest", str(seeds_dir), "--db", db, "--no-analyse")
    code, _, err = _run("show", "ffff", "--db", db)
    assert code == 1 and "E303" in err and "Traceback" not in err


def test_db_from_environment(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "env.db"
    result = CliRunner(env={"NEWSWEAVE_DB": str(db)}).invoke(main, ["ingest", str(seeds_dir)])
    assert result.exit_code == 0 and db.exists()


def test_the_story_list_says_when_reports_name_no_outlet(tmp_path: Path, seeds_dir: Path) -> None:
    # JSON-lines records without URL or outlet are sources of their own, not "0 outlets".
    records = tmp_path / "wire.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for seed in sorted(seeds_dir.glob("*.txt")):
            title, _, text = seed.read_text(encoding="utf-8").partition("\n")
            out.write(json.dumps({"title": title, "text": text, "published": "2026-01-14"}) + "\n")
    db = str(tmp_path / "s.db")
    code, out, _ = _run("ingest", str(records), "--db", db)
    assert code == 0 and "guessed" not in out
    code, out, _ = _run("stories", "--db", db)
    assert code == 0 and "2 reports, no outlet named" in out
    story_id = out.split()[0]
    for form in ("md", "html"):  # the brief's header says so too
        code, out, _ = _run("brief", story_id, "--db", db, "--format", form)
        assert code == 0 and "2 reports from no outlet named" in " ".join(out.split())
    code, out, _ = _run("ingest", str(seeds_dir), "--db", str(tmp_path / "files.db"))
    code, out, _ = _run("stories", "--db", str(tmp_path / "files.db"))
    assert "2 reports, 2 outlets" in out
