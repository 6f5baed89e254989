"""``runstrong exercises``: browse the exercise library."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.common import JsonOption, console, emit_json
from runstrong.errors import ValidationError
from runstrong.library import Exercise, load_catalog


def exercises(
    slug: Annotated[str | None, typer.Argument(help="Show one exercise in full.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="strength, plyometric, drill or core.")
    ] = None,
    muscle: Annotated[
        str | None, typer.Option("--muscle", "-m", help="Only exercises training this muscle.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the exercise library, or show one exercise with cues, faults and substitutes."""
    catalog = load_catalog()
    if slug is not None:
        exercise = catalog.match(slug) or catalog.get(slug)
        if as_json:
            emit_json(asdict(exercise))
        else:
            _show(exercise)
        return
    items = list(catalog)
    if category is not None:
        items = [e for e in items if e.category == category]
        if not items:
            raise ValidationError(
                f"unknown category {category!r}: use strength, plyometric, drill or core"
            )
    if muscle is not None:
        trained = {e.slug for e in catalog.training(muscle)}
        items = [e for e in items if e.slug in trained]
    if as_json:
        emit_json([asdict(e) for e in items])
        return
    table = Table(title=f"Exercise library ({len(items)})")
    for column in ("slug", "name", "category", "primary muscles", "equipment"):
        table.add_column(column)
    for e in items:
        table.add_row(
            e.slug, e.name, e.category, ", ".join(e.primary_muscles), ", ".join(e.equipment)
        )
    console.print(table)


def _show(exercise: Exercise) -> None:
    console.print(f"[bold]{exercise.name}[/bold] ({exercise.slug}) — {exercise.category}")
    console.print(f"Primary muscles: {', '.join(exercise.primary_muscles)}")
    if exercise.secondary_muscles:
        console.print(f"Secondary muscles: {', '.join(exercise.secondary_muscles)}")
    console.print(
        f"Equipment: {', '.join(exercise.equipment)}"
        + (" · single-leg" if exercise.unilateral else "")
    )
    if exercise.foot_contacts_per_rep:
        console.print(f"Foot contacts per rep: {exercise.foot_contacts_per_rep}")
    if exercise.notes:
        console.print(exercise.notes)
    if exercise.evidence:
        console.print(f"Evidence ({exercise.evidence.grade}): {exercise.evidence.note}")
    console.print("\n[bold]Form cues[/bold]")
    for cue in exercise.cues:
        console.print(f"  • {cue}")
    if exercise.faults:
        console.print("\n[bold]Common faults[/bold]")
        for fault in exercise.faults:
            console.print(
                f"  • {_sentence(fault.fault)} Risk: {_sentence(fault.risk)} "
                f"Fix: {_sentence(fault.fix)}"
            )
    if exercise.substitutes:
        console.print(f"\n[bold]Substitutes[/bold]: {', '.join(exercise.substitutes)}")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
