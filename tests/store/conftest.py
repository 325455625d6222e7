"""PostgreSQL fixtures: fresh databases on the server named by $NEWSWEAVE_TEST_PG.

``.ci/postgres.sh`` starts a throwaway server and sets the variable (``make test-pg`` does both). Without
it the PostgreSQL tests are skipped, except under CI, where they fail: CI must test PostgreSQL.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from newsweave.store import Store, open_store, resolve_db_url
from newsweave.store.schema import metadata

PG_ENV = "NEWSWEAVE_TEST_PG"
CI_ENV = "CI"

NO_SERVER = (
    f"${PG_ENV} is not set: no PostgreSQL server to test against. "
    'Run `make test-pg`, or `eval "$(.ci/postgres.sh start)"` first (see README, Testing).'
)


def server_url(environ: Mapping[str, str]) -> str:
    """The test server's URL from ``environ``; skips without one, but fails under CI.

    CI sets ``CI``; a CI run that silently skipped PostgreSQL would claim a backend it never tested.
    """
    url = environ.get(PG_ENV, "").strip()
    if url:
        return url
    if environ.get(CI_ENV):
        pytest.fail(f"{NO_SERVER} ${CI_ENV} is set, and CI must test PostgreSQL (.ci/run starts a server).")
    pytest.skip(NO_SERVER)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the server ``postgres``, so that ``-m postgres`` selects exactly them."""
    for item in items:
        if "pg_databases" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def _database_name(label: str) -> str:
    # Unique per call, so runs that share a server (two checkouts, a rerun after a crash) never collide.
    slug = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:30]
    return f"nw_{slug}_{secrets.token_hex(4)}"


DatabaseFactory = Callable[[str], str]


@pytest.fixture(scope="module")
def pg_databases() -> Iterator[DatabaseFactory]:
    """Makes empty databases on the test server (``make(label) -> postgresql:// URL``); drops them after."""
    admin_url = server_url(os.environ)
    # CREATE/DROP DATABASE cannot run inside a transaction.
    admin = create_engine(resolve_db_url(admin_url), isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make(label: str) -> str:
        name = _database_name(label)
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as connection:
            for name in made:
                # FORCE: a store a failed test left open must not keep its database alive.
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def pg_url(pg_databases: DatabaseFactory, request: pytest.FixtureRequest) -> str:
    """A fresh database for this test module (migrated by the first store opened on it)."""
    return pg_databases(request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A migrated, empty PostgreSQL store (this module's database, emptied before each test)."""
    with open_store(pg_url) as store:
        names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
        with store.atomic() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        yield store


def postgres_param(*more: pytest.MarkDecorator) -> Any:
    """The ``backend_store`` parameter that selects PostgreSQL, with further marks (an xfail, say)."""
    return pytest.param("postgresql", marks=[pytest.mark.postgres, *more])


BOTH_BACKENDS = ["sqlite", postgres_param()]


@pytest.fixture
def backend_store(request: pytest.FixtureRequest) -> Store:
    """The SQLite ``store`` or the PostgreSQL ``pg_store``, as the test's parameter says."""
    name = "store" if request.param == "sqlite" else "pg_store"
    opened: Store = request.getfixturevalue(name)
    return opened
