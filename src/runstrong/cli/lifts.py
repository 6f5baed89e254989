"""``runstrong lifts EXERCISE``: one exercise's history, records and e1RM trend."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.set_notation import format_sets
from runstrong.domain.units import kg_to_lb
from runstrong.services.athletes import get_athlete
from runstrong.services.lifts import exercise_display_name, get_exercise_history, history_document


def lifts(
    exercise: Annotated[str, typer.Argument(help="A library slug, name or alias: leg-press.")],
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One exercise's sessions, rep-max records (1-12 reps), e1RM trend and best volume."""
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        history = get_exercise_history(store, who.id, exercise)
    if as_json:
        emit_json(history_document(history))
        return
    pounds = who.units == "imperial"
    unit = "lb" if pounds else "kg"

    def shown(load_kg: float) -> str:
        return f"{round(kg_to_lb(load_kg) if pounds else load_kg, 1):g} {unit}"

    name = exercise_display_name(history.exercise_slug)
    if not history.sessions:
        console.print(f"{who.name} has not logged {name} yet.")
        return
    console.print(f"{name} — {who.name}: {len(history.sessions)} sessions")
    records = Table(title="Rep-max records (heaviest load for at least N reps)")
    for column in ("Reps", "Load", "Date"):
        records.add_column(column)
    for record in history.records:
        records.add_row(str(record.reps), shown(record.load_kg), record.day.isoformat())
    if history.records:
        console.print(records)
    if history.best_volume is not None:
        best = history.best_volume
        console.print(f"Best volume: {shown(best.volume_kg)} on {best.day.isoformat()}")
    sessions = Table(title="Sessions (e1RM: RPE chart where the set has an RPE, else Epley)")
    for column in ("Date", "Sets", "Volume", "e1RM"):
        sessions.add_column(column)
    for entry in history.sessions:
        sets = format_sets(entry.sets, unit=unit)
        e1rm = shown(entry.e1rm_kg) if entry.e1rm_kg is not None else "—"
        sessions.add_row(entry.day.isoformat(), sets, shown(entry.volume_kg), e1rm)
    console.print(sessions)
    for pair in history.sides[-3:]:
        console.print(
            f"{pair.day.isoformat()}: left {shown(pair.left_e1rm_kg)}, right "
            f"{shown(pair.right_e1rm_kg)}, asymmetry {pair.asymmetry_percent:.1f} %"
        )
