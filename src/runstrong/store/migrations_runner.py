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
    "upgrade_to_head",
]

_MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The newest migration; a test checks it against the scripts in ``migrations/versions``.
HEAD_REVISION = "0009"


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
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
