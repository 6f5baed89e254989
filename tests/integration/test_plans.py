"""Plans as use cases (issue 5), on each backend: created from the demo athlete's log, read back,
re-planned in place, replaced, and impossible requests refused without storing anything.

The demo is seeded once per module and backend; the plans most tests read are built once. Tests
that change the store create their own plan first (so the active plan is theirs). Only
:func:`test_replan_marks_logged_sessions_done_and_the_rest_missed` (25-27 Nov 2026) and the
cycling test (January 2027) log new sessions, on days no other test looks back on: the other
re-plans run with ``today`` = the plan's first day, or on a plan from 7 Dec 2026.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from statistics import mean
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from runstrong.domain.experiment import DEFAULT_QUESTION, Experiment
from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.domain.plan import Plan, PlannedSession, PlanRequest, Slot
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.planning.checker import check_plan
from runstrong.science import (
    load_for_target,
    percent_one_rep_max,
    set_one_rep_max,
    training_paces,
    vdot,
)
from runstrong.services.demo import seed_demo
from runstrong.services.plans import (
    PlanChoices,
    create_plan,
    export_plan,
    get_plan,
    replan_plan,
)
from runstrong.store import Store, open_store

TODAY = date(2026, 11, 25)  # a Wednesday; the demo's year of training ends the day before
MARATHON_DAY = date(2027, 4, 11)  # a Sunday, 20 weeks on
SPRINT_DAY = date(2027, 3, 6)
DEMO = "Demo Runner"
FRESH = "Fresh Runner"  # no log at all
NOBODY = "Planless Runner"  # never gets a plan
ZONE = ZoneInfo("Europe/Ljubljana")
PLATE_STEP_KG = 2.5
TABLES = ("athletes", "activities", "strength_sessions", "strength_sets", "plans", "plan_sessions")


@dataclass(frozen=True)
class Demo:
    store: Store
    marathon: Plan
    sprint: Plan
    no_equipment: Plan
    fresh: Plan


def _open(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path_factory.mktemp('plans') / 'plans.db'}")
    store = open_store(request.getfixturevalue("postgres_url"))
    with store.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """The demo athlete seeded once, a fresh and a planless athlete, and four plans; the
    marathon plan is built last, so it is the demo athlete's active plan."""
    store = _open(request, tmp_path_factory)
    try:
        seed_demo(store, today=TODAY)
        with store.unit_of_work() as uow:
            uow.athletes.add(Athlete(name=FRESH, timezone="Europe/Ljubljana"))
            uow.athletes.add(Athlete(name=NOBODY, timezone="Europe/Ljubljana"))
        _, fresh = create_plan(store, FRESH, PlanChoices("10k", date(2027, 2, 28)), today=TODAY)
        _, sprint = create_plan(
            store, DEMO, PlanChoices("200m", SPRINT_DAY, focus="sprint"), today=TODAY
        )
        no_kit = PlanChoices("marathon", MARATHON_DAY, equipment=frozenset({"bodyweight"}))
        _, no_equipment = create_plan(store, DEMO, no_kit, today=TODAY)
        _, marathon = create_plan(store, DEMO, PlanChoices("marathon", MARATHON_DAY), today=TODAY)
        yield Demo(store, marathon, sprint, no_equipment, fresh)
    finally:
        store.dispose()


# --- helpers -------------------------------------------------------------------------------


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }


def _marathon(store: Store, start: date = TODAY, **changes: object) -> Plan:
    """A new active marathon plan for the demo athlete, starting ``start``."""
    choices = replace(PlanChoices("marathon", MARATHON_DAY), **changes)  # type: ignore[arg-type]
    return create_plan(store, DEMO, choices, today=start)[1]


def _week_of(plan: Plan, day: date) -> tuple[date, date]:
    starts = [w.start for w in plan.weeks]
    ends = [s - timedelta(days=1) for s in starts[1:]] + [plan.request.race_date]
    return next((s, e) for s, e in zip(starts, ends, strict=True) if s <= day <= e)


