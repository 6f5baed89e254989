"""Run the packaged Alembic migrations against an engine, programmatically.

Opening an up-to-date store reads one row and imports nothing from Alembic, which costs about
0.3 s of start-up; Alembic is loaded only when there is a migration to apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "HEAD_REVISION",
    "alembic_config",
    "current_revision",
    "head_revision",
    "migrate",
    "upgrade_to_head",
]

_MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The newest migration; a test checks it against the scripts in ``migrations/versions``.
HEAD_REVISION = "0010"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The newest revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration not yet applied; does nothing on an up-to-date database."""
    if current_revision(engine) == HEAD_REVISION:
        return
    migrate(engine, "head")


def migrate(engine: Engine, revision: str) -> None:
    """Upgrade or downgrade the database to ``revision`` ("head" for the newest).

    SQLite alters most columns and constraints by rebuilding the table (Alembic's batch mode:
    copy, drop the old table, rename). With foreign keys on, dropping the old table deletes the
    rows of every table that references it with ``ON DELETE CASCADE``: an activity's samples, a
    strength session's sets. So on SQLite foreign keys are switched off for the migration, as
    SQLite's documentation prescribes for schema changes, checked with ``foreign_key_check``
    before the migration is committed, and switched on again.
    """
    from alembic import command

    config = alembic_config()
    current = current_revision(engine)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                if current is not None and _is_downgrade(current, revision):
                    command.downgrade(config, revision)
                else:
                    command.upgrade(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(
                            f"migration to {revision} left {len(broken)} rows whose foreign keys "
                            f"point nowhere (first: {tuple(broken[0])}); nothing was committed"
                        )
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _is_downgrade(current: str, target: str) -> bool:
    """Revisions are numbered ``0001``, ``0002`` ...: a lower number is older."""
    if target == "head" or target == "base":
        return target == "base"
    return target.isdigit() and current.isdigit() and int(target) < int(current)
