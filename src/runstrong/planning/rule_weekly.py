"""The weekly plan rules: taper (T1, T2), strength taper (S4), volume (V1), intensity (I1) and
strength progression (S1-S3), from the plan alone (see :mod:`runstrong.planning.rule_check`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from runstrong.domain.plan import ExercisePrescription, Plan, PlannedSession, week_spans
from runstrong.library import Catalog
from runstrong.planning.rule_basics import (
    ENDURANCE_FROM_M,
    EPS,
    RuleFinding,
    WeekSessions,
    by_distance,
    category,
    full_week,
    is_hard_run,
    is_heavy_lift,
    main_lift,
    plan_weeks,
    running_volume,
)
from runstrong.planning.rules import RuleNumbers
from runstrong.science import percent_one_rep_max

__all__ = ["intensity_findings", "strength_findings", "taper_findings", "volume_findings"]


def _race_pace_or_faster(session: PlannedSession, race_m: float) -> bool:
    run = session.run
    if run is None:
        return False
    if run.session_type in ("interval", "repetition", "race"):
        return True
    if race_m >= 21000 and run.session_type == "tempo":
        return True
    return run.session_type == "long" and is_hard_run(session)


def taper_findings(
    plan: Plan, library: Catalog, e1rms: Mapping[str, float], numbers: RuleNumbers
) -> list[RuleFinding]:
    weeks = plan_weeks(plan)
    race = plan.request.race_date
    taper = [w for w in weeks if w[0].phase == "taper"]
    if not weeks:
        return []
    if not taper:
        return [RuleFinding("T1", "the plan has no taper", race)]
    found = []
    days = (race - taper[0][1]).days + 1
    low, high = numbers.t1_days
    endurance = plan.request.race_distance_m > ENDURANCE_FROM_M
    if endurance and not low <= days <= high:
        found.append(RuleFinding("T1", f"a taper of {days} days (not {low}-{high})", taper[0][1]))
    before = [w for w in weeks if w[0].phase != "taper" and full_week(w[1], w[2], plan)]
    pre = before[-numbers.t1_pre_weeks :]
    measured = by_distance(plan)
    if pre and plan.request.race_distance_m > ENDURANCE_FROM_M:
        pre_volume = sum(running_volume(w[3], measured) for w in pre) / len(pre)
        taper_volume = sum(running_volume(w[3], measured) for w in taper) * 7 / days
        cut = 1 - taper_volume / pre_volume if pre_volume else 0.0
        low_cut, high_cut = numbers.t1_cut
        if not low_cut - EPS <= cut <= high_cut + EPS:
            wanted = f"{low_cut:.0%}-{high_cut:.0%}"
            message = f"taper running {cut:.0%} below the pre-taper weeks (not {wanted})"
            found.append(RuleFinding("T1", message, taper[0][1]))
        last = running_volume(pre[-1][3], measured)
        for _week, first, _last, sessions in taper:
            volume = running_volume(sessions, measured)
            if volume >= last - EPS:
                found.append(RuleFinding("T1", "taper running does not fall week by week", first))
            last = volume
        pre_runs = sum(sum(1 for s in w[3] if s.kind == "run") for w in pre) / len(pre)
        for _week, first, last_day, sessions in taper:
            share = ((last_day - first).days + 1) / 7
            runs = sum(1 for s in sessions if s.kind == "run")
            fewest = numbers.t2_frequency * pre_runs * share
            if runs + EPS < fewest:
                message = f"{runs} runs in a taper week, fewer than {fewest:.1f} (80 % of before)"
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
        if category(e, library) == "strength"
    )


def _s4(
    plan: Plan,
    weeks: Sequence[WeekSessions],
    pre: Sequence[WeekSessions],
    taper: Sequence[WeekSessions],
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
            found.append(
                RuleFinding("S4", f"heavy '{session.title}' {days_out} days out", session.day)
            )
        if days_out <= numbers.s4_no_strength_days:
            found.append(
                RuleFinding("S4", f"strength {days_out} days before the race", session.day)
            )
        if days_out < numbers.s4_no_heavy_days:
            for item in session.exercises:
                if category(item, library) != "strength":
                    continue
                if (
                    item.sets > most_sets
                    or item.reps > most_reps
                    or (item.target_rpe or 0) > most_rpe
                ):
                    message = (
                        f"'{item.exercise_slug}' {item.sets} × {item.reps} is more than "
                        f"activation ({most_sets} × {most_reps} at RPE ≤ {most_rpe:g})"
                    )
                    found.append(RuleFinding("S4", message, session.day))
    if plan.request.race_distance_m > ENDURANCE_FROM_M:
        found += _last_heavy(plan, library, e1rms, numbers)
    if pre and taper and plan.request.race_distance_m > ENDURANCE_FROM_M:
        pre_sets = sum(_strength_sets(w[3], library) for w in pre) / len(pre)
        taper_sets = sum(_strength_sets(w[3], library) for w in taper) / len(taper)
        if pre_sets > 0:
            cut = 1 - taper_sets / pre_sets
            low, high = numbers.s4_cut
            if not low - EPS <= cut <= high + EPS:
                message = f"strength volume {cut:.0%} lower in the taper (not {low:.0%}-{high:.0%})"
                found.append(RuleFinding("S4", message, taper[0][1]))
    return found


def _last_heavy(
    plan: Plan, library: Catalog, e1rms: Mapping[str, float], numbers: RuleNumbers
) -> list[RuleFinding]:
    """S4's place of the last heavy lower-body session: 7-10 days before the race, judged on the
    plan as prescribed (a missed session was still prescribed there)."""
    race = plan.request.race_date
    low, high = numbers.s4_last_heavy_days
    due = race - timedelta(days=low)
    if plan.request.strength_days == 0:
        message = f"no strength days, so no heavy lower-body session {low}-{high} days out"
        return [RuleFinding("S4", message, max(due, plan.request.start_date))]
    heavy = [
        s.day
        for s in plan.sessions
        if (race - s.day).days >= low and is_heavy_lift(s, library, e1rms)
    ]
    if heavy and (race - max(heavy)).days <= high:
        return []
    if not heavy:
        message = f"no heavy lower-body session {low}-{high} days before the race"
    else:
        days_out = (race - max(heavy)).days
        message = f"last heavy lower-body session {days_out} days out (not {low}-{high})"
    return [RuleFinding("S4", message, max(due, plan.request.start_date))]


def volume_findings(plan: Plan, numbers: RuleNumbers) -> list[RuleFinding]:
    measured = by_distance(plan)
    found = []
    history: list[float | None] = []
    in_a_row = 0
    logged = plan.baseline.weekly_running_distance_m
    for week, first, last, sessions in plan_weeks(plan):
        full = full_week(first, last, plan)
        volume = running_volume(sessions, measured) if full else None
        known = [v for v in history[-2:] if v is not None]
        if volume is not None and week.phase != "taper":
            if known:
                limit = max(known) * (1 + numbers.v1_rise)
            elif measured and logged > 0:
                limit = logged * (1 + numbers.v1_rise)
            else:
                limit = float("inf")
            month = history[-4:]
            if len(month) == 4 and all(v is not None for v in month):
                mean = sum(v or 0.0 for v in month) / 4
                limit = min(limit, mean * (1 + numbers.v1_rise_four_weeks))
            if volume > limit + EPS:
                found.append(
                    RuleFinding("V1", f"weekly running rises over {numbers.v1_rise:.0%}", first)
                )
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


def intensity_findings(plan: Plan, numbers: RuleNumbers) -> list[RuleFinding]:
    """Rule I1 for races beyond 3000 m (the endurance events Seiler's distribution describes),
    on the plan as prescribed (a missed easy run does not make the week's prescription hard)."""
    if plan.request.race_distance_m <= ENDURANCE_FROM_M:
        return []
    found = []
    for _week, first, last in week_spans(plan):
        runs = [s for s in plan.sessions if s.kind == "run" and first <= s.day <= last]
        hard = sum(1 for s in runs if is_hard_run(s))
        if not runs:
            continue
        easy_share = 1 - hard / len(runs)
        if hard > numbers.i1_hard_per_week or easy_share < numbers.i1_easy_share - EPS:
            message = f"{hard} of {len(runs)} runs hard ({easy_share:.0%} easy)"
            found.append(RuleFinding("I1", message, first))
    return found


def strength_findings(
    plan: Plan, library: Catalog, e1rms: Mapping[str, float]
) -> list[RuleFinding]:
    """S1-S3 for the distance focus (the programs the rules were written for)."""
    if plan.request.focus != "distance":
        return []
    found = []
    previous_top: float | None = None
    flat: list[float] = []
    for week, first, _last, sessions in plan_weeks(plan):
        lifts = [s for s in sessions if s.kind == "strength" and s.status != "missed"]
        heavy = [s for s in lifts if is_heavy_lift(s, library, e1rms)]
        mains = [m for m in (main_lift(s, library) for s in lifts) if m is not None]
        if week.phase == "base" and not week.deload:
            for main in mains:
                if not (
                    2 <= main.sets <= 3
                    and 8 <= main.reps <= 12
                    and 6 <= (main.target_rpe or 0) <= 7
                ):
                    found.append(
                        RuleFinding("S1", f"base main lift {main.sets} × {main.reps}", first)
                    )
        if week.phase == "build" and not week.deload and lifts:
            if len(heavy) < min(2, len(lifts)):
                found.append(
                    RuleFinding("S2", f"{len(heavy)} heavy sessions in a build week", first)
                )
            for session in heavy:
                lift = main_lift(session, library)
                if lift is not None and not (lift.sets == 3 and 4 <= lift.reps <= 6):
                    found.append(
                        RuleFinding("S2", f"build main lift {lift.sets} × {lift.reps}", first)
                    )
        if week.phase == "peak" and lifts and not heavy:
            found.append(RuleFinding("S3", "no heavy session in a peak week", first))
        if week.phase == "build" and not week.deload and heavy:
            first_heavy = main_lift(heavy[0], library)
            if first_heavy is not None:
                level = _intensity(first_heavy)
                flat = [*flat, level] if flat and flat[-1] == level else [level]
                if len(flat) >= 6:
                    found.append(RuleFinding("S2", "the build's load is flat for six weeks", first))
        loads = [m.load_kg for m in mains if m.load_kg is not None]
        top = max(loads) if loads else None
        if (
            week.deload
            and top is not None
            and previous_top is not None
            and top > previous_top + EPS
        ):
            found.append(RuleFinding("S2", "the main lift's load rises in a lighter week", first))
        if top is not None:
            previous_top = top
    return found


def _intensity(main: ExercisePrescription) -> float:
    if main.load_kg is not None:
        return main.load_kg
    rpe = main.target_rpe or 10.0
    return percent_one_rep_max(main.reps, rpe) if main.reps + 10 - rpe <= 12 else 0.0
