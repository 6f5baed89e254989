"""One week's sessions before scheduling: which runs, which key workouts, how many strength days.

Key workouts by event group and phase (Daniels' Running Formula for 800 m to marathon: easy
running and strides first, then repetitions, intervals and threshold, race-specific work in the
peak; sprint practice for 100-400 m: acceleration, maximal velocity, speed endurance), at most
one fewer key runs than runs from three runs a week on, so at least one run stays easy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from runstrong.domain.plan import (
    AthleteBaseline,
    PlannedSession,
    PlanPhase,
    PlanRequest,
    RuleBend,
)
from runstrong.library import Catalog
from runstrong.planning.config import PlanningConfig
from runstrong.planning.events import (
    RaceGroup,
    default_weekly_volume_s,
    minimum_running_days,
    race_group,
    usual_running_days,
)
from runstrong.planning.phases import WeekOutline
from runstrong.planning.rules import rules
from runstrong.planning.runs import KEY_RUN_KINDS, RunKind, RunTargets, prescribe_run, run_load_au
from runstrong.planning.strength import (
    StrengthTargets,
    StrengthWorkout,
    lighten,
    prescribe_strength,
    warmup_drills,
)

__all__ = [
    "Draft",
    "PlanContext",
    "compose_week",
    "fixed_key_days",
    "last_heavy_days",
    "week_bends",
]

_KEYS: Final[dict[RaceGroup, dict[PlanPhase, tuple[RunKind, ...]]]] = {
    "distance": {
        "base": ("long", "repetition"),
        "build": ("long", "interval", "tempo"),
        "peak": ("long", "interval", "tempo"),
        "taper": ("long", "sharpener"),
    },
    "middle": {
        "base": ("long", "tempo"),
        "build": ("interval", "repetition", "long"),
        "peak": ("repetition", "interval", "long"),
        "taper": ("sharpener", "long"),
    },
    "sprint": {
        "base": ("acceleration", "max_velocity"),
        "build": ("acceleration", "max_velocity", "speed_endurance"),
        "peak": ("max_velocity", "speed_endurance", "acceleration"),
        "taper": ("acceleration",),
    },
}
_EASY_LIMITS_S: Final[dict[RaceGroup, tuple[float, float]]] = {
    "distance": (1200.0, 4500.0),
    "middle": (1200.0, 3600.0),
    "sprint": (900.0, 2400.0),
}
_TITLES: Final[dict[RunKind, str]] = {
    "easy": "Easy run",
    "easy_strides": "Easy run + strides",
    "extensive_tempo": "Extensive tempo",
    "long": "Long run",
    "long_race_pace": "Long run with race pace",
    "tempo": "Tempo",
    "interval": "Intervals",
    "repetition": "Repetitions",
    "acceleration": "Accelerations",
    "max_velocity": "Maximal velocity",
    "speed_endurance": "Speed endurance",
    "sharpener": "Sharpener",
    "race": "Race",
}


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What stays the same for every week of one plan."""

    request: PlanRequest
    baseline: AthleteBaseline
    config: PlanningConfig
    group: RaceGroup
    run_targets: RunTargets
    strength_targets: StrengthTargets
    runs_per_week: int
    first_week_volume_s: float

    @classmethod
    def create(
        cls,
        request: PlanRequest,
        baseline: AthleteBaseline,
        catalog: Catalog,
        config: PlanningConfig,
    ) -> PlanContext:
        """Targets, runs per week and the first week's volume from the request and the log.

        Runs per week: the athlete's usual number (or the event default), at least the event's
        minimum, at most its maximum and the available days. First-week volume: last weeks'
        distance at easy pace (6:30/km without a VDOT), else the event default.
        """
        distance = request.race_distance_m
        targets = RunTargets.for_athlete(distance, baseline.vdot)
        default_runs, most_runs = usual_running_days(distance)
        wanted = baseline.weekly_runs or default_runs
        runs = max(minimum_running_days(distance), min(wanted, most_runs))
        room = len(request.available_days)
        if not request.two_a_days:
            room -= request.strength_days
        runs = max(1, min(runs, room))
        if baseline.weekly_running_distance_m > 0:
            paces = targets.paces
            easy = (paces.easy_fast_s_per_km + paces.easy_slow_s_per_km) / 2 if paces else 390.0
            volume = baseline.weekly_running_distance_m / 1000 * easy
        else:
            volume = default_weekly_volume_s(distance)
        strength = StrengthTargets(
            focus=request.focus,
            equipment=request.equipment,
            e1rm_kg_by_exercise=baseline.e1rm_kg_by_exercise,
            level=baseline.plyometric_level,
            catalog=catalog,
            plate_step_kg=config.plate_step_kg,
        )
        return cls(
            request,
            baseline,
            config,
            race_group(distance),
            targets,
            strength,
            runs,
            min(max(volume, 3600.0), 12 * 3600.0),
        )


