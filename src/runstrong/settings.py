"""Configuration in one place: ``RUNSTRONG_*`` environment variables and their defaults."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_database_url", "normalise_database_url"]


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user's data directory."""
    data_dir = Path(platformdirs.user_data_dir("runstrong", appauthor=False))
    return f"sqlite:///{data_dir / 'runstrong.db'}"


def normalise_database_url(url: str) -> str:
    """Map common spellings of database URLs onto the drivers runstrong ships with.

    >>> normalise_database_url("postgresql://localhost/test")
    'postgresql+psycopg://localhost/test'
    >>> normalise_database_url("postgres://localhost/test")
    'postgresql+psycopg://localhost/test'
    >>> normalise_database_url("sqlite:///tmp/x.db")
    'sqlite:///tmp/x.db'
    """
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    """Everything runstrong can be configured with; read once at the edge and passed inward."""

    model_config = SettingsConfigDict(env_prefix="RUNSTRONG_", extra="ignore")

    database_url: str = ""

    @field_validator("database_url")
    @classmethod
    def _normalise(cls, value: str) -> str:
        return normalise_database_url(value) if value else default_database_url()
