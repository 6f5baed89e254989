"""The plan rules C1-D1 (``docs/science.md``, "The plan rules"), checked from the plan alone.

Part of the independent checker (:mod:`runstrong.planning.checker`): it reads the plan, the
library and the shared thresholds (:mod:`runstrong.planning.rules`), never the planner's code.
Every rule is checked over the whole plan, across week boundaries. A week's recorded bends
(:class:`~runstrong.domain.plan.RuleBend`) excuse that rule in that week: such findings are
reported as *bent*, the rest as *broken* (:func:`check_rules`). C1 is reported as
``heavy-legs-48h`` by :func:`runstrong.planning.checker.check_plan` (its older name).

Missed sessions do not count for the calendar rules (C1-C3, D1); the weekly rules judge the plan
as prescribed. The volume and intensity rules (T1's volume cut, T2's frequency, S4's volume cut,
V1, I1, S1-S3) are endurance findings: they are checked for races beyond 3000 m (5 km to the
marathon); the spacing, taper-length, activation and dosing rules hold for every plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from runstrong.domain.plan import ExercisePrescription, Plan, PlannedSession, PlanWeek, week_spans
from runstrong.library import Catalog
from runstrong.planning.rules import RuleNumbers, rules
from runstrong.science import percent_one_rep_max

__all__ = [
    "ALIASES",
    "RuleFinding",
    "bent_in",
    "excused",
    "heavy_set",
    "is_heavy_lift",
    "is_key_run",
    "rule_findings",
    "running_volume",
]

#: Older checker names of the same rule (a taper that does not fall is part of T1).
ALIASES: Final = {"heavy-legs-48h": "C1", "taper-volume": "T1"}
_KEY_TYPES: Final = frozenset({"interval", "repetition", "tempo", "long", "race"})
_HARD_TYPES: Final = frozenset({"interval", "repetition", "tempo", "race"})
_LEGS: Final = frozenset(
    {"quadriceps", "hamstrings", "glutes", "hip-abductors", "adductors", "hip-flexors"}
    | {"calves", "tibialis"}
)
_HOUR: Final = {"am": 7, "pm": 18}
_EPS: Final = 1e-6
_ENDURANCE_FROM_M: Final = 3000.0


@dataclass(frozen=True, slots=True)
class RuleFinding:
    """One place where a rule does not hold: rule code, what is wrong, and the day."""

    rule: str
    message: str
    day: date | None = None


def is_key_run(session: PlannedSession) -> bool:
    by_type = session.run is not None and session.run.session_type in _KEY_TYPES
    return session.kind == "run" and (session.key or by_type)


def is_hard_run(session: PlannedSession) -> bool:
    """Hard for the intensity rule: intervals, repetitions, tempo, race, and a long run with a
    faster part (more than one active step); a long run at easy pace is easy running."""
    run = session.run
    if session.kind != "run" or run is None:
        return False
    if run.session_type in _HARD_TYPES:
        return True
    if run.session_type == "long":
        return sum(1 for step in run.steps if step.kind == "active") > 1
    return False


def heavy_set(item: ExercisePrescription, library: Catalog, e1rms: Mapping[str, float]) -> bool:
    """A lower-body strength set at ≥ 80 % of e1RM or RPE ≥ 8 (docs/science.md section 4)."""
    if item.exercise_slug not in library:
        return False
    exercise = library.get(item.exercise_slug)
    if exercise.category != "strength" or not _LEGS.intersection(exercise.primary_muscles):
        return False
    rpe = item.target_rpe
    if rpe is not None and rpe >= 8:
        return True
    e1rm = e1rms.get(item.exercise_slug)
    if item.load_kg is not None and e1rm:
        return item.load_kg >= 0.8 * e1rm
    if rpe is None:
        return item.reps <= 6
    reps_at_failure = item.reps + (10 - rpe)
    return reps_at_failure <= 12 and percent_one_rep_max(item.reps, rpe) >= 80


def is_heavy_lift(session: PlannedSession, library: Catalog, e1rms: Mapping[str, float]) -> bool:
    return session.kind == "strength" and (
        session.heavy_lower_body or any(heavy_set(e, library, e1rms) for e in session.exercises)
    )


def _category(item: ExercisePrescription, library: Catalog) -> str:
    return library.get(item.exercise_slug).category if item.exercise_slug in library else ""


def _plyometric(session: PlannedSession, library: Catalog) -> bool:
    return any(_category(e, library) == "plyometric" for e in session.exercises)


def _hour(session: PlannedSession) -> int:
    return session.day.toordinal() * 24 + _HOUR[session.slot]


def running_volume(sessions: Sequence[PlannedSession], by_distance: bool) -> float:
    """Planned running (metres, else seconds) of ``sessions``, the race left out."""
    total = 0.0
    for session in sessions:
        run = session.run
        if run is None or run.session_type == "race":
            continue
        total += (run.distance_m or 0.0) if by_distance else (run.duration_s or 0.0)
    return total


def rule_findings(plan: Plan, library: Catalog) -> list[RuleFinding]:
    """Every place where a rule C2-D1 does not hold (C1: see the module docstring)."""
    numbers = rules()
    active = [s for s in plan.sessions if s.status != "missed"]
    e1rms = plan.baseline.e1rm_kg_by_exercise
    found = _c2(active)
    found += _c3(plan, active, library, e1rms, numbers)
    found += _taper(plan, library, e1rms, numbers)
    if plan.request.race_distance_m > _ENDURANCE_FROM_M:
        found += _v1(plan, numbers)
    found += _i1(plan, numbers)
    found += _strength(plan, library, e1rms)
    found += _p1(plan, active, library, numbers)
    found += _d1(active, library, numbers)
    return found


def bent_in(plan: Plan) -> dict[str, list[tuple[date, date]]]:
    """Rule code → the spans of the weeks where the plan records that it gave way."""
    spans: dict[str, list[tuple[date, date]]] = {}
    for week, first, last in week_spans(plan):
        for bend in week.bends:
            spans.setdefault(bend.rule, []).append((first, last))
    return spans


def _c2(active: Sequence[PlannedSession]) -> list[RuleFinding]:
    found = []
    for lift in (s for s in active if s.kind == "strength" and s.slot == "am"):
        for run in active:
            if run.kind == "run" and run.day == lift.day and run.slot == "pm":
                what = "a key run" if is_key_run(run) else "a run"
                found.append(RuleFinding("C2", f"'{lift.title}' lifts before {what}", lift.day))
    return found


def _c3(
    plan: Plan,
    active: Sequence[PlannedSession],
    library: Catalog,
    e1rms: Mapping[str, float],
    numbers: RuleNumbers,
) -> list[RuleFinding]:
    lower = sorted(
        (
            s
            for s in active
            if is_heavy_lift(s, library, e1rms) or (s.kind == "strength" and _plyometric(s, library))
        ),
        key=_hour,
    )
    found = []
    for first, second in zip(lower, lower[1:], strict=False):
        gap = _hour(second) - _hour(first)
        if gap < numbers.c3_hours:
            message = (
                f"lower-body sessions '{first.title}' and '{second.title}' {gap} h apart "
                f"(at least {numbers.c3_hours:g} h)"
            )
            found.append(RuleFinding("C3", message, second.day))
    for week, start, end in week_spans(plan):
        heavy = [s for s in active if start <= s.day <= end and is_heavy_lift(s, library, e1rms)]
        if len(heavy) > numbers.c3_heavy_per_week:
            message = f"{len(heavy)} heavy lower-body sessions in week {week.index + 1}"
            found.append(RuleFinding("C3", message, start))
    return found


def _weeks(plan: Plan) -> list[tuple[PlanWeek, date, date, list[PlannedSession]]]:
    return [
        (week, first, last, [s for s in plan.sessions if first <= s.day <= last])
        for week, first, last in week_spans(plan)
    ]


def _by_distance(plan: Plan) -> bool:
    runs = [s.run for s in plan.sessions if s.run is not None and s.run.session_type != "race"]
    return bool(runs) and all(run.distance_m for run in runs)


def _full(first: date, last: date, plan: Plan) -> bool:
    return (last - first).days == 6 and first >= plan.request.start_date


def _race_pace_or_faster(session: PlannedSession, race_m: float) -> bool:
    run = session.run
    if run is None:
        return False
    if run.session_type in ("interval", "repetition", "race"):
        return True
    if race_m >= 21000 and run.session_type == "tempo":
        return True
    return run.session_type == "long" and is_hard_run(session)


def _taper(
    plan: Plan, library: Catalog, e1rms: Mapping[str, float], numbers: RuleNumbers
) -> list[RuleFinding]:
    weeks = _weeks(plan)
    race = plan.request.race_date
    taper = [w for w in weeks if w[0].phase == "taper"]
    if not weeks:
        return []
    if not taper:
        return [RuleFinding("T1", "the plan has no taper", race)]
    found = []
    days = (race - taper[0][1]).days + 1
    low, high = numbers.t1_days
    if not low <= days <= high:
        found.append(RuleFinding("T1", f"a taper of {days} days (not {low}-{high})", taper[0][1]))
    before = [w for w in weeks if w[0].phase != "taper" and _full(w[1], w[2], plan)]
    pre = before[-numbers.t1_pre_weeks :]
    by_distance = _by_distance(plan)
    if pre and plan.request.race_distance_m > _ENDURANCE_FROM_M:
        pre_volume = sum(running_volume(w[3], by_distance) for w in pre) / len(pre)
        taper_volume = sum(running_volume(w[3], by_distance) for w in taper) * 7 / days
        cut = 1 - taper_volume / pre_volume if pre_volume else 0.0
        low_cut, high_cut = numbers.t1_cut
        if not low_cut - _EPS <= cut <= high_cut + _EPS:
            message = f"taper running {cut:.0%} below the pre-taper weeks (not {low_cut:.0%}-{high_cut:.0%})"
            found.append(RuleFinding("T1", message, taper[0][1]))
        last = running_volume(pre[-1][3], by_distance)
        for week, first, _last, sessions in taper:
            volume = running_volume(sessions, by_distance)
            if volume >= last - _EPS:
                found.append(RuleFinding("T1", "taper running does not fall week by week", first))
            last = volume
        pre_runs = sum(sum(1 for s in w[3] if s.kind == "run") for w in pre) / len(pre)
        for week, first, last_day, sessions in taper:
            share = ((last_day - first).days + 1) / 7
            runs = sum(1 for s in sessions if s.kind == "run")
            wanted = numbers.t2_frequency * pre_runs * share
            if runs + _EPS < wanted:
                message = f"{runs} runs in a taper week, fewer than {wanted:.1f} (80 % of before)"
                found.append(RuleFinding("T2", message, first))
    for week, first, _last, sessions in taper:
        if not any(_race_pace_or_faster(s, plan.request.race_distance_m) for s in sessions):
            message = f"taper week {week.index + 1} has no session at race pace or faster"
            found.append(RuleFinding("T2", message, first))
    found += _s4(plan, weeks, pre, taper, library, e1rms, numbers)
    return found


def _strength_sets(sessions: Sequence[PlannedSession], library: Catalog) -> int:
    return sum(
        e.sets
        for s in sessions
        if s.kind == "strength"
        for e in s.exercises
        if _category(e, library) == "strength"
    )


def _s4(
    plan: Plan,
    weeks: Sequence[tuple[PlanWeek, date, date, list[PlannedSession]]],
    pre: Sequence[tuple[PlanWeek, date, date, list[PlannedSession]]],
    taper: Sequence[tuple[PlanWeek, date, date, list[PlannedSession]]],
    library: Catalog,
    e1rms: Mapping[str, float],
    numbers: RuleNumbers,
) -> list[RuleFinding]:
    race = plan.request.race_date
    found = []
    most_sets, most_reps, most_rpe = numbers.s4_activation
    for session in plan.sessions:
        if session.kind != "strength" or session.status == "missed":
            continue
        days_out = (race - session.day).days
        if days_out < numbers.s4_no_heavy_days and is_heavy_lift(session, library, e1rms):
            found.append(RuleFinding("S4", f"heavy '{session.title}' {days_out} days out", session.day))
        if days_out <= numbers.s4_no_strength_days:
            found.append(RuleFinding("S4", f"strength {days_out} days before the race", session.day))
        if days_out < numbers.s4_no_heavy_days:
            for item in session.exercises:
                if _category(item, library) != "strength":
                    continue
                if item.sets > most_sets or item.reps > most_reps or (item.target_rpe or 0) > most_rpe:
                    message = (
                        f"'{item.exercise_slug}' {item.sets} × {item.reps} is more than "
                        f"activation ({most_sets} × {most_reps} at RPE ≤ {most_rpe:g})"
                    )
                    found.append(RuleFinding("S4", message, session.day))
    if pre and taper and plan.request.race_distance_m > _ENDURANCE_FROM_M:
        pre_sets = sum(_strength_sets(w[3], library) for w in pre) / len(pre)
        taper_sets = sum(_strength_sets(w[3], library) for w in taper) / len(taper)
        if pre_sets > 0:
            cut = 1 - taper_sets / pre_sets
            low, high = numbers.s4_cut
            if not low - _EPS <= cut <= high + _EPS:
                message = f"strength volume {cut:.0%} lower in the taper (not {low:.0%}-{high:.0%})"
                found.append(RuleFinding("S4", message, taper[0][1]))
    return found


def _v1(plan: Plan, numbers: RuleNumbers) -> list[RuleFinding]:
    by_distance = _by_distance(plan)
    found = []
    history: list[float | None] = []
    in_a_row = 0
    logged = plan.baseline.weekly_running_distance_m
    for week, first, last, sessions in _weeks(plan):
        full = _full(first, last, plan)
        volume = running_volume(sessions, by_distance) if full else None
        known = [v for v in history[-2:] if v is not None]
        if volume is not None and week.phase != "taper":
            if known:
                limit = max(known) * (1 + numbers.v1_rise)
            elif by_distance and logged > 0:
                limit = logged * (1 + numbers.v1_rise)
            else:
                limit = float("inf")
            month = history[-4:]
            if len(month) == 4 and all(v is not None for v in month):
                mean = sum(v or 0.0 for v in month) / 4
                limit = min(limit, mean * (1 + numbers.v1_rise_four_weeks))
            if volume > limit + _EPS:
                found.append(RuleFinding("V1", f"weekly running rises over {numbers.v1_rise:.0%}", first))
            if week.deload and history and history[-1]:
                cut = 1 - volume / history[-1]
                low, high = numbers.v1_lighter_cut
                if not low - 0.005 <= cut <= high + 0.005:
                    message = f"lighter week {cut:.0%} down (not {low:.0%}-{high:.0%})"
                    found.append(RuleFinding("V1", message, first))
        if full and week.phase != "taper":
            in_a_row = 0 if week.deload else in_a_row + 1
            if in_a_row > numbers.v1_loading_in_a_row:
                message = f"{in_a_row} loading weeks in a row without a lighter week"
                found.append(RuleFinding("V1", message, first))
        history.append(volume)
    return found


def _i1(plan: Plan, numbers: RuleNumbers) -> list[RuleFinding]:
    """Rule I1 for races beyond 3000 m (the endurance events Seiler's distribution describes),
    on the plan as prescribed (a missed easy run does not make the week's prescription hard)."""
    if plan.request.race_distance_m <= _ENDURANCE_FROM_M:
        return []
    found = []
    for week, first, last in week_spans(plan):
        runs = [s for s in plan.sessions if s.kind == "run" and first <= s.day <= last]
        hard = sum(1 for s in runs if is_hard_run(s))
        if not runs:
            continue
        easy_share = 1 - hard / len(runs)
        if hard > numbers.i1_hard_per_week or easy_share < numbers.i1_easy_share - _EPS:
            message = f"{hard} of {len(runs)} runs hard ({easy_share:.0%} easy)"
            found.append(RuleFinding("I1", message, first))
    return found


def _main_lift(session: PlannedSession, library: Catalog) -> ExercisePrescription | None:
    for item in session.exercises:
        if item.exercise_slug in library:
            exercise = library.get(item.exercise_slug)
            if exercise.category == "strength" and _LEGS.intersection(exercise.primary_muscles):
                return item
    return None


def _strength(plan: Plan, library: Catalog, e1rms: Mapping[str, float]) -> list[RuleFinding]:
    """S1-S3 for the distance focus (the programs the rules were written for)."""
    if plan.request.focus != "distance":
        return []
    found = []
    previous_top: float | None = None
    flat: list[float] = []
    for week, first, _last, sessions in _weeks(plan):
        lifts = [s for s in sessions if s.kind == "strength" and s.status != "missed"]
        heavy = [s for s in lifts if is_heavy_lift(s, library, e1rms)]
        mains = [m for m in (_main_lift(s, library) for s in lifts) if m is not None]
        if week.phase == "base" and not week.deload:
            for main in mains:
                if not (2 <= main.sets <= 3 and 8 <= main.reps <= 12 and 6 <= (main.target_rpe or 0) <= 7):
                    found.append(RuleFinding("S1", f"base main lift {main.sets} × {main.reps}", first))
        if week.phase == "build" and not week.deload and lifts:
            if len(heavy) < min(2, len(lifts)):
                found.append(RuleFinding("S2", f"{len(heavy)} heavy sessions in a build week", first))
            for session in heavy:
                main = _main_lift(session, library)
                if main is not None and not (main.sets == 3 and 4 <= main.reps <= 6):
                    found.append(RuleFinding("S2", f"build main lift {main.sets} × {main.reps}", first))
        if week.phase == "peak" and lifts and not heavy:
            found.append(RuleFinding("S3", "no heavy session in a peak week", first))
        if week.phase == "build" and not week.deload and heavy:
            main = _main_lift(heavy[0], library)
            if main is not None:
                flat = [*flat, _intensity(main)] if flat and flat[-1] == _intensity(main) else [
                    _intensity(main)
                ]
                if len(flat) >= 6:
                    found.append(RuleFinding("S2", "the build's load is flat for six weeks", first))
        loads = [m.load_kg for m in mains if m.load_kg is not None]
        top = max(loads) if loads else None
        if week.deload and top is not None and previous_top is not None and top > previous_top + _EPS:
            found.append(RuleFinding("S2", "the main lift's load rises in a lighter week", first))
        if top is not None:
            previous_top = top
    return found


def _intensity(main: ExercisePrescription) -> float:
    if main.load_kg is not None:
        return main.load_kg
    rpe = main.target_rpe or 10.0
    return percent_one_rep_max(main.reps, rpe) if main.reps + 10 - rpe <= 12 else 0.0


def _p1(
    plan: Plan, active: Sequence[PlannedSession], library: Catalog, numbers: RuleNumbers
) -> list[RuleFinding]:
    low, high = numbers.p1_contacts[plan.baseline.plyometric_level]
    loading = {
        (first, last)
        for week, first, last in week_spans(plan)
        if week.phase in ("base", "build") and not week.deload
    }
    found = []
    for session in active:
        plyos = [e for e in session.exercises if _category(e, library) == "plyometric"]
        if not plyos:
            continue
        if any(e.foot_contacts is None for e in plyos):
            found.append(RuleFinding("P1", "plyometrics without foot contacts", session.day))
            continue
        total = sum(e.foot_contacts or 0 for e in plyos)
        in_loading = any(first <= session.day <= last for first, last in loading)
        if total > high or (in_loading and total < low):
            message = f"{total} foot contacts (a {plan.baseline.plyometric_level}: {low}-{high})"
            found.append(RuleFinding("P1", message, session.day))
    return found


def _d1(active: Sequence[PlannedSession], library: Catalog, numbers: RuleNumbers) -> list[RuleFinding]:
    low_sets, high_sets = numbers.d1_sets
    low_m, high_m = numbers.d1_distance_m
    found = []
    for session in active:
        drills = [e for e in session.exercises if _category(e, library) == "drill"]
        if not drills:
            continue
        run = session.run
        placed = run is not None and (run.session_type == "strides" or is_key_run(session))
        if not placed:
            found.append(RuleFinding("D1", f"drills in '{session.title}', not before strides or a key run", session.day))
        for item in drills:
            distance = item.distance_m
            if distance is None or not (low_sets <= item.sets <= high_sets and low_m <= distance <= high_m):
                dose = f"{item.sets} × {distance:g} m" if distance else f"{item.sets} × {item.reps}"
                message = f"drill '{item.exercise_slug}' dosed {dose} (not {low_sets}-{high_sets} × {low_m:g}-{high_m:g} m)"
                found.append(RuleFinding("D1", message, session.day))
    return found


def excused(finding_rule: str, day: date | None, bends: Mapping[str, list[tuple[date, date]]]) -> bool:
    """Whether the plan records that ``finding_rule`` gave way in the week of ``day``."""
    code = ALIASES.get(finding_rule, finding_rule)
    if day is None:
        return False
    return any(first <= day <= last for first, last in bends.get(code, ()))

