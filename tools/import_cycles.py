"""Print the import cycles among newsweave's modules; exit 1 when there is one.

    .venv/bin/python tools/import_cycles.py [--graph]

Every import counts as an arrow, wherever it is written: at the top, inside a function, or under
``if TYPE_CHECKING:`` (a deferred import still ties the two modules together; it only hides the circle
from the interpreter). Importing ``newsweave.a.b`` also runs ``newsweave.a``'s ``__init__``, so it is an
arrow to both. Reads the source with :mod:`ast`; imports nothing of newsweave.

A cycle is printed as its modules in import order, the first repeated at the end; one line per strongly
connected group of modules (a group may hold several circles: the line shows one, ``--graph`` all arrows).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = "newsweave"
SOURCE = Path(__file__).resolve().parent.parent / "src" / PACKAGE


def module_names(source: Path = SOURCE) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package (``__init__`` named as its package)."""
    names: dict[str, Path] = {}
    for path in sorted(source.rglob("*.py")):
        parts = list(path.relative_to(source.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imported(tree: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """Every dotted name the module imports (absolute; relative imports resolved against ``module``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_package:
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            yield base
            # ``from a import b`` imports the module a.b when there is one
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (with the packages whose ``__init__`` that runs)."""
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for name in _imported(tree, module, path.name == "__init__.py"):
            parts = name.split(".")
            for end in range(1, len(parts) + 1):
                prefix = ".".join(parts[:end])
                if prefix in modules and prefix != module and not module.startswith(prefix + "."):
                    targets.add(prefix)
        graph[module] = targets
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One circle per strongly connected group of two or more modules (Tarjan), in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(1000, 4 * len(graph)))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_circle(group, graph) for group in sorted(groups)]


def _circle(group: list[str], graph: Mapping[str, set[str]]) -> list[str]:
    """A shortest circle through the group's first module, staying inside the group (breadth first)."""
    members = set(group)
    start = group[0]
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & members):
                if target == start:
                    return [*paths[node], start]
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no circle through {start} in {group}")


def main(argv: list[str] | None = None) -> int:
    """Print the cycles (or the whole graph with ``--graph``); 1 when there is a cycle."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", action="store_true", help="print every arrow too")
    args = parser.parse_args(argv)
    graph = import_graph(module_names())
    if args.graph:
        for module in sorted(graph):
            print(f"{module} -> {', '.join(sorted(graph[module])) or '-'}")
    found = cycles(graph)
    for circle in found:
        print("cycle: " + " -> ".join(circle))
    print(f"{len(graph)} modules, {sum(map(len, graph.values()))} arrows, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
