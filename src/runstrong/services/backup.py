"""Use cases on the whole database: apply migrations explicitly, copy a SQLite file safely."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from runstrong.errors import Conflict, NotFound, RunstrongError, ValidationError
from runstrong.store.db import make_engine
from runstrong.store.migrations_runner import current_revision, upgrade_to_head

__all__ = ["BackupResult", "UpgradeResult", "backup_database", "upgrade_database"]


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    database: str
    revision_before: str | None
    revision_after: str | None


@dataclass(frozen=True, slots=True)
class BackupResult:
    database: str
    backup: Path
    size_bytes: int


def upgrade_database(database_url: str) -> UpgradeResult:
    """Apply every pending migration; the revisions before (``None``: empty) and after."""
    engine = make_engine(database_url)
    try:
        before = current_revision(engine)
        upgrade_to_head(engine)
        after = current_revision(engine)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise RunstrongError(f"cannot upgrade database {engine.url!r}: {reason}") from exc
    finally:
        engine.dispose()
    return UpgradeResult(engine.url.render_as_string(hide_password=True), before, after)


def _pg_dump_hint(database_url: str, target: Path) -> str:
    # The password is left out: pg_dump reads it from PGPASSWORD or ~/.pgpass.
    given = make_url(database_url)
    url = URL.create(
        "postgresql",
        username=given.username,
        host=given.host,
        port=given.port,
        database=given.database,
        query=given.query,
    )
    return (
        "backup copies SQLite databases only; for PostgreSQL run "
        f"`pg_dump --format=custom --file={target} '{url.render_as_string(hide_password=False)}'` "
        "(password from PGPASSWORD or ~/.pgpass; restore with pg_restore)"
    )


def backup_database(database_url: str, target: Path, *, force: bool = False) -> BackupResult:
    """Copy a live SQLite database to ``target`` with SQLite's online backup API.

    The copy is consistent even while other connections write. ``target`` is written through a
    temporary file in its folder and is not overwritten unless ``force``. A PostgreSQL URL raises
    a ``ValidationError`` naming the ``pg_dump`` command to use instead; nothing is written.
    """
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        raise ValidationError(_pg_dump_hint(database_url, target))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ValidationError(f"cannot back up {database_url!r}: give a SQLite file database")
    source = Path(url.database).expanduser()
    if not source.is_file():
        raise NotFound(f"no database at {source}: nothing to back up")
    if target.exists() and not force:
        raise Conflict(f"{target} already exists: choose another file or pass --force")
    if target.exists() and target.resolve() == source.resolve():
        raise ValidationError("the backup file cannot be the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        with sqlite3.connect(source) as live, sqlite3.connect(temporary) as copy:
            live.backup(copy)
        # ``with`` commits but does not close sqlite3 connections.
        live.close()
        copy.close()
        os.replace(temporary, target)
    except sqlite3.Error as exc:
        raise RunstrongError(f"backup of {source} failed: {exc}") from exc
    finally:
        Path(temporary).unlink(missing_ok=True)
    return BackupResult(str(source), target, target.stat().st_size)
