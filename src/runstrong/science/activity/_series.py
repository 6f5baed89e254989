"""Shared series helpers for the activity analyses: cleaned distance, moving intervals, smoothing.

Everything works on whole NumPy arrays; a 6-hour run at 1 Hz (21,600 samples) is a few
vectorised passes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_RUNNING_SPEED_M_PER_S",
    "STOPPED_BELOW_M_PER_S",
    "clean_distance_m",
    "forward_fill",
    "monotone_distance_m",
    "moving_intervals",
    "smooth",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: An interval covered faster than this (m/s) is a GPS spike, not running: 12.5 m/s is above
#: the fastest 100 m split ever run (Bolt, 2009: about 12.4 m/s over 60-80 m).
MAX_RUNNING_SPEED_M_PER_S = 12.5
#: An interval slower than this (m/s) counts as stopped (the importers use the same rule).
STOPPED_BELOW_M_PER_S = 0.5
#: A single interval longer than this (s) is a pause whatever the distance covered.
MAX_MOVING_GAP_S = 300.0


def forward_fill(values: FloatArray) -> FloatArray:
    """Each ``nan`` replaced by the last finite value before it (leading ones by the first).

    >>> forward_fill(np.array([np.nan, 1.0, np.nan, 3.0])).tolist()
    [1.0, 1.0, 1.0, 3.0]
    """
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros_like(values)
    index = np.where(finite, np.arange(len(values)), 0)
    np.maximum.accumulate(index, out=index)
    filled = values[index]
    first = int(np.flatnonzero(finite)[0])
    filled[:first] = values[first]
    return filled


def clean_distance_m(
    time_s: FloatArray,
    distance_m: FloatArray,
    max_speed_m_per_s: float = MAX_RUNNING_SPEED_M_PER_S,
) -> FloatArray:
    """Cumulative distance from 0 with GPS spikes and backward steps removed.

    An interval whose implied speed is above ``max_speed_m_per_s`` (a GPS jump: 100 m in one
    second) adds no distance, and neither does one where the distance goes backwards. Removing a
    spike can only make an effort slower, never faster, so no record comes from GPS noise.

    >>> t = np.arange(5.0)
    >>> clean_distance_m(t, np.array([0.0, 3.0, 103.0, 106.0, 109.0])).tolist()
    [0.0, 3.0, 3.0, 6.0, 9.0]
    """
    if len(distance_m) == 0:
        return np.zeros(0)
    filled = forward_fill(distance_m)
    steps = np.diff(filled)
    dt = np.diff(time_s)
    too_fast = steps > max_speed_m_per_s * np.maximum(dt, 1.0)
    steps = np.where(too_fast | (steps < 0), 0.0, steps)
    return np.concatenate(([0.0], np.cumsum(steps)))


def monotone_distance_m(distance_m: FloatArray) -> FloatArray:
    """Cumulative distance from 0 as the device recorded it, gaps filled, never going back.

    Splits use this, so that they add up to the device's distance; best efforts use
    :func:`clean_distance_m`, which also drops spikes.

    >>> monotone_distance_m(np.array([5.0, np.nan, 9.0, 8.0, 12.0])).tolist()
    [0.0, 0.0, 4.0, 4.0, 7.0]
    """
    if len(distance_m) == 0:
        return np.zeros(0)
    filled: FloatArray = np.maximum.accumulate(forward_fill(distance_m))
    return np.asarray(filled - filled[0], dtype=np.float64)


def moving_intervals(time_s: FloatArray, distance_m: FloatArray) -> BoolArray:
    """For each interval between samples, whether it was part of motion.

    Faster than 0.5 m/s and shorter than 5 minutes, as the importers count moving time; without
    distance, every interval up to 10 s.
    """
    dt = np.diff(time_s)
    if len(distance_m) and np.isfinite(distance_m).sum() > 1:
        steps = np.diff(forward_fill(distance_m))
        speed = np.divide(steps, dt, out=np.zeros_like(dt), where=dt > 0)
        return (speed >= STOPPED_BELOW_M_PER_S) & (dt <= MAX_MOVING_GAP_S)
    return dt <= 10.0


def smooth(values: FloatArray, window: int) -> FloatArray:
    """Centred moving average over ``window`` samples, ``nan`` ignored; same length as input.

    >>> smooth(np.array([0.0, 3.0, 0.0, 3.0]), 3).round(2).tolist()
    [1.5, 1.0, 2.0, 1.5]
    """
    if window <= 1 or len(values) == 0:
        return values.astype(np.float64, copy=True)
    finite = np.isfinite(values)
    kernel = np.ones(window)
    total = np.convolve(np.where(finite, values, 0.0), kernel, mode="same")
    count = np.convolve(finite.astype(np.float64), kernel, mode="same")
    averaged: FloatArray = np.divide(
        total, count, out=np.full(len(values), np.nan), where=count > 0
    )
    return averaged
