"""``services.daily_series.build_daily_inputs``: sessions in, day-indexed series out (pure).

Loads are session-RPE (CR-10 RPE × minutes, docs/science.md section 3); days are the athlete's
local days; hard sets follow the exercise library's muscles.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.library import load_catalog
from runstrong.science import LoggedSet, PainReport, set_one_rep_max
from runstrong.services.daily_series import (
    DEFAULT_RPE_BY_SESSION_TYPE,
    DailyInputs,
    build_daily_inputs,
    estimated_rpe,
)

LA = ZoneInfo("America/Los_Angeles")
LJUBLJANA = ZoneInfo("Europe/Ljubljana")
DAY0 = date(2025, 3, 3)
CATALOG = load_catalog()


def _at(day: date, clock: time = time(7, 0), zone: ZoneInfo | None = None) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone or UTC)


def _run(
    started_at: datetime, minutes: float, rpe: float | None = 5.0, **changes: object
) -> Activity:
    values: dict[str, object] = {
        "started_at": started_at,
        "sport": "running",
        "moving_time_s": minutes * 60,
        "distance_m": minutes * 60 * 3.0,
        "session_type": "easy",
        "rpe": rpe,
    }
    values.update(changes)
    return Activity(**values)  # type: ignore[arg-type]


def _lift(
    started_at: datetime,
    *sets: StrengthSet,
    minutes: float | None = 50,
    rpe: float | None = 6.0,
    **changes: object,
) -> StrengthSession:
    return StrengthSession(
        started_at=started_at,
        sets=sets or (StrengthSet("leg-press", 6, 140.0, 8.0),),
        duration_s=None if minutes is None else minutes * 60,
        rpe=rpe,
        **changes,  # type: ignore[arg-type]
    )


def _build(
    activities: list[Activity],
    strength: list[StrengthSession],
    first: date = DAY0,
    last: date | None = None,
    athlete: Athlete | None = None,
) -> DailyInputs:
    return build_daily_inputs(
        athlete or Athlete("Ana"),
        activities,
        strength,
        first,
        last or first + timedelta(days=6),
        CATALOG,
    )


# ---------------------------------------------------------------------------------------------
# loads on one scale


def test_runs_lifting_and_other_sport_are_session_rpe_loads_on_one_scale() -> None:
    inputs = _build(
        [
            _run(_at(DAY0), 20, rpe=5),  # 5 × 20 min = 100
            _run(_at(DAY0 + timedelta(1), time(6)), 30, rpe=4, sport="cycling", distance_m=9000.0),
        ],
        [_lift(_at(DAY0 + timedelta(1), time(18)), minutes=50, rpe=6)],  # 6 × 50 = 300
        last=DAY0 + timedelta(2),
    )
    assert inputs.first_day == DAY0 and inputs.n_days == 3
    np.testing.assert_allclose(inputs.running_load, [100, 0, 0])
    np.testing.assert_allclose(inputs.strength_load, [0, 300, 0])
    np.testing.assert_allclose(inputs.other_load, [0, 120, 0])
    np.testing.assert_allclose(inputs.daily_load, [100, 420, 0])
    np.testing.assert_allclose(inputs.risk.daily_load, inputs.daily_load)
    # only runs count as running distance and time
    np.testing.assert_allclose(inputs.running_distance_m, [3600, 0, 0])
    np.testing.assert_allclose(inputs.running_time_s, [1200, 0, 0])
    np.testing.assert_allclose(inputs.strength_sessions, [0, 1, 0])
    assert inputs.sessions_with_estimated_rpe == 0
    assert [run.day_index for run in inputs.risk.runs] == [0]


def test_several_sessions_on_one_day_add_up() -> None:
    inputs = _build(
        [_run(_at(DAY0, time(6)), 20), _run(_at(DAY0, time(17)), 40, rpe=6)],
        [_lift(_at(DAY0, time(19)), minutes=30, rpe=5)],
        last=DAY0,
    )
    np.testing.assert_allclose(inputs.daily_load, [100 + 240 + 150])
    assert inputs.strength_sessions.tolist() == [1.0]
    assert len(inputs.risk.runs) == 2


def test_sessions_outside_the_window_are_left_out() -> None:
    last = DAY0 + timedelta(days=2)
    inputs = _build(
        [
            _run(_at(DAY0 - timedelta(days=1), time(23, 59)), 20),
            _run(_at(DAY0, time(0, 0)), 20),
            _run(_at(last, time(23, 59)), 30),
            _run(_at(last + timedelta(days=1), time(0, 0)), 40),
        ],
        [_lift(_at(last + timedelta(days=1), time(0, 1)))],
        last=last,
    )
    np.testing.assert_allclose(inputs.running_load, [100, 0, 150])
    np.testing.assert_allclose(inputs.strength_load, [0, 0, 0])
    assert len(inputs.risk.runs) == 2


# ---------------------------------------------------------------------------------------------
# local days


def test_a_late_evening_run_belongs_to_the_athletes_local_day() -> None:
    """23:30 in Los Angeles (PST, UTC−8) is 07:30 UTC the next day."""
    local_day = date(2025, 1, 15)
    late = datetime(2025, 1, 16, 7, 30, tzinfo=UTC)
    assert late.astimezone(LA).date() == local_day
    after_midnight = datetime(2025, 1, 16, 8, 10, tzinfo=UTC)  # 00:10 local on the 16th
    lift = datetime(2025, 1, 16, 7, 50, tzinfo=UTC)  # 23:50 local on the 15th
    athlete = Athlete("Lee", timezone="America/Los_Angeles")
    inputs = _build(
        [_run(late, 20, distance_m=4000.0), _run(after_midnight, 30, distance_m=6000.0)],
        [_lift(lift)],
        first=local_day - timedelta(days=1),
        last=local_day + timedelta(days=1),
        athlete=athlete,
    )
    np.testing.assert_allclose(inputs.running_distance_m, [0, 4000, 6000])
    np.testing.assert_allclose(inputs.running_load, [0, 100, 150])
    np.testing.assert_allclose(inputs.strength_load, [0, 300, 0])
    starts = [run.start_h for run in inputs.risk.runs]
    assert starts == pytest.approx([24 + 23.5, 48 + 10 / 60])
    assert [run.day_index for run in inputs.risk.runs] == [1, 2]
    assert inputs.risk.leg_sessions[0].start_h == pytest.approx(24 + 23 + 50 / 60)
    assert {logged.day_index for logged in inputs.sets} == {1}


def test_the_same_instant_is_a_different_day_in_utc() -> None:
    late = datetime(2025, 1, 16, 7, 30, tzinfo=UTC)
    inputs = _build(
        [_run(late, 20)], [], first=date(2025, 1, 15), last=date(2025, 1, 16)
    )  # athlete in UTC
    np.testing.assert_allclose(inputs.running_load, [0, 100])


def test_hours_between_sessions_are_real_hours_across_a_dst_change() -> None:
    lift = datetime(2025, 3, 28, 17, 30, tzinfo=LJUBLJANA)
    run = datetime(2025, 3, 30, 18, 0, tzinfo=LJUBLJANA)  # clocks went forward at 02:00
    real_hours = (run.astimezone(UTC) - lift.astimezone(UTC)).total_seconds() / 3600
    assert real_hours == 47.5
    inputs = _build(
        [_run(run, 50, session_type="tempo")],
        [_lift(lift, StrengthSet("leg-press", 5, 150.0, 9.0))],
        first=date(2025, 3, 28),
        last=date(2025, 3, 30),
        athlete=Athlete("Ana", timezone="Europe/Ljubljana"),
    )
    gap = inputs.risk.runs[0].start_h - inputs.risk.leg_sessions[0].start_h
    assert gap == pytest.approx(real_hours)


# ---------------------------------------------------------------------------------------------
# missing RPE, TRIMP


@pytest.mark.parametrize("session_type", ["recovery", "easy", "tempo", "interval", "race", None])
def test_a_run_without_rpe_uses_the_typical_rpe_for_its_type(session_type: str | None) -> None:
    inputs = _build([_run(_at(DAY0), 30, rpe=None, session_type=session_type)], [], last=DAY0)
    typical = DEFAULT_RPE_BY_SESSION_TYPE[session_type]
    assert estimated_rpe(session_type) == typical  # type: ignore[arg-type]
    np.testing.assert_allclose(inputs.running_load, [typical * 30])
    assert inputs.sessions_with_estimated_rpe == 1
    assert inputs.risk.runs[0].rpe is None  # the estimate is for load only, not for risk rules


def test_a_lift_without_rpe_or_duration_is_taken_as_45_minutes_at_rpe_6() -> None:
    inputs = _build(
        [_run(_at(DAY0), 20)],
        [_lift(_at(DAY0, time(18)), minutes=None, rpe=None), _lift(_at(DAY0, time(19)), rpe=None)],
        last=DAY0,
    )
    np.testing.assert_allclose(inputs.strength_load, [6 * 45 + 6 * 50])
    assert inputs.sessions_with_estimated_rpe == 2


def test_trimp_needs_heart_rate_and_the_athletes_resting_and_maximum_hr() -> None:
    run = _run(_at(DAY0), 60, avg_hr_bpm=150.0)
    with_hr = Athlete("Max", sex="male", hr_rest_bpm=60, hr_max_bpm=190)
    # docs/science.md section 3: 60 min, HRavg 150, rest 60, max 190 → men 100.44
    assert _build([run], [], athlete=with_hr).trimp[0] == pytest.approx(100.44, abs=0.01)
    female = Athlete("Eva", sex="female", hr_rest_bpm=60, hr_max_bpm=190)
    assert _build([run], [], athlete=female).trimp[0] == pytest.approx(113.52, abs=0.01)
    assert _build([run], [], athlete=Athlete("No HR")).trimp.sum() == 0
    assert _build([_run(_at(DAY0), 60)], [], athlete=with_hr).trimp.sum() == 0
    above_max = _run(_at(DAY0), 60, avg_hr_bpm=195.0)
    assert _build([above_max], [], athlete=with_hr).trimp.sum() == 0  # no crash, no TRIMP


# ---------------------------------------------------------------------------------------------
# strength volume

KNOWN_SESSION = (
    *(StrengthSet("leg-press", 6, 140.0, 8.0) for _ in range(4)),
    *(StrengthSet("romanian-deadlift", 8, 60.0, 7.0) for _ in range(3)),
    *(StrengthSet("standing-calf-raise", 12, 40.0, 6.0) for _ in range(3)),  # RPE 6: not hard
    *(StrengthSet("dead-bug", 10, 0.0) for _ in range(3)),  # no RPE: a working set, hard
    *(StrengthSet("single-leg-leg-press", 8, 70.0, 8.0, side) for side in ("left", "right") * 3),
    *(StrengthSet("pogo-jumps", 20, 0.0) for _ in range(3)),
    *(StrengthSet("box-jump", 5, 0.0) for _ in range(3)),
)
# Worked by hand from the library: primary 1, secondary 0.5, a one-side set half of that.
KNOWN_HARD_SETS = {
    "quadriceps": 4 + 3,
    "glutes": 4 + 3 + 3,
    "hamstrings": 2 + 3 + 1.5,
    "adductors": 2 + 1.5 + 1.5,
    "lower-back": 1.5,
    "hip-abductors": 1.5,
    "core": 3,
    "hip-flexors": 1.5,
    "obliques": 1.5,
}


def _hard_sets_from_library(sets: tuple[StrengthSet, ...]) -> dict[str, float]:
    expected: dict[str, float] = {}
    for item in sets:
        exercise = CATALOG.get(item.exercise_slug)
        if exercise.category not in ("strength", "core") or (item.rpe is not None and item.rpe < 7):
            continue
        side = 1.0 if item.side == "both" else 0.5
        for muscles, weight in ((exercise.primary_muscles, 1.0), (exercise.secondary_muscles, 0.5)):
            for muscle in muscles:
                expected[muscle] = expected.get(muscle, 0.0) + weight * side
    return expected


def test_hard_sets_per_muscle_for_a_known_session() -> None:
    assert CATALOG.get("leg-press").primary_muscles == ("quadriceps", "glutes")
    assert _hard_sets_from_library(KNOWN_SESSION) == pytest.approx(KNOWN_HARD_SETS)
    inputs = _build([], [_lift(_at(DAY0 + timedelta(1), time(18)), *KNOWN_SESSION)])
    by_muscle = {
        muscle: float(series[1])
        for muscle, series in inputs.volume.hard_sets_by_muscle.items()
        if series[1] > 0
    }
    assert by_muscle == pytest.approx(KNOWN_HARD_SETS)
    # leg press 4 + RDL 3 + single-leg 6 × 0.5; the calf raises were not hard, dead bugs are core
    assert inputs.volume.lower_body_hard_sets.tolist() == [0, 10, 0, 0, 0, 0, 0]
    assert inputs.volume.foot_contacts[1] == 3 * 20 + 3 * 5
    np.testing.assert_allclose(inputs.risk.daily_lower_body_hard_sets, [0, 10, 0, 0, 0, 0, 0])


def test_unknown_exercises_are_left_out_of_volume_but_not_of_load() -> None:
    session = _lift(
        _at(DAY0, time(18)),
        StrengthSet("unknown:zercher-squat", 5, 100.0, 9.0),
        StrengthSet("calf-press", 10, 100.0, 8.0),
        minutes=40,
        rpe=5,
    )
    inputs = _build([], [session], last=DAY0)
    assert [logged.exercise_slug for logged in inputs.sets] == ["calf-press"]
    assert set(inputs.volume.hard_sets_by_muscle) == {"calves"}
    np.testing.assert_allclose(inputs.strength_load, [200])


def test_sets_get_a_reference_e1rm_from_earlier_sessions_and_sides_go_to_risk() -> None:
    inputs = _build(
        [],
        [
            _lift(_at(DAY0, time(18)), StrengthSet("leg-press", 5, 150.0, 8.0)),
            _lift(
                _at(DAY0 + timedelta(3), time(18)),
                StrengthSet("leg-press", 5, 160.0),
                StrengthSet("single-leg-leg-press", 8, 100.0, 8.0, "left"),
                StrengthSet("single-leg-leg-press", 8, 80.0, 8.0, "right"),
            ),
        ],
    )
    first, later = inputs.sets[0], inputs.sets[1]
    assert first.reference_e1rm_kg is None
    assert later.reference_e1rm_kg == pytest.approx(set_one_rep_max(150.0, 5, 8.0))
    assert [(s.exercise_slug, s.side, s.day_index) for s in inputs.risk.single_leg_sets] == [
        ("single-leg-leg-press", "left", 3),
        ("single-leg-leg-press", "right", 3),
    ]
    assert (
        inputs.risk.exercise_names["single-leg-leg-press"]
        == CATALOG.get("single-leg-leg-press").name
    )
    assert all(isinstance(s, LoggedSet) for s in inputs.sets)


def test_leg_sessions_summarise_lower_body_work_only() -> None:
    inputs = _build(
        [],
        [
            _lift(_at(DAY0, time(18)), StrengthSet("leg-press", 5, 150.0, 9.0), rpe=7),
            _lift(_at(DAY0 + timedelta(1), time(18)), StrengthSet("dead-bug", 10, 0.0), rpe=9),
            _lift(_at(DAY0 + timedelta(2), time(17, 30)), StrengthSet("calf-press", 10, 80.0)),
        ],
    )
    legs = inputs.risk.leg_sessions
    assert [leg.start_h for leg in legs] == pytest.approx([18.0, 48 + 17.5])
    assert legs[0].top_rpe == 9.0  # the set RPE beats the session RPE
    assert legs[1].top_rpe == 6.0  # only the session RPE is known


# ---------------------------------------------------------------------------------------------
# runs and pain for the risk rules


def test_runs_carry_their_type_and_logged_rpe() -> None:
    inputs = _build(
        [
            _run(_at(DAY0, time(6, 15)), 40, rpe=7, session_type="tempo"),
            _run(_at(DAY0 + timedelta(2)), 60, rpe=None, session_type="long"),
            _run(_at(DAY0), 30, sport="cycling"),  # not a run
        ],
        [],
    )
    assert [(r.start_h, r.session_type, r.rpe) for r in inputs.risk.runs] == [
        (6.25, "tempo", 7),
        (55.0, "long", None),
    ]


def test_pain_reports_with_a_location_are_placed_on_their_local_day() -> None:
    athlete = Athlete("Lee", timezone="America/Los_Angeles")
    inputs = _build(
        [
            _run(
                datetime(2025, 1, 16, 7, 30, tzinfo=UTC),
                20,
                pain_score=5,
                pain_location="left knee",
            )
        ],
        [
            _lift(
                datetime(2025, 1, 17, 2, 0, tzinfo=UTC),
                pain_score=3,
                pain_location="lower back",
            )
        ],
        first=date(2025, 1, 14),
        last=date(2025, 1, 17),
        athlete=athlete,
    )
    assert inputs.risk.pain_reports == (
        PainReport(1, 5, "left knee"),
        PainReport(2, 3, "lower back"),
    )
