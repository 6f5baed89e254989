"""Use cases for plans: create from the athlete's log, show, re-plan after life happens, export."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from runstrong.domain.models import Athlete, EventFocus
from runstrong.domain.plan import Plan, PlannedSession, PlanRequest, SessionStatus, Slot
from runstrong.domain.units import RACE_DISTANCES_M, parse_distance
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.planning import build_plan, default_focus
from runstrong.planning.experiment_blocks import BlockSpec, strength_only_in_intervention
from runstrong.planning.replan import MoveTarget, SessionRef, replan
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.experiments import block_spec
from runstrong.services.plan_baseline import baseline_from_log
from runstrong.store import Store

__all__ = [
    "ExportedFiles",
    "PlanChoices",
    "create_plan",
    "export_plan",
    "get_plan",
    "replan_plan",
    "statuses_from_log",
]


@dataclass(frozen=True, slots=True)
class PlanChoices:
    """What a runner asks for, as typed at the edge (parsed and checked here)."""

    race: str
    race_date: date
    focus: EventFocus | None = None
    available_days: frozenset[int] | None = None
    long_run_day: int | None = None
    strength_days: int = 2
    equipment: frozenset[str] | None = None
    two_a_days: bool = True


def _today(athlete: Athlete) -> date:
    return datetime.now(ZoneInfo(athlete.timezone)).date()


def _request(athlete: Athlete, choices: PlanChoices, today: date) -> PlanRequest:
    distance_m = parse_distance(choices.race)
    focus = choices.focus or default_focus(distance_m)
    days = choices.available_days if choices.available_days is not None else frozenset(range(7))
    # Sunday by default, or the last day of the week the athlete can train.
    long_run_day = (
        choices.long_run_day
        if choices.long_run_day is not None
        else 6
        if 6 in days
        else max(days, default=6)
    )
    defaults = PlanRequest("", 0.0, today, today, focus)
    return PlanRequest(
        race_label=choices.race.strip().lower()
        if choices.race.strip().lower() in RACE_DISTANCES_M
        else f"{distance_m:g} m",
        race_distance_m=distance_m,
        race_date=choices.race_date,
        start_date=today,
        focus=focus,
        available_days=days,
        long_run_day=long_run_day,
        strength_days=choices.strength_days,
        equipment=choices.equipment if choices.equipment is not None else defaults.equipment,
        two_a_days=choices.two_a_days,
    )


def create_plan(
    store: Store, athlete_name: AthleteKey, choices: PlanChoices, today: date | None = None
) -> tuple[Athlete, Plan]:
    """Build a plan to race day from the athlete's own log and store it as the active plan.

    Everything is checked and solved before anything is written: an impossible request raises
    and leaves the store as it was.
    """
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        activities = uow.activities.list_for_athlete(athlete.id)
        strength = uow.strength.list_for_athlete(athlete.id)
    start = today or _today(athlete)
    catalog = load_catalog()
    baseline = baseline_from_log(athlete, activities, strength, start, catalog)
    plan = _within_experiment(
        store, athlete, build_plan(_request(athlete, choices, start), baseline, catalog)
    )
    with store.unit_of_work() as uow:
        return athlete, uow.plans.add(athlete.id, plan)


def _within_experiment(
    store: Store, athlete: Athlete, plan: Plan, since: date | None = None
) -> Plan:
    """``plan`` with its strength sessions only in the intervention blocks of an experiment that
    overlaps it (runs untouched, so running volume is the same in both kinds of block)."""
    spec = _experiment_of(store, athlete, plan)
    if spec is None:
        return plan
    return replace(plan, sessions=strength_only_in_intervention(spec, plan.sessions, since))


def _experiment_of(store: Store, athlete: Athlete, plan: Plan) -> BlockSpec | None:
    assert athlete.id is not None
    if not plan.sessions:
        return None
    first = min(s.day for s in plan.sessions)
    last = max(s.day for s in plan.sessions)
    return block_spec(store, athlete.id, first, last)


def _control_strength(spec: BlockSpec, plan: Plan) -> tuple[PlannedSession, ...]:
    """The strength sessions the planner puts in control blocks (rebuilt from the stored request
    and baseline), with negative ids so that they can be told apart and taken out again."""
    reference = build_plan(plan.request, plan.baseline, load_catalog())
    present = {(s.day, s.slot) for s in plan.sessions if s.kind == "strength"}
    kept = set(strength_only_in_intervention(spec, reference.sessions))
    missing = [s for s in reference.sessions if s not in kept and (s.day, s.slot) not in present]
    return tuple(replace(s, id=-1 - n) for n, s in enumerate(missing))


def get_plan(store: Store, athlete_name: AthleteKey) -> tuple[Athlete, Plan]:
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        plan = uow.plans.active(athlete.id)
    if plan is None:
        raise NotFound(
            f"{athlete.name} has no plan yet: create one with "
            "`runstrong plan create --race 10k --date YYYY-MM-DD`"
        )
    return athlete, plan


def statuses_from_log(
    plan: Plan, activity_days: Collection[date], strength_days: Collection[date], today: date
) -> dict[SessionRef, SessionStatus]:
    """Past planned sessions marked done when the log has that kind of session on that day,
    missed otherwise."""
    statuses: dict[SessionRef, SessionStatus] = {}
    for session in plan.sessions:
        if session.day >= today or session.status != "planned" or session.id is None:
            continue
        logged = activity_days if session.kind == "run" else strength_days
        statuses[session.id] = "done" if session.day in logged else "missed"
    return statuses


def _session_ref(plan: Plan, day: date, slot: Slot | None = None) -> PlannedSession:
    matches = [
        s
        for s in plan.sessions
        if s.day == day and s.status == "planned" and (slot is None or s.slot == slot)
    ]
    where = f"{day} ({slot})" if slot else str(day)
    if not matches:
        raise NotFound(f"no planned session on {where}")
    if len(matches) > 1:
        raise ValidationError(
            f"{len(matches)} sessions are planned on {where}: say which with {day}@am or {day}@pm"
        )
    return matches[0]


def replan_plan(
    store: Store,
    athlete_name: AthleteKey,
    *,
    missed: Collection[date | tuple[date, Slot | None]] = (),
    moves: Mapping[tuple[date, Slot | None], MoveTarget] | None = None,
    today: date | None = None,
    lighten: Collection[tuple[date, Slot | None]] = (),
) -> tuple[Athlete, Plan]:
    """Mark past sessions done or missed from the log (and ``missed`` days explicitly), move
    sessions, and reschedule the rest of the plan; the past is kept, missed load is not added
    again."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        plan = uow.plans.active(athlete.id)
        if plan is None or plan.id is None:
            raise NotFound(f"{athlete.name} has no plan to re-plan: create one first")
        zone = ZoneInfo(athlete.timezone)
        runs = {
            a.started_at.astimezone(zone).date()
            for a in uow.activities.list_for_athlete(athlete.id)
            if a.is_run  # a bike ride does not do a planned run
        }
        lifts = {
            s.started_at.astimezone(zone).date() for s in uow.strength.list_for_athlete(athlete.id)
        }
    now = today or _today(athlete)
    statuses = statuses_from_log(plan, runs, lifts, now)
    for entry in missed:
        day, slot = entry if isinstance(entry, tuple) else (entry, None)
        statuses[_session_ref(plan, day, slot).id or 0] = "missed"
    move_refs: dict[SessionRef, MoveTarget] = {
        _session_ref(plan, day, slot).id or 0: target
        for (day, slot), target in (moves or {}).items()
    }
    lighten_refs = [
        s.id or 0
        for day, slot in lighten
        for s in plan.sessions
        if s.day == day and s.kind == "strength" and (slot is None or s.slot == slot)
    ]
    if lighten and not lighten_refs:
        raise NotFound("no strength session planned on the day to make lighter")
    spec = _experiment_of(store, athlete, plan)
    if spec is None:
        updated = replan(plan, now, statuses, move_refs, lighten=lighten_refs)
    else:
        # The weekly load limits of the re-plan read each week's planned load, strength
        # included: without the control blocks' strength sessions they would cut the runs
        # after every control block. Re-plan with them in place (the plan as built without
        # the experiment), then take them out again, so the runs stay as planned.
        stand_ins = _control_strength(spec, plan)
        planned = replan(
            replace(plan, sessions=plan.sessions + stand_ins),
            now,
            statuses,
            move_refs,
            lighten=lighten_refs,
        )
        kept = tuple(s for s in planned.sessions if s.id is None or s.id >= 0)
        updated = replace(planned, sessions=strength_only_in_intervention(spec, kept, now))
    with store.unit_of_work() as uow:
        stored = uow.plans.replace_sessions(plan.id, updated.sessions)
        uow.plans.set_weeks(plan.id, updated)
    return athlete, replace(stored, weeks=updated.weeks)  # with the bends the re-plan recorded


@dataclass(frozen=True, slots=True)
class ExportedFiles:
    ics: Path | None = None
    pdf: Path | None = None
    fit: tuple[Path, ...] = ()


def export_plan(
    store: Store,
    athlete_name: AthleteKey,
    *,
    ics: Path | None = None,
    pdf: Path | None = None,
    fit_dir: Path | None = None,
) -> ExportedFiles:
    """Write the active plan as an iCalendar file, a printable PDF and FIT workouts."""
    from runstrong.exports import plan_to_fit_files, plan_to_ics, plan_to_pdf

    athlete, plan = get_plan(store, athlete_name)
    fit_paths: list[Path] = []
    if ics is not None:
        ics.write_bytes(plan_to_ics(plan, athlete.timezone, athlete.name, athlete.units))
    if pdf is not None:
        pdf.write_bytes(plan_to_pdf(plan, athlete.name, athlete.units))
    if fit_dir is not None:
        fit_dir.mkdir(exist_ok=True)
        for name, data in plan_to_fit_files(plan).items():
            path = fit_dir / name
            path.write_bytes(data)
            fit_paths.append(path)
    return ExportedFiles(ics, pdf, tuple(fit_paths))