def _week_loads(plan: Plan) -> list[float]:
    """Planned load of each week, every session counted (missed ones too)."""
    loads = []
    for week in plan.weeks:
        start, end = _week_of(plan, week.start)
        loads.append(sum(s.planned_load_au for s in plan.sessions if start <= s.day <= end))
    return loads


def _leg_press(plan: Plan) -> list:
    return [e for s in plan.sessions for e in s.exercises if e.exercise_slug == "leg-press"]


def _logged(store: Store, name: str) -> tuple[list[Activity], list[StrengthSession]]:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name(name)
        assert athlete is not None and athlete.id is not None
        return (
            uow.activities.list_for_athlete(athlete.id),
            uow.strength.list_for_athlete(athlete.id),
        )


def _log_run(store: Store, at: datetime, sport: str = "running") -> None:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name(DEMO)
        assert athlete is not None and athlete.id is not None
        uow.activities.add(
            athlete.id,
            Activity(
                started_at=at,
                sport=sport,  # type: ignore[arg-type]
                moving_time_s=3000.0,
                distance_m=10000.0 if sport == "running" else 25000.0,
                session_type="easy" if sport == "running" else None,
            ),
        )


def _log_lift(store: Store, at: datetime) -> None:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get_by_name(DEMO)
        assert athlete is not None and athlete.id is not None
        uow.strength.add(
            athlete.id,
            StrengthSession(started_at=at, sets=(StrengthSet("leg-press", 8, 120.0, 7.0),)),
        )


# --- create: what the plan holds ------------------------------------------------------------


def test_marathon_plan_runs_from_today_to_race_day_with_phases_deloads_and_taper(
    demo: Demo,
) -> None:
    plan = demo.marathon
    assert plan.id is not None
    assert plan.request.start_date == TODAY and plan.request.race_date == MARATHON_DAY
    assert plan.weeks[0].start == TODAY
    assert min(s.day for s in plan.sessions) == TODAY
    assert max(s.day for s in plan.sessions) == MARATHON_DAY
    race = [s for s in plan.sessions if s.run is not None and s.run.session_type == "race"]
    assert [s.day for s in race] == [MARATHON_DAY]
    assert all(s.status == "planned" and s.id is not None for s in plan.sessions)

    phases = [w.phase for w in plan.weeks]
    assert phases == sorted(phases, key=["base", "build", "peak", "taper"].index)
    assert set(phases) == {"base", "build", "peak", "taper"}
    assert phases[-3:] == ["peak", "taper", "taper"]  # a 14-day taper (rule T1: 8-14 days)
    deloads = [w for w in plan.weeks if w.deload]
    assert deloads and all(w.phase in ("base", "build") for w in deloads)
    # every week but the race week has running and lifting
    for week in plan.weeks[:-1]:
        start, end = _week_of(plan, week.start)
        kinds = {s.kind for s in plan.sessions if start <= s.day <= end}
        assert kinds == {"run", "strength"}, week


def test_runs_carry_paces_from_the_athletes_own_vdot(demo: Demo) -> None:
    activities, _ = _logged(demo.store, DEMO)
    races = [
        a
        for a in activities
        if a.session_type == "race"
        and a.distance_m
        and TODAY - timedelta(days=180) < a.started_at.astimezone(ZONE).date() <= TODAY
    ]
    best = max(vdot(a.distance_m or 0.0, a.moving_time_s) for a in races)
    plan = demo.marathon
    assert plan.baseline.vdot == pytest.approx(best)
    paces = training_paces(best)
    easy = (paces.easy_fast_s_per_km, paces.easy_slow_s_per_km)
    named = (
        paces.marathon_s_per_km,
        paces.threshold_s_per_km,
        paces.interval_s_per_km,
        paces.repetition_s_per_km,
    )
    paced = Counter()
    for session in plan.sessions:
        assert session.run is not None or session.kind == "strength"
        for step in session.run.steps if session.run else ():
            if step.pace_fast_s_per_km is None:
                continue
            assert step.pace_slow_s_per_km is not None
            fast, slow = step.pace_fast_s_per_km, step.pace_slow_s_per_km
            mid = (fast + slow) / 2
            assert (fast, slow) == pytest.approx(easy) or any(
                mid == pytest.approx(p, abs=0.5) for p in named
            ), (session.day, session.title, step)
            paced[session.run.session_type] += 1
    assert {"easy", "long", "interval", "tempo", "repetition", "race"} <= set(paced)
    long_runs = [s.run for s in plan.sessions if s.run and s.run.session_type == "long"]
    assert max(r.duration_s or 0 for r in long_runs) >= 100 * 60


