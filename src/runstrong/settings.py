"""Configuration in one place: ``RUNSTRONG_*`` environment variables and their defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

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


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything runstrong can be configured with; read once at the edge and passed inward.

    >>> Settings.from_environ({"RUNSTRONG_DATABASE_URL": "postgres://db/club"}).database_url
    'postgresql+psycopg://db/club'
    """

    database_url: str = field(default_factory=default_database_url)
    #: ``Secure`` cookies: ``None`` decides per request (HTTPS or not); set it behind TLS.
    secure_cookies: bool | None = None
    #: Redis for background jobs (RQ); empty: jobs run in threads of the web process.
    redis_url: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "database_url", normalise_database_url(self.database_url))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        url = env.get("RUNSTRONG_DATABASE_URL", "").strip()
        secure = env.get("RUNSTRONG_SECURE_COOKIES", "").strip().lower()
        secure_cookies = {"1": True, "true": True, "yes": True, "0": False, "false": False,
                          "no": False}.get(secure)  # fmt: skip
        redis_url = env.get("RUNSTRONG_REDIS_URL", "").strip() or None
        if url:
            return cls(database_url=url, secure_cookies=secure_cookies, redis_url=redis_url)
        return cls(secure_cookies=secure_cookies, redis_url=redis_url)
