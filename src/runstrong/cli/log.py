"""``runstrong log``: log a run or a strength session by hand."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.models import SESSION_TYPES, SPORTS, Activity, StrengthSession, StrengthSet
from runstrong.domain.set_notation import parse_set_group
from runstrong.domain.units import format_distance, format_duration, parse_distance, parse_duration
from runstrong.errors import ValidationError
from runstrong.library import load_catalog
from runstrong.services.athletes import get_athlete
from runstrong.services.lifts import log_session_with_records, record_document
from runstrong.services.logging import log_activity

app = typer.Typer(help="Log a run or a strength session.", no_args_is_help=True)

DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Day, YYYY-MM-DD (default: today, athlete's time zone)."),
]
TimeOfDayOption = Annotated[
    str | None,
    typer.Option("--at", help="Local start time, HH:MM (default 07:00, or now for today)."),
]
PainOption = Annotated[
    float | None, typer.Option("--pain", help="Pain or soreness during or after, 0-10.")
]
PainLocationOption = Annotated[
    str | None, typer.Option("--pain-location", help="Where it hurt, e.g. 'left knee'.")
]
_ENTRY = re.compile(r"^\s*(?P<exercise>.+?)[\s:]+(?P<spec>\d+\s*[x×].*)$", re.IGNORECASE)


def _start(day_text: str | None, clock_text: str | None, zone: ZoneInfo) -> datetime:
    now = datetime.now(zone)
    try:
        day = date.fromisoformat(day_text) if day_text else now.date()
    except ValueError:
        raise ValidationError(f"invalid date {day_text!r}: use YYYY-MM-DD") from None
    try:
        clock = time.fromisoformat(clock_text) if clock_text else None
    except ValueError:
        raise ValidationError(f"invalid time of day {clock_text!r}: use HH:MM") from None
    if clock is None:
        clock = now.time().replace(microsecond=0) if day == now.date() else time(7, 0)
    return datetime.combine(day, clock, tzinfo=zone)


def _parse_entry(text: str, default_unit: str, side: str | None) -> tuple[StrengthSet, ...]:
    match = _ENTRY.match(text)
    if not match:
        raise ValidationError(
            f"invalid set entry {text!r}: use 'EXERCISE SETSxREPS@LOAD', "
            "e.g. 'leg-press 4x6@140kg rpe8'"
        )
    catalog = load_catalog()
    name = match["exercise"].strip()
    exercise = catalog.match(name) or catalog.get(name)
    default_side = side if exercise.unilateral else None
    group = parse_set_group(match["spec"], default_unit=default_unit, side=default_side)  # type: ignore[arg-type]
    if group.side != "both" and not exercise.unilateral:
        raise ValidationError(
            f"{exercise.name} is done with both legs: drop the side {group.side!r}"
        )
    return group.expand(exercise.slug)


@app.command("run")
def run(
    distance: Annotated[
        str,
        typer.Option("--distance", "-d", help="e.g. 10km, 6.2mi, 5k; bare numbers in your units."),
    ],
    duration: Annotated[
        str, typer.Option("--duration", "-t", help="Moving time, MM:SS or H:MM:SS.")
    ],
    session_type: Annotated[
        str, typer.Option("--type", help=f"One of {', '.join(SESSION_TYPES)}.")
    ] = "easy",
    sport: Annotated[
        str, typer.Option(help="running, trail_running, treadmill_running ...")
    ] = "running",
    avg_hr: Annotated[
        float | None, typer.Option("--avg-hr", help="Average heart rate, bpm.")
    ] = None,
    max_hr: Annotated[
        float | None, typer.Option("--max-hr", help="Maximum heart rate, bpm.")
    ] = None,
    rpe: Annotated[float | None, typer.Option("--rpe", help="Session RPE, 0-10 (CR-10).")] = None,
    notes: Annotated[str | None, typer.Option(help="Free text.")] = None,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    day: DateOption = None,
    at: TimeOfDayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a run (or another endurance activity)."""
    if sport not in SPORTS:
        raise ValidationError(f"unknown sport {sport!r}: use one of {', '.join(SPORTS)}")
    duration_s = parse_duration(duration)
    parse_distance(distance, default_unit="km")  # bad input fails before the store is touched
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        distance_m = parse_distance(
            distance, default_unit="mi" if who.units == "imperial" else "km"
        )
        activity = Activity(
            started_at=_start(day, at, ZoneInfo(who.timezone)),
            sport=sport,  # type: ignore[arg-type]
            session_type=session_type,  # type: ignore[arg-type]
            distance_m=distance_m,
            moving_time_s=duration_s,
            elapsed_time_s=duration_s,
            avg_hr_bpm=avg_hr,
            max_hr_bpm=max_hr,
            rpe=rpe,
            notes=notes,
            pain_score=pain,
            pain_location=pain_location,
        )
        stored = log_activity(store, who.name, activity)
    if as_json:
        emit_json(
            {
                "id": stored.id,
                "athlete": who.name,
                "started_at": stored.started_at.isoformat(),
                "distance_m": stored.distance_m,
                "moving_time_s": stored.moving_time_s,
            }
        )
        return
    kind = "run" if stored.is_run else stored.sport.replace("_", " ")
    console.print(
        f"Logged {stored.session_type} {kind} for {who.name}: "
        f"{format_distance(distance_m, who.units)} in {format_duration(duration_s)}."
    )


@app.command("strength")
def strength(
    entries: Annotated[
        list[str],
        typer.Option(
            "--set",
            "-s",
            help="EXERCISE SETSxREPS@LOAD [rpeN] [left|right] [warmup], or SETSxSECONDSs for "
            "holds ('plank 3x40s bw'); repeat for more.",
        ),
    ],
    duration: Annotated[
        str | None, typer.Option("--duration", help="Session time incl. rests, MM:SS or H:MM:SS.")
    ] = None,
    rpe: Annotated[float | None, typer.Option("--rpe", help="Session RPE, 0-10 (CR-10).")] = None,
    side: Annotated[
        str | None,
        typer.Option("--side", help="left or right, for single-leg sets that name no side."),
    ] = None,
    machine: Annotated[
        str | None, typer.Option(help="Which leg press (1RMs differ between machines).")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Free text, e.g. form notes.")] = None,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    day: DateOption = None,
    at: TimeOfDayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a strength session: --set 'leg-press 4x6@140kg rpe8' --set 'calf-press 3x12@100kg'."""
    if side is not None and side not in ("left", "right"):
        raise ValidationError(f"invalid side {side!r}: use left or right")
    duration_s = parse_duration(duration) if duration else None
    for entry in entries:  # bad input fails before the store is touched
        _parse_entry(entry, "lb", side)  # lb: the more permissive reading of a bare load
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        unit = "lb" if who.units == "imperial" else "kg"
        sets = tuple(s for entry in entries for s in _parse_entry(entry, unit, side))
        session = StrengthSession(
            started_at=_start(day, at, ZoneInfo(who.timezone)),
            sets=sets,
            duration_s=duration_s,
            rpe=rpe,
            machine=machine,
            notes=notes,
            pain_score=pain,
            pain_location=pain_location,
        )
        logged = log_session_with_records(store, who.name, session)
    stored = logged.session
    records = [record_document(record, who.units) for record in logged.records]
    if as_json:
        emit_json(
            {
                "id": stored.id,
                "athlete": who.name,
                "started_at": stored.started_at.isoformat(),
                "sets": len(stored.sets),
                "records": records,
            }
        )
        return
    console.print(f"Logged strength session for {who.name}: {len(stored.sets)} sets.")
    for record in records:
        console.print(record["text"])
