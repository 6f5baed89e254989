"""``runstrong athlete``: create, list and delete athletes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.models import Athlete
from runstrong.domain.units import kg_to_lb, lb_to_kg
from runstrong.errors import ValidationError
from runstrong.science import RiskThresholds, threshold_specs
from runstrong.services.athletes import (
    create_athlete,
    get_athlete,
    list_athletes,
    update_risk_thresholds,
)
from runstrong.services.removal import delete_athlete

app = typer.Typer(help="Create and list athletes.", no_args_is_help=True)


@app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="The athlete's name (unique).")],
    body_mass: Annotated[
        float | None,
        typer.Option("--body-mass", help="Body mass in kg (lb with --units imperial)."),
    ] = None,
    sex: Annotated[str, typer.Option(help="female, male or unspecified.")] = "unspecified",
    birth_year: Annotated[int | None, typer.Option("--birth-year", help="Year of birth.")] = None,
    focus: Annotated[
        str, typer.Option(help="Event focus: sprint, middle or distance.")
    ] = "distance",
    units: Annotated[str, typer.Option(help="metric or imperial.")] = "metric",
    hr_rest: Annotated[
        int | None, typer.Option("--hr-rest", help="Resting heart rate, bpm.")
    ] = None,
    hr_max: Annotated[int | None, typer.Option("--hr-max", help="Maximum heart rate, bpm.")] = None,
    timezone: Annotated[str, typer.Option(help="IANA time zone, e.g. Europe/Ljubljana.")] = "UTC",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an athlete."""
    body_mass_kg = (
        lb_to_kg(body_mass) if body_mass is not None and units == "imperial" else body_mass
    )
    athlete = Athlete(
        name=name.strip(),
        body_mass_kg=body_mass_kg,
        sex=sex,  # type: ignore[arg-type]
        birth_year=birth_year,
        event_focus=focus,  # type: ignore[arg-type]
        units=units,  # type: ignore[arg-type]
        hr_rest_bpm=hr_rest,
        hr_max_bpm=hr_max,
        timezone=timezone,
    )
    with store_from(db) as store:
        created = create_athlete(store, athlete)
    if as_json:
        emit_json(asdict(created))
        return
    console.print(f"Created athlete [bold]{created.name}[/bold] (id {created.id}).")


@app.command("delete")
def delete_command(
    name: Annotated[str, typer.Argument(help="The athlete's name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete an athlete and ALL their data (runs, lifts, plans, comments)."""
    with store_from(db) as store:
        who = get_athlete(store, name)
        if not yes and not typer.confirm(
            f"Delete {who.name} and all their runs, strength sessions, plans and comments? "
            f"This cannot be undone; `runstrong export --athlete {who.name!r} FILE.zip` "
            "keeps a copy first",
            default=False,
        ):
            raise typer.Abort()
        removed = delete_athlete(store, who.name)
    if as_json:
        emit_json(asdict(removed))
        return
    console.print(
        f"Deleted athlete {removed.name} with {removed.activities} activities and "
        f"{removed.strength_sessions} strength sessions."
    )


@app.command("list")
def list_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List athletes."""
    with store_from(db) as store:
        athletes = list_athletes(store)
    if as_json:
        emit_json([asdict(a) for a in athletes])
        return
    if not athletes:
        console.print("No athletes yet: `runstrong athlete create NAME` or `runstrong demo`.")
        return
    table = Table(title="Athletes")
    for column in ("name", "focus", "sex", "born", "body mass", "units", "time zone"):
        table.add_column(column)
    for a in athletes:
        mass = ""
        if a.body_mass_kg is not None:
            mass = (
                f"{kg_to_lb(a.body_mass_kg):.0f} lb"
                if a.units == "imperial"
                else f"{a.body_mass_kg:g} kg"
            )
        table.add_row(
            a.name, a.event_focus, a.sex, str(a.birth_year or ""), mass, a.units, a.timezone
        )
    console.print(table)


@app.command("thresholds")
def thresholds(
    changes: Annotated[
        list[str] | None,
        typer.Option("--set", help="NAME=VALUE, e.g. --set load_spike_acwr=1.4; repeatable."),
    ] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Back to the defaults first.")] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show or tune the athlete's risk-signal thresholds (defaults from the published evidence)."""
    parsed: dict[str, float] = {}
    for change in changes or []:
        name, sep, value = change.partition("=")
        try:
            parsed[name.strip()] = float(value)
        except ValueError:
            raise ValidationError(
                f"invalid threshold {change!r}: use NAME=NUMBER, e.g. load_spike_acwr=1.4"
            ) from None
        if not sep:
            raise ValidationError(f"invalid threshold {change!r}: use NAME=NUMBER")
    with store_from(db) as store:
        who = (
            update_risk_thresholds(store, athlete, parsed, reset=reset)
            if parsed or reset
            else get_athlete(store, athlete)
        )
    current = RiskThresholds.defaults().with_overrides(**dict(who.risk_thresholds))
    specs = threshold_specs()
    if as_json:
        emit_json(
            {
                "athlete": who.name,
                "thresholds": asdict(current),
                "overrides": dict(who.risk_thresholds),
            }
        )
        return
    table = Table(title=f"Risk thresholds for {who.name}")
    for column in ("name", "value", "default", "range", "meaning"):
        table.add_column(column)
    for name, value in asdict(current).items():
        spec = specs[name]
        mark = " *" if name in who.risk_thresholds else ""
        table.add_row(
            name,
            f"{value:g}{mark}",
            f"{spec.default:g}",
            f"{spec.min:g}-{spec.max:g} {spec.unit}",
            spec.description,
        )
    console.print(table)
    console.print("* your own setting")
