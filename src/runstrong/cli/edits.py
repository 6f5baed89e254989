"""``runstrong sessions``, ``runstrong edit`` and ``runstrong delete``: find, correct and
remove runs and strength sessions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.cli.session_input import (
    ENTRY,
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
from runstrong.domain.models import SESSION_TYPES, SPORTS, Activity, Athlete, StrengthSession
from runstrong.domain.set_edits import SetChanges, SetEdit
from runstrong.domain.set_notation import parse_set_group
from runstrong.domain.units import format_distance, format_duration, parse_distance, parse_duration
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.library.fit_names import is_unidentified
from runstrong.services.athletes import get_athlete
from runstrong.services.editing import (
    SessionKind,
    SessionLine,
    delete_activity,
    delete_strength_session,
    edit_activity,
    edit_strength_session,
    list_sessions,
)
from runstrong.services.history import athlete_time, get_activity, get_strength_session
from runstrong.store import Store

__all__ = ["delete_app", "edit_app", "sessions"]

edit_app = typer.Typer(help="Correct a run or a strength session.", no_args_is_help=True)
delete_app = typer.Typer(help="Delete a run or a strength session.", no_args_is_help=True)

IdArgument = Annotated[int, typer.Argument(help="The id (see `runstrong sessions`).", min=1)]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")]


def _day(text: str | None, label: str) -> date | None:
    return parse_day(text, label) if text is not None else None


def _summary(line: SessionLine, athlete: Athlete) -> str:
    if line.activity is not None:
        run = line.activity
        parts = [run.sport.replace("_", " "), run.session_type or ""]
        if run.distance_m:
            parts.append(format_distance(run.distance_m, athlete.units))
        parts.append(format_duration(run.moving_time_s))
        if run.rpe is not None:
            parts.append(f"RPE {run.rpe:g}")
        return " ".join(p for p in parts if p)
    lift = line.strength_session
    assert lift is not None
    names = list(
        dict.fromkeys(
            "unidentified exercise" if is_unidentified(s.exercise_slug) else s.exercise_slug
            for s in lift.sets
        )
    )
    text = f"{len(lift.sets)} sets of {', '.join(names[:3])}{' ...' if len(names) > 3 else ''}"
    warmups, holds = _warmups_and_holds(lift)
    kinds = [f"{warmups} warm-up" if warmups else "", f"{holds} timed" if holds else ""]
    if any(kinds):
        text += f" ({', '.join(k for k in kinds if k)})"
    unnamed = sum(is_unidentified(s.exercise_slug) for s in lift.sets)
    if unnamed:
        text += f"; {unnamed} unidentified (--name-unidentified)"
    if lift.rpe is None and lift.rpe_estimate is not None:
        return text + f"; RPE ~{lift.rpe_estimate:.1f} from heart rate (--rpe to rate it)"
    return text + (f"; RPE {lift.rpe:g}" if lift.rpe is not None else "")


def _warmups_and_holds(lift: StrengthSession) -> tuple[int, int]:
    """How many of the session's sets are warm-ups, and how many are timed holds."""
    return sum(s.warmup for s in lift.sets), sum(s.is_timed for s in lift.sets)


def sessions(
    athlete: AthleteOption = None,
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="run or strength.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List runs and strength sessions with their ids, newest first."""
    if kind is not None and kind not in ("run", "strength"):
        raise ValidationError(f"unknown kind {kind!r}: use run or strength")
    first, last = _day(start, "--from"), _day(end, "--to")
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        zone = ZoneInfo(who.timezone)
        lower = datetime.combine(first, time(0), tzinfo=zone) if first else None
        upper = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone) if last else None
        who, lines = list_sessions(
            store,
            who.name,
            start=lower,
            end=upper,
            kind=kind,  # type: ignore[arg-type]
        )
    if as_json:
        emit_json({"items": [_line_json(line, who) for line in lines], "total": len(lines)})
        return
    if not lines:
        console.print(f"No sessions for {who.name} in that range.")
        return
    table = Table("id", "kind", "start", "summary", title=f"Sessions of {who.name}")
    for line in lines:
        start_text = athlete_time(line.started_at, who.timezone).strftime("%Y-%m-%d %H:%M")
        table.add_row(str(line.id), line.kind, start_text, _summary(line, who))
    console.print(table)


def _line_json(line: SessionLine, athlete: Athlete) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": line.id,
        "kind": line.kind,
        "started_at": athlete_time(line.started_at, athlete.timezone).isoformat(),
        "summary": _summary(line, athlete),
    }
    if line.activity is not None:
        run = line.activity
        item.update(
            sport=run.sport,
            session_type=run.session_type,
            distance_m=run.distance_m,
            moving_time_s=run.moving_time_s,
            rpe=run.rpe,
            source=run.source,
        )
    else:
        lift = line.strength_session
        assert lift is not None
        warmups, holds = _warmups_and_holds(lift)
        item.update(
            sets=len(lift.sets),
            warmup_sets=warmups,
            timed_sets=holds,
            duration_s=lift.duration_s,
            rpe=lift.rpe,
            source=lift.source,
        )
    return item


