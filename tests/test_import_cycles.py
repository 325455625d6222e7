"""The package's import graph (tools/import_cycles.py, also run by ``make lint``): no circle."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import import_cycles


def test_no_import_circle() -> None:
    graph = import_cycles.import_graph(import_cycles.module_names())
    assert import_cycles.cycles(graph) == []
    assert import_cycles.main([]) == 0


def test_the_cycle_finder_sees_a_deferred_import_and_a_parent_package(tmp_path: Path) -> None:
    """An import inside a function still counts, and importing ``p.b`` runs ``p``'s ``__init__``."""
    package = tmp_path / "newsweave"
    (package / "p").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "p" / "__init__.py").write_text("from newsweave import c\n")
    (package / "p" / "b.py").write_text("")
    (package / "a.py").write_text("def f():\n    from newsweave.p import b\n")
    (package / "c.py").write_text("from . import a\n")
    graph = import_cycles.import_graph(import_cycles.module_names(package))
    assert graph["newsweave.a"] == {"newsweave.p", "newsweave.p.b"}
    assert import_cycles.cycles(graph) == [["newsweave.a", "newsweave.p", "newsweave.c", "newsweave.a"]]
