"""Running performance: Daniels-Gilbert VDOT, equivalent race times and training paces.

Distances are in metres, times in seconds, paces in seconds per kilometre; the published equations
use metres per minute and minutes, and that conversion happens inside this module only.
Formulas and test vectors: ``docs/science.md`` section 2.

Sources: Daniels J, Gilbert J (1979) *Oxygen Power: Performance Tables for Distance Runners*;
Daniels J, *Daniels' Running Formula* (tables of VDOT, equivalent times and training paces).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from runstrong.domain.units import format_duration, format_pace
from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, positive

__all__ = [
    "MAX_RACE_DISTANCE_M",
    "MAX_RACE_TIME_S",
    "MAX_VDOT",
    "MIN_RACE_DISTANCE_M",
    "MIN_RACE_TIME_S",
    "MIN_VDOT",
    "SLOWEST_PACE_S_PER_KM",
    "TrainingPaces",
    "equivalent_time_s",
    "fraction_sustainable",
    "oxygen_cost",
    "training_paces",
    "vdot",
]

MIN_RACE_DISTANCE_M: Final = 1500.0
MAX_RACE_DISTANCE_M: Final = 42195.0
MIN_RACE_TIME_S: Final = 180.0
MAX_RACE_TIME_S: Final = 18000.0
SLOWEST_PACE_S_PER_KM: Final = 600.0
MIN_VDOT: Final = 20.0
MAX_VDOT: Final = 90.0

_A2: Final = 0.000104
_A1: Final = 0.182258
_A0: Final = -4.60
_EASY_SLOW_FRACTION: Final = 0.65
_EASY_FAST_FRACTION: Final = 0.74
_THRESHOLD_FRACTION: Final = 0.88
_INTERVAL_FRACTION: Final = 0.975
_REPETITION_FRACTION: Final = 1.05
_SOLVER_TOLERANCE_S: Final = 1e-6
_EXTRAPOLATION_LIMIT_S: Final = 12 * 3600.0
_MAX_BISECTIONS: Final = 200


def oxygen_cost(speed_m_per_min: float) -> float:
    """Oxygen cost of running at a speed, ml O2 per kg per minute (Daniels & Gilbert 1979).

    ``VO2 = -4.60 + 0.182258 v + 0.000104 v^2`` with v in metres per minute. Fitted to running
    speeds of roughly 150-400 m/min; below about 25 m/min the result is not positive.

    Parameters
    ----------
    speed_m_per_min : float
        Running speed, metres per minute, greater than zero.

    Examples
    --------
    >>> round(oxygen_cost(250), 2)
    47.46
    """
    speed = positive("speed_m_per_min", speed_m_per_min)
    return _oxygen_cost(speed)


def fraction_sustainable(time_min: float) -> float:
    """Fraction of VO2max a runner can sustain for a race lasting ``time_min`` minutes.

    ``F = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)`` (Daniels & Gilbert
    1979); it falls from about 1.29 at t = 0 towards 0.8 for very long races. Meaningful for races
    of roughly 3.5 to 300 minutes.

    Parameters
    ----------
    time_min : float
        Race duration, minutes, greater than zero.

    Examples
    --------
    >>> round(fraction_sustainable(20), 4)
    0.953
    """
    minutes = positive("time_min", time_min)
    return _fraction_sustainable(minutes)


def vdot(distance_m: float, time_s: float) -> float:
    """VDOT ("pseudo VO2max") of a race performance (Daniels & Gilbert 1979).

    ``VDOT = VO2(v) / F(t)`` with v = distance / time in metres per minute, t in minutes, VO2 from
    :func:`oxygen_cost` and F from :func:`fraction_sustainable`.

    Parameters
    ----------
    distance_m : float
        Race distance, metres, from 1500 m to the marathon (42195 m).
    time_s : float
        Finishing time, seconds, from 180 s to 18000 s (3 to 300 minutes); the average pace must
        be 10:00 per km or faster. The equations were fitted to races of about 3.5 to 300 minutes;
        the floor is 3 minutes so that fast 1500 m times (VDOT up to 90) are accepted.

    Returns
    -------
    float
        VDOT, ml/kg/min. Daniels' published tables span VDOT 30 to 85.

    Examples
    --------
    >>> round(vdot(5000, 1200), 2)
    49.81
    >>> round(vdot(42195, 4 * 3600), 2)
    37.9
    """
    distance = _check_distance(distance_m)
    time = positive("time_s", time_s)
    if not MIN_RACE_TIME_S <= time <= MAX_RACE_TIME_S:
        raise ValidationError(
            f"the VDOT model covers races lasting 3 to 300 minutes, got {format_duration(time)}"
        )
    pace_s_per_km = time / distance * 1000
    # the slack keeps a time computed as distance x 10:00/km from failing on rounding
    if pace_s_per_km > SLOWEST_PACE_S_PER_KM * (1 + 1e-12):
        raise ValidationError(
            f"an average pace of {format_pace(pace_s_per_km)} is slower than 10:00/km, "
            "outside the VDOT model, which is for running races"
        )
    return _vdot(distance, time)


def equivalent_time_s(vdot_value: float, distance_m: float) -> float:
    """Race time (s) at ``distance_m`` that has the given VDOT (Daniels & Gilbert 1979).

    Solves ``vdot(distance_m, t) = vdot_value`` for t by bisection; VDOT falls monotonically as
    the time grows, so the bracketed root is unique.

    Parameters
    ----------
    vdot_value : float
        VDOT, greater than zero.
    distance_m : float
        Race distance, metres, from 1500 m to 42195 m.

    Returns
    -------
    float
        Equivalent time, seconds, within the 3-300 minute range of :func:`vdot`.

    Raises
    ------
    ValidationError
        If the equivalent time would fall outside 3-300 minutes or be slower than 10:00 per km.

    Examples
    --------
    >>> format_duration(equivalent_time_s(vdot(5000, 1200), 10000))
    '41:28'
    """
    target = positive("vdot_value", vdot_value)
    distance = _check_distance(distance_m)
    slowest_s = min(MAX_RACE_TIME_S, distance * SLOWEST_PACE_S_PER_KM / 1000)
    if _vdot(distance, MIN_RACE_TIME_S) < target:
        raise ValidationError(
            f"VDOT {target:.1f} at {distance:g} m would need a time under "
            f"{format_duration(MIN_RACE_TIME_S)}, outside the 3-300 minute range of the VDOT model"
        )
    if _vdot(distance, slowest_s) > target:
        raise ValidationError(
            f"VDOT {target:.1f} at {distance:g} m would need a time over "
            f"{format_duration(slowest_s)}, beyond the VDOT model's limits of 300 minutes "
            "and 10:00 per km"
        )
    return _solve_time_s(target, distance, MIN_RACE_TIME_S, slowest_s)


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels' training paces for one VDOT, each in seconds per kilometre.

    Attributes
    ----------
    easy_slow_s_per_km, easy_fast_s_per_km : float
        Easy (E) range, at 65 % and 74 % of VDOT.
    marathon_s_per_km : float
        Marathon (M): average pace of the VDOT-equivalent marathon.
    threshold_s_per_km : float
        Threshold (T), 88 % of VDOT.
    interval_s_per_km : float
        Interval (I), 97.5 % of VDOT.
    repetition_s_per_km : float
        Repetition (R), 105 % of VDOT.
    """

    easy_slow_s_per_km: float
    easy_fast_s_per_km: float
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    repetition_s_per_km: float


