"""``runstrong activity show`` and ``runstrong bests``: one run's analysis, and the athlete's
best efforts."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.units import format_distance, format_duration, format_pace
from runstrong.services.activity_detail import ActivityDetail, activity_detail_for
from runstrong.services.activity_document import activity_document
from runstrong.services.best_efforts import AthleteBests, RankedEffort, athlete_bests
from runstrong.services.history import athlete_time

__all__ = ["app", "bests"]

app = typer.Typer(help="One activity: splits, laps, zones and best efforts.", no_args_is_help=True)


def _pace(value: float | None, units: str) -> str:
    return format_pace(value, units) if value else "-"


def _num(value: float | None, suffix: str = "") -> str:
    return f"{value:.0f}{suffix}" if value is not None else "-"


@app.command("show")
def show(
    activity_id: Annotated[int, typer.Argument(help="The activity's id (see the history).", min=1)],
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The activity's summary, splits, laps, time in zones and best efforts."""
    with store_from(db) as store:
        detail = activity_detail_for(store, activity_id, athlete)
    if as_json:
        emit_json(activity_document(detail))
    else:
        _print(detail)


def _print(detail: ActivityDetail) -> None:
    activity, athlete = detail.activity, detail.athlete
    units = athlete.units
    when = athlete_time(activity.started_at, athlete.timezone).strftime("%Y-%m-%d %H:%M")
    title = activity.name or activity.sport.replace("_", " ")
    console.print(f"[bold]{title}[/bold] #{activity.id} · {athlete.name} · {when}")
    parts = [f"moving {format_duration(activity.moving_time_s)}"]
    if activity.distance_m:
        parts.insert(0, format_distance(activity.distance_m, units))
        if activity.is_run:
            parts.append(_pace(activity.moving_time_s / activity.distance_m * 1000, units))
    if detail.overall and detail.overall.gap_s_per_km and activity.is_run:
        parts.append(f"GAP {_pace(detail.overall.gap_s_per_km, units)}")
    if activity.avg_hr_bpm:
        parts.append(f"HR {activity.avg_hr_bpm:.0f}")
    if activity.ascent_m:
        parts.append(f"climb {activity.ascent_m:.0f} m")
    console.print(" · ".join(parts) + f" · {detail.sample_count} samples")
    if detail.splits:
        table = Table(title=f"Splits per {'mile' if units == 'imperial' else 'km'}")
        for column in ("#", "time", "pace", "GAP", "HR", "gain", "loss", "cadence"):
            table.add_column(column, justify="right")
        for split in detail.splits:
            label = f"{split.index}*" if split.partial else str(split.index)
            table.add_row(
                label,
                format_duration(split.elapsed_time_s),
                _pace(split.pace_s_per_km, units),
                _pace(split.gap_s_per_km, units),
                _num(split.avg_hr_bpm),
                _num(split.elevation_gain_m, " m"),
                _num(split.elevation_loss_m, " m"),
                _num(split.avg_cadence_spm),
            )
        console.print(table)
        if detail.splits[-1].partial:
            last = detail.splits[-1]
            length = last.distance_m / (1609.344 if units == "imperial" else 1000.0)
            unit = "mi" if units == "imperial" else "km"
            console.print(f"* partial split: {length:.2f} {unit}")
    if detail.laps:
        table = Table(title="Laps (device)")
        for column in ("lap", "distance", "time", "pace", "GAP", "HR", "cadence"):
            table.add_column(column, justify="right")
        for number, item in enumerate(detail.laps, start=1):
            lap = item.lap
            time_s = lap.moving_time_s or lap.elapsed_time_s
            pace = time_s / lap.distance_m * 1000 if lap.distance_m else None
            table.add_row(
                str(number),
                format_distance(lap.distance_m, units) if lap.distance_m else "-",
                format_duration(time_s),
                _pace(pace, units),
                _pace(item.segment.gap_s_per_km if item.segment else None, units),
                _num(lap.avg_hr_bpm or (item.segment.avg_hr_bpm if item.segment else None)),
                _num(lap.avg_cadence_spm),
            )
        console.print(table)
    if detail.hr_zones:
        model = "% heart-rate reserve" if detail.hr_model == "hrr" else "% max heart rate"
        table = Table(title=f"Heart-rate zones ({model})")
        for column in ("zone", "bpm", "time"):
            table.add_column(column, justify="right")
        for zone in detail.hr_zones:
            if zone.name == "no data" and not zone.time_s:
                continue
            if zone.low is not None and zone.high is not None:
                bounds = f"{zone.low:.0f}-{zone.high:.0f}"
            elif zone.high is not None:
                bounds = f"< {zone.high:.0f}"
            elif zone.low is not None:
                bounds = f">= {zone.low:.0f}"
            else:
                bounds = "-"
            table.add_row(zone.name, bounds, format_duration(zone.time_s))
        console.print(table)
    elif detail.hr_zone_note:
        console.print(detail.hr_zone_note)
    if detail.pace_zones:
        table = Table(title=f"Pace zones (Daniels, VDOT {detail.vdot:.1f} from {detail.vdot_from})")
        for column in ("zone", "slowest", "fastest", "time"):
            table.add_column(column, justify="right")
        for zone in detail.pace_zones:
            table.add_row(
                zone.name,
                _pace(zone.low, units),
                _pace(zone.high, units),
                format_duration(zone.time_s),
            )
        console.print(table)
    if detail.best_efforts:
        _efforts_table("Best efforts in this run", detail.best_efforts, units, show_date=False)
    if detail.key_run:
        if detail.heavy_legs:
            console.print("Strength work in the 72 h before this key run:")
            for item in detail.heavy_legs:
                sets = ", ".join(
                    f"{s.exercise_name} {s.reps}x{s.load_kg:g}kg" for s in item.hard_sets
                )
                console.print(
                    f"  session #{item.session.id}, {item.hours_before:.0f} h before: "
                    + (sets or "no hard lower-body sets")
                )
        else:
            console.print("No strength session in the 72 h before this key run.")


