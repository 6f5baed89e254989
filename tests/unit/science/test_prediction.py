"""Tests for runstrong.science.prediction against docs/science.md ("Other predictions")."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.errors import ValidationError
from runstrong.science.prediction import (
    PredictionMethod,
    cameron_time_s,
    predict_time_s,
    riegel_time_s,
)
from runstrong.science.running import equivalent_time_s, vdot

MARATHON_M = 42195.0


def test_riegel_vectors() -> None:
    assert riegel_time_s(1200.0, 5000.0, 10000.0) == pytest.approx(2502, abs=1)
    assert riegel_time_s(1200.0, 5000.0, MARATHON_M) == pytest.approx(11509, abs=1)


def test_riegel_exponent_is_adjustable() -> None:
    assert riegel_time_s(1200.0, 5000.0, 10000.0, exponent=1.0) == pytest.approx(2400.0)
    assert riegel_time_s(1200.0, 5000.0, 10000.0, exponent=1.08) > riegel_time_s(
        1200.0, 5000.0, 10000.0
    )


def test_cameron_vector() -> None:
    assert cameron_time_s(1200.0, 5000.0, MARATHON_M) == pytest.approx(11711, abs=30)


@pytest.mark.parametrize("method", ["riegel", "cameron", "vdot"])
def test_predict_dispatches_to_each_method(method: PredictionMethod) -> None:
    expected = {
        "riegel": riegel_time_s(1200.0, 5000.0, 10000.0),
        "cameron": cameron_time_s(1200.0, 5000.0, 10000.0),
        "vdot": equivalent_time_s(vdot(5000.0, 1200.0), 10000.0),
    }[method]
    assert predict_time_s(1200.0, 5000.0, 10000.0, method) == pytest.approx(expected)


def test_predict_defaults_to_riegel() -> None:
    assert predict_time_s(1200.0, 5000.0, 10000.0) == pytest.approx(2502, abs=1)


@given(
    time_s=st.floats(min_value=200.0, max_value=3000.0),
    distance_m=st.floats(min_value=1500.0, max_value=10000.0),
    factor=st.floats(min_value=1.01, max_value=4.0),
    method=st.sampled_from(["riegel", "cameron"]),
)
def test_longer_targets_take_longer_at_a_slower_pace(
    time_s: float, distance_m: float, factor: float, method: PredictionMethod
) -> None:
    target_m = distance_m * factor
    predicted_s = predict_time_s(time_s, distance_m, target_m, method)
    assert predicted_s > time_s
    assert predicted_s / target_m > time_s / distance_m
    assert predict_time_s(time_s, distance_m, distance_m, method) == pytest.approx(time_s)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: riegel_time_s(0.0, 5000.0, 10000.0), r"time_s must be greater than zero"),
        (lambda: riegel_time_s(1200.0, -1.0, 10000.0), r"distance_m must be greater than zero"),
        (
            lambda: riegel_time_s(1200.0, 5000.0, math.nan),
            r"target_distance_m must be a finite number",
        ),
        (
            lambda: riegel_time_s(1200.0, 5000.0, 10000.0, exponent=0.9),
            r"exponent must be from 1 to 1\.2, got 0\.9",
        ),
        (lambda: cameron_time_s(1200.0, 0.0, 10000.0), r"distance_m must be greater than zero"),
        (
            lambda: cameron_time_s(1200.0, 5000.0, 500_000.0),
            r"Cameron's model does not cover 500000 m",
        ),
        (
            lambda: predict_time_s(1200.0, 5000.0, 10000.0, "magic"),  # type: ignore[arg-type]
            r"unknown prediction method 'magic': use one of riegel, cameron, vdot",
        ),
        (
            lambda: predict_time_s(1200.0, 5000.0, 100_000.0, "vdot"),
            r"from 1500 m to the marathon",
        ),
    ],
)
def test_predictions_refuse_invalid_input(call: Callable[[], float], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        call()
