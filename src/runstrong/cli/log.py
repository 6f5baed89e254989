"""``runstrong log``: log a run or a strength session by hand."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, store_from
from runstrong.cli.session_input import (
    DateOption,
    PainLocationOption,
    PainOption,
    RpeOption,
    TimeOfDayOption,
    check_side,
    check_sport,
    distance_unit,
    load_unit,
    parse_clock,
    parse_day,
    parse_entries,
    report,
)
from runstrong.domain.models import SESSION_TYPES, Activity, StrengthSession
from runstrong.domain.units import format_distance, format_duration, parse_distance, parse_duration
from runstrong.services.athletes import get_athlete
from runstrong.services.lifts import log_session_with_records, record_document
from runstrong.services.logging import log_activity

app = typer.Typer(help="Log a run or a strength session.", no_args_is_help=True)


def _start(day_text: str | None, clock_text: str | None, zone: ZoneInfo) -> datetime:
    now = datetime.now(zone)
    day = parse_day(day_text) if day_text else now.date()
    clock = parse_clock(clock_text) if clock_text else None
    if clock is None:
        clock = now.time().replace(microsecond=0) if day == now.date() else time(7, 0)
    return datetime.combine(day, clock, tzinfo=zone)


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
    rpe: RpeOption = None,
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
    check_sport(sport)
    duration_s = parse_duration(duration)
    parse_distance(distance, default_unit="km")  # bad input fails before the store is touched
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        distance_m = parse_distance(distance, default_unit=distance_unit(who))
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
    kind = "run" if stored.is_run else stored.sport.replace("_", " ")
    document = {
        "id": stored.id,
        "athlete": who.name,
        "started_at": stored.started_at.isoformat(),
        "distance_m": stored.distance_m,
        "moving_time_s": stored.moving_time_s,
    }
    report(
        as_json,
        document,
        f"Logged {stored.session_type} {kind} for {who.name}: "
        f"{format_distance(distance_m, who.units)} in {format_duration(duration_s)}.",
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
    rpe: RpeOption = None,
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
    check_side(side)
    duration_s = parse_duration(duration) if duration else None
    # bad input fails before the store is touched; lb: the more permissive reading of a bare load
    parse_entries(entries, "lb", side)
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        sets = parse_entries(entries, load_unit(who), side)
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
    document = {
        "id": stored.id,
        "athlete": who.name,
        "started_at": stored.started_at.isoformat(),
        "sets": len(stored.sets),
        "records": records,
    }
    report(
        as_json,
        document,
        f"Logged strength session for {who.name}: {len(stored.sets)} sets.",
        *(str(record["text"]) for record in records),
    )
