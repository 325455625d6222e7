"""A story with reports in other languages: the brief says which it could not compare, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.brief.languages import lang_tag, language_name
from newsweave.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data" / "multilingual"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def summit(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A store of the two English seeds and the Korean and Japanese reports of their summit; its story."""
    seeds = Path(__file__).resolve().parents[1] / "data" / "seeds"
    db = str(tmp_path_factory.mktemp("summit") / "s.db")
    for path in [*sorted(seeds.glob("*.txt")), DATA / "nara_ko.txt", DATA / "nara_ja.txt"]:
        _run("ingest", str(path), "--db", db, "--published", "2026-01-13", "--outlet", path.stem)
    stories = json.loads(_run("stories", "--db", db, "--json"))
    assert len(stories) == 1
    return db, stories[0]["id"]


def test_the_json_brief_lists_the_reports_in_other_languages_and_cites_their_sentences(
    summit: tuple[str, str],
) -> None:
    db, story = summit
    brief = json.loads(_run("brief", story, "--db", db, "--format", "json", "--all"))
    left = {item["outlet"]: item for item in brief["not_compared"]}
    assert set(left) == {"nara_ko", "nara_ja"}
    assert left["nara_ko"]["language"] == "ko" and left["nara_ko"]["language_name"] == "Korean"
    assert left["nara_ja"]["language_name"] == "Japanese"
    assert "no translation model" in left["nara_ko"]["reason"]
    korean = left["nara_ko"]["article_id"]
    # The Korean report states the eight-prefecture ban and the mine's 183 dead, 136 of them Korean:
    # those facts cite its sentence as written, and are corroborated by it.
    ban = next(fact for fact in brief["facts"] if "eight Japanese prefectures" in fact["text"])
    quote = next(source["quote"] for source in ban["sources"] if source["article_id"] == korean)
    assert "8개 현" in quote and ban["status"] == "corroborated"
    deaths = next(fact for fact in brief["facts"] if "183" in fact["text"] and "136" in fact["text"])
    quote = next(source["quote"] for source in deaths["sources"] if source["article_id"] == korean)
    assert "183명" in quote and "136명" in quote and deaths["status"] == "corroborated"
    assert left["nara_ko"]["supports"] >= 2
    # No fact is made of them: each is an English statement first, which they may support.
    foreign = {item["article_id"] for item in left.values()}
    for fact in brief["facts"]:
        assert fact["sources"][0]["article_id"] not in foreign
    # Coverage says what each compared outlet alone reports; of the others it could say nothing true.
    assert {outlet["outlet"] for outlet in brief["coverage"]}.isdisjoint({"nara_ko", "nara_ja"})
    # The people and places of the four reports are one entity each, every spelling with its report.
    lee = next(entity for entity in brief["entities"] if entity["name"] == "Lee Jae Myung")
    assert {alias["name"] for alias in lee["aliases"]} >= {"Lee Jae Myung", "이재명", "李在明"}


def test_markdown_and_html_say_it_and_show_each_text_in_its_language(summit: tuple[str, str]) -> None:
    db, story = summit
    markdown = _run("brief", story, "--db", db)
    assert "Not compared:" in " ".join(markdown.split())
    assert "(Korean)" in markdown and "(Japanese)" in markdown
    html = _run("brief", story, "--db", db, "--format", "html")
    assert 'class="not-compared"' in html and "(Korean)" in html
    assert 'lang="ko"' in html and 'lang="ja"' in html


def test_an_english_only_story_has_nothing_left_out(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "s.db")
    _run("ingest", str(seeds_dir), "--db", db, "--published", "2026-01-13")
    story = json.loads(_run("stories", "--db", db, "--json"))[0]["id"]
    brief = json.loads(_run("brief", story, "--db", db, "--format", "json"))
    assert brief["not_compared"] == []
    assert "Not compared" not in _run("brief", story, "--db", db)


def test_language_names_and_lang_attributes() -> None:
    assert [language_name(code) for code in ("ko", "ja", "es", "und")] == [
        "Korean",
        "Japanese",
        "Spanish",
        "an undetermined language",
    ]
    assert language_name("qq") == "qq"  # unknown codes are shown as they are
    assert [lang_tag(tag) for tag in ("ko", "pt-BR", "und", None, 'ko" onload="x', "")] == [
        "ko",
        "pt-BR",
        None,
        None,
        None,
        None,
    ]