def test_leg_press_loads_come_from_the_logged_e1rm_and_respect_the_rpe_chart(demo: Demo) -> None:
    _, lifts = _logged(demo.store, DEMO)
    recent = [
        item
        for session in lifts
        if TODAY - timedelta(weeks=12) < session.started_at.astimezone(ZONE).date() <= TODAY
        for item in session.sets
        if item.exercise_slug == "leg-press" and item.load_kg > 0
    ]
    e1rm = max(set_one_rep_max(s.load_kg, s.reps, s.rpe) for s in recent)
    plan = demo.marathon
    assert plan.baseline.e1rm_kg_by_exercise["leg-press"] == pytest.approx(e1rm, abs=0.05)
    stored_e1rm = plan.baseline.e1rm_kg_by_exercise["leg-press"]
    presses = _leg_press(plan)
    assert presses
    for item in presses:
        assert item.load_kg is not None and item.target_rpe is not None, item
        limit = stored_e1rm * percent_one_rep_max(item.reps, item.target_rpe) / 100
        assert item.load_kg <= limit + PLATE_STEP_KG / 2, item
        assert item.load_kg == load_for_target(stored_e1rm, item.reps, item.target_rpe)
        assert item.load_kg < stored_e1rm
    # heavier as the phases move from strength foundation to maximal strength
    assert len({(i.reps, i.load_kg) for i in presses}) >= 3


def test_strength_sessions_have_plyometrics_with_foot_contacts_and_core(
    demo: Demo,
) -> None:
    catalog = load_catalog()
    lifts = [s for s in demo.marathon.sessions if s.kind == "strength"]
    assert lifts
    for session in lifts:
        by_category: dict[str, list] = {}
        for item in session.exercises:
            by_category.setdefault(catalog.get(item.exercise_slug).category, []).append(item)
        assert set(by_category) == {"strength", "plyometric", "core"}, session.title
        assert session.exercises[0].exercise_slug == "leg-press"  # leg press first
        for jump in by_category["plyometric"]:
            assert jump.foot_contacts is not None and jump.foot_contacts > 0
        contacts = sum(j.foot_contacts or 0 for j in by_category["plyometric"])
        assert 0 < contacts <= 120  # the demo athlete is an intermediate jumper (NSCA top 120)
        assert session.planned_load_au > 0
    drills = [
        (s.run.session_type, e)
        for s in demo.marathon.sessions
        for e in s.exercises
        if s.run is not None and catalog.get(e.exercise_slug).category == "drill"
    ]
    assert drills  # drills belong to runs: key runs and strides (rule D1), dosed in metres
    assert all(e.sets == 2 and e.distance_m == 20 for _type, e in drills)
    assert {t for t, _e in drills} <= {"strides", "interval", "repetition", "tempo", "race"}


def test_sprint_and_marathon_plans_differ(demo: Demo) -> None:
    sprint, marathon = demo.sprint, demo.marathon
    assert sprint.request.focus == "sprint" and marathon.request.focus == "distance"

    def run_types(plan: Plan) -> set[str]:
        return {s.run.session_type for s in plan.sessions if s.run is not None}

    assert "long" in run_types(marathon) and "long" not in run_types(sprint)
    longest_marathon_run = max(
        s.run.duration_s or 0 for s in marathon.sessions if s.run and s.run.session_type == "long"
    )
    sprint_runs = [s.run for s in sprint.sessions if s.run and s.run.session_type != "race"]
    assert max(r.duration_s or 0 for r in sprint_runs) < longest_marathon_run
    [race] = [s for s in sprint.sessions if s.run and s.run.session_type == "race"]
    assert race.day == SPRINT_DAY and race.run is not None
    assert any(step.distance_m == 200 for step in race.run.steps)

    sprint_press, marathon_press = _leg_press(sprint), _leg_press(marathon)
    assert mean(i.reps for i in sprint_press) < mean(i.reps for i in marathon_press)
    assert max(i.reps for i in sprint_press) < max(i.reps for i in marathon_press)
    assert max(i.target_rpe or 0 for i in sprint_press) > max(
        i.target_rpe or 0 for i in marathon_press
    )
    assert max(i.load_kg or 0 for i in sprint_press) > max(i.load_kg or 0 for i in marathon_press)

    def most_contacts(plan: Plan) -> int:
        return max(sum(e.foot_contacts or 0 for e in s.exercises) for s in plan.sessions)

    assert most_contacts(sprint) >= most_contacts(marathon) > 0  # both dosed by level (P1)


