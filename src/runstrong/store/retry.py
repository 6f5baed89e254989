"""Units of work side by side: run one again after a collision, or lock out the others.

Several processes (web workers, import workers) write for the same athlete at once. A
collision between their transactions is not an error to show a user: SQLite answers "database
is locked" when another writer held the lock longer than the busy timeout, and PostgreSQL
aborts one of two transactions with a serialization failure or a detected deadlock. The
transaction was rolled back in full, so running the work again is safe; :func:`run_in_transaction`
does that a few times, with a short random back-off. Optionally it also retries after a unique
key violation (a row another process inserted first), for work that re-checks what is stored
before it inserts.

Work that checks what is stored and then inserts (an import's "is this run already here?")
must not interleave with another process doing the same: :func:`lock_athlete` makes such
units of work for one athlete run one after the other.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError, IntegrityError

from runstrong.store.tables import AthleteRow
from runstrong.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from runstrong.store.db import Store

__all__ = ["is_transient", "is_unique_violation", "lock_athlete", "run_in_transaction"]

T = TypeVar("T")

#: PostgreSQL SQLSTATEs that mean "try the transaction again": serialization_failure,
#: deadlock_detected, lock_not_available.
_RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_UNIQUE_VIOLATION = "23505"
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
#: Back-off before the n-th retry: up to 50 ms, 100 ms, 200 ms ... (random, so that the
#: colliding processes do not meet again).
_BACKOFF_S = 0.05
_log = logging.getLogger(__name__)


def is_unique_violation(exc: BaseException) -> bool:
    """Whether ``exc`` is a unique key that another transaction stored first."""
    if not isinstance(exc, IntegrityError) or exc.orig is None:
        return False
    if getattr(exc.orig, "sqlstate", None) == _UNIQUE_VIOLATION:
        return True
    return "unique constraint failed" in str(exc.orig).lower()


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` is a collision with another transaction that a retry resolves."""
    if not isinstance(exc, DBAPIError) or exc.orig is None:
        return False
    if getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    message = str(exc.orig).lower()
    return any(text in message for text in _SQLITE_BUSY)


def run_in_transaction(
    store: Store,
    work: Callable[[UnitOfWork], T],
    *,
    attempts: int = 6,
    retry_integrity: bool = False,
) -> T:
    """``work(uow)`` in one unit of work, run again (up to ``attempts`` times in all) when the
    transaction failed on a collision (:func:`is_transient`), or on an integrity error when
    ``retry_integrity`` is set and it is a unique key (:func:`is_unique_violation`). The last
    failure is raised as it is."""
    for attempt in range(1, attempts + 1):
        try:
            with store.unit_of_work() as uow:
                return work(uow)
        except DBAPIError as exc:
            retry = is_transient(exc) or (retry_integrity and is_unique_violation(exc))
            if not retry or attempt == attempts:
                raise
            _log.info(
                "transaction collided, running it again (%d of %d): %s",
                attempt + 1,
                attempts,
                str(exc.orig).strip().splitlines()[0],
            )
            time.sleep(random.uniform(0, _BACKOFF_S * 2 ** (attempt - 1)))
    raise AssertionError("unreachable")  # pragma: no cover


def lock_athlete(uow: UnitOfWork, athlete_id: int) -> None:
    """Hold the athlete's lock until the unit of work ends: the athlete's row on PostgreSQL,
    the database's write lock on SQLite (an update that changes nothing takes both). Another
    unit of work asking for the same lock waits until this one commits or rolls back, and
    then sees what it stored."""
    uow.session.execute(
        update(AthleteRow)
        .where(AthleteRow.id == athlete_id)
        .values(data_version=AthleteRow.data_version)
    )
