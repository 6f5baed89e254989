"""Tests for runstrong.science.evidence.markers on synthetic runs with known answers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.science.evidence import (
    efficiency_marker,
    hr_drift_percent,
    weekly_best,
    weekly_median,
)

HOUR = np.arange(3600.0)


def _expected_drift(speed: np.ndarray, hr: np.ndarray) -> float:
    half = speed.size // 2
    first = speed[:half].mean() / hr[:half].mean()
    second = speed[half:].mean() / hr[half:].mean()
    return float((first - second) / first * 100)


# --- heart-rate drift (Pa:HR decoupling) --------------------------------------------------------


def test_hr_drift_of_a_known_linear_rise() -> None:
    hr = 140 + 10 * HOUR / 3600
    speed = np.full(3600, 3.0)
    # Halves' mean HR: 142.5 and 147.5 bpm (less half a sample) → 1 − 142.5/147.5 = 3.39 %.
    assert hr_drift_percent(HOUR, hr, speed) == pytest.approx(3.39, abs=0.01)
    assert hr_drift_percent(HOUR, hr, speed) == pytest.approx(_expected_drift(speed, hr))


def test_hr_drift_zero_for_a_coupled_run_and_negative_when_hr_falls() -> None:
    assert hr_drift_percent(HOUR, np.full(3600, 145.0), np.full(3600, 3.0)) == pytest.approx(0)
    assert hr_drift_percent(HOUR, 150 - 10 * HOUR / 3600, np.full(3600, 3.0)) < 0


def test_hr_drift_from_pace_fading_at_the_same_heart_rate() -> None:
    speed = np.where(HOUR < 1800, 3.0, 2.85)
    assert hr_drift_percent(HOUR, np.full(3600, 150.0), speed) == pytest.approx(5.0)


def test_hr_drift_leaves_out_warm_up_stops_pauses_and_gaps() -> None:
    hr = 140 + 10 * HOUR / 3600
    speed = np.full(3600, 3.0)
    reference = hr_drift_percent(HOUR, hr, speed)
    # A 10-minute warm-up at low heart rate, left out by warmup_s.
    warm_time = np.concatenate((np.arange(600.0), HOUR + 600))
    warm_hr = np.concatenate((np.full(600, 110.0), hr))
    warm_speed = np.concatenate((np.full(600, 2.5), speed))
    assert hr_drift_percent(warm_time, warm_hr, warm_speed, warmup_s=600) == pytest.approx(
        reference
    )
    # Standing still at a traffic light (speed 0) and missing samples do not count.
    stopped_speed = speed.copy()
    stopped_speed[1000:1060] = 0.0
    missing_hr = hr.copy()
    missing_hr[2000:2010] = np.nan
    assert hr_drift_percent(HOUR, missing_hr, stopped_speed) == pytest.approx(reference, abs=0.05)
    # Smart recording (a sample every 2 s) gives the same answer as 1 Hz.
    assert hr_drift_percent(HOUR[::2], hr[::2], speed[::2]) == pytest.approx(reference, abs=0.01)
    # A 5-minute pause (a gap in the time stamps) is not running time.
    paused = np.where(HOUR < 1800, HOUR, HOUR + 300)
    assert hr_drift_percent(paused, hr, speed) == pytest.approx(reference, abs=0.01)


@pytest.mark.parametrize(
    ("time_s", "hr", "speed", "message"),
    [
        (np.arange(600.0), np.full(600, 140.0), np.full(600, 3.0), "at least 1200 s"),
        (np.arange(3.0), np.full(2, 140.0), np.full(3, 3.0), "equal length"),
        (np.zeros(3600), np.full(3600, 140.0), np.full(3600, 3.0), "increasing"),
    ],
)
def test_hr_drift_refuses_bad_runs(
    time_s: np.ndarray, hr: np.ndarray, speed: np.ndarray, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        hr_drift_percent(time_s, hr, speed)


# --- efficiency: speed at a reference heart rate ------------------------------------------------


def test_efficiency_recovers_fitness_while_it_changes() -> None:
    rng = np.random.default_rng(1)
    n_runs = 120
    weeks = np.sort(rng.integers(0, 40, n_runs))
    fitness = 2.9 + 0.005 * weeks  # speed at 140 bpm, improving 0.005 m/s a week
    hr = rng.uniform(128, 152, n_runs)
    speed = fitness + 0.025 * (hr - 140)
    marker = efficiency_marker(speed, hr, weeks, reference_hr_bpm=140)
    assert marker.method == "within-athlete slope"
    # Fitness still changes a little inside each 4-week block: the slope is close, not exact.
    assert marker.slope_m_per_s_per_bpm == pytest.approx(0.025, rel=0.02)
    np.testing.assert_allclose(marker.speed_m_per_s, fitness, atol=0.01)
    assert marker.n_runs == n_runs


def test_efficiency_slope_is_not_bent_by_fitness_changing_over_months() -> None:
    # Fitter later, and easy runs later in the year also ran at higher heart rates: a pooled
    # slope would mix the two; the within-block slope does not.
    weeks = np.repeat(np.arange(24), 3)
    hr = 130 + weeks + np.tile([-4.0, 0.0, 4.0], 24)
    speed = 2.8 + 0.02 * weeks + 0.03 * (hr - 140)
    pooled = np.polyfit(hr, speed, 1)[0]
    marker = efficiency_marker(speed, hr, weeks, reference_hr_bpm=140, window_weeks=1)
    assert pooled > 0.04
    assert marker.slope_m_per_s_per_bpm == pytest.approx(0.03)


def test_efficiency_defaults_to_the_median_heart_rate() -> None:
    hr = np.array([135.0, 140.0, 145.0, 138.0, 142.0, 150.0, 139.0, 141.0, 143.0])
    marker = efficiency_marker(3.0 + 0.02 * (hr - 140), hr, np.zeros(9, dtype=int))
    assert marker.reference_hr_bpm == 141.0
    np.testing.assert_allclose(marker.speed_m_per_s, 3.02)


def test_efficiency_falls_back_to_the_ratio_with_few_runs_or_no_spread() -> None:
    few = efficiency_marker([3.0, 3.3], [140.0, 150.0], [0, 1], reference_hr_bpm=140)
    assert few.method == "ratio"
    np.testing.assert_allclose(few.speed_m_per_s, [3.0, 3.3 * 140 / 150])
    flat = efficiency_marker(np.linspace(2.8, 3.2, 10), np.full(10, 140.0), np.arange(10))
    assert flat.method == "ratio"


@pytest.mark.parametrize(
    ("speed", "hr", "weeks", "message"),
    [
        ([3.0, -1.0], [140.0, 140.0], [0, 0], "above zero"),
        ([3.0, 3.0], [140.0, 300.0], [0, 0], "30 to 250"),
        ([3.0, 3.0], [140.0, 140.0], [0], "same length"),
        ([3.0], [140.0], [-1], "whole numbers"),
        ([], [], [], "at least one run"),
    ],
)
def test_efficiency_validates(
    speed: list[float], hr: list[float], weeks: list[int], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        efficiency_marker(speed, hr, np.asarray(weeks, dtype=int))


# --- weekly aggregation -------------------------------------------------------------------------


def test_weekly_median_and_best() -> None:
    weeks = [0, 0, 0, 0, 2, 3]
    values = [3.0, 3.2, 2.8, float("nan"), 3.1, 3.4]
    np.testing.assert_allclose(weekly_median(weeks, values, 5), [3.0, np.nan, 3.1, 3.4, np.nan])
    np.testing.assert_allclose(weekly_best(weeks, values, 3), [3.2, np.nan, 3.1])
    np.testing.assert_allclose(
        weekly_best(weeks, values, 3, higher_is_better=False), [2.8, np.nan, 3.1]
    )
    assert weekly_median([], [], 2).tolist() == [pytest.approx(np.nan, nan_ok=True)] * 2


@given(
    st.lists(
        st.tuples(st.integers(0, 9), st.floats(-100, 100, allow_nan=False)),
        max_size=60,
    )
)
def test_weekly_median_matches_numpy_per_week(runs: list[tuple[int, float]]) -> None:
    weeks = np.array([week for week, _ in runs], dtype=int)
    values = np.array([value for _, value in runs], dtype=float)
    result = weekly_median(weeks, values, 10)
    for week in range(10):
        chosen = values[weeks == week]
        if chosen.size:
            assert result[week] == pytest.approx(np.median(chosen))
        else:
            assert np.isnan(result[week])
