"""``runstrong plan``: create, show, re-plan and export a periodized plan toward a race."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.domain.plan import Plan, PlannedSession, Slot, week_spans
from runstrong.domain.units import format_distance
from runstrong.errors import ValidationError
from runstrong.exports._plan_text import dose_text, exercise_name
from runstrong.library import EQUIPMENT
from runstrong.planning.replan import MoveTarget
from runstrong.services.plans import (
    PlanChoices,
    create_plan,
    export_plan,
    get_plan,
    replan_plan,
)

app = typer.Typer(help="Periodized plans: create, show, re-plan, export.", no_args_is_help=True)

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {name[:3]: index for index, name in enumerate(_DAY_NAMES)} | {
    name: index for index, name in enumerate(_DAY_NAMES)
}


def _weekday(text: str) -> int:
    key = text.strip().lower()
    if key not in _WEEKDAYS:
        raise ValidationError(f"unknown day {text!r}: use mon, tue, wed, thu, fri, sat or sun")
    return _WEEKDAYS[key]


def _day(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def _equipment(text: str) -> frozenset[str]:
    names = {name.strip().lower() for name in text.split(",") if name.strip()}
    if names == {"none"}:
        return frozenset({"bodyweight"})
    if "none" in names:
        raise ValidationError("--equipment none means body weight only: do not combine it")
    unknown = sorted(names - set(EQUIPMENT))
    if unknown:
        raise ValidationError(
            f"unknown equipment {', '.join(unknown)}: use none or any of {', '.join(EQUIPMENT)}"
        )
    return frozenset(names | {"bodyweight"})


def _day_slot(text: str) -> tuple[date, Slot | None]:
    day_text, _, slot = text.partition("@")
    if slot and slot not in ("am", "pm"):
        raise ValidationError(f"invalid slot {slot!r} in {text!r}: use am or pm")
    return _day(day_text), ("am" if slot == "am" else "pm") if slot else None


def _move(text: str) -> tuple[tuple[date, Slot | None], MoveTarget]:
    """``FROM[@am|pm]:TO[@am|pm]`` — e.g. 2026-12-02:2026-12-03 or 2026-12-01@pm:2026-12-02."""
    source_text, sep, target_text = text.partition(":")
    if not sep or not target_text:
        raise ValidationError(
            f"invalid move {text!r}: use FROM:TO, e.g. 2026-12-02:2026-12-03 "
            "(add @am or @pm to a day with two sessions)"
        )
    source = _day_slot(source_text)
    target_day, target_slot = _day_slot(target_text)
    return source, (target_day, target_slot) if target_slot else target_day


@app.command("create")
def create(
    race: Annotated[
        str, typer.Option("--race", help="5k, 10k, half, marathon, 100m ... 1500m, or a distance.")
    ],
    race_date: Annotated[str, typer.Option("--date", help="Race day, YYYY-MM-DD.")],
    focus: Annotated[
        str | None, typer.Option(help="sprint, middle or distance (default: from the race).")
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(help="Days you can train, e.g. mon,tue,thu,sat,sun (default: all)."),
    ] = None,
    long_run_day: Annotated[str | None, typer.Option("--long-run-day", help="e.g. sun.")] = None,
    strength_days: Annotated[
        int, typer.Option("--strength-days", help="Strength sessions a week, 0-3.")
    ] = 2,
    equipment: Annotated[
        str | None, typer.Option(help="Comma list, e.g. leg-press,barbell; or none.")
    ] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Build a plan from today to race day, with loads and paces from your own log."""
    focus = focus.strip().lower() if focus is not None else None
    if focus is not None and focus not in ("sprint", "middle", "distance"):
        raise ValidationError(f"unknown focus {focus!r}: use sprint, middle or distance")
    choices = PlanChoices(
        race=race,
        race_date=_day(race_date, "race date"),
        focus=focus,  # type: ignore[arg-type]
        available_days=frozenset(_weekday(d) for d in days.split(",") if d.strip())
        if days
        else None,
        long_run_day=_weekday(long_run_day) if long_run_day else None,
        strength_days=strength_days,
        equipment=_equipment(equipment) if equipment else None,
    )
    with store_from(db) as store:
        who, plan = create_plan(store, athlete, choices)
    if as_json:
        emit_json(_plan_json(plan))
        return
    runs = sum(1 for s in plan.sessions if s.kind == "run")
    lifts = len(plan.sessions) - runs
    console.print(
        f"Plan for {who.name}: {plan.request.race_label} on {plan.request.race_date}, "
        f"{len(plan.weeks)} weeks, {runs} runs and {lifts} strength sessions. "
        "See it with `runstrong plan show`."
    )
    _print_bends(plan)


def _print_bends(plan: Plan) -> None:
    """Every rule the plan had to bend, week by week, with the reason (never silently)."""
    bent = [(week, bend) for week in plan.weeks for bend in week.bends]
    if not bent:
        console.print("Every plan rule holds (docs/science.md, “The plan rules”).", markup=False)
        return
    console.print(f"{len(bent)} rule(s) had to give way:", markup=False)
    for week, bend in bent:
        console.print(f"  week {week.index + 1}: {bend.rule} – {bend.reason}", markup=False)


