"""Every module of the package imports on its own, in a fresh interpreter (no hidden import-order need)."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import import_cycles

# Not imported as modules: ``python -m newsweave`` starts the command line; alembic runs the migrations'
# scripts itself (their file names start with a revision number).
RUN_ON_IMPORT = {"newsweave.__main__"}
MIGRATIONS = "newsweave.store.migrations"


def _import_alone(module: str) -> tuple[str, int, str]:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True,
                          timeout=120, check=False)
    return module, done.returncode, done.stderr[-2000:]


def test_every_module_imports_on_its_own() -> None:
    modules = sorted(name for name in import_cycles.module_names()
                     if name not in RUN_ON_IMPORT and not name.startswith(MIGRATIONS))
    with ThreadPoolExecutor(max_workers=4) as pool:
        failed = [(module, err) for module, code, err in pool.map(_import_alone, modules) if code != 0]
    assert not failed, "\n".join(f"{module}:\n{err}" for module, err in failed)


def test_importing_the_packages_loads_no_model_library() -> None:
    """``import newsweave`` and every package's ``__init__`` load no model or extractor library."""
    packages = sorted(name for name, path in import_cycles.module_names().items()
                      if path.name == "__init__.py" and not name.startswith(MIGRATIONS))
    heavy = ["spacy", "onnxruntime", "torch", "transformers", "trafilatura", "feedparser", "warcio",
             "hnswlib"]
    code = (f"import sys\nfor name in {packages!r}: __import__(name)\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=True)
    assert done.stdout.strip() == "[]", done.stdout
