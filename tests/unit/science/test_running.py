"""Tests for runstrong.science.running (Daniels-Gilbert VDOT) against docs/science.md section 2."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.science.running import (
    MAX_RACE_DISTANCE_M,
    MAX_RACE_TIME_S,
    MIN_RACE_DISTANCE_M,
    MIN_RACE_TIME_S,
    SLOWEST_PACE_S_PER_KM,
    TrainingPaces,
    equivalent_time_s,
    fraction_sustainable,
    oxygen_cost,
    training_paces,
    vdot,
)

HALF_MARATHON_M = 21097.5
MARATHON_M = 42195.0

race_distances_m = st.floats(min_value=MIN_RACE_DISTANCE_M, max_value=MAX_RACE_DISTANCE_M)
# VDOTs whose equivalents at every distance from 1500 m to the marathon lie within 3-300 minutes
everyday_vdots = st.floats(min_value=30.0, max_value=85.0)


def _clock(text: str) -> float:
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


# --- VDOT -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distance_m", "time", "expected_vdot"),
    [
        (5000.0, "20:00", 49.81),
        (10000.0, "40:00", 51.94),
        (5000.0, "25:00", 38.31),
        (MARATHON_M, "4:00:00", 37.90),
    ],
)
def test_vdot_matches_published_rows(distance_m: float, time: str, expected_vdot: float) -> None:
    assert vdot(distance_m, _clock(time)) == pytest.approx(expected_vdot, abs=0.1)


@pytest.mark.parametrize(
    ("distance_m", "expected"),
    [(1500.0, "5:24.8"), (3000.0, "11:35"), (10000.0, "41:28"), (HALF_MARATHON_M, "1:31:50")],
)
def test_equivalents_of_a_20_minute_5k(distance_m: float, expected: str) -> None:
    five_k_vdot = vdot(5000.0, 1200.0)
    assert equivalent_time_s(five_k_vdot, distance_m) == pytest.approx(_clock(expected), rel=0.005)


@pytest.mark.parametrize(
    ("table_vdot", "distance_m", "table_time"),
    [
        (50.0, 5000.0, "19:57"),
        (52.0, 10000.0, "39:59"),
        (38.0, 5000.0, "25:12"),
        (38.0, MARATHON_M, "3:57:34"),
    ],
)
def test_vdot_agrees_with_daniels_tables(
    table_vdot: float, distance_m: float, table_time: str
) -> None:
    # The published tables list whole VDOTs; the formula lands within half a unit of them.
    assert vdot(distance_m, _clock(table_time)) == pytest.approx(table_vdot, abs=0.5)


def test_oxygen_cost_and_fraction_sustainable() -> None:
    assert oxygen_cost(250.0) == pytest.approx(-4.60 + 0.182258 * 250 + 0.000104 * 250**2)
    assert fraction_sustainable(20.0) == pytest.approx(
        0.8 + 0.1894393 * math.exp(-0.012778 * 20) + 0.2989558 * math.exp(-0.1932605 * 20)
    )
    assert vdot(5000.0, 1200.0) == pytest.approx(oxygen_cost(250.0) / fraction_sustainable(20.0))


# --- training paces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vdot_value", "expected"),
    [
        (50.0, ("5:26", "4:54", "4:31", "4:15", "3:55", "3:41")),
        (40.0, ("6:29", "5:51", "5:25", "5:06", "4:41", "4:25")),
    ],
)
def test_training_paces_match_the_table(vdot_value: float, expected: tuple[str, ...]) -> None:
    paces = training_paces(vdot_value)
    actual = dataclasses.astuple(paces)
    assert [field.name for field in dataclasses.fields(TrainingPaces)] == [
        "easy_slow_s_per_km",
        "easy_fast_s_per_km",
        "marathon_s_per_km",
        "threshold_s_per_km",
        "interval_s_per_km",
        "repetition_s_per_km",
    ]
    for pace_s_per_km, table in zip(actual, expected, strict=True):
        assert pace_s_per_km == pytest.approx(_clock(table), abs=3.0)


def test_marathon_pace_is_the_equivalent_marathon() -> None:
    paces = training_paces(45.0)
    assert paces.marathon_s_per_km == pytest.approx(
        equivalent_time_s(45.0, MARATHON_M) / MARATHON_M * 1000
    )


@given(vdot_value=st.floats(min_value=20.0, max_value=90.0))
def test_training_paces_get_faster_zone_by_zone(vdot_value: float) -> None:
    paces = training_paces(vdot_value)
    assert paces.easy_slow_s_per_km > paces.easy_fast_s_per_km > paces.threshold_s_per_km
    assert paces.threshold_s_per_km > paces.interval_s_per_km > paces.repetition_s_per_km
    assert paces.easy_slow_s_per_km > paces.marathon_s_per_km > paces.threshold_s_per_km


# --- properties -------------------------------------------------------------------------------


@given(vdot_value=everyday_vdots, first_m=race_distances_m, second_m=race_distances_m)
def test_equivalent_time_increases_with_distance(
    vdot_value: float, first_m: float, second_m: float
) -> None:
    assume(abs(first_m - second_m) > 1.0)
    shorter_m, longer_m = sorted((first_m, second_m))
    assert equivalent_time_s(vdot_value, shorter_m) < equivalent_time_s(vdot_value, longer_m)


@given(
    distance_m=race_distances_m,
    pace_s_per_km=st.floats(min_value=150.0, max_value=SLOWEST_PACE_S_PER_KM),
    slower_by=st.floats(min_value=1.001, max_value=1.5),
)
def test_vdot_decreases_as_time_increases(
    distance_m: float, pace_s_per_km: float, slower_by: float
) -> None:
    faster_s = distance_m * pace_s_per_km / 1000
    slower_s = faster_s * slower_by
    assume(faster_s >= MIN_RACE_TIME_S and slower_s <= MAX_RACE_TIME_S)
    assume(slower_s / distance_m * 1000 <= SLOWEST_PACE_S_PER_KM)
    assert vdot(distance_m, faster_s) > vdot(distance_m, slower_s)


@given(
    distance_m=race_distances_m,
    pace_s_per_km=st.floats(min_value=150.0, max_value=SLOWEST_PACE_S_PER_KM),
)
def test_equivalent_time_round_trips_vdot(distance_m: float, pace_s_per_km: float) -> None:
    time_s = distance_m * pace_s_per_km / 1000
    assume(MIN_RACE_TIME_S <= time_s <= MAX_RACE_TIME_S)
    assert equivalent_time_s(vdot(distance_m, time_s), distance_m) == pytest.approx(
        time_s, abs=1e-3
    )


# --- preconditions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distance_m", "time_s", "message"),
    [
        (1499.0, 300.0, r"from 1500 m to the marathon \(42195 m\), got 1499 m"),
        (42196.0, 14400.0, r"from 1500 m to the marathon \(42195 m\), got 42196 m"),
        (0.0, 300.0, r"distance_m must be greater than zero"),
        (1500.0, 179.0, r"races lasting 3 to 300 minutes, got 2:59"),
        (MARATHON_M, 18001.0, r"races lasting 3 to 300 minutes, got 5:00:01"),
        (5000.0, 0.0, r"time_s must be greater than zero"),
        (5000.0, math.nan, r"time_s must be a finite number"),
        (10000.0, 6300.0, r"average pace of 10:30/km is slower than 10:00/km"),
    ],
)
def test_vdot_refuses_races_outside_the_model(
    distance_m: float, time_s: float, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        vdot(distance_m, time_s)


@pytest.mark.parametrize(
    ("vdot_value", "distance_m", "message"),
    [
        (90.0, 1500.0, None),
        (120.0, 1500.0, r"VDOT 120\.0 at 1500 m would need a time under 3:00"),
        (20.0, MARATHON_M, r"VDOT 20\.0 at 42195 m would need a time over 5:00:00"),
        (10.0, 10000.0, r"would need a time over 1:40:00, beyond the VDOT model's limits"),
        (0.0, 5000.0, r"vdot_value must be greater than zero, got 0\.0"),
        (50.0, 1000.0, r"from 1500 m to the marathon"),
    ],
)
def test_equivalent_time_refuses_answers_outside_the_model(
    vdot_value: float, distance_m: float, message: str | None
) -> None:
    if message is None:
        assert equivalent_time_s(vdot_value, distance_m) > MIN_RACE_TIME_S
        return
    with pytest.raises(ValidationError, match=message):
        equivalent_time_s(vdot_value, distance_m)


@pytest.mark.parametrize("vdot_value", [19.9, 90.1, math.inf])
def test_training_paces_refuse_vdot_outside_20_to_90(vdot_value: float) -> None:
    with pytest.raises(ValidationError, match=r"vdot_value must be"):
        training_paces(vdot_value)


def test_building_blocks_refuse_non_positive_input() -> None:
    with pytest.raises(ValidationError, match=r"speed_m_per_min must be greater than zero"):
        oxygen_cost(0.0)
    with pytest.raises(ValidationError, match=r"time_min must be greater than zero"):
        fraction_sustainable(-1.0)
