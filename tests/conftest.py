"""Shared fixtures: a migrated store on SQLite always, and on PostgreSQL when one answers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runstrong.settings import normalise_database_url
from runstrong.store import Store, open_store

#: The real device files (read-only); RUNSTRONG_SHARED_DATA points elsewhere (a worktree).
SHARED_DATA = Path(
    os.environ.get("RUNSTRONG_SHARED_DATA")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)
_LOCAL_POSTGRES = "postgresql+psycopg://127.0.0.1:5432/postgres"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store",
        default=None,
        help="PostgreSQL server URL on which the tests may create databases "
        "(default: RUNSTRONG_TEST_POSTGRES_URL, else a local server on 127.0.0.1:5432)",
    )
    parser.addoption(
        "--backend",
        action="store",
        choices=("both", "sqlite", "postgresql"),
        default=os.environ.get("RUNSTRONG_TEST_BACKEND", "both"),
        help="Which store backend the store tests run on (default: both, as CI runs them)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    backend = config.getoption("--backend")
    if backend == "both":
        return
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        param = callspec.params.get("store") if callspec is not None else None
        (dropped if param is not None and param != backend else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _postgres_admin_url(config: pytest.Config) -> tuple[str | None, str]:
    explicit = config.getoption("--postgres") or os.environ.get("RUNSTRONG_TEST_POSTGRES_URL")
    url = normalise_database_url(explicit) if explicit else _LOCAL_POSTGRES
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means: no server for these tests
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return None, (
            f"PostgreSQL tests skipped: no server answered at {make_url(url).render_as_string()} "
            f"({first_line}); set RUNSTRONG_TEST_POSTGRES_URL or --postgres to run them"
        )
    return url, ""


@pytest.fixture(scope="session")
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session, dropped at the end."""
    admin_url, reason = _postgres_admin_url(request.config)
    if admin_url is None:
        pytest.skip(reason)
    name = f"runstrong_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty_postgres_store(url: str) -> Store:
    store = open_store(url)
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "TRUNCATE athletes, activities, activity_samples, strength_sessions, "
                "strength_sets, users, web_sessions, api_tokens, login_failures "
                "RESTART IDENTITY CASCADE"
            )
        )
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty store on each backend."""
    if request.param == "sqlite":
        opened = open_store(f"sqlite:///{tmp_path / 'runstrong.db'}")
    else:
        opened = _empty_postgres_store(request.getfixturevalue("postgres_url"))
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'runstrong.db'}"
