"""`newsweave export`: the store's articles, stories, entities, facts, discrepancies, events and
relations as Parquet, JSON Lines or CSV files that pandas, DuckDB and R read as they are.

``export_tables`` brings the saved briefs up to date first when facts or discrepancies are asked
for (``brief.saved.refresh_briefs``); ``tables.read_table`` gives one table as Arrow, for the library
API's ``table`` and ``to_pandas``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.store import Store

__all__ = ["BRIEF_TABLES", "FORMATS", "TABLES", "ExportReport", "export_tables"]

# Importing this package loads neither pyarrow nor a store: the command line reads these names.
TABLES = ("articles", "stories", "entities", "facts", "discrepancies", "events", "relations")
# Tables read from saved briefs: their stories' briefs are brought up to date first.
BRIEF_TABLES = ("facts", "discrepancies")
FORMATS = ("parquet", "csv", "jsonl")


@dataclass(slots=True)
class ExportReport:
    """What an export wrote: rows per table, the files, and the briefs it had to build first."""

    rows: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    briefs_built: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        return {
            "rows": self.rows,
            "files": [str(path) for path in self.files],
            "briefs_built": self.briefs_built,
        }


def export_tables(
    store: Store,
    names: Sequence[str],
    output_format: str,
    folder: Path,
    config: Config | None = None,
    *,
    on_story: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write each named table (see ``TABLES``) into ``folder`` as ``output_format``."""
    from newsweave.brief.saved import refresh_briefs
    from newsweave.export.tables import read_table
    from newsweave.export.write import write_table

    unknown = [name for name in names if name not in TABLES]
    if unknown:
        raise ValueError(f"unknown tables {unknown}; choose from {', '.join(TABLES)}")
    report = ExportReport()
    if any(name in BRIEF_TABLES for name in names):
        report.briefs_built = len(refresh_briefs(store, config, on_story=on_story).built)
    for name in dict.fromkeys(names):
        table = read_table(store, name)
        report.rows[name] = table.num_rows
        report.files += write_table(table, name, output_format, folder)
    return report
