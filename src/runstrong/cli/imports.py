"""``runstrong import``: bring files, folders and export archives into the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.errors import ValidationError
from runstrong.importers.base import join_warnings
from runstrong.services.athletes import get_athlete
from runstrong.services.imports import FileOutcome, ImportReport, import_paths

_STATUS_STYLE = {
    "imported": "green",
    "already_present": "dim",
    "skipped": "yellow",
    "failed": "red",
}


def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="FIT/GPX/TCX files (also .gz), folders, Strava or Garmin export .zip, "
            "Strong/Hevy CSV."
        ),
    ],
    athlete: AthleteOption = None,
    workers: Annotated[
        int | None, typer.Option(help="Decoding processes (default: one per core, at most 4).")
    ] = None,
    decoder: Annotated[
        str, typer.Option(help="FIT decoder: auto (native fast path when installed), fitdecode.")
    ] = "auto",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import activities and strength sessions; exit code 2 when any file failed."""
    if decoder not in ("auto", "fitdecode", "fitfast"):
        raise ValidationError(f"unknown decoder {decoder!r}: use auto, fitdecode or fitfast")
    if workers is not None and not 1 <= workers <= 32:
        raise ValidationError(f"--workers must be 1 to 32, got {workers}")

    def run(on_outcome: Callable[[FileOutcome], None] | None) -> ImportReport:
        return import_paths(
            store,
            athlete,
            paths,
            workers=workers,
            fit_decoder=decoder,  # type: ignore[arg-type]
            on_outcome=on_outcome,
        )

    with store_from(db) as store:
        get_athlete(store, athlete)  # an unknown athlete fails before any progress display
        report = run(None) if as_json else _with_progress(run)
    if as_json:
        emit_json(
            {
                "athlete": report.athlete.name,
                "imported": report.count("imported"),
                "already_present": report.count("already_present"),
                "skipped": report.count("skipped"),
                "failed": report.count("failed"),
                "samples_added": report.samples_added,
                "files": [asdict(outcome) for outcome in report.outcomes],
            }
        )
    else:
        _print_report(report)
    if report.any_failed:
        failed = report.count("failed")
        typer.echo(f"error: {failed} of {len(report.outcomes)} files failed to import", err=True)
        raise typer.Exit(code=2)


def _with_progress(run: Callable[[Callable[[FileOutcome], None]], ImportReport]) -> ImportReport:
    started = time.perf_counter()
    totals = {"files": 0, "samples": 0}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("importing", total=None, rate="")

        def on_outcome(outcome: FileOutcome) -> None:
            totals["files"] += 1
            totals["samples"] += outcome.samples_added
            elapsed = max(time.perf_counter() - started, 1e-6)
            progress.update(
                task,
                description=f"{totals['files']} files",
                rate=f"{totals['files'] / elapsed:.1f} files/s · "
                f"{totals['samples'] / elapsed:,.0f} records/s",
            )

        return run(on_outcome)


def _print_report(report: ImportReport) -> None:
    problems = [o for o in report.outcomes if o.status in ("failed", "skipped") or o.warnings]
    if problems:
        table = Table(title="Files needing a look", show_lines=False)
        table.add_column("file", overflow="fold")
        table.add_column("result")
        table.add_column("why", overflow="fold")
        for outcome in problems:
            why = (outcome.message or join_warnings(outcome.warnings)).replace(
                f"{outcome.name}: ", ""
            )
            style = _STATUS_STYLE[outcome.status]
            table.add_row(outcome.name, f"[{style}]{outcome.status}[/{style}]", why)
        console.print(table)
    activities = sum(o.activities_added for o in report.outcomes)
    sessions = sum(o.strength_sessions_added for o in report.outcomes)
    console.print(
        f"{report.athlete.name}: [green]{report.count('imported')} imported[/green] "
        f"({activities} activities, {sessions} strength sessions, "
        f"{report.samples_added:,} samples), "
        f"{report.count('already_present')} already present, "
        f"[yellow]{report.count('skipped')} skipped[/yellow], "
        f"[red]{report.count('failed')} failed[/red]."
    )
    for outcome in report.outcomes:
        for session_id, unnamed, no_rpe in outcome.to_complete:
            asks = ["--rpe N (how hard, 0-10)"] if no_rpe else []
            if unnamed:
                sets = "1 set" if unnamed == 1 else f"{unnamed} sets"
                asks.append(f"--name-unidentified EXERCISE ({sets} the watch did not know)")
            console.print(
                f"Strength session {session_id} from a watch: "
                f"runstrong edit strength {session_id} {' '.join(asks)}"
            )
    laps = sum(o.laps_added for o in report.outcomes)
    if laps:
        console.print(f"Added {laps} device laps to activities stored before laps were kept.")