def test_no_equipment_means_no_leg_press_but_a_bodyweight_substitute(demo: Demo) -> None:
    plan = demo.no_equipment
    catalog = load_catalog()
    assert plan.request.equipment == frozenset({"bodyweight"})
    slugs = {e.exercise_slug for s in plan.sessions for e in s.exercises}
    assert "leg-press" not in slugs
    for slug in slugs:
        assert catalog.get(slug).doable_with(frozenset({"bodyweight"})), slug
    lifts = [s for s in plan.sessions if s.kind == "strength"]
    assert lifts
    for session in lifts:
        main = session.exercises[0]
        assert catalog.get(main.exercise_slug).category == "strength"
        assert main.note is not None and "instead of leg press" in main.note
        assert main.target_rpe is not None


def test_an_athlete_without_e1rm_gets_target_rpe_only(demo: Demo) -> None:
    plan = demo.fresh
    catalog = load_catalog()
    assert plan.baseline.e1rm_kg_by_exercise == {} and plan.baseline.vdot is None
    lifts = [
        e
        for s in plan.sessions
        for e in s.exercises
        if catalog.get(e.exercise_slug).category == "strength"
    ]
    assert lifts and any(e.exercise_slug == "leg-press" for e in lifts)
    for item in lifts:
        assert item.load_kg is None, item
        assert item.target_rpe is not None and 6 <= item.target_rpe <= 10, item
    assert check_plan(plan) == []


def test_every_stored_plan_passes_the_independent_checker(demo: Demo) -> None:
    for plan in (demo.marathon, demo.sprint, demo.no_equipment, demo.fresh):
        assert check_plan(plan) == [], plan.request.race_label


@pytest.mark.parametrize(
    "choices",
    [
        PlanChoices("5k", date(2027, 1, 10), available_days=frozenset({1, 3, 5, 6})),
        PlanChoices("1500m", date(2027, 2, 14), strength_days=3),
        PlanChoices("half", date(2027, 3, 14), long_run_day=5, strength_days=1),
        PlanChoices("100m", date(2027, 1, 30), available_days=frozenset({1, 4}), strength_days=1),
    ],
    ids=["5k-4-days", "1500m-3-lifts", "half-saturday-long", "100m-2-days"],
)
def test_other_requests_store_plans_that_pass_the_checker(demo: Demo, choices: PlanChoices) -> None:
    _, plan = create_plan(demo.store, DEMO, choices, today=TODAY)
    assert check_plan(plan) == []
    days = choices.available_days or frozenset(range(7))
    assert all(s.day.weekday() in days for s in plan.sessions if s.day != choices.race_date)
    for week in plan.weeks:
        start, end = _week_of(plan, week.start)
        lifts = sum(1 for s in plan.sessions if start <= s.day <= end and s.kind == "strength")
        assert lifts <= choices.strength_days


def test_the_stored_plan_reads_back_unchanged_and_a_replan_on_day_one_keeps_it(
    demo: Demo,
) -> None:
    created = _marathon(demo.store)
    athlete, loaded = get_plan(demo.store, DEMO)
    assert athlete.name == DEMO
    assert loaded == created
    assert loaded.request.race_label == "marathon"
    assert check_plan(loaded) == []
    _, replanned = replan_plan(demo.store, DEMO, today=TODAY)
    assert replanned == created
    assert get_plan(demo.store, DEMO)[1] == created