@dataclass(frozen=True, slots=True)
class Draft:
    """A session of the week before it has a day (``session.day`` is the week's first day).

    ``fixed_day`` pins long runs to the long-run day and the race to race day; ``run_kind`` says
    which workout a run is, so a key run can be turned easy when the week has no room for it;
    ``allowed_days`` keeps the plan's last heavy session 7-10 days before the race (rule S4).
    """

    session: PlannedSession
    run_kind: RunKind | None = None
    fixed_day: date | None = None
    allowed_days: frozenset[date] | None = None


def fixed_key_days(outline: WeekOutline, ctx: PlanContext) -> frozenset[date]:
    """Days of the week's key runs that cannot move: the long run and the race."""
    return frozenset(
        d.fixed_day for d in compose_week(outline, ctx) if d.fixed_day and d.session.key
    )


def compose_week(outline: WeekOutline, ctx: PlanContext, scale: float = 1.0) -> tuple[Draft, ...]:
    """The runs and strength sessions of one week, sized from its volume times ``scale``.

    The order is stable for a given week whatever ``scale`` is: race, key runs, easy runs,
    strength sessions.
    """
    request = ctx.request
    race_day = request.race_date if outline.race_week else None
    usable = [
        day for day in outline.days if day.weekday() in request.available_days and day != race_day
    ]
    lifting_days = [d for d in usable if race_day is None or d <= race_day - timedelta(days=3)]
    n_strength = min(
        min(1, request.strength_days) if outline.race_week else request.strength_days,
        len(lifting_days),
    )
    wanted = ctx.runs_per_week - (1 if race_day else 0)
    if request.two_a_days:
        n_runs = min(wanted, len(usable))
    else:
        fewest = min(minimum_running_days(request.race_distance_m), len(usable))
        n_strength = min(n_strength, max(0, len(usable) - fewest))
        n_runs = min(wanted, len(usable) - n_strength)
    long_day = next((d for d in usable if d.weekday() == request.long_run_day), None)
    keys, _bent = _chosen_keys(outline, ctx, n_runs, long_day is not None and race_day is None)
    volume = ctx.first_week_volume_s * outline.volume_factor * scale
    drafts: list[Draft] = []
    if race_day is not None:
        drafts.append(_run_draft("race", volume, ctx, outline, None, race_day))
    for n, kind in enumerate(keys):
        fixed = long_day if kind in ("long", "long_race_pace") else None
        drafts.append(_run_draft(kind, volume, ctx, outline, None, fixed, variant=n))
    key_s = sum(
        d.session.run.duration_s or 0.0 for d in drafts[1 if race_day else 0 :] if d.session.run
    )
    n_easy = n_runs - len(keys)
    low, high = _EASY_LIMITS_S[ctx.group]
    easy_s = min(high, max(low, (volume - key_s) / max(1, ctx.runs_per_week - len(keys))))
    strides = 1 if outline.week.deload or outline.race_week else 2
    for n in range(n_easy):
        easy_kind: RunKind = "easy_strides" if n < strides else "easy"
        if ctx.group == "sprint":
            easy_kind = "extensive_tempo"
        drafts.append(_run_draft(easy_kind, volume, ctx, outline, easy_s, None))
    window = last_heavy_days(outline, ctx)
    for variant in range(n_strength):
        workout = _strength_session(outline, ctx, variant, last_heavy=window is not None)
        session = PlannedSession(
            day=outline.days[0],
            kind="strength",
            title=workout.title,
            slot="pm",
            exercises=workout.exercises,
            planned_load_au=workout.load_au,
            heavy_lower_body=workout.heavy_lower_body,
        )
        last = window is not None and variant == 0 and workout.heavy_lower_body
        drafts.append(Draft(session, allowed_days=window if last else None))
    return tuple(drafts)


def last_heavy_days(outline: WeekOutline, ctx: PlanContext) -> frozenset[date] | None:
    """The available days 7-10 days before the race in this week, for the plan's last heavy
    lower-body session (rule S4, distance races), or None when the week has none.

    Days that would leave the race week no day for its session at race pace 48 h after the heavy
    one (rules C1 and T2: it cannot be in the last two days either) are left out when others
    remain.
    """
    request = ctx.request
    if ctx.group != "distance" or outline.race_week:
        return None
    low, high = rules().s4_last_heavy_days
    race = request.race_date
    window = [
        day
        for day in outline.days
        if low <= (race - day).days <= high and day.weekday() in request.available_days
    ]
    approach = rules().s4_no_strength_days + 1  # the race week's key run: 3 to 6 days out
    key_days = [
        race - timedelta(days=n)
        for n in range(approach, low)
        if (race - timedelta(days=n)).weekday() in request.available_days
    ]
    if key_days:
        latest = max(key_days)
        window = [d for d in window if (latest - d).days > approach - 1] or window
    return frozenset(window) or None


