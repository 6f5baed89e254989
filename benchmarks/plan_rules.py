"""Count rule breaks over the 28 plans a new user would make (issue 22's reproduction).

    python benchmarks/plan_rules.py            # the 28 plans: 5k/10k/half/marathon × start weekday
    python benchmarks/plan_rules.py --weeks 18 --strength-days 3

Each plan starts on a different weekday (Monday to Sunday of one week) and ends on a race
``--weeks`` weeks later; default request (every day available, long run on Sunday, two strength
days, a full gym) and an empty log, as a new user gets. Counted here, independently of the
planner and of ``planning/checker.py``:

* consecutive heavy lower-body days (two heavy strength sessions on calendar days in a row);
* the running time of the last two weeks against the highest week before them;
* drills without a distance (``2 × 1``);
* how many days before the race the last heavy lower-body session falls (rule S4: 7-10).

Then the rule checker's findings by rule (broken, and bent with the plan's reason). Nothing here is
a test; the property tests in ``tests/unit/planning/test_rules_property.py`` check the same rules.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from datetime import date, timedelta

from runstrong.domain.plan import AthleteBaseline, Plan, PlanRequest
from runstrong.library import load_catalog
from runstrong.planning import build_plan
from runstrong.planning.checker import check_rules

RACES = (("5k", 5000.0), ("10k", 10000.0), ("half", 21097.5), ("marathon", 42195.0))
FIRST_MONDAY = date(2026, 1, 5)


def plans(weeks: int, strength_days: int) -> list[tuple[str, Plan]]:
    built = []
    for label, distance in RACES:
        race_day = FIRST_MONDAY + timedelta(days=7 * weeks + 6)
        for offset in range(7):
            start = FIRST_MONDAY + timedelta(days=offset)
            request = PlanRequest(
                label, distance, race_day, start, "distance", strength_days=strength_days
            )
            built.append((f"{label} from {start:%a}", build_plan(request, AthleteBaseline())))
    return built


def consecutive_heavy_days(plan: Plan) -> int:
    heavy = sorted({s.day for s in plan.sessions if s.heavy_lower_body})
    return sum(1 for a, b in itertools.pairwise(heavy) if (b - a).days == 1)


def taper_share(plan: Plan) -> float:
    """Running time of the last 14 days (race left out) over twice the busiest week before."""
    race = plan.request.race_date

    def minutes(first: date, last: date) -> float:
        return sum(
            (s.run.duration_s or 0.0) / 60
            for s in plan.sessions
            if s.run is not None and s.run.session_type != "race" and first <= s.day <= last
        )

    taper = minutes(race - timedelta(days=13), race)
    weeks = [
        minutes(race - timedelta(days=7 * k + 6), race - timedelta(days=7 * k))
        for k in range(2, len(plan.weeks))
    ]
    return taper / (2 * max(weeks)) if weeks and max(weeks) else float("nan")


def undosed_drills(plan: Plan) -> int:
    catalog = load_catalog()
    return sum(
        1
        for s in plan.sessions
        for e in s.exercises
        if e.exercise_slug in catalog
        and catalog.get(e.exercise_slug).category == "drill"
        and getattr(e, "distance_m", None) is None
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument("--strength-days", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    built = plans(args.weeks, args.strength_days)
    elapsed = time.perf_counter() - started
    broken: Counter[str] = Counter()
    bent: Counter[str] = Counter()
    heavy_pairs = drills = 0
    shares = []
    last_heavy: list[int] = []
    for _name, plan in built:
        heavy = [s.day for s in plan.sessions if s.heavy_lower_body]
        if heavy:
            last_heavy.append((plan.request.race_date - max(heavy)).days)
        heavy_pairs += consecutive_heavy_days(plan)
        drills += undosed_drills(plan)
        shares.append(taper_share(plan))
        report = check_rules(plan)
        broken.update(v.rule for v in report.broken)
        bent.update(v.rule for v in report.bent)
    print(f"{len(built)} plans of {args.weeks} weeks built in {elapsed:.1f} s")
    print(f"consecutive heavy lower-body days: {heavy_pairs}")
    print(
        f"last two weeks' running vs the busiest week before: {min(shares):.0%}-{max(shares):.0%}"
    )
    print(f"drills without a distance: {drills}")
    if last_heavy:
        print(
            f"last heavy lower-body session: {min(last_heavy)}-{max(last_heavy)} days before "
            f"the race ({len(last_heavy)} of {len(built)} plans have one)"
        )
    print("checker, broken rules:", dict(sorted(broken.items())) or "none")
    print("checker, rules bent with a reason:", dict(sorted(bent.items())) or "none")


if __name__ == "__main__":
    main()
