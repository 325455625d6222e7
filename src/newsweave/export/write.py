"""Writing export tables as Parquet, JSON Lines or CSV files (CSV with a side table per list column).

Each file is written under a temporary name in the output folder and renamed when complete, so a
reader never sees half a file and an interrupted export leaves the previous files as they were.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsweave.export import FORMATS
from newsweave.export.tables import PARENT_KEYS, SIDE_TABLES


def write_table(table: pa.Table, name: str, output_format: str, folder: Path) -> list[Path]:
    """Write one export table into ``folder``; returns the files written (CSV: with its side tables)."""
    folder.mkdir(parents=True, exist_ok=True)
    if output_format == "parquet":
        return [_atomic(folder / f"{name}.parquet", lambda path: pq.write_table(table, path))]
    if output_format == "jsonl":
        return [_atomic(folder / f"{name}.jsonl", lambda path: _write_jsonl(table, path))]
    if output_format == "csv":
        return [
            _atomic(folder / f"{table_name}.csv", lambda path, part=part: _write_csv(part, path))
            for table_name, part in csv_tables(table, name)
        ]
    raise ValueError(f"unknown export format {output_format!r}; use one of {', '.join(FORMATS)}")


def _atomic(path: Path, write: Any) -> Path:
    partial = path.with_name(f".{path.name}.partial")
    try:
        write(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _write_jsonl(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in table.to_pylist():
            out.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")


def _write_csv(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow([_csv_value(value) for value in row.values()])


def _csv_value(value: Any) -> str:
    """A cell as pandas, DuckDB and R read it back: times in ISO 8601 with a "Z" (Arrow's own form has
    a space), floats always with a point (``1.0``, so a column of whole numbers stays a float column),
    booleans as ``true``/``false``, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_tables(table: pa.Table, name: str) -> Iterator[tuple[str, pa.Table]]:
    """The CSV form of an export table: the table without its list columns, then one side table per
    list column, one row per item (a list inside an item, as an alias's articles, one row per value)."""
    lists = SIDE_TABLES.get(name, {})
    yield name, table.drop_columns(list(lists))
    parent_keys = PARENT_KEYS.get(name, ())
    for column, (side_name, side_keys) in lists.items():
        rows = []
        for parent in table.select([*parent_keys, column]).to_pylist():
            keys = {side: parent[own] for side, own in zip(side_keys, parent_keys, strict=True)}
            for position, item in enumerate(parent[column] or []):
                for flat in _flatten(item, column.removesuffix("s")):
                    rows.append({**keys, "idx": position, **flat})
        yield side_name, pa.Table.from_pylist(rows, schema=_side_schema(table.schema, column, side_keys))


def _flatten(item: Any, singular: str) -> Iterator[dict[str, Any]]:
    """An item as flat rows: a plain value under the list's singular name (``article_ids``: one
    ``article_id``); a struct's fields, a list field (the article ids of an alias) giving one row per
    value under its singular name."""
    if not isinstance(item, dict):
        yield {singular: item}
        return
    nested = [key for key, value in item.items() if isinstance(value, list)]
    plain = {key: value for key, value in item.items() if key not in nested}
    if not nested:
        yield plain
        return
    (key,) = nested  # the export schemas have at most one list inside an item
    for value in item[key] or [None]:
        yield {**plain, key.removesuffix("s"): value}


def _side_schema(schema: pa.Schema, column: str, keys: tuple[str, ...]) -> pa.Schema:
    item_type = schema.field(column).type.value_type
    fields = [pa.field(key, pa.string()) for key in keys[:1]]
    fields += [pa.field(key, pa.int32()) for key in keys[1:]]
    fields.append(pa.field("idx", pa.int32()))
    if not pa.types.is_struct(item_type):
        return pa.schema([*fields, pa.field(column.removesuffix("s"), item_type)])
    for child in item_type:
        if pa.types.is_list(child.type):
            fields.append(pa.field(child.name.removesuffix("s"), child.type.value_type))
        else:
            fields.append(child)
    return pa.schema(fields)
