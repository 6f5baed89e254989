"""Engines and the store handle: SQLite (WAL, foreign keys) by default, PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from runstrong.errors import RunstrongError, ValidationError
from runstrong.store.migrations_runner import upgrade_to_head
from runstrong.store.unit_of_work import UnitOfWork

__all__ = ["Store", "make_engine", "open_store"]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    """Create an engine for ``database_url``; a SQLite file's folder is created when missing."""
    try:
        url = make_url(database_url)
    except ArgumentError as exc:
        raise ValidationError(
            f"invalid database URL {database_url!r}: use sqlite:///PATH or postgresql://HOST/DB"
        ) from exc
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.get_backend_name() != "postgresql":
        raise ValidationError(
            f"unsupported database {url.get_backend_name()!r}: "
            "runstrong runs on SQLite or PostgreSQL"
        )
    return create_engine(url, pool_pre_ping=True)


class Store:
    """A migrated database and the factory for its units of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One transaction: committed when the block ends normally, rolled back otherwise."""
        session: Session = self._sessions()
        try:
            uow = UnitOfWork(session)
            yield uow
            uow.bump_data_versions()
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(database_url: str, *, migrate: bool = True) -> Store:
    """Open the database at ``database_url`` and bring its schema to the newest migration."""
    engine = make_engine(database_url)
    try:
        if migrate:
            upgrade_to_head(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise RunstrongError(f"cannot open database {engine.url!r}: {reason}") from exc
    return Store(engine)
