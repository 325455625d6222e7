"""Bad input through ``read_inputs``: each case is a Failure naming the input and saying why, and the
good input beside it in the same batch is still read."""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
from pathlib import Path

import pytest

from newsweave.config import load_config
from newsweave.data import Article, Failure
from newsweave.errors import ErrorKind, Errors
from newsweave.readers.base import ReadOptions

from .conftest import PARAGRAPHS, WarcRecord, article_html, articles, failures, read_all, warc_bytes

GOOD_TITLE = "Harbour terminal delayed"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A readable input that shares every batch with a bad one."""
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TITLE + "\n\n" + "\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    return path


def check_batch(bad: Path, good: Path, kind: ErrorKind, options: ReadOptions | None = None) -> Failure:
    """Read [bad, good]: one failure for ``bad`` with ``kind``'s code, and the good article after it."""
    results = read_all([bad, good], options)
    (failure,) = failures(results)
    assert failure.source.startswith(str(bad)), failure
    assert failure.code == kind.code, failure
    assert failure.reason and str(bad) in str(failure)
    assert [article.title for article in articles(results)] == [GOOD_TITLE]
    return failure


def test_random_bytes(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "junk.txt"
    bad.write_bytes(random.Random(7).randbytes(4096))
    assert "binary" in check_batch(bad, good, Errors.BINARY).reason


def test_png_named_html(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "logo.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64))
    assert "NUL" in check_batch(bad, good, Errors.BINARY).reason


@pytest.mark.parametrize(
    ("codec", "body"),
    [
        ("cp1252", "Le café était fermé. « Déjà vu », dit-il — très déçu."),
        ("latin-1", "Die Straße in Zürich war gesperrt, sagte der Bürgermeister."),
        ("shift_jis", "東京の港で新しいターミナルが開業した。関係者によると、二年遅れだという。"),
    ],
)
def test_legacy_encoding_is_decoded(tmp_path: Path, good: Path, codec: str, body: str) -> None:
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(f"Title\n\n{body}\n{body}\n".encode(codec))
    results = read_all([path, good])
    assert not failures(results)
    assert articles(results)[0].text == f"{body}\n{body}"


def test_utf8_with_one_cp1252_line(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Zürich talks\n\nThe mayor of Zürich — and Malmö — spoke.\n".encode()
        + "He said \u201cno\u201d to the plan.\n".encode("cp1252")
        + "Ålesund agreed.\n".encode()
    )
    results = read_all([path, good])
    assert not failures(results)
    text = articles(results)[0].text
    assert (
        text
        == "The mayor of Zürich — and Malmö — spoke.\nHe said \u201cno\u201d to the plan.\nÅlesund agreed."
    )


def test_empty_file(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert "empty" in check_batch(bad, good, Errors.EMPTY).reason


def test_whitespace_only_file(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "blank.jsonl"
    bad.write_bytes(b"  \n\t\r\n   \n")
    check_batch(bad, good, Errors.EMPTY)


def test_file_over_size_cap(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "big.txt"
    bad.write_text("Title\n\n" + "word " * 2000, encoding="utf-8")
    small = ReadOptions(ingest=dataclasses.replace(load_config().ingest, max_input_bytes=2000))
    failure = check_batch(bad, good, Errors.TOO_LARGE, small)
    assert "over the limit of 2000 bytes" in failure.reason


def test_truncated_gzip(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "cut.txt.gz"
    packed = gzip.compress(("Title\n\n" + "word " * 500).encode())
    bad.write_bytes(packed[: len(packed) // 2])
    assert "truncated" in check_batch(bad, good, Errors.BAD_GZIP).reason


def test_truncated_warc_gz(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "cut.warc.gz"
    records = [WarcRecord(f"https://news.example/{n}", article_html().encode()) for n in range(3)]
    data = warc_bytes(records, gzip=True)
    bad.write_bytes(data[: len(data) * 5 // 6])
    results = read_all([bad, good])
    (failure,) = failures(results)
    assert failure.source == str(bad) and failure.code == Errors.BAD_GZIP.code
    # The records before the damage are kept, then the good file is read.
    assert [article.source_kind for article in articles(results)] == ["warc", "warc", "txt"]


def test_truncated_warc_gz_in_first_record(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "cut.warc.gz"
    data = warc_bytes([WarcRecord("https://news.example/a", article_html().encode())], gzip=True)
    bad.write_bytes(data[: len(data) // 2])
    check_batch(bad, good, Errors.BAD_GZIP)


def test_malformed_warc(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"<html>this is a web page saved under the wrong name</html>\n")
    assert "WARC/" in check_batch(bad, good, Errors.BAD_WARC).reason


def test_malformed_warc_header(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc")
    check_batch(bad, good, Errors.BAD_WARC)


def test_garbage_html(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "garbage.html"
    bad.write_text("<<<>>> &&& </div></div><p <p <<< ??? >>>", encoding="utf-8")
    check_batch(bad, good, Errors.NO_TEXT)


def test_malformed_html_with_unclosed_tags_is_read(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "unclosed.html"
    path.write_text("<html><head><title>Port late</title><body><div><article><p>" + "<p><b>".join(PARAGRAPHS))
    results = read_all([path, good])
    assert not failures(results)
    assert PARAGRAPHS[2] in articles(results)[0].text


def test_hostile_html_never_reaches_the_text(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "hostile.html"
    hostile = (
        "<script>alert('xss-1')</script><p>An image <img src=x onerror=\"alert('xss-2')\"> here.</p>"
        "<style>.xss-3{}</style><a href=\"javascript:alert('xss-4')\">link</a>"
    )
    path.write_text(article_html(head="<script>alert('xss-0')</script>", extra_body=hostile))
    results = read_all([path, good])
    assert not failures(results)
    article = articles(results)[0]
    assert PARAGRAPHS[0] in article.text
    for marker in ("xss", "alert(", "onerror", "<script", "<img", "javascript:"):
        assert marker not in article.text and marker not in article.title


def test_malformed_json_line_among_good_ones(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "records.jsonl"
    line = json.dumps({"text": " ".join(PARAGRAPHS), "title": "Record"})
    path.write_text(f"{line}\n{{'single': quotes}}\n{line}\n", encoding="utf-8")
    results = read_all([path, good])
    (failure,) = failures(results)
    assert failure.source == f"{path}#line-2" and failure.code == Errors.BAD_JSON.code
    assert "at line 2" in failure.reason
    assert [article.title for article in articles(results)] == ["Record", "Record", GOOD_TITLE]


def test_malformed_json_document(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('[{"text": "a"}, {"text": ', encoding="utf-8")
    check_batch(bad, good, Errors.BAD_JSON)


def test_unknown_extension(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"PK\x03\x04")
    assert "'.docx'" in check_batch(bad, good, Errors.UNKNOWN_FORMAT).reason


def test_missing_file(tmp_path: Path, good: Path) -> None:
    check_batch(tmp_path / "nowhere.txt", good, Errors.NOT_FOUND)


def test_every_result_is_an_article_or_a_failure(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "empty.html"
    bad.write_bytes(b"")
    assert all(isinstance(result, Article | Failure) for result in read_all([bad, good, bad]))
