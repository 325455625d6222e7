"""`newsweave batch`: the same store as `ingest`, the same Parquet on Ray as locally, errors kept, resume.

Every run here is real: spaCy, the encoders, the readers on real reports (the two seeds, a real page,
real ECB+ reports from the sample corpus), Ray in local mode, and a process killed with SIGKILL.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsweave.batch import layout
from newsweave.batch.run import BatchReport, run_batch
from newsweave.batch.tables import CHUNK_TABLES
from newsweave.cli.main import main
from newsweave.config import Config, load_config
from newsweave.errors import NewsweaveError
from newsweave.pipeline.process import process_inputs
from newsweave.readers.base import ReadOptions
from newsweave.store import open_store
from tests.conftest import DATA, SEEDS

SAMPLE = Path(__file__).parents[1] / "src" / "newsweave" / "sample" / "ecbplus_sample.jsonl"
CHUNK = 2
# A line one outlet ends every report with: ingest cuts it once three reports carry it, after the
# workers analysed the texts that still had it, so the single writer must analyse those again.
SIGN_OFF = "Follow the Desk Courier on every platform for the latest updates and alerts."
TABLES_AFTER_LOAD = ("stories", "mention_entities", "entities")


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:8]]
    for n, part in enumerate((records[:4], records[4:])):
        lines = [json.dumps(record) for record in part]
        if n == 1:
            lines.insert(1, '{"title": "cut off')  # a malformed record: an error row, the file goes on
        (folder / f"sample_{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n, record in enumerate(records[:3]):
        desk = {"title": f"Desk {record['title']}", "text": f"{record['text']}\n{SIGN_OFF}", "outlet": "Desk"}
        (folder / f"desk_{n}.json").write_text(json.dumps(desk), encoding="utf-8")
    for seed in sorted(SEEDS.iterdir()):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "europa_plumes.html").write_bytes((DATA / "pages" / "europa_plumes.html").read_bytes())
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 8)  # binary: an error row
    (folder / "short.txt").write_text("Too short\n\nA line.\n", encoding="utf-8")  # dropped at ingest
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("batch") / "corpus")


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(None)


def _options(config: Config) -> ReadOptions:
    from newsweave.readers.base import parse_published

    # One date for every undated input: ingest and batch must read them alike.
    return ReadOptions(published=parse_published("2026-01-14"), ingest=config.ingest, fetch=config.fetch)


@pytest.fixture(scope="module")
def ingested(corpus: Path, config: Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    from newsweave.readers import expand_inputs

    with open_store(str(db)) as store:
        process_inputs(expand_inputs([str(corpus)]), store, _options(config), config)
    return db


def _run(corpus: Path, output: Path, config: Config, **kwargs: Any) -> BatchReport:
    return run_batch(
        [str(corpus)], output, chunk_size=CHUNK, options=_options(config), config=config, **kwargs
    )


@pytest.fixture(scope="module")
def local_run(
    corpus: Path, config: Config, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BatchReport]:
    output = tmp_path_factory.mktemp("local") / "out"
    return output, _run(corpus, output, config, engine="local", workers=1)


def _store_content(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "articles": "SELECT id, title, text, text_hash, outlet, published, duplicate_of, language, "
        "analysis_note, source FROM articles",
        "removed": 'SELECT article_id, position, "offset", reason, text FROM removed_texts',
        "mentions": 'SELECT article_id, idx, start, "end", label, entity_id FROM mentions',
        "claims": "SELECT article_id, idx, text, claim_values, entity_ids FROM claims",
        "times": "SELECT article_id, idx, begin, granularity FROM time_refs",
        "entities": "SELECT id, name, type, country, mention_count FROM entities",
        "aliases": "SELECT entity_id, alias, article_id FROM entity_aliases",
        "vectors": "SELECT article_id, vector, lead FROM article_vectors",
        "stories": "SELECT article_id, story_id FROM story_articles",
        "outcomes": "SELECT outcome, source, code FROM ingest_outcomes",
    }
    with sqlite3.connect(db) as connection:
        return {name: sorted(connection.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}


def test_batch_store_is_the_store_ingest_makes(local_run: tuple[Path, BatchReport], ingested: Path) -> None:
    output, report = local_run
    assert report.load is not None
    batch, ingest = _store_content(output / "newsweave.db"), _store_content(ingested)
    for table in ingest:
        assert batch[table] == ingest[table], table
    assert len(batch["articles"]) == 14 and len(set(s for _, s in batch["stories"])) >= 3
    # The sign-off was cut after the workers had analysed the three Desk reports: analysed again.
    desk = [row for row in batch["articles"] if row[4] == "Desk"]
    assert len(desk) == 3 and all(SIGN_OFF not in row[2] for row in desk)
    assert report.load.reused_analyses == 11 and report.load.reused_vectors == 11


def test_parquet_holds_every_table_and_the_errors(local_run: tuple[Path, BatchReport]) -> None:
    output, report = local_run
    assert report.chunks == 5 and report.done == 5 and not report.failed
    for table in (*CHUNK_TABLES, *TABLES_AFTER_LOAD):
        assert (output / table).is_dir(), table
    errors = pq.read_table(output / "errors").to_pylist()
    sources = sorted(Path(row["source"].split("#")[0]).name for row in errors)
    assert sources == ["junk.txt", "sample_1.jsonl"]
    assert {row["code"] for row in errors} == {"E105", "E108"}
    articles = pq.read_table(output / "articles").to_pylist()
    assert [row["dropped"] for row in articles if row["dropped"]] == [
        "too little text left after removing boilerplate"
    ]
    seed_dates = {row["published"].date().isoformat() for row in articles if row["source"].endswith(".txt")}
    partitions = {p.name for p in (output / "articles").iterdir()}
    assert {f"day={day}" for day in seed_dates} <= partitions
    stories = pq.read_table(output / "stories").to_pylist()
    assert len(stories) == 14  # the dropped report is in no story


def _parquet(output: Path, table: str) -> list[dict[str, Any]]:
    rows = pq.read_table(output / table).drop_columns(["day"]).to_pylist()
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))


def _same(left: Any, right: Any) -> bool:
    """Equal, floats to 1e-6: Ray's one-CPU actors run BLAS on one thread, so sums can differ in the
    last bits of a float32."""
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right, strict=True))
    return bool(left == right)


@pytest.mark.slow
def test_ray_engine_writes_the_same_parquet_as_local(
    local_run: tuple[Path, BatchReport], corpus: Path, config: Config, tmp_path: Path
) -> None:
    pytest.importorskip("ray")
    output = tmp_path / "ray"
    report = _run(corpus, output, config, engine="ray", workers=2)
    assert report.done == 5 and not report.failed
    local = local_run[0]
    for table in (*CHUNK_TABLES, *TABLES_AFTER_LOAD):
        ray_rows, local_rows = _parquet(output, table) if table in CHUNK_TABLES else None, None
        if table in CHUNK_TABLES:
            local_rows = _parquet(local, table)
        else:
            ray_rows = pq.read_table(output / table).to_pylist()
            local_rows = pq.read_table(local / table).to_pylist()
        assert len(ray_rows) == len(local_rows), table
        for ray_row, local_row in zip(ray_rows, local_rows, strict=True):
            assert _same(ray_row, local_row), (table, ray_row, local_row)
    # Part files are named alike: the same chunks, partitions and tables.
    assert sorted(p.relative_to(output) for p in output.rglob("*.parquet")) == sorted(
        p.relative_to(local) for p in local.rglob("*.parquet")
    )


@pytest.mark.slow
def test_two_local_worker_processes_write_what_one_writes(
    local_run: tuple[Path, BatchReport], corpus: Path, config: Config, tmp_path: Path
) -> None:
    output = tmp_path / "pool"
    report = _run(corpus, output, config, engine="local", workers=2, load=False)
    assert report.done == 5 and not report.failed and report.workers == 2
    for table in CHUNK_TABLES:
        assert _parquet(output, table) == _parquet(local_run[0], table), table


def test_rerun_skips_finished_chunks(
    local_run: tuple[Path, BatchReport], corpus: Path, config: Config
) -> None:
    output, _ = local_run
    before = {p: p.read_bytes() for p in sorted((output / "articles").rglob("*.parquet"))}
    report = _run(corpus, output, config, engine="local", workers=1)
    assert (report.skipped, report.done) == (5, 0)
    assert report.load is not None and report.load.ingest.counts["existing"] == 14
    assert report.load.ingest.counts["new"] == 0
    assert {p: p.read_bytes() for p in sorted((output / "articles").rglob("*.parquet"))} == before


def test_a_failing_worker_fails_its_chunks_not_the_run(corpus: Path, config: Config, tmp_path: Path) -> None:
    broken = dataclasses.replace(
        config, stories=dataclasses.replace(config.stories, embedding_model=str(tmp_path / "no-model"))
    )
    output = tmp_path / "out"
    report = _run(corpus, output, broken, engine="local", workers=1, load=False)
    assert report.done == 0 and len(report.failed) == 5
    assert "E602" in next(iter(report.failed.values()))
    errors = pq.read_table(output / "errors").to_pylist()
    assert len(errors) == 10 and {row["code"] for row in errors} == {"E502"}
    assert not list(output.glob(f"{layout.MARKERS}/*.json"))
    # Fixed, the same command finishes every chunk and no failure of the first run is left behind.
    report = _run(corpus, output, config, engine="local", workers=1, load=False)
    assert report.done == 5 and not report.failed
    assert {row["code"] for row in pq.read_table(output / "errors").to_pylist()} == {"E105", "E108"}


def test_output_must_be_a_folder_of_batch_runs(corpus: Path, config: Config, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(NewsweaveError, match=r"E504.*is a file"):
        _run(corpus, tmp_path / "file", config)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(NewsweaveError, match=r"E504.*no batch run"):
        _run(corpus, tmp_path / "other", config)
    with pytest.raises(NewsweaveError, match=r"E503.*engines are local, ray"):
        _run(corpus, tmp_path / "new", config, engine="spark")


def _cli(corpus: Path, output: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsweave",
        "batch",
        str(corpus),
        "--output",
        str(output),
        "--chunk-size",
        "1",
        "--workers",
        "1",
        "--published",
        "2026-01-14",
        "--json",
    ]


def _markers(output: Path) -> int:
    return len(list(output.glob(f"{layout.MARKERS}/*.json")))


@pytest.fixture
def killed_then_rerun(corpus: Path, tmp_path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    output = tmp_path / "killed"
    process = subprocess.Popen(_cli(corpus, output), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _markers(output) < 4 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = _markers(output)
    assert killed_at >= 4  # killed while chunks were left, or while the single writer loaded them
    rerun = subprocess.run(_cli(corpus, output), capture_output=True, text=True, check=False)
    assert rerun.returncode == 1, rerun.stderr  # 1: the corpus holds unreadable inputs
    yield output, json.loads(rerun.stdout)


@pytest.mark.slow
def test_killed_run_rerun_ends_as_a_clean_run(
    killed_then_rerun: tuple[Path, dict[str, Any]], corpus: Path, tmp_path: Path
) -> None:
    output, report = killed_then_rerun
    assert report["skipped_done"] >= 4 and report["done"] + report["skipped_done"] == report["chunks"]
    clean = tmp_path / "clean"
    subprocess.run(_cli(corpus, clean), capture_output=True, check=False)
    for table in (*CHUNK_TABLES, *TABLES_AFTER_LOAD):
        assert pq.read_table(output / table).to_pylist() == pq.read_table(clean / table).to_pylist(), table
    assert _store_content(output / "newsweave.db") == _store_content(clean / "newsweave.db")


def test_cli_batch_prints_what_it_did(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["batch", str(SEEDS), "--output", str(tmp_path / "out"), "--workers", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "chunks 1: done 1, already done 0, failed 0 (local, 1 workers" in result.output
    assert "new 2, already stored 0, analyses reused 2" in result.output
    again = CliRunner().invoke(main, ["batch", str(SEEDS), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert "done 0, already done 1" in again.output and "new 0, already stored 2" in again.output
