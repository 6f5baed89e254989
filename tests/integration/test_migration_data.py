"""Migrations keep the data: going down to the last release's schema and back up again leaves
every stored row in place, on SQLite (where altering a table rebuilds it) and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from runstrong.domain.models import Athlete, StrengthSession, StrengthSet
from runstrong.services.athletes import create_athlete
from runstrong.services.imports import import_paths
from runstrong.services.logging import log_strength_session
from runstrong.store import Store, open_store
from runstrong.store.migrations_runner import HEAD_REVISION, current_revision, migrate

DATA = Path(__file__).resolve().parents[1] / "data"
#: Tables that reference activities or strength sessions with ON DELETE CASCADE.
CHILD_TABLES = ("activities", "activity_samples", "strength_sessions", "strength_sets")


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in CHILD_TABLES
        }


def _stored_training(store: Store) -> None:
    create_athlete(store, Athlete(name="Ana", timezone="Europe/Ljubljana"))
    report = import_paths(store, "Ana", [DATA / "fit" / "run.fit"], workers=0)
    assert report.count("imported") == 1
    log_strength_session(
        store,
        "Ana",
        StrengthSession(
            started_at=datetime(2026, 11, 2, 17, 0, tzinfo=UTC),
            sets=(
                StrengthSet("leg-press", 6, 140.0, 8.0),
                StrengthSet("leg-press", 6, 140.0, 8.5),
            ),
        ),
    )


def test_down_to_0004_and_back_up_keeps_every_row(store: Store) -> None:
    _stored_training(store)
    before = _counts(store)
    assert all(count > 0 for count in before.values()), before

    migrate(store.engine, "0004")
    assert current_revision(store.engine) == "0004"
    assert _counts(store) == before

    migrate(store.engine, "head")
    assert current_revision(store.engine) == HEAD_REVISION
    assert _counts(store) == before


def test_sqlite_enforces_foreign_keys_again_after_a_migration(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    try:
        migrate(store.engine, "0004")
        migrate(store.engine, "head")
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        store.dispose()
