"""Session RPE estimated from heart rate: Edwards' summated heart-rate zones (Edwards 1993).

Private to :mod:`runstrong.science.load`, which re-exports the public names. The method and its
limits are in ``docs/science.md`` (Strength, "load from heart rate").
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science._checks import positive

__all__ = ["edwards_trimp", "hr_estimated_rpe"]

#: Lower edges of Edwards' zones as fractions of HRmax; a zone's weight is its number (1-5).
_ZONE_EDGES: Final = np.array([0.5, 0.6, 0.7, 0.8, 0.9])
#: A gap longer than this between samples (a paused watch) counts only this long.
_MAX_GAP_S: Final = 10.0
_SECONDS_PER_MINUTE: Final = 60.0


def edwards_trimp(time_s: npt.ArrayLike, hr_bpm: npt.ArrayLike, hr_max_bpm: float) -> float:
    """Edwards' TRIMP: minutes in each zone of HRmax times the zone's weight, summed.

    Zones 50-60 % (weight 1), 60-70 % (2), 70-80 % (3), 80-90 % (4), 90 % and more (5); below
    50 % counts nothing. Each sample stands for the time until the next one (at most 10 s); the
    last sample stands for the median interval.

    >>> t = np.arange(1800.0)
    >>> hr = np.where(t < 600, 0.55 * 200, 0.75 * 200)
    >>> round(edwards_trimp(t, hr, 200), 2)
    70.0
    """
    maximum = positive("hr_max_bpm", hr_max_bpm)
    times = np.asarray(time_s, dtype=np.float64)
    heart = np.asarray(hr_bpm, dtype=np.float64)
    if times.shape != heart.shape or times.ndim != 1:
        raise ValidationError("time_s and hr_bpm must be 1-D arrays of the same length")
    keep = np.isfinite(times) & np.isfinite(heart)
    times, heart = times[keep], heart[keep]
    if times.size == 0:
        return 0.0
    gaps = np.diff(times)
    last = float(np.median(gaps)) if gaps.size else 1.0
    weights_s = np.clip(np.append(gaps, last), 0.0, _MAX_GAP_S)
    zone = np.searchsorted(_ZONE_EDGES, heart / maximum, side="right")
    return float(np.sum(zone * weights_s) / _SECONDS_PER_MINUTE)


def hr_estimated_rpe(
    time_s: npt.ArrayLike, hr_bpm: npt.ArrayLike, hr_max_bpm: float
) -> float | None:
    """A session RPE (CR-10) from heart rate: 2 x Edwards TRIMP / minutes, ``None`` without data.

    runstrong's reading of the mean Edwards zone weight (1-5) as an RPE (2-10); see
    ``docs/science.md``.

    >>> t = np.arange(1800.0)
    >>> round(hr_estimated_rpe(t, np.where(t < 600, 110.0, 150.0), 200), 2)
    4.67
    >>> hr_estimated_rpe([], [], 190) is None
    True
    """
    times = np.asarray(time_s, dtype=np.float64)
    heart = np.asarray(hr_bpm, dtype=np.float64)
    keep = np.isfinite(times) & np.isfinite(heart)
    if keep.sum() < 2:
        return None
    span = np.clip(np.diff(times[keep]), 0.0, _MAX_GAP_S)
    minutes = (span.sum() + float(np.median(span))) / _SECONDS_PER_MINUTE
    if minutes <= 0:
        return None
    trimp = edwards_trimp(times, heart, hr_max_bpm)
    return float(min(10.0, 2.0 * trimp / minutes))
