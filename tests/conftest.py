"""Shared fixtures: a fresh SQLite store per test, the config, and the two seed reports."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from newsweave.config import Config, load_config
from newsweave.store import Store, open_store

# CI runs the same examples every time (a red build must mean a regression, not a new draw);
# local runs keep exploring.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"


@pytest.fixture
def config() -> Config:
    """The packaged defaults (no user file)."""
    return load_config(None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite store in a temporary directory."""
    with open_store(str(tmp_path / "test.db")) as opened:
        yield opened


@pytest.fixture
def seeds_dir() -> Path:
    """The two real reports of the January 2026 Nara summit (tests/data/seeds)."""
    return SEEDS
