"""Database errors that are not the store's fault: a lost lock race (try again) or one row's bad value.

Lock races: work that lost a race for a database lock it will get a moment later is tried again.

SQLite's busy timeout makes a connection wait for another's write lock, but SQLite skips the wait where
waiting could deadlock, and returns "database is locked" at once: a connection switching a fresh file to
WAL while another holds it, a read that has to run WAL recovery another process started, the last
connection of a process checkpointing the WAL as the next one opens. PostgreSQL reports the same kind of
loss as a serialization failure, a deadlock or a lock timeout. Opening and migrating a store is
idempotent (each migration is one transaction), so trying again, a little later, is correct; the number
of tries is bounded so that a store that stays locked is still reported.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

T = TypeVar("T")

#: Tries in all before the error is raised. With the delays below the last try starts about 12 s after
#: the first (plus each try's own busy timeout): long enough for a busy CI machine, where a dozen
#: processes opening one fresh store at once finish within a second or two of each other.
ATTEMPTS = 8

#: Seconds before the second try; each later wait doubles it, with jitter so that processes that
#: collided once do not collide again in lockstep.
FIRST_DELAY_S = 0.1

# SQLite's messages for a lock it could not get (SQLITE_BUSY and SQLITE_LOCKED and their extended codes).
_SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database schema is locked")

# PostgreSQL SQLSTATEs of a lost race: serialization_failure, deadlock_detected, lock_not_available.
_PG_RETRY_STATES = {"40001", "40P01", "55P03"}


def is_busy(error: BaseException) -> bool:
    """True when ``error`` says another connection held a lock that will be released."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    state = getattr(original, "sqlstate", None)  # psycopg 3
    if state in _PG_RETRY_STATES:
        return True
    return isinstance(error, OperationalError) and any(
        message in str(original).lower() for message in _SQLITE_BUSY_MESSAGES
    )


def refuses_value(error: BaseException) -> bool:
    """True when the database refused a value of the row itself (too long, out of range, over a limit).

    Such an error belongs to one input, not to the store: PostgreSQL's SQLSTATE classes 22 (data
    exception) and 54 (program limit exceeded, as an index entry over 2,704 bytes).
    """
    if not isinstance(error, DBAPIError):
        return False
    state = getattr(error.orig, "sqlstate", None) or ""
    return state.startswith(("22", "54"))


def retry_while_busy(
    work: Callable[[], T],
    *,
    attempts: int = ATTEMPTS,
    first_delay_s: float = FIRST_DELAY_S,
    before_retry: Callable[[], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``work()``, tried again after a growing pause while it fails only because a lock was busy.

    ``before_retry`` runs before each new try (e.g. to drop pooled connections that saw the failure).
    Any other error, and a busy error on the last try, is raised as it is.
    """
    delay = first_delay_s
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as error:
            if attempt == attempts or not is_busy(error):
                raise
        if before_retry is not None:
            before_retry()
        sleep(delay * random.uniform(0.5, 1.5))
        delay *= 2
    raise AssertionError("unreachable: the last try returns or raises")
