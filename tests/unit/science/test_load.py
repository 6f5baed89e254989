"""Tests for runstrong.science.load against docs/science.md section 3."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.science.load import (
    acwr_ewma,
    acwr_rolling,
    as_daily_series,
    banister_trimp,
    daily_totals,
    ewma,
    fitness_fatigue,
    monotony,
    rolling_sum,
    rtss,
    session_rpe_load,
    strain,
)

WEEK = [300.0, 0.0, 450.0, 0.0, 300.0, 600.0, 0.0]
# science.md: six weeks of WEEK, then one week of double
ACWR_SERIES = np.array(WEEK * 6 + [2 * load for load in WEEK])

daily_loads = st.lists(
    st.floats(min_value=0.0, max_value=2000.0, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=400,
)


# --- session loads ----------------------------------------------------------------------------


def test_session_rpe_load_is_rpe_times_minutes() -> None:
    assert session_rpe_load(7, 45 * 60) == pytest.approx(315.0)


@pytest.mark.parametrize(("rpe", "duration_s"), [(-1, 600), (11, 600), (5, -1), (math.nan, 60)])
def test_session_rpe_load_refuses_bad_input(rpe: float, duration_s: float) -> None:
    with pytest.raises(ValidationError):
        session_rpe_load(rpe, duration_s)


@pytest.mark.parametrize(("sex", "expected"), [("male", 100.44), ("female", 113.52)])
def test_banister_trimp_matches_science_vector(sex: str, expected: float) -> None:
    assert banister_trimp(3600, 150, 60, 190, sex) == pytest.approx(expected, abs=0.01)  # type: ignore[arg-type]


def test_banister_trimp_unspecified_is_the_mean_of_both() -> None:
    assert banister_trimp(3600, 150, 60, 190) == pytest.approx((100.44 + 113.52) / 2, abs=0.01)


def test_banister_trimp_below_rest_is_zero() -> None:
    assert banister_trimp(3600, 55, 60, 190, "male") == 0.0


@pytest.mark.parametrize(
    ("hr_avg", "hr_rest", "hr_max", "message"),
    [(200, 60, 190, "above the athlete's maximum"), (150, 190, 190, "must be below hr_max_bpm")],
)
def test_banister_trimp_refuses_inconsistent_heart_rates(
    hr_avg: float, hr_rest: float, hr_max: float, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        banister_trimp(3600, hr_avg, hr_rest, hr_max, "male")


def test_banister_trimp_refuses_unknown_sex() -> None:
    with pytest.raises(ValidationError, match="sex must be"):
        banister_trimp(3600, 150, 60, 190, "other")  # type: ignore[arg-type]


def test_rtss_is_hours_times_if_squared_times_100() -> None:
    assert rtss(3600, 4.0, 4.0) == pytest.approx(100.0)
    assert rtss(7200, 3.0, 4.0) == pytest.approx(2 * 0.75**2 * 100)


def test_rtss_refuses_zero_threshold() -> None:
    with pytest.raises(ValidationError, match="threshold_speed_m_per_s"):
        rtss(3600, 4.0, 0.0)


# --- series helpers ---------------------------------------------------------------------------


def test_as_daily_series_refuses_negative_nan_and_2d() -> None:
    with pytest.raises(ValidationError, match="zero or more"):
        as_daily_series("daily_load", [1.0, -2.0])
    with pytest.raises(ValidationError, match="finite"):
        as_daily_series("daily_load", [1.0, math.nan])
    with pytest.raises(ValidationError, match="1-D"):
        as_daily_series("daily_load", [[1.0]])


def test_daily_totals_adds_sessions_per_day_and_drops_later_days() -> None:
    totals = daily_totals([0, 0, 3, 9], [10.0, 5.0, 2.0, 99.0], 5)
    np.testing.assert_array_equal(totals, [15.0, 0.0, 0.0, 2.0, 0.0])


def test_daily_totals_refuses_negative_days() -> None:
    with pytest.raises(ValidationError, match="day_index"):
        daily_totals([-1], [1.0], 3)


def test_rolling_sum_of_rest_days_is_exactly_zero() -> None:
    sums = rolling_sum([1e6, 0.1, 0.2] + [0.0] * 10, 7)
    assert sums[-1] == 0.0


def test_empty_series_give_empty_results() -> None:
    empty: list[float] = []
    curves = fitness_fatigue(empty)
    assert curves.ctl.size == curves.atl.size == curves.tsb.size == 0
    for function in (acwr_rolling, acwr_ewma, monotony, strain, rolling_sum):
        assert function(empty).size == 0


# --- fitness-fatigue --------------------------------------------------------------------------


def test_fitness_fatigue_matches_science_vector() -> None:
    curves = fitness_fatigue(np.full(42, 100.0))
    assert curves.ctl[-1] == pytest.approx(63.65, abs=0.01)
    assert curves.atl[-1] == pytest.approx(99.85, abs=0.01)


def test_tsb_uses_yesterdays_values() -> None:
    curves = fitness_fatigue([100.0, 0.0, 50.0], initial_ctl=10.0, initial_atl=4.0)
    assert curves.tsb[0] == pytest.approx(6.0)
    np.testing.assert_allclose(curves.tsb[1:], curves.ctl[:-1] - curves.atl[:-1])


def test_fitness_fatigue_starts_from_initial_values() -> None:
    curves = fitness_fatigue([0.0], initial_ctl=42.0, initial_atl=7.0)
    assert curves.ctl[0] == pytest.approx(41.0)
    assert curves.atl[0] == pytest.approx(6.0)


@given(daily_loads)
def test_fitness_and_fatigue_stay_non_negative(loads: list[float]) -> None:
    curves = fitness_fatigue(loads)
    assert np.all(curves.ctl >= 0) and np.all(curves.atl >= 0)
    assert np.all(curves.ctl <= max(loads) + 1e-9) and np.all(curves.atl <= max(loads) + 1e-9)


@given(st.floats(min_value=1.0, max_value=1000.0))
def test_constant_load_drives_ctl_and_atl_to_the_load(load: float) -> None:
    curves = fitness_fatigue(np.full(1000, load))
    assert curves.ctl[-1] == pytest.approx(load, rel=1e-6)
    assert curves.atl[-1] == pytest.approx(load, rel=1e-6)
    assert curves.tsb[-1] == pytest.approx(0.0, abs=load * 1e-6)


# --- ACWR -------------------------------------------------------------------------------------


def test_acwr_rolling_matches_science_vector() -> None:
    assert acwr_rolling(ACWR_SERIES)[-1] == pytest.approx(1.600, abs=0.001)


def test_acwr_ewma_matches_science_vector() -> None:
    assert acwr_ewma(ACWR_SERIES)[-1] == pytest.approx(1.358, abs=0.001)


def test_acwr_is_nan_before_a_full_chronic_window() -> None:
    rolling, weighted = acwr_rolling(ACWR_SERIES), acwr_ewma(ACWR_SERIES)
    assert np.all(np.isnan(rolling[:27])) and np.all(np.isnan(weighted[:27]))
    assert np.all(np.isfinite(rolling[27:])) and np.all(np.isfinite(weighted[27:]))


def test_acwr_is_nan_when_chronic_load_is_zero() -> None:
    assert np.all(np.isnan(acwr_rolling(np.zeros(40))))
    assert np.all(np.isnan(acwr_ewma(np.zeros(40))))


def test_acwr_ewma_min_history_can_be_shortened() -> None:
    ratio = acwr_ewma(np.full(3, 100.0), min_history_days=1)
    assert ratio[0] == pytest.approx((2 / 8) / (2 / 29))


def test_acwr_refuses_acute_longer_than_chronic() -> None:
    with pytest.raises(ValidationError, match="acute_days"):
        acwr_rolling(ACWR_SERIES, acute_days=30, chronic_days=28)


@given(st.floats(min_value=1.0, max_value=2000.0))
def test_ewma_acwr_of_a_constant_series_tends_to_one(load: float) -> None:
    ratio = acwr_ewma(np.full(400, load))
    assert ratio[-1] == pytest.approx(1.0, abs=1e-6)
    assert acwr_rolling(np.full(400, load))[-1] == pytest.approx(1.0)


def test_ewma_uses_span_lambda() -> None:
    np.testing.assert_allclose(ewma([100.0, 100.0], 7), [25.0, 43.75])


# --- monotony and strain ----------------------------------------------------------------------


def test_monotony_and_strain_match_science_vector() -> None:
    assert monotony(WEEK)[-1] == pytest.approx(1.049, abs=0.001)
    assert strain(WEEK)[-1] == pytest.approx(1730.5, abs=0.1)


def test_monotony_special_values() -> None:
    values = monotony([0.0] * 7 + [0.1] * 7)
    assert np.all(np.isnan(values[:7]))  # short history, then a week of rest
    assert values[-1] == math.inf  # the same load every day
    rest = strain([0.0] * 8)
    assert np.isnan(rest[0]) and rest[-1] == 0.0
    assert strain([0.1] * 7)[-1] == math.inf


@given(daily_loads)
@settings(max_examples=60)
def test_strain_is_weekly_load_times_monotony(loads: list[float]) -> None:
    weekly, mono, strains = rolling_sum(loads, 7), monotony(loads), strain(loads)
    finite = np.isfinite(mono)
    np.testing.assert_allclose(strains[finite], weekly[finite] * mono[finite], rtol=1e-9)
    assert np.all(np.isnan(strains[:6]))


def test_a_decade_runs_through_every_load_function() -> None:
    rng = np.random.default_rng(4)
    days = 3650
    loads = rng.choice([0.0, 250.0, 400.0, 600.0], size=days) * rng.uniform(0.8, 1.2, size=days)
    curves = fitness_fatigue(loads)
    results = [
        curves.ctl,
        curves.atl,
        curves.tsb,
        acwr_rolling(loads),
        acwr_ewma(loads),
        monotony(loads),
        strain(loads),
        rolling_sum(loads, 28),
    ]
    for result in results:
        assert result.shape == (days,)
        assert np.all(np.isfinite(result[27:]))
    assert curves.ctl[-1] == pytest.approx(loads[-400:].mean(), rel=0.2)
