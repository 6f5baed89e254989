"""Training load of one session: session-RPE, Banister TRIMP and rTSS.

Private to :mod:`runstrong.science.load`, which re-exports the public names.
"""

from __future__ import annotations

from typing import Final, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, non_negative, positive

FloatArray = npt.NDArray[np.float64]
_Value = TypeVar("_Value", float, FloatArray)

_TRIMP_CONSTANTS: Final = {"male": (0.64, 1.92), "female": (0.86, 1.67)}
_SECONDS_PER_MINUTE: Final = 60.0
_SECONDS_PER_HOUR: Final = 3600.0


def session_rpe_load(rpe: float, duration_s: float) -> float:
    """Session-RPE training load: CR-10 RPE × duration in minutes (Foster et al. 2001).

    ``load = rpe * duration_s / 60``, in arbitrary units (AU). It works for runs and lifting
    alike, so it is runstrong's common scale for running and strength. A strength session's
    duration is its working time including rests.

    Parameters
    ----------
    rpe : float
        Session rating of perceived exertion on Foster's CR-10 scale, 0 to 10, given about
        30 minutes after the session.
    duration_s : float
        Session duration, seconds, zero or more.

    Returns
    -------
    float
        Session load, AU.

    Examples
    --------
    >>> session_rpe_load(5, 3600)
    300.0
    """
    return _rpe_load(in_range("rpe", rpe, 0.0, 10.0), non_negative("duration_s", duration_s))


def session_rpe_load_per_session(rpe: npt.ArrayLike, duration_s: npt.ArrayLike) -> FloatArray:
    """:func:`session_rpe_load` of many sessions at once (Foster et al. 2001), AU.

    >>> session_rpe_load_per_session([5, 7], [3600, 1800])
    array([300., 210.])
    """
    ratings = _checked("rpe", rpe, 0.0, 10.0)
    return _rpe_load(ratings, _checked("duration_s", duration_s, 0.0, np.inf))


def banister_trimp(
    duration_s: float,
    hr_avg_bpm: float,
    hr_rest_bpm: float,
    hr_max_bpm: float,
    sex: Literal["female", "male", "unspecified"] = "unspecified",
) -> float:
    """Banister's training impulse (TRIMP) of one session from its average heart rate.

    ``TRIMP = minutes × ΔHR × k1 × exp(k2 × ΔHR)`` with the heart-rate reserve fraction
    ``ΔHR = (HRavg − HRrest) / (HRmax − HRrest)``; men k1 = 0.64, k2 = 1.92; women k1 = 0.86,
    k2 = 1.67 (Banister 1991). For ``sex="unspecified"`` runstrong uses the mean of the two
    results, a documented choice with no published basis. An average heart rate below resting
    gives ΔHR = 0 (no load).

    Parameters
    ----------
    duration_s : float
        Session duration, seconds, zero or more.
    hr_avg_bpm : float
        Average heart rate of the session, beats per minute, at most ``hr_max_bpm``.
    hr_rest_bpm, hr_max_bpm : float
        The athlete's resting and maximal heart rates, bpm, with ``0 < rest < max``.
    sex : {"female", "male", "unspecified"}
        Selects the weighting constants.

    Returns
    -------
    float
        TRIMP, AU (about 100 for an hour at 150 bpm with rest 60 and max 190, for a man).

    Examples
    --------
    >>> round(banister_trimp(3600, 150, 60, 190, "male"), 2)
    100.44
    >>> round(banister_trimp(3600, 150, 60, 190, "female"), 2)
    113.52
    """
    minutes = non_negative("duration_s", duration_s) / _SECONDS_PER_MINUTE
    rest = positive("hr_rest_bpm", hr_rest_bpm)
    maximum = positive("hr_max_bpm", hr_max_bpm)
    average = positive("hr_avg_bpm", hr_avg_bpm)
    if rest >= maximum:
        raise ValidationError(
            f"hr_rest_bpm ({rest:g}) must be below hr_max_bpm ({maximum:g}); check the athlete's "
            "heart-rate settings"
        )
    if average > maximum:
        raise ValidationError(
            f"average heart rate {average:g} bpm is above the athlete's maximum {maximum:g} bpm; "
            "raise hr_max_bpm in the athlete's settings"
        )
    if sex not in ("unspecified", *_TRIMP_CONSTANTS):
        raise ValidationError(f"sex must be 'female', 'male' or 'unspecified', got {sex!r}")
    return float(_trimp(minutes, max(0.0, (average - rest) / (maximum - rest)), sex))


