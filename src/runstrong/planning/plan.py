"""Build a plan: validate the request, lay out the weeks, compose and schedule each week.

Each week is composed (:mod:`runstrong.planning.week`) and scheduled by CP-SAT
(:mod:`runstrong.planning.scheduler`) with what its neighbours impose: heavy sessions at the end
of the week before block key runs, the next week's long run or race blocks heavy sessions. When a
week cannot be placed as composed, it is adapted step by step until it can: heavy strength is
lightened below the heavy line, then key runs that can move become easy runs, then strength
sessions and easy runs are left out. Requests that cannot work at all are refused first, with a
message naming the rule (:func:`validate_request`). Finally the week's load is held to the rise
limit and the taper's volume made to fall, by shortening runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runstrong.domain.plan import (
    AthleteBaseline,
    Plan,
    PlannedSession,
    PlanRequest,
    RuleBend,
)
from runstrong.library import Catalog, load_catalog
from runstrong.planning.bends import with_limits_named
from runstrong.planning.config import PlanningConfig
from runstrong.planning.loads import LoadLimits, measure, rule_volume
from runstrong.planning.phases import WeekOutline, deload_interval, outline_weeks
from runstrong.planning.request_checks import MIN_PLAN_DAYS, validate_request
from runstrong.planning.runs import easy_instead
from runstrong.planning.scheduler import (
    Placement,
    PlanInfeasible,
    SessionToPlace,
    WeekFrame,
    lower_body_blocked,
    schedule_week,
)
from runstrong.planning.strength import lighten_session, lower_body_load
from runstrong.planning.week import Draft, PlanContext, compose_week, fixed_key_days, week_bends

__all__ = ["MIN_PLAN_DAYS", "build_plan", "validate_request"]


def build_plan(
    request: PlanRequest,
    baseline: AthleteBaseline | None = None,
    catalog: Catalog | None = None,
    *,
    config: PlanningConfig | None = None,
) -> Plan:
    """A plan from ``request.start_date`` to race day, every week scheduled under the hard rules.

    Parameters
    ----------
    request : PlanRequest
        Race, dates, focus, available days, long-run day, strength days, equipment.
    baseline : AthleteBaseline, optional
        VDOT, e1RMs, recent weekly running, plyometric level; defaults when unknown.
    catalog : Catalog, optional
        Exercise library (the packaged one by default).
    config : PlanningConfig, optional
        Rise limit, deload rhythm, plate step, solver time limit.

    Raises
    ------
    ValidationError, PlanInfeasible
        See :func:`validate_request`.

    Examples
    --------
    >>> request = PlanRequest("10k", 10000, date(2025, 5, 4), date(2025, 3, 3), "distance")
    >>> plan = build_plan(request, AthleteBaseline(vdot=45, e1rm_kg_by_exercise={"leg-press": 180}))
    >>> len(plan.weeks), plan.weeks[-1].phase, plan.sessions[-1].title
    (9, 'taper', 'Race')
    """
    chosen_baseline = baseline or AthleteBaseline()
    chosen_config = config or PlanningConfig()
    validate_request(request, chosen_baseline)
    ctx = PlanContext.create(request, chosen_baseline, catalog or load_catalog(), chosen_config)
    outlines = outline_weeks(
        request.start_date,
        request.race_date,
        request.race_distance_m,
        deload_every=deload_interval(chosen_baseline, chosen_config),
        config=chosen_config,
    )
    limits = LoadLimits(chosen_config, request.race_distance_m)
    sessions: list[PlannedSession] = []
    previous: tuple[PlannedSession, ...] = ()
    weeks = []
    for index, outline in enumerate(outlines):
        following = (
            fixed_key_days(outlines[index + 1], ctx) if index + 1 < len(outlines) else frozenset()
        )
        week, bends = _plan_week(outline, ctx, previous, following, limits)
        limits.record(outline.week, outline.full, week)
        sessions.extend(week)
        previous = week
        bends = (*outline.week.bends, *week_bends(outline, ctx), *bends)
        weeks.append(replace(outline.week, bends=bends))
    plan = Plan(
        request=request,
        baseline=chosen_baseline,
        weeks=tuple(weeks),
        sessions=tuple(sorted(sessions, key=lambda s: (s.day, s.slot))),
    )
    return with_limits_named(plan, ctx.strength_targets.catalog)


@dataclass(frozen=True, slots=True)
class _Adjustment:
    """How a week departs from its composition so that it can be scheduled or fit its caps."""

    lightened: frozenset[int] = frozenset()
    easy: frozenset[int] = frozenset()
    dropped: frozenset[int] = frozenset()

    def apply(self, drafts: Sequence[Draft], ctx: PlanContext) -> list[tuple[int, Draft]]:
        adjusted = []
        for index, draft in enumerate(drafts):
            if index in self.dropped:
                continue
            session = draft.session
            allowed = draft.allowed_days
            if index in self.lightened:
                session, allowed = lighten_session(session, ctx.strength_targets), None
            if index in self.easy:
                session = easy_instead(session, ctx.run_targets)
            adjusted.append((index, replace(draft, session=session, allowed_days=allowed)))
        return adjusted


def _ladder(drafts: Sequence[Draft]) -> Iterator[_Adjustment]:
    """Ever larger adjustments: lighten heavy strength (all but one; in the week of the plan's
    last heavy session, rule S4, then leave out the week's other lifts before lightening it;
    then all), turn movable key runs easy (lowest priority first), leave out strength sessions,
    then easy runs."""
    heavy = [n for n, d in enumerate(drafts) if d.session.heavy_lower_body]
    step = _Adjustment()
    yield step
    if len(heavy) > 1:
        yield replace(step, lightened=frozenset(heavy[1:]))
    last = [n for n in heavy if drafts[n].allowed_days is not None]
    if last:  # the plan's last heavy session (S4) comes before the week's other lifts
        others = [n for n, d in enumerate(drafts) if d.session.kind == "strength" and n != last[0]]
        kept_heavy = replace(step, lightened=frozenset(heavy) - {last[0]})
        for n in reversed(others):
            kept_heavy = replace(kept_heavy, dropped=kept_heavy.dropped | {n})
            yield kept_heavy
    step = replace(step, lightened=frozenset(heavy))
    if heavy:
        yield step
    movable = [
        n
        for n, d in enumerate(drafts)
        if d.session.key and d.fixed_day is None and d.run_kind not in (None, "race")
    ]
    for n in reversed(movable):
        step = replace(step, easy=step.easy | {n})
        yield step
    lifts = [n for n, d in enumerate(drafts) if d.session.kind == "strength"]
    easy = [n for n, d in enumerate(drafts) if d.session.kind == "run" and not d.session.key]
    for n in [*reversed(lifts), *reversed(easy)]:
        step = replace(step, dropped=step.dropped | {n})
        yield step


def _plan_week(
    outline: WeekOutline,
    ctx: PlanContext,
    previous: Sequence[PlannedSession],
    following_keys: frozenset[date],
    limits: LoadLimits,
) -> tuple[tuple[PlannedSession, ...], tuple[RuleBend, ...]]:
    drafts = compose_week(outline, ctx)
    frame = _frame(outline, ctx, previous, following_keys)
    catalog = ctx.strength_targets.catalog
    for adjustment in _ladder(drafts):
        adjusted = adjustment.apply(drafts, ctx)
        try:
            placements = schedule_week(
                [_to_place(d, lower_body_load(d.session, catalog)) for _n, d in adjusted],
                frame,
                time_limit_s=ctx.config.solver_time_limit_s,
                explain=False,
            )
        except PlanInfeasible:
            continue
        by_index = {n: p for (n, _d), p in zip(adjusted, placements, strict=True)}
        caps = limits.caps(outline.week, outline.full)
        rule_cap = limits.rule_cap(outline.week, outline.full)
        week = _scaled(outline, ctx, adjustment, by_index, caps, rule_cap)
        fitted = limits.fit(outline.week, outline.full, week, ctx.run_targets)
        return fitted, _adjustment_bends(outline, drafts, adjustment)
    places = [_to_place(d, lower_body_load(d.session, catalog)) for d in drafts]
    schedule_week(places, frame)  # raises, naming the rule
    raise AssertionError("unreachable: the week was infeasible")


def _adjustment_bends(
    outline: WeekOutline, drafts: Sequence[Draft], adjustment: _Adjustment
) -> tuple[RuleBend, ...]:
    """The rules a week's adaptation bends: heavy sessions the build (S2) or the peak (S3) asks
    for, or the taper's session at race pace (T2), given up because no day was far enough from
    the key runs and the other lower-body sessions (C1 and C3 come first)."""
    phase = outline.week.phase
    kept = [
        n
        for n, d in enumerate(drafts)
        if d.session.heavy_lower_body and n not in adjustment.lightened | adjustment.dropped
    ]
    wanted = [n for n, d in enumerate(drafts) if d.session.heavy_lower_body]
    bends = []
    why = "no day of the week is 48 h from the key runs and the other lower-body sessions"
    if wanted and not outline.week.deload:
        if phase == "build" and len(kept) < min(2, len(wanted)):
            bends.append(RuleBend("S2", f"{len(kept)} heavy session(s) instead of 2: {why}"))
        if phase == "peak" and not kept:
            bends.append(RuleBend("S3", f"the peak's heavy session was lightened: {why}"))
    if phase == "taper" and any(
        n in adjustment.easy | adjustment.dropped for n, d in enumerate(drafts) if d.session.key
    ):
        bends.append(
            RuleBend("T2", "the taper's session at race pace became an easy run: no day for it")
        )
    return tuple(bends)


def _frame(
    outline: WeekOutline,
    ctx: PlanContext,
    previous: Sequence[PlannedSession],
    following_keys: frozenset[date],
) -> WeekFrame:
    request, days = ctx.request, outline.days
    one, two = timedelta(days=1), timedelta(days=2)
    heavy_days = [s.day for s in previous if s.heavy_lower_body]
    catalog = ctx.strength_targets.catalog
    lower = [(s.day, s.slot) for s in previous if lower_body_load(s, catalog)]
    return WeekFrame(
        days=days,
        available_days=frozenset(d for d in days if d.weekday() in request.available_days),
        two_a_days=request.two_a_days,
        race_day=request.race_date if outline.race_week else None,
        key_blocked_days=frozenset(d + gap for d in heavy_days for gap in (one, two)),
        heavy_blocked_days=frozenset(d - gap for d in following_keys for gap in (one, two)),
        hard_days_around=frozenset(s.day for s in previous if s.key) | following_keys,
        lower_body_blocked=lower_body_blocked(lower),
        runs_before=tuple(
            s.day for s in previous if s.kind == "run" and (days[0] - s.day).days <= 6
        ),
    )


def _to_place(draft: Draft, lower_body: bool = False) -> SessionToPlace:
    session = draft.session
    return SessionToPlace(
        name=session.title,
        kind=session.kind,
        key=session.key,
        heavy_lower_body=session.heavy_lower_body,
        race=draft.run_kind == "race",
        fixed_day=draft.fixed_day,
        allowed_days=draft.allowed_days,
        lower_body=lower_body,
    )


def _scaled(
    outline: WeekOutline,
    ctx: PlanContext,
    adjustment: _Adjustment,
    placements: dict[int, Placement],
    caps: tuple[float, float],
    rule_cap: float = float("inf"),
) -> tuple[PlannedSession, ...]:
    """The week composed for a smaller volume until its load and running volume fit ``caps``
    and its running, as rules V1 and T1 measure it, fits ``rule_cap``.

    Every run, key workouts included, is sized from the week's volume, so scaling the volume
    shrinks the week evenly; what rounding and minimum sizes leave over is for
    :func:`~runstrong.planning.loads.fit_week`.
    """
    load_cap, volume_cap = caps
    scale = 1.0
    week = _placed(compose_week(outline, ctx), ctx, adjustment, placements)
    for _attempt in range(6):
        load, volume = measure(week)
        by_rule = rule_volume(week)
        if load <= load_cap and volume <= volume_cap and by_rule <= rule_cap:
            break
        run_load = sum(s.planned_load_au for s in week if s.run and s.run.session_type != "race")
        ratio = min(
            (load_cap - (load - run_load)) / run_load if run_load else 1.0,
            volume_cap / volume if volume else 1.0,
            rule_cap / by_rule if by_rule else 1.0,
        )
        scale *= max(0.05, min(ratio, 1.0)) * 0.99
        week = _placed(compose_week(outline, ctx, scale), ctx, adjustment, placements)
    return week


def _placed(
    drafts: Sequence[Draft],
    ctx: PlanContext,
    adjustment: _Adjustment,
    placements: dict[int, Placement],
) -> tuple[PlannedSession, ...]:
    return tuple(
        replace(d.session, day=placements[n].day, slot=placements[n].slot)
        for n, d in adjustment.apply(drafts, ctx)
    )
