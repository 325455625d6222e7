"""Database errors: a lost lock race is tried again; a value the schema cannot hold fails one input."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from newsweave.config import Config
from newsweave.data import Article
from newsweave.errors import Errors
from newsweave.ingest.stage import ingest_articles
from newsweave.store import Store
from newsweave.store.db_errors import ATTEMPTS, FIRST_DELAY_S, is_busy, refuses_value, retry_while_busy
from tests.store.conftest import BOTH_BACKENDS


def _locked() -> OperationalError:
    return OperationalError("PRAGMA journal_mode=WAL", {}, sqlite3.OperationalError("database is locked"))


class _FailsFirst:
    """Work that fails with ``error`` the first ``failures`` times, then returns "done"."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures, self.error, self.calls = failures, error, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "done"


def test_a_busy_lock_is_tried_again_until_the_work_succeeds() -> None:
    work, pauses, retries = _FailsFirst(3, _locked()), list[float](), list[int]()
    assert retry_while_busy(work, sleep=pauses.append, before_retry=lambda: retries.append(1)) == "done"
    assert work.calls == 4
    assert len(retries) == 3
    # Doubling pauses with jitter of +-50 %, so that colliding processes fall out of step.
    for number, pause in enumerate(pauses):
        assert 0.5 * FIRST_DELAY_S * 2**number <= pause <= 1.5 * FIRST_DELAY_S * 2**number


def test_a_lock_that_stays_busy_is_reported_after_the_last_try() -> None:
    work, pauses = _FailsFirst(ATTEMPTS, _locked()), list[float]()
    with pytest.raises(OperationalError, match="database is locked"):
        retry_while_busy(work, sleep=pauses.append)
    assert work.calls == ATTEMPTS
    assert len(pauses) == ATTEMPTS - 1


def test_other_database_errors_are_not_retried() -> None:
    broken = OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: articles"))
    duplicate = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    for error in (broken, duplicate):
        work = _FailsFirst(1, error)
        with pytest.raises(type(error)):
            retry_while_busy(work, sleep=lambda _s: None)
        assert work.calls == 1
        assert not is_busy(error)
    assert not is_busy(ValueError("database is locked"))


BODY = "The harbour authority said on Monday that the ferry service would resume next month. " * 6


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
@pytest.mark.parametrize(
    ("field", "value"),
    [("outlet", "Wire " * 1_000), ("language", "en-" + "x" * 40)],
)
def test_a_field_the_schema_cannot_hold_fails_that_article_alone(
    backend_store: Store, config: Config, field: str, value: str
) -> None:
    # PostgreSQL refused these with a traceback that took the batch down (an index entry over 2,704
    # bytes; a value over varchar(16)); SQLite stored them. Now both name the input and go on.
    bad = Article(title="Bad", text="Bad. " + BODY, source="bad.jsonl#line-1", **{field: value})
    good = Article(title="Good", text="Good. " + BODY, source="good.txt", outlet="Wire", language="en")
    report = ingest_articles([bad, good], backend_store, config)
    (failure,) = report.failures
    assert (failure.source, failure.code) == ("bad.jsonl#line-1", Errors.FIELD_TOO_LONG.code)
    assert field in failure.reason
    assert [article.title for article in backend_store.list_articles()] == ["Good"]


def test_a_refused_value_is_told_apart_from_a_broken_store() -> None:
    too_long = DataError("INSERT", {}, _PgError("22001"))
    index_entry = OperationalError("INSERT", {}, _PgError("54000"))
    lost = OperationalError("INSERT", {}, _PgError("08006"))  # connection failure: not the input's fault
    assert refuses_value(too_long) and refuses_value(index_entry)
    assert not refuses_value(lost) and not refuses_value(_locked()) and not refuses_value(ValueError())


class _PgError(Exception):
    """A driver error carrying a SQLSTATE, as psycopg's do."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"SQLSTATE {sqlstate}")
        self.sqlstate = sqlstate


@pytest.mark.parametrize("backend_store", BOTH_BACKENDS, indirect=True)
def test_an_article_too_long_for_a_tsvector_leaves_search_working(backend_store: Store) -> None:
    # 1.4 MB of distinct words: PostgreSQL's to_tsvector refused it ("string is too long for tsvector")
    # and so failed every search of the store, whatever the words asked for.
    words = " ".join(f"w{number}" for number in range(200_000))
    huge = Article(title="Huge", text=f"Lighthouse keepers. {words}", source="huge.txt")
    good = Article(title="Good", text="Good lighthouse. " + BODY, source="good.txt")
    with backend_store.atomic():
        backend_store.add_article(huge)
        backend_store.add_article(good)
    assert set(backend_store.search_articles("lighthouse")) == {huge.id, good.id}
    assert backend_store.search_articles("ferry") == [good.id]