def banister_trimp_per_session(
    duration_s: npt.ArrayLike,
    hr_avg_bpm: npt.ArrayLike,
    hr_rest_bpm: float,
    hr_max_bpm: float,
    sex: Literal["female", "male", "unspecified"] = "unspecified",
) -> FloatArray:
    """:func:`banister_trimp` of many sessions of one athlete at once (Banister 1991), AU.

    >>> banister_trimp_per_session([3600, 3600], [150, 60], 60, 190, "male").round(2)
    array([100.44,   0.  ])
    """
    minutes = _checked("duration_s", duration_s, 0.0, np.inf) / _SECONDS_PER_MINUTE
    rest = positive("hr_rest_bpm", hr_rest_bpm)
    maximum = positive("hr_max_bpm", hr_max_bpm)
    if rest >= maximum:
        raise ValidationError(f"hr_rest_bpm ({rest:g}) must be below hr_max_bpm ({maximum:g})")
    average = _checked("hr_avg_bpm", hr_avg_bpm, 0.0, maximum)
    if sex not in ("unspecified", *_TRIMP_CONSTANTS):
        raise ValidationError(f"sex must be 'female', 'male' or 'unspecified', got {sex!r}")
    return _trimp(minutes, np.maximum(0.0, (average - rest) / (maximum - rest)), sex)


def _rpe_load(rating: _Value, duration_s: _Value) -> _Value:
    return rating * duration_s / _SECONDS_PER_MINUTE


def _trimp(minutes: _Value, reserve: _Value, sex: str) -> _Value:
    """``minutes × ΔHR × k1 × exp(k2 × ΔHR)``; the mean of both weightings when unspecified."""
    constants = _TRIMP_CONSTANTS.values() if sex == "unspecified" else [_TRIMP_CONSTANTS[sex]]
    weightings = [k1 * np.exp(k2 * reserve) for k1, k2 in constants]
    result: _Value = minutes * reserve * (sum(weightings) / len(weightings))
    return result


def _checked(name: str, values: npt.ArrayLike, low: float, high: float) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    bad = ~(np.isfinite(array) & (array >= low) & (array <= high))
    if bad.any():
        raise ValidationError(f"{name} must be from {low:g} to {high:g}, got {array[bad][0]!r}")
    return array


def rtss(
    duration_s: float,
    normalized_graded_speed_m_per_s: float,
    threshold_speed_m_per_s: float,
) -> float:
    """Running training stress score (rTSS, TrainingPeaks): hours × IF² × 100.

    The intensity factor ``IF = normalized graded speed / threshold speed``, where the normalized
    graded speed adjusts the run's speed for gradient and the threshold speed is the speed the
    athlete can hold for about an hour. One hour at threshold scores 100.

    Parameters
    ----------
    duration_s : float
        Moving time of the run, seconds, zero or more.
    normalized_graded_speed_m_per_s : float
        Normalized graded speed of the run, m/s, zero or more.
    threshold_speed_m_per_s : float
        The athlete's threshold speed, m/s, greater than zero.

    Returns
    -------
    float
        rTSS, AU.

    Examples
    --------
    >>> rtss(3600, 4.0, 4.0)
    100.0
    >>> round(rtss(5400, 3.2, 4.0), 1)
    96.0
    """
    hours = non_negative("duration_s", duration_s) / _SECONDS_PER_HOUR
    speed = non_negative("normalized_graded_speed_m_per_s", normalized_graded_speed_m_per_s)
    intensity_factor = speed / positive("threshold_speed_m_per_s", threshold_speed_m_per_s)
    return hours * intensity_factor**2 * 100
