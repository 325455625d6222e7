"""A process killed mid-ingest, run again, leaves the same store as one clean run (a real SIGKILL)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.snapshots import snapshot

ARTICLES = 1200
WORDS = [
    "harbour",
    "council",
    "minister",
    "storm",
    "river",
    "court",
    "budget",
    "strike",
    "vote",
    "border",
    "school",
    "market",
    "bridge",
    "police",
    "doctor",
    "museum",
    "station",
    "festival",
    "factory",
    "port",
]


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    for n in range(ARTICLES):
        words = [WORDS[(n * 7 + i * (n % 13 + 1)) % len(WORDS)] for i in range(120)]
        body = f"Report {n} from the desk. " + " ".join(words) + f". Filed as number {n}."
        (folder / f"{n:05d}.txt").write_text(f"Headline number {n}\n\n{body}\n", encoding="utf-8")


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsweave",
            "ingest",
            str(corpus),
            "--db",
            str(db),
            "--published",
            "2026-01-14",
            "--outlet",
            "Desk",
            "--no-analyse",  # about ingest's transactions (analysis commits per batch on its own)
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created or not migrated yet


@pytest.mark.slow
def test_killed_ingest_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    clean_db, crashed_db = tmp_path / "clean.db", tmp_path / "crashed.db"
    assert _ingest(corpus, clean_db).wait(timeout=300) == 0

    process = _ingest(corpus, crashed_db)
    deadline = time.monotonic() + 120
    while _count(crashed_db) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_at_kill = _count(crashed_db)
    assert 0 < stored_at_kill < ARTICLES, "the kill must land mid-ingest"
    with sqlite3.connect(crashed_db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    assert _ingest(corpus, crashed_db).wait(timeout=300) == 0
    assert snapshot(crashed_db) == snapshot(clean_db)
