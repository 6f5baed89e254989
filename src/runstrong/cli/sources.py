"""``runstrong sources`` and ``runstrong sync``: folders runstrong keeps in step with."""

from __future__ import annotations

import signal
import threading
from dataclasses import asdict
from datetime import UTC, datetime
from types import FrameType
from typing import Annotated, Any

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.sources import Source
from runstrong.errors import ValidationError
from runstrong.services.athletes import get_athlete
from runstrong.services.sources import (
    add_folder_source,
    failed_files,
    list_sources,
    remove_source,
)
from runstrong.services.sync import SourceSync, SyncedFile, sync_sources
from runstrong.settings import Settings
from runstrong.store import Store

app = typer.Typer(help="Folders runstrong imports new files from by itself.", no_args_is_help=True)

_STYLE = {"imported": "green", "failed": "red", "skipped": "yellow", "waiting": "dim"}


@app.command("add")
def add(
    kind: Annotated[str, typer.Argument(help="The kind of source: folder.")],
    path: Annotated[str, typer.Argument(help="The folder new activity files land in.")],
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a source: every file that lands in the folder is imported for the athlete."""
    if kind != "folder":
        raise ValidationError(f"unknown source kind {kind!r}: use folder")
    with store_from(db) as store:
        source = add_folder_source(store, athlete, path)
    if as_json:
        emit_json(_source_json(source))
        return
    console.print(
        f"Source {source.id}: {source.location} → {source.athlete_name}. "
        "Run `runstrong sync` (or `runstrong sync --watch`) to import its files."
    )


@app.command("list")
def list_command(
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every source (or one athlete's): last sync, files imported, files failed and why."""
    with store_from(db) as store:
        sources = list_sources(store, athlete, every=athlete is None)
        failures = {s.id: failed_files(store, s.id) for s in sources}
    if as_json:
        emit_json(
            [
                {**_source_json(s), "failed_files": [_failed_json(f) for f in failures[s.id]]}
                for s in sources
            ]
        )
        return
    if not sources:
        console.print("No sources yet: `runstrong sources add folder PATH --athlete NAME`.")
        return
    table = Table(title="Sources")
    for column in ("id", "athlete", "folder", "last sync", "imported", "failed", "state"):
        table.add_column(column, overflow="fold")
    for s in sources:
        last = s.last_sync_at.strftime("%Y-%m-%d %H:%M UTC") if s.last_sync_at else "never"
        state = f"[red]{s.last_error}[/red]" if s.last_error else "ok"
        table.add_row(
            str(s.id), s.athlete_name, s.location, last, str(s.files_imported),
            str(s.files_failed), state,
        )  # fmt: skip
    console.print(table)
    for s in sources:
        for seen in failures[s.id]:
            console.print(f"[red]failed[/red] source {s.id}: {seen.path}: {seen.reason}")


@app.command("remove")
def remove(
    source_id: Annotated[int, typer.Argument(help="The source's id (see `sources list`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stop syncing a source; what it imported stays."""
    with store_from(db) as store:
        source = remove_source(store, source_id)
    if as_json:
        emit_json({"removed": _source_json(source)})
        return
    console.print(f"Removed source {source.id} ({source.location}).")


def sync_command(
    athlete: AthleteOption = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="Keep running, importing files as they appear.")
    ] = False,
    interval: Annotated[
        float, typer.Option(help="Seconds between passes with --watch.", min=0.2, max=3600)
    ] = 10.0,
    settle: Annotated[
        float | None,
        typer.Option(
            help="Seconds a file must stay unchanged before it is read "
            "(default: RUNSTRONG_SYNC_SETTLE_S or 5).",
            min=0,
            max=3600,
        ),
    ] = None,
    passes: Annotated[
        int | None, typer.Option(hidden=True, min=1, help="Stop after this many passes (tests).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import new files from every source (one pass), or keep doing it with --watch."""
    settle_s = Settings.from_environ().sync_settle_s if settle is None else settle
    stop = threading.Event()
    with store_from(db) as store:
        athlete_id = get_athlete(store, athlete).id if athlete else None
        if not watch:
            results = _pass(store, athlete_id, settle_s)
            _report(results, as_json, quiet=False)
            failed = sum(r.count("failed") for r in results)
            if failed:
                typer.echo(f"error: {failed} files failed to import (reasons above)", err=True)
                raise typer.Exit(code=2)
            return
        previous = signal.signal(signal.SIGTERM, _stop_on(stop))
        console.print(f"Watching sources every {interval:g} s; Ctrl-C stops.")
        done = 0
        try:
            while not stop.is_set():
                _report(_pass(store, athlete_id, settle_s), as_json, quiet=True)
                done += 1
                if passes is not None and done >= passes:
                    break
                stop.wait(interval)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        console.print("Stopped watching.")


def _stop_on(stop: threading.Event) -> Any:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        stop.set()
        raise KeyboardInterrupt

    return handler


def _pass(store: Store, athlete_id: int | None, settle_s: float) -> list[SourceSync]:
    return sync_sources(store, athlete_id=athlete_id, settle_s=settle_s, workers=None)


def _report(results: list[SourceSync], as_json: bool, *, quiet: bool) -> None:
    if as_json:
        emit_json(
            [
                {
                    "source": _source_json(r.source),
                    "error": r.error,
                    "busy": r.busy,
                    "files": [asdict(f) for f in r.files],
                }
                for r in results
            ]
        )
        return
    if not results and not quiet:
        console.print("No sources yet: `runstrong sources add folder PATH --athlete NAME`.")
    for r in results:
        shown = [f for f in r.files if f.status != "waiting" or not quiet]
        if r.error:
            console.print(f"[yellow]source {r.source.id}[/yellow]: {r.error}")
        elif r.busy:
            console.print(f"source {r.source.id}: another process is syncing it; left alone")
        elif shown or not quiet:
            added = sum(f.activities_added for f in r.files)
            sessions = sum(f.strength_sessions_added for f in r.files)
            console.print(
                f"source {r.source.id} ({r.source.athlete_name}): {r.count('imported')} imported "
                f"({added} activities, {sessions} strength sessions), "
                f"{r.count('duplicate') + r.count('already_present')} already there, "
                f"{r.count('failed')} failed, {r.count('waiting')} still being written"
            )
        for file in shown:
            _print_file(file)


def _print_file(file: SyncedFile) -> None:
    style = _STYLE.get(file.status, "dim")
    reason = f": {file.reason}" if file.reason else ""
    console.print(f"  [{style}]{file.status}[/{style}] {file.path}{reason}")


def _source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "athlete": source.athlete_name,
        "athlete_id": source.athlete_id,
        "kind": source.kind,
        "location": source.location,
        "added_by": "operator" if source.added_by_user_id is None else "user",
        "last_sync_at": _utc(source.last_sync_at),
        "last_error": source.last_error,
        "files_imported": source.files_imported,
        "files_failed": source.files_failed,
        "files_seen": source.files_seen,
    }


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _failed_json(seen: Any) -> dict[str, Any]:
    return {"path": seen.path, "reason": seen.reason}
