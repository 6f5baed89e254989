"""``runstrong db upgrade``, ``export``, ``restore`` and ``backup``: keeping the data safe."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.services.archive import ArchiveSummary, export_athlete, restore_athlete
from runstrong.services.backup import backup_database, upgrade_database
from runstrong.settings import Settings, normalise_database_url

__all__ = ["backup_command", "db_app", "export_command", "restore_command"]

db_app = typer.Typer(help="Database maintenance: schema migrations.", no_args_is_help=True)

ArchiveArgument = Annotated[Path, typer.Argument(help="The archive file (.zip).", dir_okay=False)]


def _database_url(db: str | None) -> str:
    return normalise_database_url(db) if db else Settings.from_environ().database_url


def _summary_json(summary: ArchiveSummary) -> dict[str, object]:
    return {
        "file": str(summary.path),
        "athlete": summary.athlete,
        "counts": summary.counts,
        "sha256": summary.sha256,
    }


def _counts_text(counts: dict[str, int]) -> str:
    return (
        f"{counts['activities']} activities ({counts['activity_samples']} with samples), "
        f"{counts['strength_sessions']} strength sessions, {counts['plans']} plans"
    )


@db_app.command("upgrade")
def upgrade(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Apply pending schema migrations and print the revision before and after."""
    result = upgrade_database(_database_url(db))
    if as_json:
        emit_json(
            {
                "database": result.database,
                "revision_before": result.revision_before,
                "revision_after": result.revision_after,
            }
        )
        return
    before = result.revision_before or "empty"
    if result.revision_before == result.revision_after:
        console.print(f"{result.database} is up to date at revision {result.revision_after}.")
    else:
        console.print(
            f"{result.database} upgraded from revision {before} to {result.revision_after}."
        )


def export_command(
    file: ArchiveArgument,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export one athlete's data to a zip archive (see docs/archive-format.md)."""
    with store_from(db) as store:
        summary = export_athlete(store, athlete, file)
    if as_json:
        emit_json(_summary_json(summary))
        return
    console.print(f"Exported {summary.athlete} to {file}: {_counts_text(summary.counts)}.")


def restore_command(
    file: ArchiveArgument,
    as_name: Annotated[
        str | None,
        typer.Option("--as", help="Store the athlete under this name instead.", show_default=False),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Restore an athlete from an archive made by `runstrong export`, all or nothing."""
    with store_from(db) as store:
        summary = restore_athlete(store, file, new_name=as_name)
    if as_json:
        emit_json(_summary_json(summary))
        return
    console.print(f"Restored {summary.athlete} from {file}: {_counts_text(summary.counts)}.")


def backup_command(
    file: Annotated[Path, typer.Argument(help="The backup file to write.", dir_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy the SQLite database safely while in use (PostgreSQL: prints the pg_dump command)."""
    result = backup_database(_database_url(db), file, force=force)
    if as_json:
        emit_json(
            {"database": result.database, "backup": str(result.backup), "bytes": result.size_bytes}
        )
        return
    console.print(f"Backed up {result.database} to {result.backup} ({result.size_bytes} bytes).")