@app.command("show")
def show(
    week: Annotated[int | None, typer.Option(help="Only this week (1 = first).")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The active plan, week by week."""
    with store_from(db) as store:
        who, plan = get_plan(store, athlete)
    if week is not None and not 1 <= week <= len(plan.weeks):
        raise ValidationError(f"--week must be 1 to {len(plan.weeks)} for this plan, got {week}")
    if as_json:
        emit_json(_plan_json(plan))
        return
    units = who.units
    console.print(
        f"[bold]{who.name}[/bold] — {plan.request.race_label} on {plan.request.race_date} "
        f"({plan.request.focus} focus)"
    )
    for plan_week, first, last in week_spans(plan):
        if week is not None and plan_week.index != week - 1:
            continue
        sessions = [s for s in plan.sessions if first <= s.day <= last]
        title = (
            f"Week {plan_week.index + 1} · {plan_week.phase}"
            + (" (deload)" if plan_week.deload else "")
            + f" · from {plan_week.start}"
        )
        table = Table(title=title, show_lines=False, title_justify="left")
        for column in ("day", "", "session", "details", "status"):
            table.add_column(column)
        for session in sessions:
            table.add_row(
                session.day.strftime("%a %d %b"),
                session.slot,
                session.title + (" ★" if session.key else ""),
                _details(session, units),
                session.status,
            )
        console.print(table)
        for bend in plan_week.bends:
            console.print(f"  {bend.rule} gave way: {bend.reason}", markup=False)


def _details(session: PlannedSession, units: str) -> str:
    if session.run is not None:
        run = session.run
        text = run.description  # already names the paces (Daniels zones)
        if run.distance_m:
            text += f" · {format_distance(run.distance_m, units)}"
        drills = [p for p in session.exercises if p.distance_m is not None]
        if drills:
            listed = ", ".join(f"{exercise_name(p.exercise_slug)} {dose_text(p)}" for p in drills)
            text += f" · after the warm-up, drills: {listed} (walk back)"
        return text
    parts = []
    for item in session.exercises:
        load = f" @ {item.load_kg:g} kg" if item.load_kg else ""
        rpe = f" RPE {item.target_rpe:g}" if item.target_rpe and not item.load_kg else ""
        parts.append(f"{exercise_name(item.exercise_slug)} {dose_text(item)}{load}{rpe}")
    return "; ".join(parts)


@app.command("replan")
def replan_command(
    missed: Annotated[
        list[str] | None,
        typer.Option(
            "--missed", help="A missed session: YYYY-MM-DD, or YYYY-MM-DD@am|pm; repeatable."
        ),
    ] = None,
    move: Annotated[
        list[str] | None,
        typer.Option(
            "--move", help="FROM[@am|pm]:TO[@am|pm], e.g. 2026-12-02:2026-12-03; repeatable."
        ),
    ] = None,
    lighten: Annotated[
        list[str] | None,
        typer.Option(
            "--lighten",
            help="Make the heavy strength session of YYYY-MM-DD[@am|pm] lighter; repeatable.",
        ),
    ] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-plan after missed or moved sessions: the past stays, the rest is rescheduled."""
    missed_days = [_day_slot(text) for text in missed or []]
    moves = dict(_move(text) for text in move or [])
    lighter = [_day_slot(text) for text in lighten or []]
    with store_from(db) as store:
        who, plan = replan_plan(store, athlete, missed=missed_days, moves=moves, lighten=lighter)
    if as_json:
        emit_json(_plan_json(plan))
        return
    done = sum(1 for s in plan.sessions if s.status == "done")
    skipped = sum(1 for s in plan.sessions if s.status == "missed")
    console.print(
        f"Re-planned {who.name}'s plan: {done} sessions done, {skipped} missed (not made up), "
        f"{sum(1 for s in plan.sessions if s.status == 'planned')} still to come."
    )


@app.command("export")
def export(
    ics: Annotated[Path | None, typer.Option("--ics", help="Write an iCalendar file.")] = None,
    fit: Annotated[
        Path | None, typer.Option("--fit", help="Write FIT workouts into this folder.")
    ] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write a printable PDF.")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export the active plan to a calendar, a watch (FIT workouts) or paper (PDF)."""
    if ics is None and fit is None and pdf is None and not as_json:
        raise ValidationError(
            "say what to export: --ics FILE, --fit FOLDER or --pdf FILE (or --json)"
        )
    for path in (ics, pdf):
        if path is not None and path.is_dir():
            raise ValidationError(f"{path} is a folder: give a file name")
        if path is not None and not path.parent.is_dir():
            raise ValidationError(f"folder {path.parent} does not exist")
    if fit is not None and fit.exists() and not fit.is_dir():
        raise ValidationError(f"{fit} is a file: --fit takes a folder for the workout files")
    if fit is not None and not fit.parent.is_dir():
        raise ValidationError(f"folder {fit.parent} does not exist")
    with store_from(db) as store:
        if as_json and ics is None and fit is None and pdf is None:
            emit_json(_plan_json(get_plan(store, athlete)[1]))
            return
        files = export_plan(store, athlete, ics=ics, pdf=pdf, fit_dir=fit)
    if as_json:
        emit_json(
            {
                "ics": str(files.ics) if files.ics else None,
                "pdf": str(files.pdf) if files.pdf else None,
                "fit": [str(p) for p in files.fit],
            }
        )
        return
    for label, path in (("calendar", files.ics), ("PDF", files.pdf)):
        if path is not None:
            console.print(f"Wrote {label}: {path}")
    if fit is not None:
        console.print(f"Wrote {len(files.fit)} FIT workouts to {fit}")


def _plan_json(plan: Plan) -> dict[str, Any]:
    from runstrong.store.plan_codec import baseline_to_json, request_to_json, weeks_to_json

    return {
        "id": plan.id,
        "request": request_to_json(plan.request),
        "baseline": baseline_to_json(plan.baseline),
        "weeks": weeks_to_json(plan.weeks),
        "sessions": [{**asdict(s), "day": s.day.isoformat()} for s in plan.sessions],
    }
