"""Readers: turn files, directories and URLs into ``Article`` records, one module per source kind.

``read_inputs`` is the one entry point: it expands directories, picks the reader by extension (or
by what a URL serves), fills metadata the input lacks, and turns every error into a ``Failure``
naming the input, so one bad file never stops the batch.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from newsweave.data import Failure
from newsweave.errors import Errors, InputError
from newsweave.readers.base import (
    ReadIterator,
    ReadOptions,
    ReadResult,
    apply_defaults,
    printable,
    unexpected_failure,
)

__all__ = [
    "ReadOptions",
    "ReadResult",
    "expand_inputs",
    "finished",
    "read_input",
    "read_inputs",
    "within_budget",
]

# Extension -> reader module (imported lazily: `import newsweave` stays light).
READERS: dict[str, str] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "jsonl",
    ".jsonl": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}


def is_url(value: str) -> bool:
    """True for inputs to fetch rather than open."""
    return value.lower().startswith(("http://", "https://"))


def reader_suffix(path: Path) -> str:
    """The extension that picks the reader; ``.gz`` is looked through (``a.warc.gz`` -> ``.warc``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Inputs with directories replaced by the readable files under them, sorted for repeatability.

    Hidden files and files of unknown kinds inside a directory are skipped; named directly, an
    unknown file is reported as a failure.
    """
    expanded: list[str] = []
    for item in inputs:
        path = Path(item)
        if not is_url(item) and path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and reader_suffix(child) in READERS:
                    expanded.append(str(child))
        else:
            expanded.append(item)
    return expanded


def read_input(
    item: str, options: ReadOptions, *, clock: Callable[[], float] = time.monotonic
) -> Iterator[ReadResult]:
    """Articles and failures from one file or URL (not a directory: see ``expand_inputs``).

    Reading stops with E116 once the input has taken ``[ingest] max_input_seconds`` (checked as each
    result comes), keeping what it gave before.
    """
    yield from within_budget(_read_input(item, options), item, options, clock=clock)


def within_budget(
    results: Iterable[ReadResult],
    item: str,
    options: ReadOptions,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[ReadResult]:
    """``results`` of one input until it has taken ``[ingest] max_input_seconds``, then E116."""
    limit = options.ingest.max_input_seconds
    deadline = clock() + limit
    for result in results:
        yield result
        if clock() > deadline:
            yield Failure(
                source=item,
                code=Errors.INPUT_TIMED_OUT.code,
                reason=Errors.INPUT_TIMED_OUT.message.format(limit=limit),
            )
            return


def _read_input(item: str, options: ReadOptions) -> Iterator[ReadResult]:
    try:
        if is_url(item):
            from newsweave.readers import url

            results: ReadIterator = url.read_url(item, options)
        else:
            path = Path(item)
            if not path.exists():
                raise InputError(Errors.NOT_FOUND, source=item)
            suffix = reader_suffix(path)
            if suffix not in READERS:
                raise InputError(Errors.UNKNOWN_FORMAT, source=item, suffix=suffix or path.name)
            module = importlib.import_module(f"newsweave.readers.{READERS[suffix]}")
            results = module.read_path(path, options)
        yield from finished(results, options)
    except InputError as exc:
        yield _shown(Failure(source=exc.source or item, code=exc.code, reason=exc.reason))
    except Exception as exc:  # the last line of defence: one input's surprise never stops the batch
        yield unexpected_failure(item, exc)


def finished(results: Iterable[ReadResult], options: ReadOptions) -> Iterator[ReadResult]:
    """Results as every reader hands them on: articles with the outlet and date the options (or the
    URL) fill in, failures with control characters escaped."""
    for result in results:
        yield apply_defaults(result, options) if not isinstance(result, Failure) else _shown(result)


def _shown(failure: Failure) -> Failure:
    """The failure with control characters from the input escaped: its reason is printed to terminals."""
    return replace(failure, reason=printable(failure.reason))


def read_inputs(inputs: Iterable[str], options: ReadOptions) -> Iterator[ReadResult]:
    """Articles and failures from every input, directories expanded."""
    for item in expand_inputs(inputs):
        yield from read_input(item, options)
