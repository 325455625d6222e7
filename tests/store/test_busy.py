"""The bounded retry of store work that lost a lock race (opening a fresh store from many processes)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from newsweave.store.busy import ATTEMPTS, FIRST_DELAY_S, is_busy, retry_while_busy


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
