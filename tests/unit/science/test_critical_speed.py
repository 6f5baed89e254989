"""Tests for runstrong.science.critical_speed against docs/science.md ("Critical speed")."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.science.critical_speed import CriticalSpeed, Effort, critical_speed

VECTOR_EFFORTS = (Effort(1200.0, 210.0), Effort(3000.0, 600.0), Effort(5000.0, 1050.0))


def test_critical_speed_vector() -> None:
    fit = critical_speed(VECTOR_EFFORTS)
    assert fit.speed_m_per_s == pytest.approx(4.522, rel=0.01)
    assert fit.d_prime_m == pytest.approx(263, rel=0.01)
    assert 0.99 < fit.r_squared <= 1.0
    assert fit.efforts == VECTOR_EFFORTS


def test_two_efforts_fit_exactly() -> None:
    efforts = (Effort(1000.0, 180.0), Effort(3400.0, 720.0))
    fit = critical_speed(efforts)
    assert isinstance(fit, CriticalSpeed)
    assert fit.speed_m_per_s == pytest.approx(2400 / 540)
    assert fit.d_prime_m == pytest.approx(1000 - 180 * 2400 / 540)
    assert fit.r_squared == pytest.approx(1.0)
    assert fit.efforts == efforts


def test_accepts_any_sequence_and_the_window_edges() -> None:
    fit = critical_speed([Effort(700.0, 120.0), Effort(4500.0, 1200.0)])
    assert isinstance(fit.efforts, tuple)
    assert fit.speed_m_per_s > 0


@given(
    speed_m_per_s=st.floats(min_value=2.0, max_value=7.0),
    d_prime_m=st.floats(min_value=50.0, max_value=500.0),
    times_s=st.lists(
        st.floats(min_value=120.0, max_value=1200.0), min_size=2, max_size=6, unique=True
    ),
)
def test_recovers_exact_model_parameters(
    speed_m_per_s: float, d_prime_m: float, times_s: list[float]
) -> None:
    if max(times_s) - min(times_s) < 1.0:
        return
    efforts = [Effort(speed_m_per_s * time_s + d_prime_m, time_s) for time_s in times_s]
    fit = critical_speed(efforts)
    assert fit.speed_m_per_s == pytest.approx(speed_m_per_s, rel=1e-6)
    assert fit.d_prime_m == pytest.approx(d_prime_m, rel=1e-4)
    assert fit.r_squared == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("efforts", "message"),
    [
        ([], r"needs at least 2 maximal efforts of different duration, got 0"),
        ([Effort(3000.0, 600.0)], r"needs at least 2 maximal efforts of different duration, got 1"),
        (
            [Effort(3000.0, 600.0), Effort(3100.0, 600.0)],
            r"all efforts given last the same time",
        ),
        (
            [Effort(400.0, 60.0), Effort(3000.0, 600.0)],
            r"effort 1 lasts 1:00, but the critical-speed model is only valid for maximal efforts "
            r"of about 2 to 20 minutes",
        ),
        (
            [Effort(3000.0, 600.0), Effort(10000.0, 2400.0)],
            r"effort 2 lasts 40:00, .* about 2 to 20 minutes",
        ),
        (
            [Effort(3000.0, 600.0), Effort(2500.0, 900.0)],
            r"critical speed of -1\.67 m/s .* efforts look non-maximal or inconsistent",
        ),
        (
            [Effort(500.0, 200.0), Effort(4000.0, 1000.0)],
            r"D' of -375 m, which is impossible: the efforts look non-maximal or inconsistent",
        ),
        (
            [Effort(3000.0, 600.0), Effort(3000.0, 900.0)],
            r"efforts look non-maximal or inconsistent",
        ),
        ([(3000.0, 600.0), (5000.0, 1050.0)], r"efforts must be Effort\(distance_m, time_s\)"),
    ],
)
def test_refuses_invalid_efforts(efforts: list[Effort], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        critical_speed(efforts)


@pytest.mark.parametrize(
    ("distance_m", "time_s", "message"),
    [
        (0.0, 600.0, r"distance_m must be greater than zero"),
        (3000.0, -1.0, r"time_s must be greater than zero"),
        (3000.0, math.nan, r"time_s must be a finite number"),
    ],
)
def test_effort_refuses_impossible_values(distance_m: float, time_s: float, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Effort(distance_m, time_s)