def _strength_session(
    outline: WeekOutline, ctx: PlanContext, variant: int, *, last_heavy: bool = False
) -> StrengthWorkout:
    """Session ``variant`` of the week; heavy ones capped at two a week in the build and one in
    the peak (rules C3 and S3): the others are lightened below the heavy line."""
    phase = outline.week.phase
    workout = prescribe_strength(
        ctx.strength_targets,
        phase,
        deload=outline.week.deload,
        variant=variant,
        progress=outline.progress,
        race_week=outline.race_week,
        last_heavy=last_heavy and variant == 0,
    )
    most = 1 if phase == "peak" else rules().c3_heavy_per_week
    if workout.heavy_lower_body and variant >= most:
        why = (
            "lightened: one heavy session a week keeps the gains in the peak"
            if phase == "peak"
            else "lightened: at most two heavy lower-body sessions a week"
        )
        workout = lighten(workout, ctx.strength_targets, why)
    return workout


def _hard_budget(n_runs: int, race_week: bool) -> int:
    """Hard runs the week may have under rule I1 (the race counts as one)."""
    numbers = rules()
    total = n_runs + (1 if race_week else 0)
    allowed = min(numbers.i1_hard_per_week, int(total * (1 - numbers.i1_easy_share) + 1e-9))
    return allowed - (1 if race_week else 0)


def _chosen_keys(
    outline: WeekOutline, ctx: PlanContext, n_runs: int, long_run: bool
) -> tuple[list[RunKind], bool]:
    """The week's key runs, and whether rule I1 had to give way to keep one (rule T2).

    Distance plans keep at least 75 % of the runs easy (I1): an easy long run is free, the hard
    kinds take turns week by week within the budget, and a taper week keeps one session at race
    pace or faster even when that makes more than a quarter of its runs hard (T2 before I1).
    """
    keys = _keys(outline, ctx, long_run)
    limit = n_runs if n_runs <= 2 else n_runs - 1
    if ctx.group != "distance":
        return keys[:limit], False
    budget = _hard_budget(n_runs, outline.race_week)
    bent = False
    if budget < 1 and outline.week.phase == "taper" and not outline.race_week and keys:
        budget, bent = 1, True
    chosen: list[RunKind] = []
    if "long_race_pace" in keys:
        chosen.append("long_race_pace" if budget > 0 else "long")
        budget -= 1 if budget > 0 else 0
    elif "long" in keys:
        chosen.append("long")
    hard = [k for k in keys if k not in ("long", "long_race_pace")]
    if hard:
        turn = outline.week.index % len(hard)
        hard = hard[turn:] + hard[:turn]
    chosen += hard[: max(0, budget)]
    return chosen[:limit], bent


def week_bends(outline: WeekOutline, ctx: PlanContext) -> tuple[RuleBend, ...]:
    """The rules the week's composition bends, with the reason (before scheduling)."""
    if ctx.group != "distance":
        return ()
    drafts = compose_week(outline, ctx)
    runs = sum(1 for d in drafts if d.session.kind == "run")
    _keys_chosen, bent = _chosen_keys(
        outline,
        ctx,
        runs - (1 if outline.race_week else 0),
        any(d.run_kind in ("long", "long_race_pace") for d in drafts),
    )
    easy_share = rules().i1_easy_share
    if bent:
        reason = (
            f"{runs} runs this week: the one session at race pace the taper keeps (T2) makes "
            f"more than {1 - easy_share:.0%} of them hard"
        )
        return (RuleBend("I1", reason),)
    if outline.race_week and runs and 1 / runs > 1 - easy_share + 1e-9:
        reason = f"{runs} runs in race week: the race itself is one of them"
        return (RuleBend("I1", reason),)
    return ()


def _keys(outline: WeekOutline, ctx: PlanContext, long_run: bool) -> list[RunKind]:
    phase = outline.week.phase
    if outline.race_week:
        return ["sharpener"]
    keys = list(_KEYS[ctx.group][phase])
    if outline.week.deload:
        keys = keys[:1] if ctx.group == "sprint" else ["long"] if long_run else keys[1:2]
    if phase == "peak" and ctx.request.race_distance_m > 10000:
        keys = ["long_race_pace" if kind == "long" else kind for kind in keys]
    if not long_run:
        keys = [kind for kind in keys if kind not in ("long", "long_race_pace")]
    return keys


def _run_draft(
    kind: RunKind,
    volume_s: float,
    ctx: PlanContext,
    outline: WeekOutline,
    duration_s: float | None,
    fixed_day: date | None,
    variant: int = 0,
) -> Draft:
    run = prescribe_run(kind, volume_s, ctx.run_targets, duration_s)
    key = kind in KEY_RUN_KINDS
    with_drills = (key and kind not in ("long", "long_race_pace")) or kind == "easy_strides"
    drills = warmup_drills(ctx.strength_targets, variant) if with_drills else ()
    session = PlannedSession(
        day=outline.days[0],
        kind="run",
        title=_TITLES[kind],
        run=run,
        exercises=drills,
        planned_load_au=run_load_au(run),
        key=key,
    )
    return Draft(session, kind, fixed_day)
