"""Critical speed and D' from maximal running efforts (linear distance-time model).

Distances in metres, times in seconds, speeds in metres per second. Formulas and test vector:
``docs/science.md`` section 2 ("Critical speed").

Sources: Hill DW (1993) The critical power concept: a review. *Sports Medicine* 16;
Jones AM, Vanhatalo A (2017) The 'critical power' concept: applications to sports performance
with a focus on intermittent high-intensity exercise. *Sports Medicine* 47.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from runstrong.domain.units import format_duration
from runstrong.errors import ValidationError
from runstrong.science._checks import positive

__all__ = [
    "MAX_EFFORT_TIME_S",
    "MIN_EFFORT_TIME_S",
    "CriticalSpeed",
    "Effort",
    "critical_speed",
]

MIN_EFFORT_TIME_S: Final = 120.0
MAX_EFFORT_TIME_S: Final = 1200.0


@dataclass(frozen=True, slots=True)
class Effort:
    """One maximal (all-out) run: the distance covered and the time it took.

    Attributes
    ----------
    distance_m : float
        Distance, metres, greater than zero.
    time_s : float
        Time, seconds, greater than zero.
    """

    distance_m: float
    time_s: float

    def __post_init__(self) -> None:
        positive("distance_m", self.distance_m)
        positive("time_s", self.time_s)


@dataclass(frozen=True, slots=True)
class CriticalSpeed:
    """Result of a critical-speed fit.

    Attributes
    ----------
    speed_m_per_s : float
        Critical speed (CS), metres per second: the highest speed sustainable without drawing
        continuously on D'.
    d_prime_m : float
        D', metres: the distance that can be covered above critical speed.
    r_squared : float
        Coefficient of determination of the distance-time line (1.0 for two efforts).
    efforts : tuple[Effort, ...]
        The efforts the fit used.
    """

    speed_m_per_s: float
    d_prime_m: float
    r_squared: float
    efforts: tuple[Effort, ...]


def critical_speed(efforts: Sequence[Effort]) -> CriticalSpeed:
    """Fit critical speed and D' by least squares of ``distance = CS * time + D'``.

    The linear distance-time model (Hill 1993; Jones & Vanhatalo 2017) holds for maximal efforts
    lasting about 2 to 15 minutes; efforts of 2 to 20 minutes are accepted. Non-maximal efforts
    (a tempo run, a race paced too easily) bias the fit and can make it meaningless.

    Parameters
    ----------
    efforts : Sequence[Effort]
        Two or more all-out efforts of 120 to 1200 s, at least two of them with different times.

    Returns
    -------
    CriticalSpeed
        CS (m/s), D' (m), R^2 and the efforts used.

    Raises
    ------
    ValidationError
        With fewer than two efforts of different duration, an effort outside 2-20 minutes, or a
        fit with CS <= 0 or D' < 0 (which means the efforts were not all maximal or do not agree).

    Examples
    --------
    >>> fit = critical_speed([Effort(1200, 210), Effort(3000, 600), Effort(5000, 1050)])
    >>> round(fit.speed_m_per_s, 3), round(fit.d_prime_m)
    (4.522, 263)
    """
    chosen = tuple(efforts)
    if any(not isinstance(effort, Effort) for effort in chosen):
        raise ValidationError("efforts must be Effort(distance_m, time_s) values")
    if len(chosen) < 2:
        raise ValidationError(
            f"critical speed needs at least 2 maximal efforts of different duration, "
            f"got {len(chosen)}"
        )
    for number, effort in enumerate(chosen, start=1):
        if not MIN_EFFORT_TIME_S <= effort.time_s <= MAX_EFFORT_TIME_S:
            raise ValidationError(
                f"effort {number} lasts {format_duration(effort.time_s)}, but the critical-speed "
                "model is only valid for maximal efforts of about 2 to 20 minutes"
            )
    times_s = np.array([effort.time_s for effort in chosen], dtype=float)
    distances_m = np.array([effort.distance_m for effort in chosen], dtype=float)
    if np.unique(times_s).size < 2:
        raise ValidationError(
            "critical speed needs at least 2 maximal efforts of different duration; "
            "all efforts given last the same time"
        )
    design = np.column_stack((times_s, np.ones_like(times_s)))
    (slope, intercept), *_ = np.linalg.lstsq(design, distances_m, rcond=None)
    speed_m_per_s = float(slope)
    d_prime_m = float(intercept)
    total = float(np.sum((distances_m - distances_m.mean()) ** 2))
    if speed_m_per_s <= 0 or d_prime_m < 0 or total == 0:
        raise ValidationError(
            f"these efforts give a critical speed of {speed_m_per_s:.2f} m/s and D' of "
            f"{d_prime_m:.0f} m, which is impossible: the efforts look non-maximal or "
            "inconsistent, so use all-out efforts run within a few days of each other"
        )
    residuals = distances_m - (speed_m_per_s * times_s + d_prime_m)
    r_squared = 1.0 - float(np.sum(residuals**2)) / total
    return CriticalSpeed(
        speed_m_per_s=speed_m_per_s, d_prime_m=d_prime_m, r_squared=r_squared, efforts=chosen
    )
