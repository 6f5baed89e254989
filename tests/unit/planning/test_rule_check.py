"""The plan rules C2-D1 (rule_check): each caught on a small hand-made plan, and bends excuse
only the rule and week they name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runstrong.domain.plan import (
    AthleteBaseline,
    ExercisePrescription,
    Plan,
    PlannedSession,
    PlanRequest,
    PlanWeek,
    RuleBend,
    RunPrescription,
    Slot,
    WorkoutStep,
)
from runstrong.planning.checker import check_rules
from runstrong.planning.rule_basics import is_hard_run

from .factories import MONDAY, make_request

# A 4-week 10k: base, base, taper, taper (race on the last Sunday).
REQUEST = make_request("10k", 10000, weeks=4)
RACE_DAY = REQUEST.race_date
BASELINE = AthleteBaseline(plyometric_level="beginner")
WEEKS = tuple(
    PlanWeek(n, MONDAY + timedelta(days=7 * n), phase, False)
    for n, phase in enumerate(("base", "base", "taper", "taper"))
)
JUMPS = ExercisePrescription("pogo-jumps", 4, 10, foot_contacts=80)
HEAVY = ExercisePrescription("leg-press", 3, 5, target_rpe=8.0)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def run(n: int, kind: str = "easy", minutes: float = 40, slot: Slot = "am", **changes: object):
    steps = (WorkoutStep("active", duration_s=minutes * 60),)
    prescription = RunPrescription(kind, steps, kind, duration_s=minutes * 60)  # type: ignore[arg-type]
    session = PlannedSession(day(n), "run", kind, slot, prescription, key=kind != "easy")
    return replace(session, **changes)


def lift(n: int, *exercises: ExercisePrescription, slot: Slot = "pm") -> PlannedSession:
    return PlannedSession(day(n), "strength", "Legs", slot, exercises=exercises)


def week_of_runs(start: int, minutes: float, hard: str = "interval") -> list[PlannedSession]:
    return [
        run(start, minutes=minutes),
        run(start + 2, hard, minutes),
        run(start + 4, minutes=minutes),
        run(start + 6, "long", minutes),
    ]


def sound() -> list[PlannedSession]:
    """Two base weeks, then a taper running 50 % less and falling, a sharpener each week."""
    return [
        *week_of_runs(0, 50),
        *week_of_runs(7, 50),
        run(14, minutes=35),
        run(16, "interval", 30),
        run(18, minutes=30),
        run(20, "long", 30),
        lift(17, HEAVY),  # the last heavy session, 10 days out (S4)
        run(21, minutes=15),
        run(23, minutes=15),
        run(25, minutes=10),
        run(27, "race", 40),  # in race week the race is the session at race pace
    ]


def found(*sessions: PlannedSession, weeks: tuple[PlanWeek, ...] = WEEKS) -> set[str]:
    report = check_rules(Plan(REQUEST, BASELINE, weeks, tuple(sessions)))
    return {v.rule for v in report.broken if len(v.rule) == 2}


def test_a_sound_plan_keeps_every_rule() -> None:
    assert found(*sound()) == set()


def test_c2_no_lift_before_a_run_on_the_same_day() -> None:
    assert found(*sound(), lift(1, slot="am"), run(1, minutes=0.1, slot="pm")) >= {"C2"}
    assert "C2" not in found(*sound(), lift(1, slot="pm"))


def test_c3_lower_body_sessions_48_h_apart_across_the_week_boundary() -> None:
    sunday, monday = lift(6, JUMPS), lift(7, JUMPS)  # the last day of week 1, the first of week 2
    assert "C3" in found(*sound(), sunday, monday)
    assert "C3" in found(*sound(), lift(1, JUMPS, slot="pm"), lift(3, JUMPS, slot="am"))  # 37 h
    assert "C3" not in found(*sound(), lift(1, JUMPS), lift(3, JUMPS))  # pm to pm: 48 h
    three_heavy = [lift(n, HEAVY) for n in (0, 2, 4)]
    assert "C3" in found(*[s for s in sound() if s.day > day(6)], *three_heavy)


def test_t1_taper_length_cut_and_fall() -> None:
    assert "T1" in found(*sound(), weeks=(*WEEKS[:2], replace(WEEKS[2], phase="base"), WEEKS[3]))
    too_little = [s for s in sound() if s.day < day(14)] + [
        run(14, minutes=45),
        run(16, "interval", 45),
        run(18, minutes=45),
        run(20, "long", 45),
        run(21, minutes=40),
        run(23, minutes=40),
        run(25, minutes=40),
        run(27, "race", 40),
    ]
    assert "T1" in found(*too_little)  # only about 15 % less
    rising = [s for s in sound() if s.day < day(21)] + [
        run(21, minutes=60),
        run(23, minutes=45),
        run(25, minutes=30),
        run(27, "race", 40),
    ]
    assert "T1" in found(*rising)  # the race week runs more than the week before


def test_t2_intensity_and_frequency_in_the_taper() -> None:
    no_sharpener = [
        replace(s, run=replace(s.run, session_type="easy")) if s.run and s.day == day(16) else s
        for s in sound()
    ]
    assert "T2" in found(*no_sharpener)
    fewer = [s for s in sound() if s.day not in (day(14), day(18))]
    assert "T2" in found(*fewer)  # two runs in a week after four


def test_s4_no_heavy_legs_in_the_last_seven_days_and_only_activation() -> None:
    assert "S4" in found(*sound(), lift(22, HEAVY))  # 5 days out
    activation = ExercisePrescription("leg-press", 2, 5, target_rpe=6.0)
    assert "S4" not in found(*sound(), lift(22, activation))
    assert "S4" in found(*sound(), lift(26, activation))  # the day before: no strength at all
    assert "S4" in found(*sound(), lift(22, ExercisePrescription("leg-press", 3, 8, target_rpe=6)))


def last_heavy(*sessions: PlannedSession, request: PlanRequest = REQUEST) -> list[str]:
    """S4's findings on the place of the last heavy lower-body session."""
    report = check_rules(Plan(request, BASELINE, WEEKS, tuple(sessions)))
    return [v.message for v in report.broken if v.rule == "S4" and "heavy lower-body" in v.message]


