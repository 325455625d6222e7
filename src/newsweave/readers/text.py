"""Plain-text articles: the first non-empty line is the title, the rest the body (the seeds' format)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsweave.data import Article
from newsweave.errors import Errors, InputError
from newsweave.readers.base import ReadOptions, ReadResult, decode_text, read_file_bytes

# Two or more blank lines in a row carry no more structure than one: paragraphs stay apart, runs of
# empty lines (left by copy-paste from web pages) shrink to a single blank line.
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_plain_text(text: str) -> str:
    """Text with CRLF/CR made LF, trailing spaces and form feeds gone, blank-line runs shortened."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def split_title(text: str) -> tuple[str, str]:
    """(title, body): the first non-empty line and everything after it, both cleaned."""
    cleaned = clean_plain_text(text)
    title, _, body = cleaned.lstrip("\n").partition("\n")
    return title.strip(), body.strip("\n")


def article_from_text(text: str, *, source: str) -> Article:
    """One article from the text of a ``.txt`` file; ``InputError`` when there is no body."""
    title, body = split_title(text)
    if not body.strip():
        raise InputError(Errors.NO_TEXT, source=source, why="the file has a title line but no body")
    return Article(title=title, text=body, source=source, source_kind="txt")


def read_path(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """The article of one ``.txt`` file (gzipped or not)."""
    source = str(path)
    yield article_from_text(decode_text(read_file_bytes(path, options), source), source=source)
