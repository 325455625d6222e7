"""Each hostile input found by fuzzing fails alone, named, while the good file beside it is stored."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from newsweave.config import Config
from newsweave.data import Failure
from newsweave.errors import Errors
from newsweave.ingest.stage import ingest_inputs
from newsweave.readers import read_input
from newsweave.readers.base import ReadOptions
from newsweave.store import Store
from tests.fuzz.hostile import BODY, FAILING, RECOVERED

# No raw control character may reach a terminal through a failure's text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _good_file(folder: Path) -> Path:
    path = folder / "good.txt"
    path.write_text(f"Ferry service to resume\n\n{BODY}\n", encoding="utf-8")
    return path


def _options(config: Config) -> ReadOptions:
    return ReadOptions(ingest=config.ingest, fetch=config.fetch)


@pytest.mark.parametrize("case", sorted(FAILING))
def test_a_hostile_input_fails_alone_and_named(
    store: Store, config: Config, tmp_path: Path, case: str
) -> None:
    name, data = FAILING[case]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = _good_file(tmp_path)
    report = ingest_inputs([str(bad), str(good)], store, _options(config), config)
    assert [article.title for article in store.list_articles()] == ["Ferry service to resume"]
    assert report.failures, case
    for failure in report.failures:
        assert failure.source.startswith(str(bad)), failure
        assert re.fullmatch(r"E\d{3}", failure.code), failure
        assert not _CONTROL.search(failure.reason), failure


@pytest.mark.parametrize("case", sorted(RECOVERED))
def test_a_hostile_input_that_holds_articles_is_read(
    store: Store, config: Config, tmp_path: Path, case: str
) -> None:
    name, data, titles = RECOVERED[case]
    (tmp_path / name).write_bytes(data)
    good = _good_file(tmp_path)
    report = ingest_inputs([str(tmp_path / name), str(good)], store, _options(config), config)
    assert report.failures == []
    stored = sorted(article.title for article in store.list_articles())
    assert stored == sorted([*titles, "Ferry service to resume"])


def test_an_input_past_its_time_budget_stops_keeping_what_was_read(config: Config, tmp_path: Path) -> None:
    path = tmp_path / "slow.jsonl"
    path.write_text(
        "".join(json.dumps({"title": f"Record {n}", "text": BODY}) + "\n" for n in range(5)), encoding="utf-8"
    )
    ingest = dataclasses.replace(config.ingest, max_input_seconds=2.5)
    ticks = iter(range(100))  # each look at the clock is one second later: a stand-in for slow records
    results = list(
        read_input(str(path), ReadOptions(ingest=ingest, fetch=config.fetch), clock=lambda: next(ticks))
    )
    titles = [result.title for result in results if not isinstance(result, Failure)]
    assert titles == ["Record 0", "Record 1", "Record 2"]
    assert isinstance(results[-1], Failure) and results[-1].code == Errors.INPUT_TIMED_OUT.code
    assert results[-1].source == str(path)