def _efforts_table(
    title: str, efforts: tuple[RankedEffort, ...], units: str, *, show_date: bool
) -> None:
    table = Table(title=title)
    for column in ("distance", "time", "pace", "run", "badge"):
        table.add_column(column, justify="right")
    for effort in efforts:
        run = f"#{effort.activity_id}"
        if show_date:
            run += f" {effort.started_at.date().isoformat()}"
        else:
            run = f"{format_duration(effort.start_s)}-{format_duration(effort.end_s)}"
        table.add_row(
            effort.name,
            format_duration(effort.duration_s),
            _pace(effort.pace_s_per_km, units),
            run,
            effort.badge or "",
        )
    console.print(table)


def _bests_json(result: AthleteBests) -> dict[str, object]:
    def rows(efforts: tuple[RankedEffort, ...]) -> list[dict[str, object]]:
        return [
            {
                "name": e.name,
                "distance_m": e.distance_m,
                "duration_s": round(e.duration_s, 1),
                "pace_s_per_km": round(e.pace_s_per_km, 1),
                "activity_id": e.activity_id,
                "started_at": athlete_time(e.started_at, result.athlete.timezone).isoformat(),
                "start_s": round(e.start_s, 1),
                "end_s": round(e.end_s, 1),
            }
            for e in efforts
        ]

    return {
        "athlete": result.athlete.name,
        "year": result.year,
        "runs_with_efforts": result.runs_analysed,
        "all_time": rows(result.all_time),
        "this_year": rows(result.this_year),
    }


def bests(athlete: AthleteOption = None, db: DbOption = None, as_json: JsonOption = False) -> None:
    """The athlete's fastest 400 m, 1 km, mile, 5 km, 10 km, half and marathon inside runs."""
    with store_from(db) as store:
        result = athlete_bests(store, athlete)
    if as_json:
        emit_json(_bests_json(result))
        return
    units = result.athlete.units
    if not result.all_time:
        console.print(
            f"{result.athlete.name}: no runs with samples yet (import FIT, GPX or TCX files)."
        )
        return
    _efforts_table(
        f"{result.athlete.name}: best efforts, all time", result.all_time, units, show_date=True
    )
    if result.this_year:
        _efforts_table(f"Best efforts in {result.year}", result.this_year, units, show_date=True)
