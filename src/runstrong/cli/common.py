"""Shared pieces of the CLI: options, store opening, output as tables or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console

from runstrong.settings import Settings, normalise_database_url
from runstrong.store import Store, open_store

__all__ = [
    "AthleteOption",
    "DbOption",
    "JsonOption",
    "console",
    "emit_json",
    "store_from",
]

console = Console(highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///PATH or postgresql://HOST/DB). "
        "Default: RUNSTRONG_DATABASE_URL or a SQLite file in your data directory.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
AthleteOption = Annotated[
    str | None,
    typer.Option("--athlete", "-a", help="Athlete name (optional when only one exists)."),
]


@contextmanager
def store_from(db: str | None) -> Iterator[Store]:
    """Open (and migrate) the store named by ``--db`` or the settings."""
    url = normalise_database_url(db) if db else Settings.from_environ().database_url
    store = open_store(url)
    try:
        yield store
    finally:
        store.dispose()


def emit_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, indent=2, sort_keys=True, default=str))
