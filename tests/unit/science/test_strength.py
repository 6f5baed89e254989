"""Tests for runstrong.science.strength against docs/science.md section 1."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import get_args

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.science.strength import (
    E1RM_METHODS,
    NSCA_PERCENT_BY_REPS,
    RPE_CHART_PERCENT_AT_RPE10,
    E1rmMethodName,
    E1rmReliabilityWarning,
    asymmetry_percent,
    asymmetry_percent_per_pair,
    estimate_one_rep_max,
    limb_symmetry_index,
    limb_symmetry_index_per_pair,
    load_for_target,
    one_rep_max_per_set,
    percent_one_rep_max,
    percent_one_rep_max_per_set,
    round_to_step,
    set_one_rep_max,
    target_load_kg,
)

METHODS: tuple[E1rmMethodName, ...] = get_args(E1rmMethodName)

# science.md: w = 100 kg, tolerance 0.05 kg
E1RM_VECTORS: list[tuple[E1rmMethodName, int, float]] = [
    ("epley", 5, 116.67),
    ("brzycki", 5, 112.50),
    ("lombardi", 5, 117.46),
    ("mayhew", 5, 119.01),
    ("oconner", 5, 112.50),
    ("wathan", 5, 116.58),
    ("lander", 5, 113.71),
    ("epley", 10, 133.33),
    ("brzycki", 10, 133.33),
    ("lombardi", 10, 125.89),
    ("mayhew", 10, 130.93),
    ("oconner", 10, 125.00),
    ("wathan", 10, 134.75),
    ("lander", 10, 134.07),
]

loads_kg = st.floats(min_value=1.0, max_value=500.0, allow_nan=False, allow_infinity=False)
methods = st.sampled_from(METHODS)
valid_rpes = st.sampled_from([6.0 + 0.5 * step for step in range(9)])


# --- estimate_one_rep_max -------------------------------------------------------------------


@pytest.mark.parametrize(("method", "reps", "expected_kg"), E1RM_VECTORS)
def test_e1rm_matches_published_vectors(
    method: E1rmMethodName, reps: int, expected_kg: float
) -> None:
    assert estimate_one_rep_max(100.0, reps, method) == pytest.approx(expected_kg, abs=0.05)


@pytest.mark.parametrize("method", METHODS)
def test_single_rep_returns_the_load_for_every_method(method: E1rmMethodName) -> None:
    assert estimate_one_rep_max(142.5, 1, method) == 142.5


def test_default_method_is_epley() -> None:
    assert estimate_one_rep_max(100.0, 5) == pytest.approx(116.67, abs=0.05)


def test_whole_float_reps_are_accepted() -> None:
    assert estimate_one_rep_max(100.0, 5.0) == estimate_one_rep_max(100.0, 5)  # type: ignore[arg-type]


def test_method_table_covers_every_method_name() -> None:
    assert tuple(E1RM_METHODS) == METHODS
    for name, info in E1RM_METHODS.items():
        assert info.name == name
        assert info.formula_text
        assert any(char.isdigit() for char in info.source)
        low, high = info.reliable_reps
        assert 1 <= low < high <= 12


@pytest.mark.parametrize("reps", range(1, 13))
def test_no_warning_up_to_twelve_reps(reps: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        estimate_one_rep_max(100.0, reps)


@pytest.mark.parametrize("reps", [13, 15, 20])
def test_warns_for_thirteen_to_twenty_reps(reps: int) -> None:
    with pytest.warns(E1rmReliabilityWarning, match="unreliable"):
        value = estimate_one_rep_max(100.0, reps, "brzycki")
    assert value > estimate_one_rep_max(100.0, 12, "brzycki")


@pytest.mark.parametrize(
    ("load_kg", "reps", "method", "message"),
    [
        (100.0, 0, "epley", r"reps must be a whole number from 1 to 20, got 0"),
        (100.0, -3, "epley", r"reps must be a whole number from 1 to 20, got -3"),
        (100.0, 21, "epley", r"reps must be a whole number from 1 to 20, got 21"),
        (100.0, 5.5, "epley", r"reps must be a whole number from 1 to 20, got 5\.5"),
        (100.0, True, "epley", r"reps must be a whole number"),
        (100.0, math.nan, "epley", r"reps must be a whole number"),
        (0.0, 5, "epley", r"load_kg must be greater than zero, got 0\.0"),
        (-20.0, 5, "epley", r"load_kg must be greater than zero"),
        (math.nan, 5, "epley", r"load_kg must be a finite number"),
        (math.inf, 5, "epley", r"load_kg must be a finite number"),
        (100.0, 5, "bogus", r"unknown e1RM method 'bogus': use one of epley, brzycki, lombardi"),
    ],
)
def test_e1rm_refuses_invalid_input(
    load_kg: float, reps: int, method: E1rmMethodName, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        estimate_one_rep_max(load_kg, reps, method)


@given(method=methods, reps=st.integers(1, 12), light_kg=loads_kg, heavy_kg=loads_kg)
def test_e1rm_increases_with_load(
    method: E1rmMethodName, reps: int, light_kg: float, heavy_kg: float
) -> None:
    if light_kg == heavy_kg:
        return
    light_kg, heavy_kg = sorted((light_kg, heavy_kg))
    assert estimate_one_rep_max(light_kg, reps, method) < estimate_one_rep_max(
        heavy_kg, reps, method
    )


@given(method=methods, load_kg=loads_kg, reps=st.integers(2, 11))
def test_e1rm_increases_strictly_with_reps(
    method: E1rmMethodName, load_kg: float, reps: int
) -> None:
    fewer = estimate_one_rep_max(load_kg, reps, method)
    more = estimate_one_rep_max(load_kg, reps + 1, method)
    assert fewer < more
    assert load_kg < fewer


# --- %1RM tables and load targets -----------------------------------------------------------


def test_nsca_table_matches_science_md() -> None:
    assert dict(NSCA_PERCENT_BY_REPS) == {
        1: 100,
        2: 95,
        3: 93,
        4: 90,
        5: 87,
        6: 85,
        7: 83,
        8: 80,
        9: 77,
        10: 75,
        11: 70,
        12: 67,
        15: 65,
    }


@pytest.mark.parametrize(("reps", "percent"), sorted(RPE_CHART_PERCENT_AT_RPE10.items()))
def test_rpe10_reproduces_the_chart(reps: int, percent: float) -> None:
    assert percent_one_rep_max(reps) == pytest.approx(percent)
    assert percent_one_rep_max(reps, 10.0) == pytest.approx(percent)


def test_rpe_chart_vector_five_reps_at_rpe_8() -> None:
    assert percent_one_rep_max(5, 8) == pytest.approx(81.1)
    assert percent_one_rep_max(5, 8) == percent_one_rep_max(7, 10)


def test_half_rpe_steps_interpolate_linearly() -> None:
    # 5 @ 8.5 = 6.5 reps @ RPE 10, halfway between 83.7 and 81.1
    assert percent_one_rep_max(5, 8.5) == pytest.approx(82.4)
    assert percent_one_rep_max(1, 6.5) == pytest.approx((89.2 + 86.3) / 2)


def test_rpe_chart_is_monotonic() -> None:
    percents = [RPE_CHART_PERCENT_AT_RPE10[reps] for reps in sorted(RPE_CHART_PERCENT_AT_RPE10)]
    assert percents == sorted(percents, reverse=True)


@pytest.mark.parametrize(
    ("reps", "rpe", "message"),
    [
        (5, 5.5, r"rpe must be from 6 to 10 in steps of 0\.5"),
        (5, 10.5, r"rpe must be from 6 to 10 in steps of 0\.5"),
        (5, 7.3, r"rpe must be from 6 to 10 in steps of 0\.5 \(e\.g\. 7\.5 or 8\), got 7\.3"),
        (5, math.nan, r"rpe must be from 6 to 10"),
        (0, 8, r"reps must be a whole number from 1 to 12, got 0"),
        (13, 10, r"reps must be a whole number from 1 to 12, got 13"),
        (10, 7, r"10 reps at RPE 7 equals 13 reps at RPE 10, beyond the chart's 12"),
        (12, 9.5, r"12 reps at RPE 9\.5 equals 12\.5 reps at RPE 10"),
    ],
)
def test_percent_refuses_out_of_chart(reps: int, rpe: float, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        percent_one_rep_max(reps, rpe)


def test_load_for_target_vector() -> None:
    assert target_load_kg(200.0, 5, 8) == pytest.approx(162.2)
    assert load_for_target(200.0, 5, 8) == pytest.approx(162.5)
    assert load_for_target(200.0, 5, 8, plate_step_kg=1.0) == pytest.approx(162.0)
    assert load_for_target(200.0, 5, 8, plate_step_kg=0.5) == pytest.approx(162.0)


def test_load_for_target_rounds_down_rather_than_exceed_the_e1rm() -> None:
    assert load_for_target(102.0, 1, 10) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("load_kg", "step_kg", "expected_kg"),
    [(162.2, 2.5, 162.5), (161.25, 2.5, 162.5), (161.2, 2.5, 160.0), (0.3, 0.1, 0.3), (0, 5, 0)],
)
def test_round_to_step(load_kg: float, step_kg: float, expected_kg: float) -> None:
    assert round_to_step(load_kg, step_kg) == pytest.approx(expected_kg)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: round_to_step(100.0, 0.0), r"step_kg must be greater than zero, got 0\.0"),
        (lambda: round_to_step(-1.0, 2.5), r"load_kg must be zero or more, got -1\.0"),
        (lambda: load_for_target(200.0, 5, 8, 0.0), r"plate_step_kg must be greater than zero"),
        (lambda: load_for_target(0.0, 5, 8), r"e1rm_kg must be greater than zero, got 0\.0"),
        (lambda: load_for_target(2.0, 1, 10), r"2\.00 kg is smaller than the plate step 2\.5 kg"),
    ],
)
def test_load_helpers_refuse_invalid_input(call: Callable[[], float], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        call()


@given(
    e1rm_kg=st.floats(min_value=5.0, max_value=500.0),
    reps=st.integers(1, 6),
    rpe=valid_rpes,
    plate_step_kg=st.sampled_from([0.5, 1.0, 1.25, 2.5, 5.0]),
)
def test_load_for_target_never_exceeds_e1rm(
    e1rm_kg: float, reps: int, rpe: float, plate_step_kg: float
) -> None:
    load_kg = load_for_target(e1rm_kg, reps, rpe, plate_step_kg)
    assert 0 < load_kg <= e1rm_kg
    assert abs(load_kg - target_load_kg(e1rm_kg, reps, rpe)) <= plate_step_kg + 1e-9


# --- asymmetry ------------------------------------------------------------------------------


def test_limb_symmetry_index_and_asymmetry() -> None:
    assert limb_symmetry_index(90.0, 100.0) == pytest.approx(90.0)
    assert limb_symmetry_index(100.0, 90.0) == pytest.approx(90.0)
    assert asymmetry_percent(85.0, 100.0) == pytest.approx(15.0)
    assert asymmetry_percent(120.0, 120.0) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("left", "right", "message"),
    [
        (0.0, 100.0, r"left must be greater than zero, got 0\.0"),
        (100.0, -5.0, r"right must be greater than zero, got -5\.0"),
        (math.inf, 100.0, r"left must be a finite number"),
    ],
)
def test_asymmetry_refuses_invalid_input(left: float, right: float, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        limb_symmetry_index(left, right)
    with pytest.raises(ValidationError, match=message):
        asymmetry_percent(left, right)


@given(
    left=st.floats(min_value=1e-3, max_value=1e4),
    right=st.floats(min_value=1e-3, max_value=1e4),
)
def test_lsi_is_between_zero_and_one_hundred(left: float, right: float) -> None:
    index = limb_symmetry_index(left, right)
    assert 0 < index <= 100
    assert index == limb_symmetry_index(right, left)
    assert asymmetry_percent(left, right) == pytest.approx(100 - index)


class TestSetOneRepMax:
    def test_reads_the_rpe_chart_when_the_set_has_an_rpe(self) -> None:
        # science.md: e1RM 200 kg, 5 reps @ RPE 8 -> 162.2 kg; read backwards.
        assert set_one_rep_max(162.2, 5, 8) == pytest.approx(200.0, abs=0.05)

    def test_falls_back_to_epley_without_rpe(self) -> None:
        assert set_one_rep_max(100, 10) == pytest.approx(133.33, abs=0.05)

    def test_adds_reps_in_reserve_beyond_the_chart(self) -> None:
        # 10 reps @ RPE 7 is 13 reps to failure: past the chart, so Epley on 13 reps.
        assert set_one_rep_max(100, 10, 7) == pytest.approx(100 * (1 + 13 / 30))

    def test_single_rep_at_rpe_10_is_the_load(self) -> None:
        assert set_one_rep_max(180, 1, 10) == pytest.approx(180)

    def test_refuses_sets_too_far_from_failure(self) -> None:
        with pytest.raises(ValidationError, match="too far from a maximal effort"):
            set_one_rep_max(40, 25)

    @given(
        load=st.floats(min_value=20, max_value=400),
        reps=st.integers(min_value=1, max_value=8),
        rpe=st.sampled_from([7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0]),
    )
    def test_never_below_the_load_lifted(self, load: float, reps: int, rpe: float) -> None:
        assert set_one_rep_max(load, reps, rpe) >= load - 1e-9


# --- the vectorised twins: the same rule for many sets at once -------------------------------

# Loads, reps and RPEs that reach every branch: on and off the chart, half and odd RPE steps,
# no load, no reps, more than 20 reps to failure, RPE outside the 6-10 chart.
set_loads = st.one_of(st.sampled_from([0.0, 20.0, 162.2]), st.floats(0, 400, allow_nan=False))
set_reps = st.integers(min_value=0, max_value=30)
set_rpes = st.one_of(
    st.none(),
    st.sampled_from([0.0, 5.5, 6.0, 6.5, 7.0, 8.5, 9.5, 10.0]),
    st.floats(min_value=0, max_value=10),
)


def _scalar_e1rm(load: float, reps: int, rpe: float | None) -> float:
    try:
        return set_one_rep_max(load, reps, rpe)
    except ValidationError:
        return math.nan


@given(st.lists(st.tuples(set_loads, set_reps, set_rpes), min_size=1, max_size=40))
def test_one_rep_max_per_set_equals_set_one_rep_max(
    sets: list[tuple[float, int, float | None]],
) -> None:
    loads, reps, rpes = zip(*sets, strict=True)
    vectorised = one_rep_max_per_set(loads, reps, [math.nan if r is None else r for r in rpes])
    expected = [_scalar_e1rm(load, rep, rpe) for load, rep, rpe in sets]
    np.testing.assert_array_equal(vectorised, expected)  # the same float, or nan where refused


def test_one_rep_max_per_set_without_rpes_is_epley_to_failure() -> None:
    np.testing.assert_array_equal(
        one_rep_max_per_set([100.0, 100.0, 100.0], [1, 10, 21]),
        [100.0, 100 * (1 + 10 / 30), math.nan],
    )


@given(reps=st.integers(min_value=-1, max_value=14), rpe=set_rpes)
def test_percent_one_rep_max_per_set_equals_the_chart(reps: int, rpe: float | None) -> None:
    rating = math.nan if rpe is None else rpe
    try:
        expected = percent_one_rep_max(reps, rating)
    except ValidationError:
        expected = math.nan
    np.testing.assert_array_equal(percent_one_rep_max_per_set([reps], [rating]), [expected])


@given(
    left=st.floats(min_value=1e-3, max_value=1e4),
    right=st.floats(min_value=1e-3, max_value=1e4),
)
def test_per_pair_symmetry_equals_the_scalar_functions(left: float, right: float) -> None:
    assert limb_symmetry_index_per_pair([left], [right])[0] == limb_symmetry_index(left, right)
    assert asymmetry_percent_per_pair([left], [right])[0] == asymmetry_percent(left, right)
