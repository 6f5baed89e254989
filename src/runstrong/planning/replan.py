"""Re-plan after missed or moved sessions: keep the past, reschedule the rest, never stack load.

``statuses`` records what happened (``done``, ``missed``); ``moves`` puts a planned session on
another day of its week. Then the week that holds ``today`` and every week with a move are
scheduled again under the same hard rules as :func:`~runstrong.planning.build_plan`:

* sessions before ``today``, done sessions, the race and long runs stay where they are; moved
  sessions go where they were moved; the rest may go on any available day from ``today`` on,
  preferring the day they had;
* a missed session is kept as a record with status ``missed`` and never added again, so its
  load is dropped, not doubled later (a missed key session is not made up);
* if the week cannot be placed, heavy strength is lightened and movable key runs become easy runs
  before giving up with :class:`~runstrong.planning.scheduler.PlanInfeasible`;
* the weekly load limits are checked again from the first re-scheduled week on; where a week is
  over them, its future easy runs are shortened (:func:`~runstrong.planning.loads.fit_week`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from runstrong.domain.plan import Plan, PlannedSession, SessionStatus, Slot
from runstrong.errors import ValidationError
from runstrong.library import Catalog, load_catalog
from runstrong.planning.bends import with_limits_named
from runstrong.planning.config import PlanningConfig
from runstrong.planning.edits import (
    Calendar,
    MoveTarget,
    SessionRef,
    check_moves,
    checked_move,
    resolve,
)
from runstrong.planning.loads import LoadLimits
from runstrong.planning.runs import RunTargets, easy_instead
from runstrong.planning.scheduler import (
    PlanInfeasible,
    SessionToPlace,
    WeekFrame,
    lower_body_blocked,
    schedule_week,
)
from runstrong.planning.strength import (
    StrengthTargets,
    lighten_session,
    lower_body_load,
    without_jumps,
)

__all__ = ["MoveTarget", "SessionRef", "replan"]

_STATUSES: Final = ("planned", "done", "missed")


def replan(
    plan: Plan,
    today: date,
    statuses: Mapping[SessionRef, SessionStatus] | None = None,
    moves: Mapping[SessionRef, MoveTarget] | None = None,
    *,
    catalog: Catalog | None = None,
    config: PlanningConfig | None = None,
    lighten: Collection[SessionRef] = (),
) -> Plan:
    """The plan rescheduled from ``today`` after sessions were done, missed or moved.

    Parameters
    ----------
    plan : Plan
        A plan made by :func:`~runstrong.planning.build_plan` (ids are kept).
    today : date
        Sessions before it are the past: kept as they are.
    statuses : mapping, optional
        Session reference → ``"done"``, ``"missed"`` or ``"planned"``.
    moves : mapping, optional
        Session reference (one session) → new day, or (day, slot), in the same week, from today.
    lighten : collection, optional
        Planned heavy lower-body strength sessions, from today on, to make lighter (the
        planner's own lighter version, :func:`~runstrong.planning.strength.lighten_session`).

    Raises
    ------
    NotFound
        A reference that matches no session.
    ValidationError
        A move into the past, out of its week, of a past, done, missed or race session, or a
        day reference that matches several sessions in ``moves``.
    PlanInfeasible
        A move onto a rest day, or a week that cannot meet the hard rules after the move.

    Examples
    --------
    >>> from runstrong.domain.plan import PlanRequest
    >>> from runstrong.planning import build_plan
    >>> plan = build_plan(PlanRequest("5k", 5000, date(2025, 4, 6), date(2025, 3, 3), "distance"))
    >>> missed = [s for s in plan.sessions if s.day == date(2025, 3, 5)]
    >>> after = replan(plan, date(2025, 3, 6), {date(2025, 3, 5): "missed"})
    >>> [s.status for s in after.sessions if s.day == date(2025, 3, 5)] == ["missed"] * len(missed)
    True
    """
    chosen = config or PlanningConfig()
    session_list = list(plan.sessions)
    for ref, status in (statuses or {}).items():
        if status not in _STATUSES:
            raise ValidationError(f"Unknown status '{status}'; use planned, done or missed.")
        for index in resolve(plan, ref):
            session_list[index] = replace(session_list[index], status=status)
    tools = _Tools.create(plan, catalog or load_catalog(), chosen)
    lightened = _lighten(session_list, plan, today, lighten, tools)
    calendar = Calendar(plan)
    targets = {
        index: target
        for index, target in (
            checked_move(plan, session_list, calendar, today, ref, where)
            for ref, where in (moves or {}).items()
        )
    }
    weeks = {calendar.week_of(session_list[index].day) for index in targets}
    weeks |= {calendar.week_of(session_list[index].day) for index in lightened}
    if plan.request.start_date <= today <= plan.request.race_date:
        weeks.add(calendar.week_of(today))
    for week in sorted(weeks):
        _reschedule(session_list, calendar, week, today, targets, tools)
    session_list = _fit_loads(
        plan, session_list, calendar, today, min(weeks, default=None), targets, tools
    )
    sessions = tuple(sorted(session_list, key=lambda s: (s.day, s.slot)))
    return with_limits_named(replace(plan, sessions=sessions), tools.strength.catalog)


def _lighten(
    sessions: list[PlannedSession],
    plan: Plan,
    today: date,
    refs: Collection[SessionRef],
    tools: _Tools,
) -> list[int]:
    """Make the referenced heavy strength sessions lighter in place; their indexes."""
    done = []
    for ref in refs:
        for index in resolve(plan, ref):
            session = sessions[index]
            if session.kind != "strength" or not session.heavy_lower_body:
                continue
            if session.status != "planned" or session.day < today:
                raise ValidationError(
                    f"'{session.title}' ({session.day}) is not a planned session from today on: "
                    "only those can be made lighter"
                )
            sessions[index] = lighten_session(session, tools.strength)
            done.append(index)
    if refs and not done:
        raise ValidationError("no heavy lower-body strength session there to make lighter")
    return done


@dataclass(frozen=True, slots=True)
class _Tools:
    config: PlanningConfig
    runs: RunTargets
    strength: StrengthTargets

    @classmethod
    def create(cls, plan: Plan, catalog: Catalog, config: PlanningConfig) -> _Tools:
        request, baseline = plan.request, plan.baseline
        strength = StrengthTargets(
            request.focus,
            request.equipment,
            baseline.e1rm_kg_by_exercise,
            baseline.plyometric_level,
            catalog,
            config.plate_step_kg,
        )
        return cls(config, RunTargets.for_athlete(request.race_distance_m, baseline.vdot), strength)


def _reschedule(
    sessions: list[PlannedSession],
    calendar: Calendar,
    week: int,
    today: date,
    targets: Mapping[int, tuple[date, Slot | None]],
    tools: _Tools,
) -> None:
    days = calendar.days(week)
    members = [
        n for n, s in enumerate(sessions) if days[0] <= s.day <= days[-1] and s.status != "missed"
    ]
    frame = _frame(sessions, calendar, week, days, tools.strength.catalog)
    check_moves(sessions, members, today, targets, frame)
    upcoming = frozenset(day for day in days if day >= today)
    first_try: list[SessionToPlace] = []
    for lightened, easy, unjumped in _ladder(sessions, members, today, targets):
        adjusted = {n: sessions[n] for n in members}
        for n in lightened | unjumped:
            adjusted[n] = lighten_session(adjusted[n], tools.strength)
        for n in unjumped:
            adjusted[n] = without_jumps(adjusted[n], tools.strength.catalog)
        for n in easy:
            adjusted[n] = easy_instead(adjusted[n], tools.runs)
        to_place = [
            replace(
                _to_place(adjusted[n], n, today, targets, upcoming),
                lower_body=lower_body_load(adjusted[n], tools.strength.catalog),
            )
            for n in members
        ]
        first_try = first_try or to_place
        try:
            placements = schedule_week(
                to_place, frame, time_limit_s=tools.config.solver_time_limit_s, explain=False
            )
        except PlanInfeasible:
            continue
        for n, placement in zip(members, placements, strict=True):
            sessions[n] = replace(adjusted[n], day=placement.day, slot=placement.slot)
        return
    schedule_week(first_try, frame)  # raises, naming the rule
    raise AssertionError("unreachable: the week was infeasible")


def _ladder(
    sessions: list[PlannedSession],
    members: list[int],
    today: date,
    targets: Mapping[int, tuple[date, Slot | None]],
) -> Iterator[tuple[frozenset[int], frozenset[int], frozenset[int]]]:
    """Ever larger adjustments: (lightened, made easy, without jumps). Last, free and then moved
    strength sessions lose their jumps, so that they no longer count as lower-body load (rule
    C3) next to a lower-body session of the weeks around."""

    def free(n: int) -> bool:
        return n not in targets and sessions[n].day >= today and sessions[n].status == "planned"

    heavy_free = [n for n in members if free(n) and sessions[n].heavy_lower_body]
    heavy_moved = [n for n in members if n in targets and sessions[n].heavy_lower_body]
    keys = [n for n in members if free(n) and sessions[n].key and _movable_key(sessions[n])]
    none: frozenset[int] = frozenset()
    lightened = none
    yield lightened, none, none
    if len(heavy_free) > 1:
        yield frozenset(heavy_free[1:]), none, none
    lightened = frozenset(heavy_free)
    if heavy_free:
        yield lightened, none, none
    if heavy_moved:
        lightened |= frozenset(heavy_moved)
        yield lightened, none, none
    easy = none
    for n in reversed(keys):
        easy |= {n}
        yield lightened, easy, none
    lifts_free = [n for n in members if free(n) and sessions[n].kind == "strength"]
    lifts_moved = [n for n in members if n in targets and sessions[n].kind == "strength"]
    unjumped = none
    for group in (lifts_free, lifts_moved):
        if group:
            unjumped |= frozenset(group)
            yield lightened, easy, unjumped


def _movable_key(session: PlannedSession) -> bool:
    run = session.run
    return run is not None and run.session_type not in ("long", "race")


def _to_place(
    session: PlannedSession,
    index: int,
    today: date,
    targets: Mapping[int, tuple[date, Slot | None]],
    upcoming: frozenset[date],
) -> SessionToPlace:
    race = session.run is not None and session.run.session_type == "race"
    long_run = session.run is not None and session.run.session_type == "long"
    base = SessionToPlace(
        name=session.title,
        kind=session.kind,
        key=session.key,
        heavy_lower_body=session.heavy_lower_body,
        race=race,
    )
    if index in targets:
        day, slot = targets[index]
        return replace(base, fixed_day=day, fixed_slot=slot)
    if session.day < today or session.status == "done":
        return replace(base, fixed_day=session.day, fixed_slot=session.slot)
    if race or long_run:
        return replace(base, fixed_day=session.day, preferred_slot=session.slot)
    return replace(
        base, allowed_days=upcoming, preferred_day=session.day, preferred_slot=session.slot
    )


def _frame(
    sessions: list[PlannedSession],
    calendar: Calendar,
    week: int,
    days: tuple[date, ...],
    catalog: Catalog,
) -> WeekFrame:
    request = calendar.plan.request
    active = [s for s in sessions if s.status != "missed"]
    before = [s for s in active if days[0] - timedelta(days=2) <= s.day < days[0]]
    after = [s for s in active if days[-1] < s.day <= days[-1] + timedelta(days=2)]
    one, two = timedelta(days=1), timedelta(days=2)
    race_day = request.race_date if days[0] <= request.race_date <= days[-1] else None
    return WeekFrame(
        days=days,
        available_days=frozenset(d for d in days if d.weekday() in request.available_days),
        two_a_days=request.two_a_days,
        race_day=race_day,
        key_blocked_days=frozenset(
            s.day + g for s in before if s.heavy_lower_body for g in (one, two)
        ),
        heavy_blocked_days=frozenset(s.day - g for s in after if s.key for g in (one, two)),
        hard_days_around=frozenset(s.day for s in before + after if s.key),
        lower_body_blocked=lower_body_blocked(
            (s.day, s.slot) for s in before + after if lower_body_load(s, catalog)
        ),
        runs_before=tuple(
            s.day
            for s in active
            if s.kind == "run" and days[0] - timedelta(days=6) <= s.day < days[0]
        ),
    )


def _fit_loads(
    plan: Plan,
    sessions: list[PlannedSession],
    calendar: Calendar,
    today: date,
    first_week: int | None,
    targets: Mapping[int, tuple[date, Slot | None]],
    tools: _Tools,
) -> list[PlannedSession]:
    if first_week is None:
        return sessions
    moved = [sessions[n] for n in targets]
    limits = LoadLimits(tools.config, plan.request.race_distance_m)
    result: list[PlannedSession] = []
    for week, (start, end) in enumerate(calendar.ranges):
        members = [s for s in sessions if start <= s.day <= end]
        if week >= first_week:
            members = list(
                limits.fit(
                    plan.weeks[week],
                    calendar.full(week),
                    members,
                    tools.runs,
                    lambda s: (
                        s.status == "planned" and s.day >= today and all(s is not m for m in moved)
                    ),
                )
            )
        limits.record(plan.weeks[week], calendar.full(week), members)
        result += members
    return result
