"""Fixtures for the CLI tests: a runner on the Typer app and a SQLite file per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from runstrong.cli.main import app
from tests.cli.helpers import Invoke


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite URL for this test; the file is created by the first command that opens it."""
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    """A runner whose default database is a throwaway file, never the user's own."""
    return CliRunner(env={"RUNSTRONG_DATABASE_URL": f"sqlite:///{tmp_path / 'default.db'}"})


@pytest.fixture
def invoke(runner: CliRunner) -> Invoke:
    """``invoke("calc", "vdot", ...)`` runs ``runstrong calc vdot ...``."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, input=input)

    return run


@pytest.fixture
def cli(invoke: Invoke, db_url: str) -> Invoke:
    """Like ``invoke`` but with ``--db`` for this test's database appended."""

    def run(*args: str) -> Result:
        return invoke(*args, "--db", db_url)

    return run


@pytest.fixture
def ana(cli: Invoke) -> str:
    """A metric athlete 'Ana' in Europe/Ljubljana; returns her name."""
    result = cli(
        "athlete",
        "create",
        "Ana",
        "--body-mass",
        "58",
        "--sex",
        "female",
        "--birth-year",
        "1994",
        "--focus",
        "distance",
        "--units",
        "metric",
        "--timezone",
        "Europe/Ljubljana",
    )
    assert result.exit_code == 0, result.stderr
    return "Ana"