def test_a_second_plan_replaces_the_active_one_and_keeps_the_old_inactive(demo: Demo) -> None:
    _, first = get_plan(demo.store, DEMO)
    before = _counts(demo.store)
    second = create_plan(demo.store, DEMO, PlanChoices("half", date(2027, 3, 14)), today=TODAY)[1]
    after = _counts(demo.store)
    assert after["plans"] == before["plans"] + 1
    assert after["plan_sessions"] == before["plan_sessions"] + len(second.sessions)
    assert get_plan(demo.store, DEMO)[1].id == second.id != first.id
    with demo.store.engine.connect() as connection:
        rows = dict(
            connection.execute(
                text("SELECT id, active FROM plans WHERE id IN (:a, :b)"),
                {"a": first.id, "b": second.id},
            ).all()
        )
        kept = connection.execute(
            text("SELECT count(*) FROM plan_sessions WHERE plan_id = :a"), {"a": first.id}
        ).scalar_one()
        active = connection.execute(
            text(
                "SELECT count(*) FROM plans JOIN athletes ON athletes.id = plans.athlete_id "
                "WHERE athletes.name = :name AND plans.active"
            ),
            {"name": DEMO},
        ).scalar_one()
    assert not rows[first.id] and rows[second.id]
    assert kept == len(first.sessions)
    assert active == 1


@pytest.mark.parametrize(
    ("choices", "fragment"),
    [
        (PlanChoices("10k", TODAY - timedelta(days=3)), "not after the plan's start"),
        (PlanChoices("10k", TODAY), "not after the plan's start"),
        (PlanChoices("10k", TODAY + timedelta(days=10)), "at least 14 days"),
        (PlanChoices("10k", TODAY + timedelta(weeks=60)), "at most 52 weeks"),
        (
            PlanChoices("marathon", MARATHON_DAY, available_days=frozenset({6})),
            "needs at least 3 running days",
        ),
        (
            PlanChoices("marathon", MARATHON_DAY, equipment=frozenset({"bodyweight", "sled"})),
            "unknown equipment 'sled'",
        ),
        (PlanChoices("10k", MARATHON_DAY, focus="speed"), "unknown focus"),  # type: ignore[arg-type]
        (
            PlanChoices("10k", MARATHON_DAY, available_days=frozenset({1, 3, 5}), long_run_day=6),
            "long-run day (sunday)",
        ),
        (
            PlanChoices("200m", MARATHON_DAY, available_days=frozenset({1, 4}), strength_days=3),
            "do not fit in 2 available",
        ),
        (PlanChoices("10k", MARATHON_DAY, strength_days=4), "0 to 3"),
        (PlanChoices("100 km", MARATHON_DAY), "not a running race"),
        (PlanChoices("10k", MARATHON_DAY, available_days=frozenset()), "no available days"),
    ],
    ids=[
        "race-in-the-past",
        "race-today",
        "race-too-soon",
        "race-too-far",
        "marathon-on-1-day",
        "unknown-equipment",
        "unknown-focus",
        "long-run-day-not-available",
        "strength-days-over-available",
        "strength-days-over-3",
        "ultra",
        "no-days",
    ],
)
def test_impossible_requests_are_refused_and_nothing_is_stored(
    demo: Demo, choices: PlanChoices, fragment: str
) -> None:
    before = _counts(demo.store)
    active = get_plan(demo.store, DEMO)[1]
    with pytest.raises(ValidationError) as caught:
        create_plan(demo.store, DEMO, choices, today=TODAY)
    message = str(caught.value)
    assert fragment in message.lower()
    assert "\n" not in message
    assert _counts(demo.store) == before
    assert get_plan(demo.store, DEMO)[1] == active


def test_a_race_13_days_away_is_the_shortest_plan(demo: Demo) -> None:
    """MIN_PLAN_DAYS counts the race day: 14 days from today to race day inclusive."""
    _, plan = create_plan(
        demo.store, DEMO, PlanChoices("5k", TODAY + timedelta(days=13)), today=TODAY
    )
    assert check_plan(plan) == []
    with pytest.raises(ValidationError, match="12 days away"):
        create_plan(demo.store, DEMO, PlanChoices("5k", TODAY + timedelta(days=12)), today=TODAY)


