"""The retry helper: collisions are run again, real errors are not, and the last one is raised."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from runstrong.domain.models import Athlete
from runstrong.store import UnitOfWork, open_store
from runstrong.store.retry import is_transient, is_unique_violation, run_in_transaction


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def _error(kind: type[OperationalError] | type[IntegrityError], orig: Exception) -> Exception:
    return kind("INSERT ...", {}, orig)


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (_error(OperationalError, Exception("database is locked")), True),
        (_error(OperationalError, _PgError("40P01")), True),  # deadlock detected
        (_error(OperationalError, _PgError("40001")), True),  # serialization failure
        (_error(OperationalError, Exception("no such table: activities")), False),
        (_error(IntegrityError, _PgError("23505")), False),  # unique violation
        (ValueError("not a database error"), False),
    ],
)
def test_is_transient(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


@pytest.mark.parametrize(
    ("error", "unique"),
    [
        (_error(IntegrityError, _PgError("23505")), True),
        (
            _error(IntegrityError, Exception("UNIQUE constraint failed: activities.external_id")),
            True,
        ),
        (_error(IntegrityError, _PgError("23514")), False),  # check constraint
        (_error(IntegrityError, Exception("CHECK constraint failed: reps_positive")), False),
        (_error(OperationalError, Exception("database is locked")), False),
    ],
)
def test_is_unique_violation(error: Exception, unique: bool) -> None:
    assert is_unique_violation(error) is unique


def test_collisions_are_run_again_and_commit_once(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'retry.db'}")
    calls = []

    def work(uow: UnitOfWork) -> int:
        calls.append(1)
        athlete = uow.athletes.add(Athlete(name=f"Try {len(calls)}"))
        if len(calls) < 3:
            raise _error(OperationalError, Exception("database is locked"))
        assert athlete.id is not None
        return athlete.id

    run_in_transaction(store, work)
    with store.unit_of_work() as uow:
        assert [a.name for a in uow.athletes.list()] == ["Try 3"]  # the failed tries rolled back
    store.dispose()


def test_real_errors_are_raised_at_once_and_integrity_only_when_asked(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'retry.db'}")
    calls = []

    def conflict(_uow: UnitOfWork) -> None:
        calls.append(1)
        raise _error(IntegrityError, Exception("UNIQUE constraint failed: athletes.name"))

    with pytest.raises(IntegrityError):
        run_in_transaction(store, conflict)
    assert len(calls) == 1
    with pytest.raises(IntegrityError):
        run_in_transaction(store, conflict, attempts=3, retry_integrity=True)
    assert len(calls) == 4
    store.dispose()
