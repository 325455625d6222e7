"""What readers share: decoding, gzip, size caps, dates, defaults and input expansion."""

from __future__ import annotations

import dataclasses
import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsweave.config import load_config
from newsweave.data import Article
from newsweave.errors import Errors, InputError
from newsweave.readers import expand_inputs, reader_suffix
from newsweave.readers.base import (
    ReadOptions,
    apply_defaults,
    decode_text,
    guess_outlet,
    gunzip,
    parse_published,
    read_file_bytes,
)


def test_utf8_with_one_cp1252_line_keeps_its_utf8() -> None:
    data = (
        "Zürich café — naïve\n".encode() + "He said \u201cno\u201d.\n".encode("cp1252") + "Ålesund\n".encode()
    )
    assert decode_text(data, "s") == "Zürich café — naïve\nHe said \u201cno\u201d.\nÅlesund\n"


@pytest.mark.parametrize(
    ("codec", "sample"),
    [
        ("cp1252", "Le café était fermé. « Déjà vu », dit-il — très déçu. Où est la clé ?\n" * 3),
        ("shift_jis", "東京の港で新しいターミナルが開業した。\n関係者によると、二年遅れだという。\n" * 3),
        ("cp1251", "Новый терминал порта откроется в марте, на два года позже плана.\n" * 3),
    ],
)
def test_legacy_encodings_are_detected(codec: str, sample: str) -> None:
    assert decode_text(sample.encode(codec), "s") == sample


def test_declared_charset_wins_over_line_repair() -> None:
    sample = "ASCII line one\nASCII line two\nASCII line three\n東京の港\n"
    assert decode_text(sample.encode("shift_jis"), "s", declared="shift_jis") == sample


def test_bom_is_honoured() -> None:
    assert decode_text("\ufeffHello".encode("utf-16-le"), "s") == "Hello"
    assert decode_text(b"\xef\xbb\xbfHello", "s") == "Hello"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", Errors.EMPTY),
        (b" \n\t\r\n ", Errors.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Errors.BINARY),
        (bytes(range(1, 32)) * 20 + b"text", Errors.BINARY),
    ],
)
def test_decode_refuses(data: bytes, code: object) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "s")
    assert caught.value.kind is code


def test_gunzip_refuses_truncated_and_bombs() -> None:
    packed = gzip.compress(b"x" * 10_000)
    with pytest.raises(InputError) as caught:
        gunzip(packed[:-12], 1_000_000, "s")
    assert caught.value.kind is Errors.BAD_GZIP
    with pytest.raises(InputError) as caught:
        gunzip(packed, 100, "s")
    assert caught.value.kind is Errors.TOO_LARGE


def test_read_file_bytes_caps_and_gunzips(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(gzip.compress(b"hello world"))
    assert read_file_bytes(path, ReadOptions()) == b"hello world"
    small = ReadOptions(ingest=dataclasses.replace(load_config().ingest, max_input_bytes=5))
    with pytest.raises(InputError) as caught:
        read_file_bytes(path, small)
    assert caught.value.kind is Errors.TOO_LARGE


def test_parse_published() -> None:
    assert parse_published("2026-01-14") == datetime(2026, 1, 14, tzinfo=UTC)
    assert parse_published("2026-01-14T09:30:00Z") == datetime(2026, 1, 14, 9, 30, tzinfo=UTC)
    with pytest.raises(InputError) as caught:
        parse_published("soon", source="s")
    assert caught.value.kind is Errors.BAD_DATE and caught.value.source == "s"


def test_apply_defaults_fills_only_what_is_missing() -> None:
    when = datetime(2026, 1, 14, tzinfo=UTC)
    options = ReadOptions(outlet="Given", published=when)
    bare = apply_defaults(Article(title="t", text="x"), options)
    assert (bare.outlet, bare.published) == ("Given", when)
    own = apply_defaults(Article(title="t", text="x", url="https://www.site.example/a"), ReadOptions())
    assert (own.outlet, own.outlet_guessed) == ("site.example", True)  # ingest says it guessed
    assert not bare.outlet_guessed


def test_guess_outlet_from_host_or_single_article_file_name() -> None:
    assert guess_outlet(Article(title="t", text="x", url="https://www.site.example/a")) == "site.example"
    page = Article(title="t", text="x", source="/in/yonhap-2026-01-14.html.gz", source_kind="html")
    assert guess_outlet(page) == "yonhap-2026-01-14"
    # Records of one JSONL file are not one outlet: no guess rather than one source for all.
    record = Article(title="t", text="x", source="/in/wire.jsonl#line-3", source_kind="json")
    assert guess_outlet(record) is None


def test_reader_suffix_and_directory_expansion(tmp_path: Path) -> None:
    assert reader_suffix(Path("a.WARC.GZ")) == ".warc"
    assert reader_suffix(Path("a.txt")) == ".txt"
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "sub/a.jsonl", "sub/c.warc.gz", "notes.md", ".hidden/x.txt"):
        (tmp_path / name).write_text("x")
    expanded = [Path(item).relative_to(tmp_path).as_posix() for item in expand_inputs([str(tmp_path)])]
    assert expanded == ["b.txt", "sub/a.jsonl", "sub/c.warc.gz"]
