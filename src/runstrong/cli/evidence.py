"""``runstrong evidence``: did the strength work go with better running, for this athlete?"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.errors import ValidationError
from runstrong.reports.evidence_json import evidence_json
from runstrong.services.evidence import EvidenceReport, evidence_report


def evidence(
    marker: Annotated[
        str, typer.Option(help="efficiency (speed at a fixed heart rate on easy runs) or vdot.")
    ] = "efficiency",
    exposure: Annotated[
        str, typer.Option(help="sessions (strength sessions a week) or hard_sets.")
    ] = "sessions",
    html: Annotated[Path | None, typer.Option("--html", help="Also write an HTML report.")] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Up to this day (default today).")
    ] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Your own data beside the published evidence, with the uncertainty stated."""
    if marker not in ("efficiency", "vdot"):
        raise ValidationError(f"unknown marker {marker!r}: use efficiency or vdot")
    if exposure not in ("sessions", "hard_sets"):
        raise ValidationError(f"unknown exposure {exposure!r}: use sessions or hard_sets")
    if html is not None and html.is_dir():
        raise ValidationError(
            f"{html} is a folder: give a file name, e.g. {html / 'evidence.html'}"
        )
    if html is not None and not html.parent.is_dir():
        raise ValidationError(f"folder {html.parent} does not exist")
    try:
        as_of = date.fromisoformat(day) if day is not None else None
    except ValueError:
        raise ValidationError(f"invalid date {day!r}: use YYYY-MM-DD") from None
    with store_from(db) as store:
        report = evidence_report(
            store,
            athlete,
            marker=marker,
            exposure=exposure,
            as_of=as_of,  # type: ignore[arg-type]
        )
    if html is not None:
        from runstrong.reports.evidence_html import evidence_html

        html.write_text(evidence_html(report), encoding="utf-8")
    if as_json:
        emit_json(evidence_json(report))
        return
    _print(report)
    if html is not None:
        console.print(f"Wrote the HTML report: {html}")


def _print(report: EvidenceReport) -> None:
    e = report.estimate
    console.print(
        Panel(e.summary, title=f"[bold]{report.athlete.name}: {e.verdict}[/bold]", expand=True)
    )
    if e.advice:
        console.print("[bold]What to log for a clearer answer[/bold]")
        for item in e.advice:
            console.print(f"  • {item}")
    console.print("[bold]What could confound it[/bold]")
    for item in e.confounders:
        console.print(f"  • {item}")
    table = Table(title="What the published research found")
    for column in ("finding", "evidence", "source"):
        table.add_column(column)
    for finding in report.published:
        table.add_row(finding.statement, finding.grade, finding.source)
    console.print(table)
