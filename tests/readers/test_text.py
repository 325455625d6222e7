"""The .txt reader: title line, body with its paragraphs, line endings and spaces normalised."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsweave.data import Article
from newsweave.errors import Errors, InputError
from newsweave.readers import text
from newsweave.readers.base import ReadOptions

SEED_TITLE = "South Korean and Japanese leaders discuss trade pact and seafood ban"
SEED_START = (
    f"{SEED_TITLE}\n\n"
    "South Korean President Lee Jae Myung and Japanese Prime Minister Sanae Takaichi held summit talks.\n"
    "The meeting aimed to strengthen ties between the key US allies in East Asia.\n"
)


def read_one(path: Path) -> Article:
    (article,) = list(text.read_path(path, ReadOptions()))
    assert isinstance(article, Article)
    return article


def test_seed_format_gives_title_and_body(tmp_path: Path) -> None:
    path = tmp_path / "000_seed.txt"
    path.write_text(SEED_START, encoding="utf-8")
    article = read_one(path)
    assert article.title == SEED_TITLE
    assert article.text.startswith("South Korean President Lee Jae Myung")
    assert article.text.endswith("East Asia.")
    assert article.source == str(path)
    assert article.source_kind == "txt"


def test_crlf_trailing_spaces_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\r\n\r\n  Headline here  \r\nFirst paragraph.   \r\n\r\n\r\n\r\nSecond one.\t\r\n")
    article = read_one(path)
    assert article.title == "Headline here"
    assert article.text == "First paragraph.\n\nSecond one."


def test_gzipped_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(SEED_START.encode("utf-8")))
    assert read_one(path).title == SEED_TITLE


def test_title_without_body_is_no_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Only a headline\n\n   \n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(text.read_path(path, ReadOptions()))
    assert caught.value.code == Errors.NO_TEXT.code


def test_split_title_keeps_body_structure() -> None:
    assert text.split_title("T\nA\nB\n\nC") == ("T", "A\nB\n\nC")