def test_nothing_to_show_replan_or_export_without_a_plan(demo: Demo, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no plan yet"):
        get_plan(demo.store, NOBODY)
    with pytest.raises(NotFound, match="no plan to re-plan"):
        replan_plan(demo.store, NOBODY, today=TODAY)
    with pytest.raises(NotFound, match="no plan yet"):
        export_plan(demo.store, NOBODY, ics=tmp_path / "plan.ics")
    assert not (tmp_path / "plan.ics").exists()


# --- re-plan -----------------------------------------------------------------------------------


def test_replan_marks_logged_sessions_done_and_the_rest_missed(demo: Demo) -> None:
    """In the athlete's zone: a run at 00:30 in Ljubljana is logged at 23:30 UTC the day
    before, and counts for the Ljubljana day."""
    plan = _marathon(demo.store)
    later = TODAY + timedelta(days=5)  # Wed to Sun are past
    past = [s for s in plan.sessions if s.day < later]
    runs = sorted({s.day for s in past if s.kind == "run"})
    lifts = sorted({s.day for s in past if s.kind == "strength"})
    assert len(runs) >= 2 and lifts, past
    morning_run, midnight_run = runs[0], runs[-1]
    _log_run(demo.store, datetime.combine(morning_run, time(7, 0), ZONE))
    midnight = datetime.combine(midnight_run, time(0, 30), ZONE)
    assert midnight.utcoffset() == timedelta(hours=1)  # the UTC day is the day before
    _log_run(demo.store, midnight)
    _log_lift(demo.store, datetime.combine(lifts[0], time(18, 0), ZONE))

    _, replanned = replan_plan(demo.store, DEMO, today=later)

    done_days = {"run": {morning_run, midnight_run}, "strength": {lifts[0]}}
    for session in replanned.sessions:
        if session.day >= later:
            assert session.status == "planned", session
        elif session.day in done_days[session.kind]:
            assert session.status == "done", session
        else:
            assert session.status == "missed", session
    assert Counter(s.status for s in replanned.sessions)["missed"] >= 1
    assert get_plan(demo.store, DEMO)[1] == replanned
    assert check_plan(replanned) == []
    # the past is kept as it was, only its status changes
    before = {s.id: s for s in plan.sessions}
    for session in replanned.sessions:
        if session.day < later:
            assert replace(session, status="planned") == before[session.id]


def test_missed_load_is_not_added_back_later(demo: Demo) -> None:
    start = date(2026, 12, 7)  # a Monday; nothing is logged from then on
    plan = _marathon(demo.store, start)
    later = start + timedelta(days=9)  # the first week and two days of the second are past
    _, replanned = replan_plan(demo.store, DEMO, today=later)
    missed = [s for s in replanned.sessions if s.status == "missed"]
    assert len(missed) == len([s for s in plan.sessions if s.day < later])
    assert any(s.key for s in missed)  # a key session missed is not made up either
    assert {s.id for s in replanned.sessions} == {s.id for s in plan.sessions}

    def future_load(p: Plan) -> float:
        return sum(s.planned_load_au for s in p.sessions if s.day >= later)

    assert future_load(replanned) <= future_load(plan) + 1e-6
    for week_before, week_after in zip(_week_loads(plan), _week_loads(replanned), strict=True):
        assert week_after <= week_before + 1e-6
    assert check_plan(replanned) == []


def test_a_session_marked_missed_in_advance_is_dropped_not_moved(demo: Demo) -> None:
    plan = _marathon(demo.store)
    start, end = _week_of(plan, TODAY + timedelta(days=7))  # the second week
    single = Counter(s.day for s in plan.sessions if start <= s.day <= end)
    day = next(d for d, n in sorted(single.items()) if n == 1)
    [skipped] = [s for s in plan.sessions if s.day == day]
    _, replanned = replan_plan(demo.store, DEMO, missed=[day], today=TODAY)
    [after] = [s for s in replanned.sessions if s.id == skipped.id]
    assert after.status == "missed" and after.day == day
    assert len(replanned.sessions) == len(plan.sessions)
    for week_before, week_after in zip(_week_loads(plan), _week_loads(replanned), strict=True):
        assert week_after <= week_before + 1e-6
    assert check_plan(replanned) == []


def _active_marathon(store: Store, days: frozenset[int]) -> Plan:
    """The active plan if it is a default marathon plan from TODAY on ``days`` with nothing done
    or missed (refused moves leave it so, and the cases of one test run in a row); else a new
    one. Saves a plan build per refused move."""
    _, active = get_plan(store, DEMO)
    default = PlanRequest("", 0.0, TODAY, TODAY, "distance")
    request = active.request
    if (
        (request.race_label, request.race_date, request.start_date)
        == ("marathon", MARATHON_DAY, TODAY)
        and request.available_days == days
        and (request.equipment, request.strength_days, request.focus)
        == (default.equipment, default.strength_days, default.focus)
        and all(s.status == "planned" for s in active.sessions)
    ):
        return active
    return _marathon(store, available_days=days)


def _movable(plan: Plan) -> tuple[PlannedSession, date]:
    """An easy run in the first week after today, and another day of that week to move it to."""
    start, end = _week_of(plan, TODAY)
    week = [s for s in plan.sessions if start <= s.day <= end]
    source = next(s for s in week if s.kind == "run" and not s.key and s.day > TODAY)
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    busy = Counter(s.day for s in week)
    target = min(
        (d for d in days if d != source.day and d.weekday() in plan.request.available_days),
        key=lambda d: (busy[d], d),
    )
    return source, target


def test_a_move_within_the_week_resolves_the_week_and_keeps_every_hard_rule(
    demo: Demo,
) -> None:
    plan = _marathon(demo.store)
    source, target = _movable(plan)
    slot: Slot = source.slot
    _, replanned = replan_plan(demo.store, DEMO, moves={(source.day, slot): target}, today=TODAY)
    [moved] = [s for s in replanned.sessions if s.id == source.id]
    assert moved.day == target and moved.status == "planned"
    assert check_plan(replanned) == []
    assert {s.id for s in replanned.sessions} == {s.id for s in plan.sessions}
    assert get_plan(demo.store, DEMO)[1] == replanned
    # nothing changes before today or after the following week
    horizon = _week_of(plan, _week_of(plan, TODAY)[1] + timedelta(days=1))[1]
    before = {s.id: s for s in plan.sessions}
    for session in replanned.sessions:
        if session.day > horizon:
            assert session == before[session.id]


def test_a_move_next_to_heavy_legs_resolves_the_week_around_the_48_hour_rule(
    demo: Demo,
) -> None:
    """A key run moved to the morning after a heavy leg session: the re-plan must move or
    lighten the lift (or refuse); here it re-solves the week and every rule still holds."""
    plan = _marathon(demo.store)
    found = None
    for heavy in (s for s in plan.sessions if s.heavy_lower_body):
        start, end = _week_of(plan, heavy.day)
        target = heavy.day + timedelta(days=1)
        keys = [
            s
            for s in plan.sessions
            if start <= s.day <= end
            and s.run is not None
            and s.run.session_type in ("interval", "tempo", "repetition")
            and s.day != target  # the key run of the heavy day itself counts (one a week, I1)
        ]
        if keys and target <= end and target.weekday() in plan.request.available_days:
            found = keys[0], target
            break
    assert found is not None, "the plan has no heavy lift and movable key run in one week"
    key, target = found
    _, replanned = replan_plan(demo.store, DEMO, moves={(key.day, key.slot): target}, today=TODAY)
    [moved] = [s for s in replanned.sessions if s.id == key.id]
    assert moved.day == target and moved.key
    assert check_plan(replanned) == []
    morning = datetime.combine(target, time(7, 0))
    for lift in replanned.sessions:
        if lift.heavy_lower_body:
            lifted = datetime.combine(lift.day, time(7 if lift.slot == "am" else 18, 0))
            assert not timedelta(0) < morning - lifted <= timedelta(hours=48), lift


@pytest.mark.parametrize("case", ["rest-day", "past", "ambiguous", "other-week", "empty-day"])
def test_refused_moves_leave_the_plan_unchanged(demo: Demo, case: str) -> None:
    rest = TODAY + timedelta(days=3)  # Saturday of the first week
    plan = _active_marathon(demo.store, frozenset(range(7)) - {rest.weekday()})
    source, _ = _movable(plan)
    slot: Slot = source.slot
    key: tuple[date, Slot | None] = (source.day, slot)
    if case == "rest-day":
        target, fragment = rest, "not one of your training days"
    elif case == "past":
        target, fragment = TODAY - timedelta(days=1), "only from today on"
    elif case == "ambiguous":
        doubled = Counter(s.day for s in plan.sessions)
        day = next(d for d, n in sorted(doubled.items()) if n == 2)
        key, target, fragment = (day, None), day + timedelta(days=1), "say which with"
    elif case == "other-week":
        target, fragment = source.day + timedelta(days=7), "within its week"
    else:
        key, target, fragment = (rest, None), rest + timedelta(days=1), "no planned session"
    before = _counts(demo.store)
    with pytest.raises((ValidationError, NotFound)) as caught:
        replan_plan(demo.store, DEMO, moves={key: target}, today=TODAY)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)
    assert get_plan(demo.store, DEMO)[1] == plan
    assert _counts(demo.store) == before


