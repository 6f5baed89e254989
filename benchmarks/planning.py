"""Benchmark the planner: plan creation, re-planning, and a batch of athletes.

    python benchmarks/planning.py                  # everything, 100 athletes in the batch
    python benchmarks/planning.py --athletes 500   # a bigger batch
    python benchmarks/planning.py --repeat 3       # fewer repeats

1. A 16-, an 18- and a 24-week marathon plan (five available days, two strength days, VDOT and
   e1RMs known): ``build_plan`` end to end — phases, prescriptions, one CP-SAT solve per week
   (more where a week has to be adapted), load limits and the plan rules (C1-D1, bends named).
   Target: an 18-week plan in under 2 s.
2. A re-plan of the 16-week plan in its sixth week, with two sessions missed and one moved:
   the current week and the moved one solved again, load limits checked to race day.
   Target: under 1 s.
3. A batch: ``--athletes`` seeded random athletes (race 100 m to marathon, 4-24 weeks, random
   days, strength days, equipment, VDOT and e1RMs or none), planned one after another in one
   process; requests that cannot work are refused quickly and counted.
4. The independent checker over the 16-week plan (every rule, C1-D1 included).

Prints medians and the slowest run; nothing here is a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from runstrong.domain.plan import AthleteBaseline, Plan, PlanRequest
from runstrong.library import EQUIPMENT, load_catalog
from runstrong.planning import PlanInfeasible, build_plan
from runstrong.planning.checker import check_plan
from runstrong.planning.replan import MoveTarget, replan

START = date(2026, 1, 5)
GYM = frozenset({"leg-press", "barbell", "dumbbell", "box", "bodyweight", "bench", "step"})
BASELINE = AthleteBaseline(
    vdot=48.0,
    e1rm_kg_by_exercise={"leg-press": 200.0, "romanian-deadlift": 110.0},
    weekly_running_distance_m=40000.0,
    weekly_runs=5,
    plyometric_level="intermediate",
)


def _request(weeks: int) -> PlanRequest:
    return PlanRequest(
        race_label="marathon",
        race_distance_m=42195.0,
        race_date=START + timedelta(days=7 * weeks - 1),
        start_date=START,
        focus="distance",
        available_days=frozenset({0, 1, 3, 5, 6}),
        long_run_day=6,
        strength_days=2,
        equipment=GYM,
    )


def _timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), max(timings)


def _replan_inputs(plan: Plan) -> tuple[date, dict[int, str], dict[int, MoveTarget]]:
    """Today in week 6; the last two sessions before it missed; the next easy run moved two
    days later (to a training day of the same week with no run yet), else to the evening."""
    today = START + timedelta(days=7 * 5 + 2)
    past = [n for n, s in enumerate(plan.sessions) if s.day < today]
    easy = next(
        n for n, s in enumerate(plan.sessions) if s.day > today and s.kind == "run" and not s.key
    )
    day = plan.sessions[easy].day
    week_end = max(w.start for w in plan.weeks if w.start <= day) + timedelta(days=6)
    target: MoveTarget = next(
        (
            day + timedelta(days=n)
            for n in (2, 1, 3, -1, 4, -2)
            if today <= day + timedelta(days=n) <= week_end
            and (day + timedelta(days=n)).weekday() in plan.request.available_days
            and not any(s.day == day + timedelta(days=n) and s.kind == "run" for s in plan.sessions)
        ),
        (day, "pm"),
    )
    return today, {past[-1]: "missed", past[-2]: "missed"}, {easy: target}


def _random_athlete(rng: random.Random) -> tuple[PlanRequest, AthleteBaseline]:
    distance = rng.choice([100, 200, 400, 800, 1500, 5000, 10000, 21097.5, 42195])
    days = frozenset(rng.sample(range(7), rng.randint(2, 7)))
    start = START + timedelta(days=rng.randrange(0, 60))
    request = PlanRequest(
        race_label="race",
        race_distance_m=float(distance),
        race_date=start + timedelta(days=7 * rng.randint(4, 24) - 1 - rng.randrange(0, 7)),
        start_date=start,
        focus=rng.choice(["sprint", "middle", "distance"]),
        available_days=days,
        long_run_day=max(days),
        strength_days=rng.randint(0, min(3, len(days))),
        equipment=frozenset(rng.sample(EQUIPMENT, rng.randint(0, 6))) | {"bodyweight"},
        two_a_days=rng.random() < 0.8,
    )
    e1rms = {"leg-press": rng.uniform(80, 300)} if rng.random() < 0.6 else {}
    baseline = AthleteBaseline(
        vdot=rng.choice([None, rng.uniform(30, 70)]),
        e1rm_kg_by_exercise=e1rms,
        weekly_running_distance_m=rng.choice([0.0, rng.uniform(10000, 100000)]),
        weekly_runs=rng.randint(0, 7),
        plyometric_level=rng.choice(["beginner", "intermediate", "advanced"]),
    )
    return request, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    catalog = load_catalog()
    build_plan(_request(16), BASELINE, catalog)  # warm-up: imports, OR-Tools, caches

    rows: list[tuple[str, str, float, float]] = []
    for weeks in (16, 18, 24):
        plan = build_plan(_request(weeks), BASELINE, catalog)
        median, worst = _timed(
            lambda w=weeks: build_plan(_request(w), BASELINE, catalog), args.repeat
        )
        rows.append(
            (f"plan, {weeks}-week marathon", f"{len(plan.sessions)} sessions", median, worst)
        )
    plan = build_plan(_request(16), BASELINE, catalog)
    stored = replace(plan, sessions=tuple(replace(s, id=n) for n, s in enumerate(plan.sessions)))
    today, statuses, moves = _replan_inputs(plan)
    median, worst = _timed(
        lambda: replan(stored, today, statuses, moves, catalog=catalog), args.repeat
    )
    rows.append(("re-plan (2 missed, 1 moved)", "16-week plan", median, worst))
    median, worst = _timed(lambda: check_plan(plan, catalog), args.repeat)
    rows.append(("check_plan", "16-week plan", median, worst))

    rng = random.Random(args.seed)
    athletes = [_random_athlete(rng) for _ in range(args.athletes)]
    refused = 0
    timings = []
    started = time.perf_counter()
    for request, baseline in athletes:
        one = time.perf_counter()
        try:
            build_plan(request, baseline, catalog)
        except PlanInfeasible:
            refused += 1
        timings.append(time.perf_counter() - one)
    total = time.perf_counter() - started
    rows.append(
        (
            f"batch of {args.athletes} athletes",
            f"{args.athletes - refused} plans, {refused} refused",
            total,
            max(timings),
        )
    )

    print(f"{'what':<32} {'size':<26} {'median s':>9} {'slowest s':>10}")
    for what, size, median, worst in rows:
        print(f"{what:<32} {size:<26} {median:>9.3f} {worst:>10.3f}")
    print(f"(batch: total time in the median column; {statistics.median(timings):.3f} s per plan)")
    eighteen = next(row for row in rows if row[0].startswith("plan, 18-week"))
    verdict = "under" if eighteen[2] < 2.0 else "OVER"
    print(f"18-week plan: {eighteen[2]:.2f} s median, {verdict} the 2 s target")


if __name__ == "__main__":
    main()
