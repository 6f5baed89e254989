"""Grade-adjusted pace: the flat-ground pace with the same energy cost as running on slopes.

The energy cost of running on a gradient ``i`` (rise over run, -0.45 to +0.45) is the polynomial
fitted by Minetti et al. (2002), in J per kg per metre::

    C(i) = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6

Each metre run on a gradient counts as ``C(i) / C(0)`` metres on the flat; grade-adjusted pace
is the moving time over that equivalent distance. Gradients come from altitude resampled every
10 m of distance and smoothed over 70 m, so that GPS and barometer noise (a metre up and down
every few seconds) does not turn a flat road into a hilly one.

Source: Minetti AE, Moia C, Roi GS, Susta D, Ferretti G (2002). Energy cost of walking and
running at extreme uphill and downhill slopes. J Appl Physiol 93: 1039-1046.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from runstrong.science.activity._series import forward_fill, smooth

__all__ = [
    "FLAT_COST_J_PER_KG_M",
    "MAX_GRADIENT",
    "energy_cost_j_per_kg_m",
    "equivalent_flat_distance_m",
    "gradient",
]

FloatArray = npt.NDArray[np.float64]

#: Minetti's polynomial coefficients, highest power first (J/kg/m).
_MINETTI = (155.4, -30.4, -43.3, 46.3, 19.5, 3.6)
#: The polynomial was fitted on gradients from -45 % to +45 %; steeper ones are clipped.
MAX_GRADIENT = 0.45
FLAT_COST_J_PER_KG_M = 3.6
_GRID_M = 10.0
_SMOOTH_POINTS = 7


def energy_cost_j_per_kg_m(gradient_fraction: FloatArray | float) -> FloatArray:
    """Energy cost of running (J/kg/m) on a gradient (Minetti et al. 2002), clipped to ±0.45.

    >>> float(energy_cost_j_per_kg_m(0.0))
    3.6
    >>> round(float(energy_cost_j_per_kg_m(0.1)), 2), round(float(energy_cost_j_per_kg_m(-0.1)), 2)
    (5.97, 2.15)
    """
    clipped = np.clip(np.asarray(gradient_fraction, dtype=np.float64), -MAX_GRADIENT, MAX_GRADIENT)
    return np.asarray(np.polyval(_MINETTI, clipped), dtype=np.float64)


def gradient(distance_m: FloatArray, altitude_m: FloatArray) -> FloatArray:
    """Gradient (rise over run) at each sample from smoothed altitude; 0 where unknown.

    ``distance_m`` is cumulative and non-decreasing. Altitude is resampled every 10 m of
    distance, smoothed over 70 m, differentiated, and read back at each sample.
    """
    count = len(distance_m)
    finite = np.isfinite(altitude_m) & np.isfinite(distance_m)
    if finite.sum() < 2 or count == 0:
        return np.zeros(count)
    total = float(distance_m[finite][-1] - distance_m[finite][0])
    if total < 2 * _GRID_M:
        return np.zeros(count)
    grid = np.arange(float(distance_m[finite][0]), float(distance_m[finite][-1]) + _GRID_M, _GRID_M)
    # np.interp needs increasing x: keep the last altitude of each distance value
    where = distance_m[finite]
    height = forward_fill(altitude_m)[finite]
    keep = np.concatenate((where[1:] > where[:-1], [True]))
    resampled = np.interp(grid, where[keep], height[keep])
    smoothed = smooth(resampled, _SMOOTH_POINTS)
    slope = np.gradient(smoothed, _GRID_M) if len(grid) > 1 else np.zeros(len(grid))
    return np.asarray(np.interp(forward_fill(distance_m), grid, slope), dtype=np.float64)


def equivalent_flat_distance_m(distance_m: FloatArray, altitude_m: FloatArray) -> FloatArray:
    """Cumulative flat-ground distance with the same energy cost, metres, from 0.

    ``distance_m`` is cumulative (spikes already removed). Without altitude it is the distance.

    >>> d = np.arange(0.0, 1001.0, 10.0)
    >>> float(equivalent_flat_distance_m(d, d * 0.1)[-1]) > 1600   # 10 % uphill costs 65 % more
    True
    """
    if len(distance_m) == 0:
        return np.zeros(0)
    slope = gradient(distance_m, altitude_m)
    steps = np.diff(distance_m)
    factor = energy_cost_j_per_kg_m(slope[1:]) / FLAT_COST_J_PER_KG_M
    return np.concatenate(([0.0], np.cumsum(steps * factor)))