def test_a_bike_ride_does_not_count_as_the_planned_run(demo: Demo) -> None:
    start = date(2027, 1, 11)  # a Monday, far from the days other tests log on
    _, plan = create_plan(demo.store, DEMO, PlanChoices("half", date(2027, 4, 18)), today=start)
    run = next(s for s in plan.sessions if s.kind == "run" and s.day > start)
    _log_run(demo.store, datetime.combine(run.day, time(7, 0), ZONE), sport="cycling")
    _, replanned = replan_plan(demo.store, DEMO, today=run.day + timedelta(days=1))
    [after] = [s for s in replanned.sessions if s.id == run.id]
    assert after.status == "missed"


# --- a plan made while a personal experiment runs --------------------------------------------


def test_a_plan_made_during_an_experiment_has_strength_only_in_intervention_blocks(
    demo: Demo,
) -> None:
    name = "Trial Runner"
    with demo.store.unit_of_work() as uow:
        athlete = uow.athletes.add(Athlete(name=name, timezone="Europe/Ljubljana"))
    assert athlete.id is not None
    choices = PlanChoices("10k", date(2027, 5, 23))
    _, before = create_plan(demo.store, name, choices, today=TODAY)
    start = date(2026, 11, 30)
    experiment = Experiment(
        question=DEFAULT_QUESTION,
        marker="efficiency",
        design="abab",
        block_weeks=6,
        n_weeks=24,
        run_in_weeks=2,
        block_order="ABBA",
        start_date=start,
        analysis_date=start + timedelta(weeks=24, days=-1),
        test_weekday=5,
        registered_in_advance=True,
        started_by="test",
        started_at=datetime(2026, 11, 25, 8, tzinfo=ZONE),
        noise={"mean": 3.0, "sd": 0.05, "rho": 0.4, "marker_share": 1.0, "n_weeks": 30.0},
        detectable_effect=0.1,
    )
    with demo.store.unit_of_work() as uow:
        uow.experiments.add(athlete.id, experiment)

    def arm(day: date) -> str | None:
        return experiment.arm_on(day)

    def lifts(plan: Plan, wanted: str) -> list[tuple[date, str, tuple]]:
        return [
            (s.day, s.title, s.exercises)
            for s in plan.sessions
            if s.kind == "strength" and arm(s.day) == wanted
        ]

    def runs(plan: Plan) -> list[tuple[date, str, str, object]]:
        return [(s.day, s.slot, s.title, s.run) for s in plan.sessions if s.kind == "run"]

    assert lifts(before, "A"), "without the experiment the plan lifts in every week"
    _, during = create_plan(demo.store, name, choices, today=TODAY)
    assert lifts(during, "A") == []
    assert lifts(during, "B") == lifts(before, "B") != []
    assert runs(during) == runs(before)
    _, replanned = replan_plan(demo.store, name, today=TODAY)
    assert lifts(replanned, "A") == [] and runs(replanned) == runs(before)
    assert lifts(replanned, "B") == lifts(before, "B")
