"""Minetti et al. (2002): the energy cost of running on slopes, against the published values."""

from __future__ import annotations

import numpy as np
import pytest

from runstrong.science.activity import energy_cost_j_per_kg_m, equivalent_flat_distance_m, gradient


def test_flat_cost_is_the_polynomials_constant() -> None:
    # the fitted polynomial's value on the flat; Minetti et al. measured 3.40 ± 0.24 J/kg/m
    assert float(energy_cost_j_per_kg_m(0.0)) == pytest.approx(3.6)
    assert float(energy_cost_j_per_kg_m(0.0)) == pytest.approx(3.40, abs=0.24)


@pytest.mark.parametrize(
    ("gradient_fraction", "measured", "sd"),
    [  # Minetti et al. 2002, abstract: measured cost of running, mean ± SD, J/kg/m
        (-0.45, 3.92, 0.81),
        (-0.20, 1.73, 0.36),
        (0.0, 3.40, 0.24),
        (0.45, 18.93, 1.74),
    ],
)
def test_polynomial_follows_the_measured_costs(
    gradient_fraction: float, measured: float, sd: float
) -> None:
    assert float(energy_cost_j_per_kg_m(gradient_fraction)) == pytest.approx(measured, abs=sd)


def test_the_cheapest_slope_is_a_gentle_downhill() -> None:
    slopes = np.linspace(-0.45, 0.45, 901)
    cheapest = slopes[np.argmin(energy_cost_j_per_kg_m(slopes))]
    assert -0.25 < cheapest < -0.15


def test_steeper_than_measured_is_clipped() -> None:
    assert float(energy_cost_j_per_kg_m(0.8)) == float(energy_cost_j_per_kg_m(0.45))


def test_gradient_ignores_altitude_noise() -> None:
    distance = np.arange(0.0, 2000.0, 3.0)
    noise = np.random.default_rng(1).normal(0.0, 1.0, len(distance))
    slope = gradient(distance, 100.0 + noise)
    assert np.abs(slope).max() < 0.05
    flat = equivalent_flat_distance_m(distance, 100.0 + noise)
    assert flat[-1] == pytest.approx(distance[-1], rel=0.02)
