"""Analysis in worker processes: the same store as one process, even when a worker dies mid-run."""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsweave.analysis.stage import analyse_store, analysis_workers
from newsweave.config import Config
from newsweave.ingest.stage import ingest_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import open_store

SAMPLE = Path(__file__).parents[2] / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"
# What the analysis writes: every column of its tables, and of an article what it sets (not the times
# of the two runs).
TABLES = {
    table: "*"
    for table in (
        "sentences",
        "mentions",
        "quantities",
        "time_refs",
        "places",
        "claims",
        "events",
        "entities",
        "entity_aliases",
        "entity_keys",
    )
} | {"articles": "id, language, analysis_note, analysed_at IS NULL"}
KOREAN = "이재명 대통령은 수요일 일본 나라에서 다카이치 사나에 총리와 정상회담을 가졌다. " * 8


def _corpus(folder: Path) -> Path:
    """Ten real ECB+ reports of the sample corpus and one Korean report (skipped by the analysis)."""
    lines = SAMPLE.read_text("utf-8").splitlines()[:10]
    lines.append(json.dumps({"id": "korean-1", "title": "정상회담", "text": KOREAN}, ensure_ascii=False))
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _stored(db: Path) -> dict[str, list[Any]]:
    """Every row the analysis wrote, in a comparable form."""
    with sqlite3.connect(db) as connection:
        return {
            table: sorted(connection.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
            for table, columns in TABLES.items()
        }


def _analysed(folder: Path, config: Config, on_batch: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
    corpus = _corpus(folder)
    with open_store(str(folder / "s.db")) as store:
        ingest_inputs([str(corpus)], store, ReadOptions(), config)
        report = analyse_store(store, config, on_batch=on_batch)
    return _stored(folder / "s.db"), {"counts": dict(report.counts), "stages": report.stages}


def test_workers_write_what_one_process_writes_even_when_one_dies(
    tmp_path: Path, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    one = dataclasses.replace(config, analysis=dataclasses.replace(config.analysis, workers=1, batch_size=1))
    two = dataclasses.replace(
        one, analysis=dataclasses.replace(one.analysis, workers=2, workers_min_articles=1)
    )
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    expected, expected_report = _analysed(tmp_path / "one", one)

    killed: list[int] = []

    def kill_the_workers(_done: int) -> None:
        # After the first batch (which a worker analysed), as the out-of-memory killer would: the
        # batches the workers held and those not yet handed out are analysed here instead.
        for child in multiprocessing.active_children():
            if child.pid is not None:
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    with caplog.at_level(logging.WARNING, logger="newsweave.analysis.stage"):
        got, report = _analysed(tmp_path / "two", two, on_batch=kill_the_workers)
    assert len(killed) == 2
    assert any("analysis workers stopped" in r.getMessage() for r in caplog.records)
    assert expected_report["counts"] == {"analysed": 10, "skipped": 1, "workers": 1}
    assert report["counts"] == {**expected_report["counts"], "workers": 2}
    # Each step's figures add up over the workers and this process as they do in one process.
    assert {k: (v["passed"], v["dropped"]) for k, v in report["stages"].items()} == {
        k: (v["passed"], v["dropped"]) for k, v in expected_report["stages"].items()
    }
    for table, rows in expected.items():
        assert got[table] == rows, table


@pytest.mark.parametrize(
    ("workers", "minimum", "pending", "expected"),
    [(0, 64, 10, 1), (2, 64, 63, 1), (2, 64, 64, 2), (8, 1, 3, 3), (3, 0, 1, 1), (3, 0, 2, 2)],
)
def test_how_many_workers(config: Config, workers: int, minimum: int, pending: int, expected: int) -> None:
    settings = dataclasses.replace(config.analysis, workers=workers, workers_min_articles=minimum)
    assert analysis_workers(settings, pending) == expected
