"""Race-time prediction from one performance: Riegel, Cameron and VDOT equivalence.

Distances in metres, times in seconds. Formulas and test vectors: ``docs/science.md`` section 2
("Other predictions"). Every model assumes the runner has trained for the target distance; none
is reliable for efforts much longer than about four hours.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

from runstrong.domain.units import METRES_PER_MILE
from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, positive
from runstrong.science.running import equivalent_time_s, vdot

__all__ = [
    "RIEGEL_EXPONENT",
    "PredictionMethod",
    "cameron_time_s",
    "predict_time_s",
    "riegel_time_s",
]

PredictionMethod = Literal["riegel", "cameron", "vdot"]

RIEGEL_EXPONENT: Final = 1.06
_MIN_RIEGEL_EXPONENT: Final = 1.0
_MAX_RIEGEL_EXPONENT: Final = 1.2


def riegel_time_s(
    time_s: float, distance_m: float, target_distance_m: float, exponent: float = RIEGEL_EXPONENT
) -> float:
    """Predict a race time with Riegel's power law, ``t2 = t1 * (d2 / d1) ** exponent``.

    Source: Riegel PS (1981) Athletic records and human endurance. *American Scientist* 69.
    Riegel fitted efforts of about 3.5 to 230 minutes; predictions of races longer than about
    four hours are optimistic for most runners.

    Parameters
    ----------
    time_s : float
        Known race time, seconds, greater than zero.
    distance_m : float
        Known race distance, metres, greater than zero.
    target_distance_m : float
        Distance to predict, metres, greater than zero.
    exponent : float
        Fatigue exponent, 1.0 to 1.2 (1.06 for running; higher values suit runners who slow
        more over long distances).

    Examples
    --------
    >>> round(riegel_time_s(1200, 5000, 10000))
    2502
    """
    time = positive("time_s", time_s)
    distance = positive("distance_m", distance_m)
    target = positive("target_distance_m", target_distance_m)
    power = in_range("exponent", exponent, _MIN_RIEGEL_EXPONENT, _MAX_RIEGEL_EXPONENT)
    return time * float((target / distance) ** power)


def cameron_time_s(time_s: float, distance_m: float, target_distance_m: float) -> float:
    """Predict a race time with Cameron's model (Cameron 1997).

    With distances d in miles, ``a(d) = 13.49681 - 0.048865 d + 2.438936 / d^0.7905`` and
    ``t2 = t1 * (d2 / d1) * a(d1) / a(d2)``. Source: Cameron D (1997) *A critical examination
    of racing predictions*; fitted to world, national and collegiate records, it matches records
    from 800 m to 10000 m and the marathon. a(d) is not positive beyond about 276 miles, where
    the model is refused.

    Parameters
    ----------
    time_s : float
        Known race time, seconds, greater than zero.
    distance_m : float
        Known race distance, metres, greater than zero.
    target_distance_m : float
        Distance to predict, metres, greater than zero.

    Examples
    --------
    >>> round(cameron_time_s(1200, 5000, 42195))
    11711
    """
    time = positive("time_s", time_s)
    distance = positive("distance_m", distance_m)
    target = positive("target_distance_m", target_distance_m)
    return time * (target / distance) * _cameron_a(distance) / _cameron_a(target)


def predict_time_s(
    time_s: float,
    distance_m: float,
    target_distance_m: float,
    method: PredictionMethod = "riegel",
) -> float:
    """Predict a race time at ``target_distance_m`` from ``time_s`` at ``distance_m``.

    ``method`` is ``"riegel"`` (:func:`riegel_time_s`, Riegel 1981), ``"cameron"``
    (:func:`cameron_time_s`, Cameron 1997) or ``"vdot"`` (the VDOT-equivalent time,
    :func:`runstrong.science.running.equivalent_time_s`, Daniels & Gilbert 1979, which accepts
    races of 1500 m to the marathon lasting 3 to 300 minutes).

    Examples
    --------
    >>> round(predict_time_s(1200, 5000, 10000, "vdot"))
    2488
    """
    if method == "riegel":
        return riegel_time_s(time_s, distance_m, target_distance_m)
    if method == "cameron":
        return cameron_time_s(time_s, distance_m, target_distance_m)
    if method == "vdot":
        return equivalent_time_s(vdot(distance_m, time_s), target_distance_m)
    valid = ", ".join(get_args(PredictionMethod))
    raise ValidationError(f"unknown prediction method {method!r}: use one of {valid}")


def _cameron_a(distance_m: float) -> float:
    miles = distance_m / METRES_PER_MILE
    factor = 13.49681 - 0.048865 * miles + 2.438936 / float(miles**0.7905)
    if factor <= 0:
        raise ValidationError(
            f"Cameron's model does not cover {distance_m:g} m (over about 276 miles); "
            "use a shorter distance"
        )
    return factor
