"""The migrations and the table models describe the same schema, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from runstrong.store import Store
from runstrong.store.tables import Base


def test_migrated_schema_matches_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_pain_and_threshold_columns_exist(store: Store) -> None:
    inspector = inspect(store.engine)
    for table in ("activities", "strength_sessions"):
        columns = {column["name"] for column in inspector.get_columns(table)}
        assert {"pain_score", "pain_location"} <= columns
    assert "risk_thresholds" in {c["name"] for c in inspector.get_columns("athletes")}


def test_head_revision_constant_matches_the_scripts() -> None:
    from runstrong.store.migrations_runner import HEAD_REVISION, head_revision

    assert head_revision() == HEAD_REVISION
