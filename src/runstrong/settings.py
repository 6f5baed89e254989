"""Configuration in one place: ``RUNSTRONG_*`` environment variables and their defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
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
    #: Seconds between background syncs of folder sources in the web app; 0 turns them off.
    sync_interval_s: float = 300.0
    #: A file is read once its size and modification time have not changed for this long.
    sync_settle_s: float = 5.0
    #: Web and API users may add folder sources only under ``<source_root>/<their username>``;
    #: empty: only the operator adds folders (``runstrong sources add`` on the server).
    source_root: str | None = None
    #: Strava API application of whoever runs this server (empty: "Connect Strava" is off).
    strava_client_id: str | None = field(default=None, repr=False)
    strava_client_secret: str | None = field(default=None, repr=False)
    #: The token Strava echoes when a webhook subscription is validated.
    strava_verify_token: str | None = field(default=None, repr=False)
    strava_base_url: str = "https://www.strava.com"

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
        base = cls(database_url=url) if url else cls()
        return replace(
            base,
            secure_cookies=secure_cookies,
            redis_url=redis_url,
            sync_interval_s=_seconds(env, "RUNSTRONG_SYNC_INTERVAL_S", 300.0),
            sync_settle_s=_seconds(env, "RUNSTRONG_SYNC_SETTLE_S", 5.0),
            source_root=env.get("RUNSTRONG_SOURCE_ROOT", "").strip() or None,
            strava_client_id=env.get("RUNSTRONG_STRAVA_CLIENT_ID", "").strip() or None,
            strava_client_secret=env.get("RUNSTRONG_STRAVA_CLIENT_SECRET", "").strip() or None,
            strava_verify_token=env.get("RUNSTRONG_STRAVA_VERIFY_TOKEN", "").strip() or None,
            strava_base_url=env.get("RUNSTRONG_STRAVA_BASE_URL", "").strip()
            or "https://www.strava.com",
        )


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A number of seconds from the environment; a value that is not one is refused at start.

    >>> _seconds({"X": "2.5"}, "X", 1.0), _seconds({}, "X", 1.0)
    (2.5, 1.0)
    """
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, got {text!r}") from None
    if not 0 <= value <= 86400:
        raise ValueError(f"{name} must be 0 to 86400 seconds, got {text!r}")
    return value