def test_s4_the_last_heavy_session_falls_seven_to_ten_days_out() -> None:
    without = [s for s in sound() if s.kind != "strength"]
    assert last_heavy(*without) == ["no heavy lower-body session 7-10 days before the race"]
    assert last_heavy(*without, lift(13, HEAVY)) == [  # 14 days out: too early to be the last
        "last heavy lower-body session 14 days out (not 7-10)"
    ]
    assert last_heavy(*without, lift(13, HEAVY), lift(17, HEAVY)) == []  # 10 days out
    assert last_heavy(*without, lift(20, HEAVY)) == []  # 7 days out
    assert last_heavy(*without, lift(16, HEAVY)) == [
        "last heavy lower-body session 11 days out (not 7-10)"
    ]
    assert last_heavy(*without, lift(22, HEAVY)) == [  # 5 days out is S4's hard part instead
        "no heavy lower-body session 7-10 days before the race"
    ]
    assert "S4" not in found(*sound())
    none_asked = replace(REQUEST, strength_days=0)
    assert last_heavy(*without, request=none_asked) == [
        "no strength days, so no heavy lower-body session 7-10 days out"
    ]


def test_s4_last_heavy_is_for_distance_races_only() -> None:
    without = [s for s in sound() if s.kind != "strength"]
    assert last_heavy(*without, request=replace(REQUEST, race_distance_m=1609.0)) == []


def test_v1_weekly_rise_and_lighter_weeks() -> None:
    request = make_request("10k", 10000, weeks=6)
    weeks = tuple(
        PlanWeek(n, MONDAY + timedelta(days=7 * n), p, n == 2)
        for n, p in enumerate(("base", "base", "base", "build", "taper", "taper"))
    )

    def plan_with(minutes: list[float]) -> set[str]:
        sessions = [s for n, m in enumerate(minutes) for s in week_of_runs(7 * n, m)]
        sessions += [run(35 + 7, "race", 40)]
        report = check_rules(Plan(request, BASELINE, weeks, tuple(sessions)))
        return {v.rule for v in report.broken}

    assert "V1" not in plan_with([50, 55, 41, 60, 30, 20])
    assert "V1" in plan_with([50, 70, 52, 75, 30, 20])  # +40 % in week 2
    assert "V1" in plan_with([50, 55, 30, 60, 30, 20])  # the lighter week 45 % down
    assert "V1" in plan_with([50, 55, 52, 60, 30, 20])  # the lighter week barely lighter


def test_i1_three_easy_runs_in_four() -> None:
    two_hard = [
        replace(s, run=replace(s.run, session_type="tempo")) if s.day == day(0) and s.run else s
        for s in sound()
    ]
    assert "I1" in found(*two_hard)
    long_easy = run(6, "long", 90)
    with_pace = replace(
        long_easy,
        run=replace(long_easy.run, steps=(*long_easy.run.steps, WorkoutStep("active", 600.0))),
    )
    assert not is_hard_run(long_easy) and is_hard_run(with_pace)  # an easy long run is easy


def test_p1_foot_contacts_by_level() -> None:
    assert "P1" not in found(*sound(), lift(1, JUMPS))
    assert "P1" in found(*sound(), lift(1, replace(JUMPS, foot_contacts=120)))  # above 100
    assert "P1" in found(*sound(), lift(1, replace(JUMPS, foot_contacts=40)))  # base: below 80
    assert "P1" in found(*sound(), lift(1, replace(JUMPS, foot_contacts=None)))


def test_d1_drills_dosed_in_metres_before_strides_or_key_runs() -> None:
    drill = ExercisePrescription("high-knees", 2, 1, distance_m=20)
    with_drills = [replace(s, exercises=(drill,)) if s.day == day(2) else s for s in sound()]
    assert "D1" not in found(*with_drills)
    undosed = [
        replace(s, exercises=(replace(drill, distance_m=None),)) if s.day == day(2) else s
        for s in sound()
    ]
    assert "D1" in found(*undosed)  # "2 × 1": two sets of one what?
    on_easy = [replace(s, exercises=(drill,)) if s.day == day(0) else s for s in sound()]
    assert "D1" in found(*on_easy)  # not before strides or a key run


def test_a_recorded_bend_excuses_its_rule_in_its_week_only() -> None:
    two_hard = [
        replace(s, run=replace(s.run, session_type="tempo")) if s.day == day(0) and s.run else s
        for s in sound()
    ]
    bend = RuleBend("I1", "test: one run fewer this week")
    bent_weeks = (replace(WEEKS[0], bends=(bend,)), *WEEKS[1:])
    report = check_rules(Plan(REQUEST, BASELINE, bent_weeks, tuple(two_hard)))
    assert [v.rule for v in report.bent] == ["I1"]
    assert "I1" not in {v.rule for v in report.broken}
    other_week = (WEEKS[0], replace(WEEKS[1], bends=(bend,)), *WEEKS[2:])
    report = check_rules(Plan(REQUEST, BASELINE, other_week, tuple(two_hard)))
    assert "I1" in {v.rule for v in report.broken}
