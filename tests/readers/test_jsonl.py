"""The JSON reader: .jsonl lines and .json documents, record fields, bad records among good ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from newsweave.data import Article, Failure
from newsweave.errors import Errors
from newsweave.readers import jsonl
from newsweave.readers.base import ReadOptions

from .conftest import PARAGRAPHS, article_html

BODY = " ".join(PARAGRAPHS)


def read(path: Path) -> list[Article | Failure]:
    return list(jsonl.read_path(path, ReadOptions()))


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_with_fields(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {
            "id": "a-1",
            "text": BODY,
            "title": "Port late",
            "url": "https://x.example/a",
            "outlet": "X",
            "published": "2026-01-14T09:30:00+09:00",
            "tags": ["ignored"],
            "score": 3,
        },
        {"text": "Plain body without a title, long enough to stand as an article of its own."},
    ]
    path = write_lines(tmp_path / "in.jsonl", [json.dumps(records[0]), "", "   ", json.dumps(records[1])])
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == f"{path}#a-1"
    assert (first.title, first.url, first.outlet) == ("Port late", "https://x.example/a", "X")
    assert first.published == datetime(2026, 1, 14, 9, 30, tzinfo=timezone(timedelta(hours=9)))
    assert first.source_kind == "json"
    assert second.source == f"{path}#line-4"  # blank lines skipped but counted
    assert second.title == ""
    assert second.published is None


def test_html_record_goes_through_the_extractor(tmp_path: Path) -> None:
    record = {"id": 7, "html": article_html(), "url": "https://x.example/p", "published": "2026-01-14"}
    (article,) = read(write_lines(tmp_path / "in.jsonl", [json.dumps(record)]))
    assert isinstance(article, Article)
    assert article.title == "Port terminal to open two years late"
    assert article.text == "\n".join(PARAGRAPHS)
    assert article.published == datetime(2026, 1, 14, tzinfo=UTC)
    assert article.source == f"{tmp_path / 'in.jsonl'}#7"
    assert article.source_kind == "json"


def test_bad_line_and_bad_records_fail_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY}),
        '{"text": "unterminated',
        json.dumps({"id": "d", "text": BODY, "published": "next Tuesday"}),
        json.dumps({"id": "e", "title": "no body"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": BODY + " Last."}),
    ]
    path = write_lines(tmp_path / "in.jsonl", lines)
    results = read(path)
    assert [type(result).__name__ for result in results] == [
        "Article",
        "Failure",
        "Failure",
        "Failure",
        "Failure",
        "Article",
    ]
    bad_json, bad_date, no_body, not_object = results[1:5]
    assert isinstance(bad_json, Failure) and bad_json.code == Errors.BAD_JSON.code
    assert bad_json.source == f"{path}#line-2" and "at line 2" in bad_json.reason
    assert isinstance(bad_date, Failure) and bad_date.code == Errors.BAD_DATE.code
    assert bad_date.source == f"{path}#d" and "next Tuesday" in bad_date.reason
    assert isinstance(no_body, Failure) and no_body.code == Errors.BAD_RECORD.code
    assert isinstance(not_object, Failure) and "not an object" in not_object.reason


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "many.json"
    array.write_text(json.dumps([{"text": BODY}, {"id": "x", "text": BODY, "title": "T"}, 5]), "utf-8")
    results = read(array)
    assert [result.source for result in results] == [f"{array}#item-1", f"{array}#x", f"{array}#item-3"]
    assert isinstance(results[2], Failure)
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": BODY, "title": "One"}), "utf-8")
    (article,) = read(single)
    assert isinstance(article, Article) and article.title == "One"


def test_json_file_holding_json_lines_is_read_as_lines(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "mixup.json", [json.dumps({"text": BODY}), json.dumps({"text": BODY + "!"})]
    )
    assert all(isinstance(result, Article) for result in read(path))
    assert len(read(path)) == 2
