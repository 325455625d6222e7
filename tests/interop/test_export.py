"""`newsweave export`: every table in every format, read back by pyarrow, pandas and DuckDB with the
documented types; docs/schema.md agrees with the schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsweave.cli.main import main
from newsweave.export import TABLES
from newsweave.export.tables import SCHEMAS, SIDE_TABLES
from newsweave.export.write import _side_schema
from newsweave.library import Newsweave

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def _types(path: Path) -> dict[str, str]:
    """Column -> type as DuckDB reads the file."""
    return {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()}


def _export(db: Path, output: Path, output_format: str, *tables: str) -> dict[str, object]:
    result = CliRunner().invoke(
        main,
        ["export", *tables, "--db", str(db), "--format", output_format, "--output", str(output), "--json"],
    )
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.fixture(scope="module")
def exported(interop_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """Every table written in every format into one folder (a copy of the store: export saves briefs)."""
    import sqlite3

    folder = tmp_path_factory.mktemp("export")
    db = folder / "store.db"
    with sqlite3.connect(interop_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    rows: dict[str, int] = {}
    for output_format in ("parquet", "csv", "jsonl"):
        report = _export(db, folder / "out", output_format)
        counts = report["rows"]
        assert isinstance(counts, dict)
        assert rows in ({}, counts)  # every format holds the same rows
        rows = counts
    return folder / "out", rows


def test_every_table_has_rows(exported: tuple[Path, dict[str, int]]) -> None:
    _, rows = exported
    assert set(rows) == set(TABLES)
    assert rows["articles"] == 13 and rows["stories"] >= 3
    assert all(rows[name] > 0 for name in TABLES), rows


def test_parquet_keeps_the_schema_for_pyarrow_pandas_and_duckdb(
    exported: tuple[Path, dict[str, int]],
) -> None:
    folder, rows = exported
    for name in TABLES:
        table = pq.read_table(folder / f"{name}.parquet")
        assert table.schema.equals(SCHEMAS[name]), name
        assert table.num_rows == rows[name]
    events = pd.read_parquet(folder / "events.parquet")
    assert events["cameo"].map(type).eq(str).all() and "040" in set(events["cameo"])
    assert str(pd.read_parquet(folder / "articles.parquet")["published"].dtype) == "datetime64[us, UTC]"
    assert isinstance(pd.read_parquet(folder / "stories.parquet")["article_ids"].iloc[0][0], str)
    types = _types(folder / "events.parquet")
    assert types["cameo"] == "VARCHAR" and types["date"] == "DATE" and types["goldstein"] == "DOUBLE"
    assert types["sources"].startswith("STRUCT(article_id VARCHAR") and types["sources"].endswith("[]")


def test_csv_types_as_duckdb_guesses_them(exported: tuple[Path, dict[str, int]]) -> None:
    folder, rows = exported
    for name in TABLES:
        relation = duckdb.sql(f"SELECT * FROM '{folder / f'{name}.csv'}'")
        assert len(relation.fetchall()) == rows[name], name
        lists = SIDE_TABLES.get(name, {})
        assert relation.columns == [n for n in SCHEMAS[name].names if n not in lists], name
    types = _types(folder / "events.csv")
    assert types["cameo"] == "VARCHAR" and types["date"] == "DATE" and types["reciprocal"] == "BOOLEAN"
    assert types["goldstein"] == "DOUBLE" and types["id"] == "VARCHAR"
    types = _types(folder / "facts.csv")
    assert types["last_published"] == "TIMESTAMP WITH TIME ZONE" and types["shown"] == "BOOLEAN"
    relations = _types(folder / "relations.csv")
    assert relations["a_to_b"] == "DOUBLE" and relations["period_start"] == "DATE"  # 0.0, not 0


def test_csv_side_tables_hold_every_list_item(exported: tuple[Path, dict[str, int]]) -> None:
    folder, _ = exported
    for name, lists in SIDE_TABLES.items():
        table = pq.read_table(folder / f"{name}.parquet")
        for column, (side, keys) in lists.items():
            frame = pd.read_csv(folder / f"{side}.csv")
            assert list(frame.columns) == _side_schema(table.schema, column, keys).names
            items = table.column(column).to_pylist()
            if name == "entities":  # one row per spelling and article
                expected = sum(len(alias["article_ids"]) for aliases in items for alias in aliases)
            else:
                expected = sum(len(item or []) for item in items)
            assert len(frame) == expected, side
    aliases = pd.read_csv(folder / "entity_aliases.csv")
    assert {"Wi Sung-lac", "Wi Sung-lack"} <= set(aliases["alias"])


def test_pandas_reads_csv_and_jsonl_without_options(exported: tuple[Path, dict[str, int]]) -> None:
    folder, rows = exported
    for name in TABLES:
        frame = pd.read_csv(folder / f"{name}.csv")
        lines = pd.read_json(folder / f"{name}.jsonl", lines=True)
        assert len(frame) == len(lines) == rows[name]
    articles = pd.read_csv(folder / "articles.csv")
    assert pd.to_datetime(articles["published"]).dt.tz is not None
    stories = pd.read_json(folder / "stories.jsonl", lines=True)
    assert all(isinstance(ids, list) for ids in stories["article_ids"])


def test_export_of_chosen_tables_and_errors(db_copy: Path, tmp_path: Path) -> None:
    report = _export(db_copy, tmp_path / "two", "jsonl", "stories", "relations")
    assert sorted(Path(f).name for f in report["files"]) == ["relations.jsonl", "stories.jsonl"]  # type: ignore[union-attr]
    result = CliRunner().invoke(main, ["export", "nonsense", "--db", str(db_copy), "--output", str(tmp_path)])
    assert result.exit_code == 2 and "nonsense" in result.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["export", "stories", "--db", str(db_copy), "--output", str(blocker)])
    assert result.exit_code != 0 and "Traceback" not in result.output


def _documented() -> dict[str, list[tuple[str, str]]]:
    """The column tables of docs/schema.md: {table: [(column, type)]}."""
    found: dict[str, list[tuple[str, str]]] = {}
    table = None
    for line in SCHEMA_DOC.read_text("utf-8").splitlines():
        heading = re.match(r"### (\w+)$", line)
        if heading:
            table = heading.group(1)
            found[table] = []
        row = re.match(r"\| `(\w+)` \| `([^`]+)` \|", line)
        if row and table is not None:
            found[table].append((row.group(1), row.group(2)))
    return found


def _type_name(data_type: pa.DataType) -> str:
    return str(data_type).replace("list<element: ", "list<").replace("list<item: ", "list<")


def test_schema_doc_matches_the_tables() -> None:
    documented = _documented()
    assert list(documented) == list(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert documented[name] == [(field.name, _type_name(field.type)) for field in schema], name


def test_library_tables_match_the_export(news: Newsweave) -> None:
    facts = news.to_pandas("facts")
    assert set(facts["status"]) <= {"corroborated", "single_source", "disputed"}
    assert news.table("entities").schema.equals(SCHEMAS["entities"])
    with pytest.raises(ValueError, match="unknown table"):
        news.table("nonsense")
