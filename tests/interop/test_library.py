"""The library API: docs/library.md's example runs as written, and the API agrees with the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsweave
from newsweave.cli.main import main
from newsweave.errors import StoreError
from newsweave.library import Newsweave
from newsweave.shapes import json_default

DOC = Path(__file__).resolve().parents[2] / "docs" / "library.md"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def test_the_documented_example_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), re.S)
    exec(compile(code, str(DOC), "exec"), {"DB": tmp_path / "example.db", "SEEDS": SEEDS})
    printed = capsys.readouterr().out
    assert "2 reports from" in printed and "Wi Sung-lac" in printed and "CONSULT" in printed


def test_importing_loads_nothing_and_open_refuses_a_missing_store(tmp_path: Path) -> None:
    import subprocess
    import sys

    heavy = "('numpy', 'sqlalchemy', 'spacy')"
    check = f"import newsweave, sys; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    with pytest.raises(StoreError, match="E309"):
        newsweave.open(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_the_api_gives_what_the_cli_gives(news: Newsweave, db_copy: Path) -> None:
    def cli(*args: str) -> object:
        result = CliRunner().invoke(main, [*args, "--db", str(db_copy), "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert [s.id for s in news.stories()] == [s["id"] for s in cli("stories")]  # type: ignore[index, union-attr]
    assert [e.id for e in news.entities()] == [e["id"] for e in cli("entities")]  # type: ignore[index, union-attr]
    assert news.events() == json.loads(CliRunner().invoke(main, ["events", "--db", str(db_copy)]).stdout)
    story = news.story(news.stories()[0].id[:6])
    assert "Story(" in repr(story) and story.render("md").startswith("# ")
    facts = news.facts(status="disputed", all_facts=True)
    assert json.loads(json.dumps(facts, default=json_default)) == cli(
        "facts", "--status", "disputed", "--all"
    )
    lee = news.entities(name="lee jae myung")
    assert lee and lee[0].type == "PERSON"
    hits = news.search("seafood")
    assert hits and all(hit["story_id"] for hit in hits)
    assert news.relations("KOR", "JPN")["series"]
