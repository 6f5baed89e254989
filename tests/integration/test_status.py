"""``services.status``: an athlete's status on a date, from logs built with the services.

Each log is made so that its daily session-RPE loads (CR-10 RPE × minutes) reproduce a vector of
docs/science.md; the numbers expected are worked by hand from there. Runs on SQLite and, when a
server answers, PostgreSQL (the ``store`` fixture); the demo is seeded once, on SQLite.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.errors import NotFound, ValidationError
from runstrong.science import (
    RISK_KINDS,
    RiskSignal,
    RiskThresholds,
    acwr_ewma,
    set_one_rep_max,
    training_paces,
)
from runstrong.services.athletes import create_athlete, get_athlete, update_risk_thresholds
from runstrong.services.demo import seed_demo
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.status import AthleteStatus, athlete_status, signal_history, thresholds_for
from runstrong.store import Store, open_store

DAY0 = date(2025, 3, 3)  # a Monday; every log below starts on it
WEEK = [300.0, 0, 450, 0, 300, 600, 0]  # docs/science.md section 3
DEMO_TODAY = date(2026, 11, 25)
GRADES = {  # docs/science.md section 4
    "running_distance_spike": "weak",
    "load_spike": "weak",
    "high_monotony": "weak",
    "heavy_legs_before_key_run": "expert opinion",
    "asymmetry": "weak",
    "strength_volume_jump": "expert opinion",
    "pain_reported": "expert opinion",
    "easy_runs_too_hard": "expert opinion",
}
TITLES = {
    "running_distance_spike": "Running distance spike",
    "load_spike": "Training load spike",
    "high_monotony": "Monotonous training",
    "heavy_legs_before_key_run": "Heavy legs before a key run",
    "asymmetry": "Single-leg asymmetry",
    "strength_volume_jump": "Strength volume jump",
    "pain_reported": "Pain reported",
    "easy_runs_too_hard": "Easy runs feel hard",
}


def _day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def _athlete(store: Store, name: str = "Ana", **changes: object) -> Athlete:
    return create_athlete(store, Athlete(name=name, **changes))  # type: ignore[arg-type]


def _run(
    store: Store,
    day: int,
    minutes: float,
    *,
    rpe: float | None = 5.0,
    at: time = time(7, 0),
    zone: ZoneInfo | None = None,
    name: str = "Ana",
    **changes: object,
) -> Activity:
    """A run of ``minutes`` (load ``rpe × minutes``), by default at 3 m/s."""
    values: dict[str, object] = {
        "started_at": datetime.combine(_day(day), at, tzinfo=zone or UTC),
        "sport": "running",
        "moving_time_s": minutes * 60,
        "distance_m": minutes * 60 * 3.0,
        "session_type": "easy",
        "rpe": rpe,
    }
    values.update(changes)
    return log_activity(store, name, Activity(**values))  # type: ignore[arg-type]


def _lift(
    store: Store,
    day: int,
    *sets: StrengthSet,
    minutes: float = 50,
    rpe: float | None = 6.0,
    at: time = time(18, 0),
    zone: ZoneInfo | None = None,
    name: str = "Ana",
    **changes: object,
) -> StrengthSession:
    """A strength session (load ``rpe × minutes``), by default one set of calf raises."""
    session = StrengthSession(
        started_at=datetime.combine(_day(day), at, tzinfo=zone or UTC),
        sets=sets or (StrengthSet("calf-press", 10, 80.0, 6.0),),
        duration_s=minutes * 60,
        rpe=rpe,
        **changes,  # type: ignore[arg-type]
    )
    return log_strength_session(store, name, session)


def _log_loads(store: Store, loads: list[float], *, lifting: list[float] | None = None) -> None:
    """Day ``i`` gets a run at RPE 5 with load ``loads[i]`` (and a lift at RPE 6 with
    ``lifting[i]``); rest days get nothing."""
    for day, load in enumerate(loads):
        if load:
            _run(store, day, load / 5)
    for day, load in enumerate(lifting or []):
        if load:
            _lift(store, day, minutes=load / 6)


def _signals(status: AthleteStatus, kind: str) -> list[RiskSignal]:
    return [signal for signal in status.signals if signal.kind == kind]


def _one(status: AthleteStatus, kind: str) -> RiskSignal:
    found = _signals(status, kind)
    assert len(found) == 1, [s.kind for s in status.signals]
    signal = found[0]
    assert signal.day_index == (status.as_of - status.log_starts).days
    assert signal.evidence_grade == GRADES[kind]
    assert signal.title == TITLES[kind]
    assert signal.advice and signal.source
    assert all(math.isfinite(value) for value in signal.metrics.values())
    return signal


def _ewma_ratio(loads: list[float]) -> float:
    """EWMA ACWR by hand: λ = 2/(N+1), N = 7 and 28, both from zero (docs/science.md)."""
    acute = chronic = 0.0
    for load in loads:
        acute += 2 / 8 * (load - acute)
        chronic += 2 / 29 * (load - chronic)
    return acute / chronic


# ---------------------------------------------------------------------------------------------
# load: CTL/ATL/TSB, ACWR, monotony and strain


def test_42_days_of_load_100_give_ctl_63_65_and_atl_99_85(store: Store) -> None:
    _athlete(store)
    _log_loads(store, [100.0] * 42)  # one run a day, RPE 5 × 20 min
    status = athlete_status(store, "Ana", _day(41))
    load = status.load
    assert status.log_starts == DAY0 and status.as_of == _day(41)
    assert load.today_au == 100
    assert load.running_7d_au == 700 and load.strength_7d_au == 0 and load.other_7d_au == 0
    assert load.ctl == pytest.approx(63.65, abs=0.01)
    assert load.atl == pytest.approx(99.85, abs=0.01)
    # form for today uses yesterday's values: CTL_40 − ATL_40, closed form of the EWMA from zero
    assert load.tsb == pytest.approx(100 * ((6 / 7) ** 41 - (41 / 42) ** 41), abs=1e-6)
    assert load.acwr_rolling == pytest.approx(1.0)
    assert load.acwr_ewma == pytest.approx((1 - 0.75**42) / (1 - (27 / 29) ** 42), abs=1e-9)
    assert load.monotony is None  # the same load every day: no SD, monotony is infinite
    assert load.daily_load_28d_au == (100.0,) * 28
    assert status.sessions_with_estimated_rpe == 0
    assert status.notes == ()
    # monotony without variation fires its own explanation
    signal = _one(status, "high_monotony")
    assert signal.metrics["mean_daily_load"] == pytest.approx(100)
    assert signal.metrics["weekly_load"] == pytest.approx(700)
    assert "100 AU" in signal.explanation and "2.00" in signal.explanation


def test_six_weeks_then_a_week_of_doubles_give_acwr_1_600_and_1_358(store: Store) -> None:
    """The doubled week adds a strength session as heavy as each run: one scale for both."""
    _athlete(store)
    _log_loads(store, WEEK * 7, lifting=[0.0] * 42 + WEEK)
    status = athlete_status(store, "Ana", _day(48))
    load = status.load
    assert load.acwr_rolling == pytest.approx(1.600, abs=0.0005)
    assert load.acwr_ewma == pytest.approx(1.358, abs=0.0005)
    assert load.running_7d_au == pytest.approx(1650)
    assert load.strength_7d_au == pytest.approx(1650)
    assert load.daily_load_28d_au == pytest.approx(WEEK * 3 + [2 * x for x in WEEK])
    assert load.today_au == 0
    assert status.volume.strength_sessions_7d == 4 and status.volume.strength_sessions_28d == 4


def test_one_week_gives_monotony_1_049_and_strain_1730_5(store: Store) -> None:
    _athlete(store)
    _log_loads(store, WEEK)
    load = athlete_status(store, "Ana", _day(6)).load
    assert load.monotony == pytest.approx(1.049, abs=0.0005)
    assert load.strain == pytest.approx(1730.5, abs=0.05)
    # too early for ACWR: a full 28-day window is needed
    assert load.acwr_rolling is None and load.acwr_ewma is None
    assert load.daily_load_28d_au == (0.0,) * 21 + tuple(WEEK)  # days before the log: no load
    # the day before a full week there is no monotony yet
    assert athlete_status(store, "Ana", _day(5)).load.monotony is None


def test_strain_is_not_float_max_after_a_week_of_identical_loads(store: Store) -> None:
    _athlete(store)
    _log_loads(store, [100.0] * 7)
    strain = athlete_status(store, "Ana", _day(6)).load.strain
    assert strain is None or strain < 1e9


# ---------------------------------------------------------------------------------------------
# volume


def test_running_distance_and_time_over_7_and_28_days(store: Store) -> None:
    _athlete(store)
    as_of = 30  # the 7-day window is days 24-30, the 28-day window days 3-30
    for day, km, minutes in (
        (0, 10, 60),  # outside both
        (3, 8, 45),  # first day of the 28-day window
        (23, 6, 35),  # 28 days only
        (24, 5, 30),  # first day of the 7-day window
        (30, 4, 25),  # today
    ):
        _run(store, day, minutes, distance_m=km * 1000.0)
    _run(store, 31, 20, distance_m=3000.0)  # after the date asked for
    _run(store, 27, 60, sport="cycling", distance_m=30000.0)  # not running
    _lift(store, 2)
    _lift(store, 25)
    status = athlete_status(store, "Ana", _day(as_of))
    volume = status.volume
    assert volume.running_distance_7d_m == 9000
    assert volume.running_time_7d_s == 55 * 60
    assert volume.running_distance_28d_m == 23000
    assert volume.running_time_28d_s == 135 * 60
    assert volume.runs_7d == 2
    assert volume.strength_sessions_7d == 1 and volume.strength_sessions_28d == 1
    assert status.load.other_7d_au == 5 * 60
    assert status.log_starts == DAY0


KNOWN_SESSION = (
    *(StrengthSet("leg-press", 6, 140.0, 8.0) for _ in range(4)),
    *(StrengthSet("romanian-deadlift", 8, 60.0, 7.0) for _ in range(3)),
    *(StrengthSet("standing-calf-raise", 12, 40.0, 6.0) for _ in range(3)),  # RPE 6: not hard
    *(StrengthSet("dead-bug", 10, 0.0) for _ in range(3)),  # no RPE: a working set
    *(StrengthSet("single-leg-leg-press", 8, 70.0, 8.0, side) for side in ("left", "right") * 3),
    *(StrengthSet("pogo-jumps", 20, 0.0) for _ in range(3)),
    *(StrengthSet("box-jump", 5, 0.0) for _ in range(3)),
)


def test_hard_sets_per_muscle_for_a_known_session(store: Store) -> None:
    """Leg press: quadriceps, glutes (+ adductors, hamstrings ½); RDL: hamstrings, glutes
    (+ lower back, adductors ½); single-leg press as leg press + hip abductors ½, each side ½;
    dead bug: core (+ hip flexors, obliques ½); plyometrics count foot contacts only."""
    _athlete(store)
    _lift(store, 0, *KNOWN_SESSION)
    volume = athlete_status(store, "Ana", _day(6)).volume
    assert volume.hard_sets_7d_by_muscle == {
        "glutes": 10.0,
        "quadriceps": 7.0,
        "hamstrings": 6.5,
        "adductors": 5.0,
        "core": 3.0,
        "hip-abductors": 1.5,
        "hip-flexors": 1.5,
        "lower-back": 1.5,
        "obliques": 1.5,
    }
    values = list(volume.hard_sets_7d_by_muscle.values())
    assert values == sorted(values, reverse=True)
    assert volume.foot_contacts_7d == 75
    assert volume.strength_sessions_7d == 1
    later = athlete_status(store, "Ana", _day(7)).volume
    assert later.hard_sets_7d_by_muscle == {} and later.foot_contacts_7d == 0


# ---------------------------------------------------------------------------------------------
# strength: leg press e1RM trend, side balance


def test_leg_press_e1rm_points_are_the_best_set_of_each_session(store: Store) -> None:
    _athlete(store, body_mass_kg=60.0)
    sessions = {
        0: (
            StrengthSet("leg-press", 6, 140.0, 8.0),
            StrengthSet("leg-press", 4, 150.0, 9.0),
            StrengthSet("leg-press", 10, 120.0),
        ),
        10: (StrengthSet("leg-press", 5, 160.0, 8.0), StrengthSet("leg-press", 8, 150.0, 7.5)),
        # single-leg work is not the leg press
        12: (StrengthSet("single-leg-leg-press", 8, 120.0, 8.0, "left"),),
        20: (StrengthSet("leg-press", 3, 175.0, 8.5), StrengthSet("calf-press", 10, 200.0)),
    }
    for day, sets in sessions.items():
        _lift(store, day, *sets)
    _lift(store, 200, StrengthSet("leg-press", 5, 100.0, 8.0))  # after the date asked for
    status = athlete_status(store, "Ana", _day(20))
    expected = {
        _day(day): max(
            set_one_rep_max(s.load_kg, s.reps, s.rpe)
            for s in sets
            if s.exercise_slug == "leg-press"
        )
        for day, sets in sessions.items()
        if day != 12
    }
    assert [p.day for p in status.leg_press_e1rm] == list(expected)
    for point in status.leg_press_e1rm:
        assert point.e1rm_kg == pytest.approx(expected[point.day])
        assert point.relative_to_body_mass == pytest.approx(expected[point.day] / 60.0)
    # 6 × 140 @ 8 is 8 reps @ 10 on the chart: 78.6 % → 178.1 kg, the best of the first session
    assert status.leg_press_e1rm[0].e1rm_kg == pytest.approx(140 / 0.786, abs=0.05)
    # only the last 16 weeks (112 days) are shown
    edge = athlete_status(store, "Ana", _day(10 + 111))
    assert [p.day for p in edge.leg_press_e1rm] == [_day(10), _day(20)]
    far = athlete_status(store, "Ana", _day(10 + 112))
    assert [p.day for p in far.leg_press_e1rm] == [_day(20)]


@pytest.mark.parametrize(
    "high_rep_sets",
    [
        (StrengthSet("leg-press", 18, 100.0, 6.0),),
        (
            StrengthSet("single-leg-leg-press", 25, 20.0, None, "left"),
            StrengthSet("single-leg-leg-press", 25, 20.0, None, "right"),
        ),
    ],
    ids=["leg-press-18-at-rpe-6", "single-leg-25-reps"],
)
def test_a_logged_high_rep_set_does_not_break_the_status(
    store: Store, high_rep_sets: tuple[StrengthSet, ...]
) -> None:
    _athlete(store)
    _lift(store, 0, *high_rep_sets)
    status = athlete_status(store, "Ana", _day(1))
    assert status.volume.strength_sessions_7d == 1


def test_side_balance_of_the_latest_single_leg_session(store: Store) -> None:
    _athlete(store)
    _lift(
        store,
        0,
        StrengthSet("single-leg-leg-press", 8, 90.0, 8.0, "left"),
        StrengthSet("single-leg-leg-press", 8, 60.0, 8.0, "right"),
    )
    _lift(
        store,
        5,
        StrengthSet("single-leg-leg-press", 8, 95.0, 8.0, "left"),
        StrengthSet("single-leg-leg-press", 8, 100.0, 8.0, "left"),
        StrengthSet("single-leg-leg-press", 8, 80.0, 8.0, "right"),
        StrengthSet("single-leg-leg-press", 10, 70.0, 8.0, "right"),
    )
    _lift(store, 6, StrengthSet("single-leg-leg-press", 8, 90.0, 8.0, "left"))  # one side only
    side = athlete_status(store, "Ana", _day(8)).side_balance
    assert side is not None
    assert side.exercise_slug == "single-leg-leg-press" and side.day == _day(5)
    assert side.left_e1rm_kg == pytest.approx(set_one_rep_max(100.0, 8, 8.0))
    assert side.right_e1rm_kg == pytest.approx(set_one_rep_max(80.0, 8, 8.0))
    assert side.asymmetry_percent == pytest.approx(20.0)  # same reps and RPE: 80 / 100
    assert side.weaker_side == "right"
    earlier = athlete_status(store, "Ana", _day(4)).side_balance
    assert earlier is not None and earlier.asymmetry_percent == pytest.approx(100 / 3)


def test_no_side_balance_without_both_sides(store: Store) -> None:
    _athlete(store)
    _lift(store, 0, StrengthSet("single-leg-leg-press", 8, 90.0, 8.0, "left"))
    status = athlete_status(store, "Ana", _day(0))
    assert status.side_balance is None and status.leg_press_e1rm == ()


# ---------------------------------------------------------------------------------------------
# performance: VDOT, predictions, critical speed, TRIMP and rTSS


def test_vdot_and_predictions_from_a_logged_5k_in_20_minutes(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 20, distance_m=5000.0, session_type="race", rpe=9.5)
    perf = athlete_status(store, "Ana", _day(3)).performance
    assert perf.vdot == pytest.approx(49.81, abs=0.1)
    assert perf.vdot_from == f"5 km race on {_day(0)}"
    # docs/science.md: equivalents of 5 km 20:00 (±0.5 %)
    assert perf.predicted_times_s["10k"] == pytest.approx(41 * 60 + 28, rel=0.005)
    assert perf.predicted_times_s["half"] == pytest.approx(3600 + 31 * 60 + 50, rel=0.005)
    assert set(perf.predicted_times_s) == {"5k", "10k", "half", "marathon"}
    assert perf.predicted_times_s["5k"] == pytest.approx(1200, abs=1)
    assert perf.critical_speed_m_per_s is None and perf.d_prime_m is None
    assert perf.critical_speed_note and "two or more" in perf.critical_speed_note
    # the race counts for 180 days
    old = athlete_status(store, "Ana", _day(180)).performance
    assert old.vdot is None and old.predicted_times_s == {}


def test_a_training_run_does_not_give_a_vdot(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 20, distance_m=5000.0, session_type="tempo")
    assert athlete_status(store, "Ana", _day(0)).performance.vdot is None


def test_critical_speed_from_three_time_trials(store: Store) -> None:
    _athlete(store)
    for day, metres, seconds in ((0, 1200.0, 210.0), (3, 3000.0, 600.0), (7, 5000.0, 1050.0)):
        _run(store, day, seconds / 60, distance_m=metres, session_type="race", rpe=10)
    perf = athlete_status(store, "Ana", _day(8)).performance
    assert perf.critical_speed_m_per_s == pytest.approx(4.522, rel=0.01)
    assert perf.d_prime_m == pytest.approx(263, rel=0.01)
    assert perf.critical_speed_note is None


def test_trimp_and_rtss_over_7_days(store: Store) -> None:
    _athlete(store, sex="male", hr_rest_bpm=60, hr_max_bpm=190)
    _run(store, 0, 20, distance_m=5000.0, session_type="race", avg_hr_bpm=180.0)
    threshold = athlete_status(store, "Ana", _day(0))
    assert threshold.load.rtss_7d is not None
    # a steady hour at threshold pace scores rTSS 100; the race (10 days earlier) is out
    pace = training_paces(threshold.performance.vdot or 0).threshold_s_per_km
    _run(store, 10, 60, distance_m=3600 / pace * 1000, session_type="tempo", avg_hr_bpm=150.0)
    load = athlete_status(store, "Ana", _day(10)).load
    assert load.rtss_7d == pytest.approx(100, abs=0.01)
    # docs/science.md section 3: 60 min, HR 150, rest 60, max 190, men → 100.44
    assert load.trimp_7d == pytest.approx(100.44, abs=0.01)


def test_no_trimp_or_rtss_without_heart_rate_settings_or_race(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 60, avg_hr_bpm=150.0)
    load = athlete_status(store, "Ana", _day(0)).load
    assert load.trimp_7d == 0 and load.rtss_7d is None


def test_trimp_counts_runs_only(store: Store) -> None:
    _athlete(store, sex="male", hr_rest_bpm=50, hr_max_bpm=190)
    _run(store, 0, 60, sport="cycling", distance_m=30000.0, avg_hr_bpm=140.0, rpe=4)
    assert athlete_status(store, "Ana", _day(0)).load.trimp_7d == 0


# ---------------------------------------------------------------------------------------------
# local days


def test_a_2330_run_in_los_angeles_counts_on_that_local_day(store: Store) -> None:
    la = ZoneInfo("America/Los_Angeles")
    _athlete(store, timezone="America/Los_Angeles")
    started = datetime(2025, 1, 15, 23, 30, tzinfo=la)
    stored = log_activity(
        store,
        "Ana",
        Activity(started, "running", 1200.0, distance_m=4000.0, rpe=5.0, session_type="easy"),
    )
    assert stored.started_at.astimezone(UTC) == datetime(2025, 1, 16, 7, 30, tzinfo=UTC)
    status = athlete_status(store, "Ana", date(2025, 1, 15))
    assert status.log_starts == date(2025, 1, 15)
    assert status.load.today_au == 100
    assert status.volume.running_distance_7d_m == 4000 and status.volume.runs_7d == 1
    assert status.load.daily_load_28d_au == (0.0,) * 27 + (100.0,)
    # the 7-day window ending on the 21st still holds it; ending on the 22nd it does not
    # (in UTC it would be the 16th, and still counted on the 22nd)
    assert athlete_status(store, "Ana", date(2025, 1, 21)).volume.running_distance_7d_m == 4000
    gone = athlete_status(store, "Ana", date(2025, 1, 22))
    assert gone.volume.running_distance_7d_m == 0 and gone.volume.runs_7d == 0
    assert gone.load.daily_load_28d_au[-8] == 100 and sum(gone.load.daily_load_28d_au) == 100


# ---------------------------------------------------------------------------------------------
# risk signals: each one triggered by logged data, and not


def _distance_log(store: Store, last_run_km: float) -> AthleteStatus:
    """Four weeks of 2 × 10 km, then 10 + 10 + ``last_run_km`` km; status on day 34."""
    _athlete(store)
    for day in (0, 3, 7, 10, 14, 17, 21, 24, 28, 30):
        _run(store, day, 50, distance_m=10000.0, rpe=4)
    _run(store, 32, last_run_km * 5, distance_m=last_run_km * 1000, rpe=4)
    return athlete_status(store, "Ana", _day(34))


def test_running_distance_spike_fires(store: Store) -> None:
    signal = _one(_distance_log(store, 10), "running_distance_spike")
    assert signal.severity == "caution"
    assert signal.metrics["ratio"] == pytest.approx(1.5)
    assert signal.metrics["week_distance_m"] == 30000
    assert signal.metrics["baseline_weekly_distance_m"] == 20000
    assert signal.metrics["threshold_ratio"] == 1.3
    assert "1.50 times" in signal.explanation and "1.30" in signal.explanation
    assert "previous 4 weeks" in signal.explanation


def test_running_distance_spike_quiet_below_the_threshold(store: Store) -> None:
    status = _distance_log(store, 5)  # 25 km ÷ 20 km = 1.25
    assert _signals(status, "running_distance_spike") == []


def test_load_spike_fires_on_the_doubled_long_day_and_not_the_day_after(store: Store) -> None:
    _athlete(store)
    loads = WEEK * 6 + [2 * x for x in WEEK]
    _log_loads(store, loads)
    status = athlete_status(store, "Ana", _day(47))  # the 1200 AU day
    signal = _one(status, "load_spike")
    expected = _ewma_ratio(loads[:48])
    assert expected == pytest.approx(float(acwr_ewma(loads[:48])[-1]))
    assert expected == pytest.approx(1.686, abs=0.001)
    assert signal.severity == "caution"
    assert signal.metrics["acwr_ewma"] == pytest.approx(expected)
    assert status.load.acwr_ewma == pytest.approx(expected)
    assert f"{expected:.2f} times" in signal.explanation and "1.50" in signal.explanation
    assert "not a prediction of injury" in signal.explanation
    # on day 48 the ratio is back to 1.358
    assert _signals(athlete_status(store, "Ana", _day(48)), "load_spike") == []


def test_high_monotony_fires_on_a_uniform_week(store: Store) -> None:
    _athlete(store)
    _log_loads(store, [100.0, 120, 100, 120, 100, 120, 100])
    status = athlete_status(store, "Ana", _day(6))
    signal = _one(status, "high_monotony")
    # mean 760/7 = 108.57, population SD 9.897 → 10.97; strain 760 × 10.97
    assert signal.severity == "caution"
    assert signal.metrics["monotony"] == pytest.approx(10.97, abs=0.005)
    assert signal.metrics["strain"] == pytest.approx(8336.9, abs=0.1)
    assert signal.metrics["weekly_load"] == pytest.approx(760)
    assert status.load.monotony == pytest.approx(signal.metrics["monotony"])
    for number in ("10.97", "2.00", "760 AU", "8337"):
        assert number in signal.explanation


def test_high_monotony_quiet_on_a_varied_week(store: Store) -> None:
    _athlete(store)
    _log_loads(store, WEEK)
    assert _signals(athlete_status(store, "Ana", _day(6)), "high_monotony") == []


def test_heavy_legs_by_rpe_before_a_tempo_run(store: Store) -> None:
    _athlete(store)
    # no set RPE and no earlier e1RM: the session RPE of 9 makes it heavy
    _lift(store, 0, StrengthSet("leg-press", 10, 100.0), rpe=9)  # 18:00
    _run(store, 2, 50, session_type="tempo", rpe=7)  # 07:00, 37 h later
    signal = _one(athlete_status(store, "Ana", _day(2)), "heavy_legs_before_key_run")
    assert signal.severity == "caution"
    assert signal.metrics["hours_before"] == pytest.approx(37)
    assert signal.metrics["rpe"] == 9 and signal.metrics["threshold_rpe"] == 8
    assert signal.labels["run_type"] == "tempo run"
    assert "tempo run came 37 h after" in signal.explanation and "RPE 9.0" in signal.explanation


def test_heavy_legs_by_percent_of_e1rm_before_intervals(store: Store) -> None:
    _athlete(store)
    # 5 × 150 @ RPE 7 = 8 reps @ 10 → 78.6 %: e1RM 190.8 kg, a session that is not heavy
    _lift(store, 0, StrengthSet("leg-press", 5, 150.0, 7.0))
    _lift(store, 7, StrengthSet("leg-press", 5, 160.0), at=time(19, 0))  # 160 / 190.8 = 83.9 %
    _run(store, 8, 45, session_type="interval", rpe=8, at=time(8, 0))
    status = athlete_status(store, "Ana", _day(8))
    signal = _one(status, "heavy_legs_before_key_run")
    assert signal.metrics["percent_e1rm"] == pytest.approx(160 / (150 / 0.786) * 100, abs=0.05)
    assert signal.metrics["hours_before"] == pytest.approx(13)
    assert "interval session came 13 h after" in signal.explanation
    assert "84 % of your e1RM" in signal.explanation
    # the first session was not heavy: nothing before a key run two days after it
    assert _signals(athlete_status(store, "Ana", _day(7)), "heavy_legs_before_key_run") == []


def _heavy_then_runs(store: Store) -> None:
    _athlete(store)
    _lift(store, 0, StrengthSet("leg-press", 5, 150.0, 9.0), rpe=7)  # day 0, 18:00
    _run(store, 2, 40, session_type="easy", at=time(7, 0))  # 37 h: not a key run
    _run(store, 2, 45, session_type="interval", rpe=8, at=time(19, 0))  # 49 h: outside 48 h


def test_heavy_legs_quiet_for_easy_runs_and_beyond_48_hours(store: Store) -> None:
    _heavy_then_runs(store)
    assert _signals(athlete_status(store, "Ana", _day(2)), "heavy_legs_before_key_run") == []


def test_heavy_legs_counts_real_hours_across_a_dst_change(store: Store) -> None:
    lj = ZoneInfo("Europe/Ljubljana")
    _athlete(store, timezone="Europe/Ljubljana")
    friday, sunday = date(2025, 3, 28), date(2025, 3, 30)
    lift = datetime.combine(friday, time(17, 30), tzinfo=lj)
    log_strength_session(
        store,
        "Ana",
        StrengthSession(lift, (StrengthSet("leg-press", 5, 150.0, 9.0),), 2700.0, 7.0),
    )
    run = datetime.combine(sunday, time(18, 0), tzinfo=lj)
    log_activity(
        store,
        "Ana",
        Activity(run, "running", 3000.0, distance_m=10000.0, session_type="tempo", rpe=7),
    )
    assert (run.astimezone(UTC) - lift.astimezone(UTC)) == timedelta(hours=47.5)
    signal = _one(athlete_status(store, "Ana", sunday), "heavy_legs_before_key_run")
    assert signal.metrics["hours_before"] == pytest.approx(47.5)


def _single_leg(store: Store, left: float, right: float, day: int = 0) -> None:
    _lift(
        store,
        day,
        StrengthSet("single-leg-leg-press", 8, left, 8.0, "left"),
        StrengthSet("single-leg-leg-press", 8, right, 8.0, "right"),
    )


@pytest.mark.parametrize(
    ("right_kg", "severity", "percent", "threshold"),
    [(80.0, "high", 20.0, 15), (88.0, "caution", 12.0, 10)],
)
def test_asymmetry_fires(
    store: Store, right_kg: float, severity: str, percent: float, threshold: float
) -> None:
    _athlete(store)
    _single_leg(store, 100.0, right_kg)
    status = athlete_status(store, "Ana", _day(3))
    signal = _one(status, "asymmetry")
    assert signal.severity == severity
    assert signal.metrics["asymmetry_percent"] == pytest.approx(percent)
    assert signal.metrics["limb_symmetry_index"] == pytest.approx(100 - percent)
    assert signal.metrics["threshold_percent"] == threshold
    assert signal.metrics["left"] == pytest.approx(set_one_rep_max(100.0, 8, 8.0))
    assert signal.metrics["right"] == pytest.approx(set_one_rep_max(right_kg, 8, 8.0))
    assert signal.metrics["days_since"] == 3
    assert signal.labels["weaker_side"] == "right"
    assert f"right side was {percent:.1f} % weaker" in signal.explanation
    assert f"limb symmetry index {100 - percent:.1f} %" in signal.explanation
    assert f"{threshold:.0f} % {severity} threshold" in signal.explanation
    assert status.side_balance is not None
    assert status.side_balance.asymmetry_percent == pytest.approx(percent)


def test_asymmetry_quiet_when_small_or_older_than_28_days(store: Store) -> None:
    _athlete(store)
    _single_leg(store, 100.0, 95.0)  # 5 %
    assert _signals(athlete_status(store, "Ana", _day(1)), "asymmetry") == []
    _single_leg(store, 100.0, 80.0, day=10)  # 20 %, flagged for 28 days (days 10-37)
    assert _signals(athlete_status(store, "Ana", _day(37)), "asymmetry")
    assert _signals(athlete_status(store, "Ana", _day(38)), "asymmetry") == []


def _strength_log(store: Store, last_week_sets: list[int]) -> AthleteStatus:
    """Four weeks of one session of 4 hard leg-press sets, then sessions of ``last_week_sets``."""
    _athlete(store)
    for day in (0, 7, 14, 21):
        _lift(store, day, *(StrengthSet("leg-press", 6, 140.0, 8.0) for _ in range(4)))
    for day, count in zip((28, 31), last_week_sets, strict=False):
        _lift(store, day, *(StrengthSet("leg-press", 6, 140.0, 8.0) for _ in range(count)))
    return athlete_status(store, "Ana", _day(34))


def test_strength_volume_jump_fires(store: Store) -> None:
    signal = _one(_strength_log(store, [4, 4]), "strength_volume_jump")
    assert signal.severity == "caution"
    assert signal.metrics["week_hard_sets"] == 8
    assert signal.metrics["baseline_weekly_hard_sets"] == 4
    assert signal.metrics["ratio"] == pytest.approx(2.0)
    assert signal.metrics["threshold_ratio"] == 1.5
    for number in ("8.0 hard lower-body sets", "2.00 times", "average of 4.0", "1.50"):
        assert number in signal.explanation


def test_strength_volume_jump_quiet_below_the_threshold(store: Store) -> None:
    status = _strength_log(store, [5])  # 5 ÷ 4 = 1.25
    assert _signals(status, "strength_volume_jump") == []
    assert status.volume.hard_sets_7d_by_muscle["quadriceps"] == 5


def test_pain_of_5_fires_a_caution_naming_the_place(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 30, pain_score=5.0, pain_location="left knee")
    signal = _one(athlete_status(store, "Ana", _day(3)), "pain_reported")
    assert signal.severity == "caution"
    assert signal.metrics["max_score"] == 5 and signal.metrics["threshold_score"] == 4
    assert signal.metrics["reports"] == 1 and signal.metrics["days_since"] == 3
    assert signal.labels["location"] == "left knee"
    assert "left knee pain of 5/10" in signal.explanation
    assert "3 days ago" in signal.explanation and "4/10" in signal.explanation


def test_pain_of_8_after_lifting_is_high(store: Store) -> None:
    _athlete(store)
    _lift(store, 0, pain_score=8.0, pain_location="Lower back")
    signal = _one(athlete_status(store, "Ana", _day(0)), "pain_reported")
    assert signal.severity == "high"
    assert signal.labels["location"] == "lower back"
    assert "pain of 8/10" in signal.explanation and "today" in signal.explanation


def test_mild_pain_at_the_same_place_twice_fires(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 30, pain_score=2.0, pain_location="Left  Knee")
    _run(store, 9, 30, pain_score=2.0, pain_location="left knee")
    signal = _one(athlete_status(store, "Ana", _day(10)), "pain_reported")
    assert signal.severity == "caution"
    assert signal.metrics["reports"] == 2 and signal.metrics["threshold_count"] == 2
    assert "left knee pain 2 times" in signal.explanation and "yesterday" in signal.explanation


def test_pain_quiet_when_mild_once_or_older_than_14_days(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 30, pain_score=5.0, pain_location="left knee")
    _run(store, 5, 30, pain_score=2.0, pain_location="right hip")
    assert [
        s.labels["location"]
        for s in _signals(athlete_status(store, "Ana", _day(13)), "pain_reported")
    ] == ["left knee"]
    assert _signals(athlete_status(store, "Ana", _day(14)), "pain_reported") == []


def test_pain_without_a_location_is_refused_so_it_cannot_be_lost(store: Store) -> None:
    _athlete(store)
    with pytest.raises(ValidationError, match="say where it hurts"):
        _run(store, 0, 30, pain_score=8.0)
    with store.unit_of_work() as uow:
        assert uow.activities.count() == 0


def test_easy_runs_that_feel_hard_fire_an_info(store: Store) -> None:
    _athlete(store)
    for day in (0, 4):
        _run(store, day, 40, rpe=7)
    _run(store, 9, 30, rpe=6, session_type="recovery")
    signal = _one(athlete_status(store, "Ana", _day(9)), "easy_runs_too_hard")
    assert signal.severity == "info"
    assert signal.metrics["count"] == 3 and signal.metrics["mean_rpe"] == pytest.approx(20 / 3)
    assert "3 of your easy or recovery runs in the last 14 days" in signal.explanation
    assert "mean 6.7" in signal.explanation and "RPE 6" in signal.explanation


def test_easy_runs_quiet_when_rated_easy_or_spread_out(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 40, rpe=7)
    _run(store, 10, 40, rpe=7)
    _run(store, 12, 40, rpe=5)  # felt easy
    _run(store, 13, 40, rpe=8, session_type="tempo")  # not an easy run
    _run(store, 14, 40, rpe=7)  # day 0 has left the 14-day window
    assert _signals(athlete_status(store, "Ana", _day(14)), "easy_runs_too_hard") == []
    assert _signals(athlete_status(store, "Ana", _day(13)), "easy_runs_too_hard") == []


# ---------------------------------------------------------------------------------------------
# per-athlete thresholds


def _monotony_week(store: Store) -> date:
    _athlete(store)
    _log_loads(store, WEEK)  # monotony 1.049
    return _day(6)


def _doubled_weeks(store: Store) -> date:
    _athlete(store)
    _log_loads(store, WEEK * 6 + [2 * x for x in WEEK])  # EWMA ACWR 1.358 on day 48
    return _day(48)


def _distance_spike(store: Store) -> date:
    _distance_log(store, 10)  # ratio 1.5
    return _day(34)


def _heavy_49_hours_before(store: Store) -> date:
    _heavy_then_runs(store)
    return _day(2)


@pytest.mark.parametrize(
    ("build", "kind", "override", "fires_by_default"),
    [
        (_monotony_week, "high_monotony", {"high_monotony": 1.0}, False),
        (_doubled_weeks, "load_spike", {"load_spike_acwr": 1.3}, False),
        (_distance_spike, "running_distance_spike", {"distance_spike_ratio": 1.6}, True),
        (_heavy_49_hours_before, "heavy_legs_before_key_run", {"heavy_legs_window_h": 72}, False),
    ],
    ids=["monotony", "load-spike", "distance-spike", "heavy-legs-window"],
)
def test_an_override_changes_whether_a_signal_fires(
    store: Store,
    build: Callable[[Store], date],
    kind: str,
    override: dict[str, float],
    fires_by_default: bool,
) -> None:
    as_of = build(store)
    assert bool(_signals(athlete_status(store, "Ana", as_of), kind)) is fires_by_default
    updated = update_risk_thresholds(store, "Ana", override)
    assert dict(updated.risk_thresholds) == override
    status = athlete_status(store, "Ana", as_of)
    assert bool(_signals(status, kind)) is not fires_by_default
    name, value = next(iter(override.items()))
    assert getattr(status.thresholds, name) == value
    assert thresholds_for(get_athlete(store, "Ana")) == status.thresholds
    # back to the defaults
    update_risk_thresholds(store, "Ana", {}, reset=True)
    assert bool(_signals(athlete_status(store, "Ana", as_of), kind)) is fires_by_default
    assert athlete_status(store, "Ana", as_of).thresholds == RiskThresholds.defaults()


def test_overrides_merge_and_reset(store: Store) -> None:
    _athlete(store)
    update_risk_thresholds(store, "Ana", {"high_monotony": 2.5})
    merged = update_risk_thresholds(store, "Ana", {"pain_score": 5.0})
    assert dict(merged.risk_thresholds) == {"high_monotony": 2.5, "pain_score": 5.0}
    fresh = update_risk_thresholds(store, "Ana", {"easy_run_count": 4}, reset=True)
    assert dict(fresh.risk_thresholds) == {"easy_run_count": 4}
    assert dict(update_risk_thresholds(store, "Ana", {}, reset=True).risk_thresholds) == {}


def _athletes_rows(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text("SELECT * FROM athletes"))]


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"load_spike_acwr": 9.0}, "from 1.1 to 3"),
        ({"load_spike_acwr": 1.0}, "from 1.1 to 3"),
        ({"no_such_threshold": 1.0}, "unknown risk threshold"),
        ({"load_spike_acwr": "1.4"}, "must be a number"),
        ({"load_spike_acwr": True}, "must be a number"),
        ({"load_spike_acwr": float("nan")}, "finite"),
        ({"baseline_weeks": 4.5}, "whole number"),
        ({"asymmetry_caution_percent": 20.0}, "must not be below"),
        ({"pain_score": 5.0, "easy_run_rpe": 11.0}, "easy_run_rpe"),
    ],
)
def test_an_invalid_override_is_refused_and_nothing_is_written(
    store: Store, changes: dict[str, object], fragment: str
) -> None:
    _athlete(store)
    update_risk_thresholds(store, "Ana", {"high_monotony": 2.5})
    before = _athletes_rows(store)
    with pytest.raises(ValidationError, match=fragment):
        update_risk_thresholds(store, "Ana", changes)  # type: ignore[arg-type]
    assert _athletes_rows(store) == before
    assert dict(get_athlete(store, "Ana").risk_thresholds) == {"high_monotony": 2.5}


# ---------------------------------------------------------------------------------------------
# errors


def test_status_errors_name_what_is_wrong(store: Store) -> None:
    with pytest.raises(NotFound, match="no athletes yet"):
        athlete_status(store, None, _day(0))
    _athlete(store)
    with pytest.raises(ValidationError, match="has no sessions yet"):
        athlete_status(store, "Ana", _day(0))
    _run(store, 5, 30)
    with pytest.raises(ValidationError, match=rf"{_day(4)} is before Ana's first session"):
        athlete_status(store, "Ana", _day(4))
    with pytest.raises(ValidationError, match="before Ana's first session"):
        signal_history(store, "Ana", _day(4))
    with pytest.raises(NotFound, match="no athlete named 'Zoe'"):
        athlete_status(store, "Zoe", _day(5))
    _athlete(store, "Bo")
    with pytest.raises(ValidationError, match="choose one with --athlete"):
        athlete_status(store, None, _day(5))
    assert athlete_status(store, "ana", _day(5)).athlete.name == "Ana"


def test_a_session_without_rpe_is_estimated_and_noted(store: Store) -> None:
    _athlete(store)
    _run(store, 0, 30, rpe=None, session_type="tempo")
    _lift(store, 0, rpe=None)
    status = athlete_status(store, "Ana", _day(0))
    assert status.sessions_with_estimated_rpe == 2
    assert status.load.today_au == 7 * 30 + 6 * 50
    assert len(status.notes) == 1 and "2 sessions had no RPE" in status.notes[0]


# ---------------------------------------------------------------------------------------------
# the demo: every kind of signal on some date


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Store, date, tuple[RiskSignal, ...]]]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    try:
        seed_demo(store, today=DEMO_TODAY)
        athlete, first, signals = signal_history(store, None, DEMO_TODAY)
        assert athlete.name == "Demo Runner"
        yield store, first, signals
    finally:
        store.dispose()


def test_demo_produces_every_kind_of_signal(
    demo: tuple[Store, date, tuple[RiskSignal, ...]],
) -> None:
    _, first, signals = demo
    assert {s.kind for s in signals} == set(RISK_KINDS)
    for signal in signals:
        assert signal.evidence_grade == GRADES[signal.kind]
        assert all(math.isfinite(v) for v in signal.metrics.values())
        assert first <= first + timedelta(days=signal.day_index) < DEMO_TODAY
    keys = [(s.day_index, s.kind, tuple(sorted(s.labels.items()))) for s in signals]
    assert len(keys) == len(set(keys))  # one signal per kind, day and subject
    assert [s.day_index for s in signals] == sorted(s.day_index for s in signals)


def test_demo_signals_tell_its_story(demo: tuple[Store, date, tuple[RiskSignal, ...]]) -> None:
    _, _, signals = demo
    by_kind: dict[str, list[RiskSignal]] = {}
    for signal in signals:
        by_kind.setdefault(signal.kind, []).append(signal)
    assert {s.labels["weaker_side"] for s in by_kind["asymmetry"]} == {"right"}
    assert {s.severity for s in by_kind["asymmetry"]} == {"high"}
    assert {s.labels["location"] for s in by_kind["pain_reported"]} == {"left knee"}
    assert {s.labels["run_type"] for s in by_kind["heavy_legs_before_key_run"]} == {
        "interval session"
    }
    assert {s.severity for s in by_kind["easy_runs_too_hard"]} == {"info"}


def test_status_on_a_signal_date_shows_the_same_signal(
    demo: tuple[Store, date, tuple[RiskSignal, ...]],
) -> None:
    store, first, signals = demo
    checked = set()
    for kind in RISK_KINDS:
        days = [s.day_index for s in signals if s.kind == kind]
        for day_index in {days[0], days[-1]}:
            status = athlete_status(store, None, first + timedelta(days=day_index))
            assert status.log_starts == first
            expected = [s for s in signals if s.kind == kind and s.day_index == day_index]
            found = _signals(status, kind)
            assert [(s.severity, s.explanation) for s in found] == [
                (s.severity, s.explanation) for s in expected
            ]
            checked.add(kind)
    assert checked == set(RISK_KINDS)


def test_history_up_to_a_date_stops_there(
    demo: tuple[Store, date, tuple[RiskSignal, ...]],
) -> None:
    store, first, signals = demo
    cut = date(2026, 7, 1)
    _, first_again, earlier = signal_history(store, "Demo Runner", cut)
    assert first_again == first
    limit = (cut - first).days
    assert earlier == tuple(s for s in signals if s.day_index <= limit)