def training_paces(vdot_value: float) -> TrainingPaces:
    """Training paces for a VDOT (Daniels' Running Formula; Daniels & Gilbert 1979 equations).

    Each zone's speed solves ``oxygen_cost(v) = f * VDOT`` (the positive root of the quadratic)
    for its fraction f; marathon pace is the average pace of the equivalent marathon. Below about
    VDOT 30 that marathon takes longer than 300 minutes, so its pace is an extrapolation.

    Parameters
    ----------
    vdot_value : float
        VDOT, from 20 to 90.

    Examples
    --------
    >>> paces = training_paces(50)
    >>> format_pace(paces.threshold_s_per_km), format_pace(paces.marathon_s_per_km)
    ('4:15/km', '4:31/km')
    """
    target = in_range("vdot_value", vdot_value, MIN_VDOT, MAX_VDOT)

    def pace_at(fraction: float) -> float:
        return 60_000 / _speed_for_oxygen_cost(fraction * target)

    marathon_s = _solve_time_s(target, MAX_RACE_DISTANCE_M, MIN_RACE_TIME_S, _EXTRAPOLATION_LIMIT_S)
    return TrainingPaces(
        easy_slow_s_per_km=pace_at(_EASY_SLOW_FRACTION),
        easy_fast_s_per_km=pace_at(_EASY_FAST_FRACTION),
        marathon_s_per_km=marathon_s / MAX_RACE_DISTANCE_M * 1000,
        threshold_s_per_km=pace_at(_THRESHOLD_FRACTION),
        interval_s_per_km=pace_at(_INTERVAL_FRACTION),
        repetition_s_per_km=pace_at(_REPETITION_FRACTION),
    )


def _check_distance(distance_m: float) -> float:
    distance = positive("distance_m", distance_m)
    if not MIN_RACE_DISTANCE_M <= distance <= MAX_RACE_DISTANCE_M:
        raise ValidationError(
            f"the VDOT model covers races from 1500 m to the marathon (42195 m), got {distance:g} m"
        )
    return distance


def _oxygen_cost(speed_m_per_min: float) -> float:
    return _A0 + _A1 * speed_m_per_min + _A2 * speed_m_per_min**2


def _fraction_sustainable(time_min: float) -> float:
    return (
        0.8
        + 0.1894393 * math.exp(-0.012778 * time_min)
        + 0.2989558 * math.exp(-0.1932605 * time_min)
    )


def _vdot(distance_m: float, time_s: float) -> float:
    time_min = time_s / 60
    return _oxygen_cost(distance_m / time_min) / _fraction_sustainable(time_min)


def _speed_for_oxygen_cost(vo2_ml_per_kg_min: float) -> float:
    """Positive root of 0.000104 v^2 + 0.182258 v - 4.60 - VO2 = 0, in metres per minute."""
    constant = _A0 - vo2_ml_per_kg_min
    return (-_A1 + math.sqrt(_A1 * _A1 - 4 * _A2 * constant)) / (2 * _A2)


def _solve_time_s(vdot_value: float, distance_m: float, fast_s: float, slow_s: float) -> float:
    """Time in [fast_s, slow_s] where VDOT equals ``vdot_value``; VDOT falls as time grows."""

    def excess(time_s: float) -> float:
        return _vdot(distance_m, time_s) - vdot_value

    return _bisect_decreasing(excess, fast_s, slow_s, _SOLVER_TOLERANCE_S)


def _bisect_decreasing(
    func: Callable[[float], float], low: float, high: float, tolerance: float
) -> float:
    """Root of a decreasing ``func`` bracketed by ``func(low) >= 0 >= func(high)``."""
    for _ in range(_MAX_BISECTIONS):
        if high - low <= tolerance:
            break
        middle = 0.5 * (low + high)
        if func(middle) > 0:
            low = middle
        else:
            high = middle
    return 0.5 * (low + high)