def _new_start(
    current: datetime, day_text: str | None, clock_text: str | None, zone: ZoneInfo
) -> datetime | None:
    """The start with a new day and/or time of day; the other part is kept."""
    if day_text is None and clock_text is None:
        return None
    local = current.astimezone(zone)
    day = parse_day(day_text) if day_text is not None else local.date()
    clock = parse_clock(clock_text) if clock_text else local.time()
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=zone)


def _text(value: str | None) -> str | None:
    """An option's text; an empty string clears the field."""
    return value.strip() or None if value is not None else None


def _current(store: Store, who: Athlete, kind: SessionKind, item_id: int) -> Any:
    assert who.id is not None
    try:
        if kind == "run":
            return get_activity(store, who.id, item_id)
        return get_strength_session(store, who.id, item_id)
    except NotFound:
        noun = "run" if kind == "run" else "strength session"
        raise NotFound(
            f"no {noun} with id {item_id} for {who.name} (see `runstrong sessions` for the ids)"
        ) from None


@edit_app.command("run")
def edit_run(
    item_id: IdArgument,
    rpe: RpeOption = None,
    session_type: Annotated[
        str | None, typer.Option("--type", help=f"One of {', '.join(SESSION_TYPES)}.")
    ] = None,
    sport: Annotated[str | None, typer.Option(help=f"One of {', '.join(SPORTS)}.")] = None,
    distance: Annotated[
        str | None, typer.Option("--distance", "-d", help="e.g. 10km, 6.2mi, 5k.")
    ] = None,
    duration: Annotated[
        str | None, typer.Option("--duration", "-t", help="Moving time, MM:SS or H:MM:SS.")
    ] = None,
    avg_hr: Annotated[float | None, typer.Option("--avg-hr", help="Average HR, bpm.")] = None,
    max_hr: Annotated[float | None, typer.Option("--max-hr", help="Maximum HR, bpm.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="A title ('' clears it).")] = None,
    notes: Annotated[str | None, typer.Option(help="Free text ('' clears it).")] = None,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    day: DateOption = None,
    at: TimeOfDayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a run (logged or imported); only the options given change. Imported samples
    are kept, and importing the same file again does not overwrite what you set."""
    check_sport(sport)
    changes: dict[str, object] = {}
    if duration is not None:
        changes["moving_time_s"] = parse_duration(duration)
    if distance is not None:
        parse_distance(distance, default_unit="km")  # bad input fails before the store
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        current: Activity = _current(store, who, "run", item_id)
        start = _new_start(current.started_at, day, at, ZoneInfo(who.timezone))
        unit = distance_unit(who)
        options: dict[str, object] = {
            "started_at": start,
            "rpe": rpe,
            "session_type": session_type,
            "sport": sport,
            "distance_m": parse_distance(distance, default_unit=unit) if distance else None,
            "avg_hr_bpm": avg_hr,
            "max_hr_bpm": max_hr,
            "pain_score": pain,
        }
        changes.update({k: v for k, v in options.items() if v is not None})
        for field, value in (("name", name), ("notes", notes), ("pain_location", pain_location)):
            if value is not None:
                changes[field] = _text(value)
        stored = edit_activity(store, who.name, item_id, changes)
    report(
        as_json,
        {"id": stored.id, "kind": "run", "changed": sorted(changes)},
        f"Updated run {stored.id} of {who.name}: {', '.join(sorted(changes))}.",
    )


def _set_edit(text: str, unit: str) -> SetEdit:
    number_text, sep, spec = text.partition("=")
    if not sep or not number_text.strip().isdigit():
        raise ValidationError(
            f"invalid --set-edit {text!r}: use N=SPEC, e.g. 2='1x6@145kg rpe8' (N from 1)"
        )
    number, spec = int(number_text), spec.strip()
    match = ENTRY.match(spec)
    slug = None
    if match and not spec[:1].isdigit():
        catalog = load_catalog()
        name = match["exercise"].strip()
        slug = (catalog.match(name) or catalog.get(name)).slug
        spec = match["spec"]
    left = parse_set_group(spec, default_unit=unit, side="left")
    right = parse_set_group(spec, default_unit=unit, side="right")
    return SetEdit(number, left, slug, side_given=left.side == right.side)


@edit_app.command("strength")
def edit_strength(
    item_id: IdArgument,
    entries: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", help="Replace ALL sets, as in `log strength`; repeat."),
    ] = None,
    set_edits: Annotated[
        list[str] | None,
        typer.Option(
            "--set-edit",
            help="N=SPEC: set N becomes SPEC, e.g. 2='1x6@145kg rpe8', 1='1x10@60kg warmup', "
            "3='1x45s bw' (SPEC restates the set: without 'warmup' it is a work set).",
        ),
    ] = None,
    set_deletes: Annotated[
        list[int] | None, typer.Option("--set-delete", help="Remove set N (from 1).", min=1)
    ] = None,
    set_adds: Annotated[
        list[str] | None,
        typer.Option(
            "--set-add",
            help="Add sets at the end, e.g. 'calf-press 3x12@100kg', 'front-plank 3x40s bw'.",
        ),
    ] = None,
    name_unidentified: Annotated[
        str | None,
        typer.Option(
            "--name-unidentified",
            help="Name every set the watch did not identify, e.g. 'goblet-squat'.",
        ),
    ] = None,
    duration: Annotated[
        str | None, typer.Option("--duration", help="Session time, MM:SS or H:MM:SS.")
    ] = None,
    rpe: RpeOption = None,
    side: Annotated[
        str | None, typer.Option("--side", help="left or right, for single-leg sets.")
    ] = None,
    machine: Annotated[str | None, typer.Option(help="Which leg press ('' clears it).")] = None,
    notes: Annotated[str | None, typer.Option(help="Free text ('' clears it).")] = None,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    day: DateOption = None,
    at: TimeOfDayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a strength session: its fields, and its sets (all with --set, or some with
    --set-edit, --set-delete and --set-add; set numbers as on the session page)."""
    check_side(side)
    duration_s = parse_duration(duration) if duration else None
    parse_entries([*(entries or []), *(set_adds or [])], "lb", side)  # fails before the store
    for text in set_edits or []:
        _set_edit(text, "lb")
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        current: StrengthSession = _current(store, who, "strength", item_id)
        unit = load_unit(who)
        set_changes = SetChanges(
            replace_all=parse_entries(entries, unit, side) if entries else None,
            edits=tuple(_set_edit(text, unit) for text in set_edits or []),
            deletes=tuple(set_deletes or []),
            adds=parse_entries(set_adds, unit, side),
        )
        changes: dict[str, object] = {}
        start = _new_start(current.started_at, day, at, ZoneInfo(who.timezone))
        options = {"started_at": start, "duration_s": duration_s, "rpe": rpe, "pain_score": pain}
        changes.update({k: v for k, v in options.items() if v is not None})
        for field, value in (
            ("machine", machine),
            ("notes", notes),
            ("pain_location", pain_location),
        ):
            if value is not None:
                changes[field] = _text(value)
        stored = edit_strength_session(
            store, who.name, item_id, changes, set_changes, name_unidentified=name_unidentified
        )
    named = set_changes.empty and name_unidentified is not None
    changed = sorted(changes) + ([] if set_changes.empty and not named else ["sets"])
    report(
        as_json,
        {"id": stored.id, "kind": "strength", "changed": changed, "sets": len(stored.sets)},
        f"Updated strength session {stored.id} of {who.name}: {', '.join(changed)} "
        f"({len(stored.sets)} sets now).",
    )


def _confirm(question: str, yes: bool) -> None:
    if not yes and not typer.confirm(question, default=False):
        raise typer.Abort()


@delete_app.command("run")
def delete_run(
    item_id: IdArgument,
    yes: YesOption = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete a run with its samples and the comments on it."""
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        current: Activity = _current(store, who, "run", item_id)
        when = athlete_time(current.started_at, who.timezone).strftime("%Y-%m-%d %H:%M")
        _confirm(f"Delete the run of {when} (id {item_id}) of {who.name}?", yes)
        delete_activity(store, who.name, item_id)
    report(
        as_json,
        {"id": item_id, "kind": "run", "deleted": True},
        f"Deleted run {item_id} ({when}) of {who.name}.",
    )


@delete_app.command("strength")
def delete_strength(
    item_id: IdArgument,
    yes: YesOption = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete a strength session with its sets and the comments on it."""
    with store_from(db) as store:
        who = get_athlete(store, athlete)
        current: StrengthSession = _current(store, who, "strength", item_id)
        when = athlete_time(current.started_at, who.timezone).strftime("%Y-%m-%d %H:%M")
        question = (
            f"Delete the strength session of {when} (id {item_id}, {len(current.sets)} sets) "
            f"of {who.name}?"
        )
        _confirm(question, yes)
        delete_strength_session(store, who.name, item_id)
    report(
        as_json,
        {"id": item_id, "kind": "strength", "deleted": True},
        f"Deleted strength session {item_id} ({when}) of {who.name}.",
    )
