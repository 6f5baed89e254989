"""Helpers shared by the CLI tests: database row counts and result checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import create_engine, text
from typer.testing import Result

TABLES = ("athletes", "activities", "strength_sessions", "strength_sets")

Invoke = Callable[..., Result]


def row_counts(url: str) -> dict[str, int]:
    """Rows per table, read with a fresh engine straight from the database."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in TABLES
            }
    finally:
        engine.dispose()


def output_json(result: Result) -> Any:
    """The JSON a command printed on stdout, after checking it succeeded."""
    assert result.exit_code == 0, result.stderr or result.stdout
    return json.loads(result.stdout)


def assert_one_line_error(result: Result, fragment: str = "") -> str:
    """Exit 2, nothing on stdout, and exactly one ``error: ...`` line on stderr."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert fragment.lower() in lines[0].lower(), lines[0]
    return lines[0]
