"""Time in zones: heart-rate zones by heart-rate reserve, and Daniels' pace zones.

Heart-rate zones use the heart-rate reserve (Karvonen et al. 1957): a heart rate's zone is its
fraction of the reserve ``(HR - rest) / (max - rest)``: Z1 below 60 %, Z2 60-70 %, Z3 70-80 %,
Z4 80-90 %, Z5 90 % and above. Without a resting heart rate the same bands are read as
fractions of the maximum heart rate (%HRmax), a cruder model, and the result says so.

Pace zones are Daniels' E, M, T, I and R (Daniels' Running Formula) from a VDOT: each zone runs
from halfway between its pace and the next slower zone's pace to halfway to the next faster one;
slower than the slow end of easy pace is "below E" (walking breaks, jogging recoveries).

Every moving interval between samples falls in exactly one zone (or "no data" when the heart
rate is missing), so the zones add up to the moving time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import ActivitySamples
from runstrong.science.activity._series import clean_distance_m, moving_intervals, smooth
from runstrong.science.running import training_paces

__all__ = ["HrModel", "ZoneTime", "hr_zones", "pace_zones"]

FloatArray = npt.NDArray[np.float64]
HrModel = Literal["hrr", "hrmax"]

_HR_BANDS = (0.6, 0.7, 0.8, 0.9)
_HR_NAMES = ("Z1 recovery", "Z2 endurance", "Z3 tempo", "Z4 threshold", "Z5 maximum")
_PACE_NAMES = ("below E", "E easy", "M marathon", "T threshold", "I interval", "R repetition")
#: Speed is averaged over this many samples before its zone is read (GPS jitter).
_SPEED_WINDOW = 5


@dataclass(frozen=True, slots=True)
class ZoneTime:
    """Moving time spent in one zone; ``low``/``high`` are the zone's bounds (bpm, or seconds
    per km for pace zones, ``None`` at an open end)."""

    name: str
    time_s: float
    low: float | None
    high: float | None


def _intervals(samples: ActivitySamples) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    dt = np.diff(samples.time_s)
    return dt, moving_intervals(samples.time_s, samples.distance_m)


def hr_zones(
    samples: ActivitySamples, hr_max_bpm: float, hr_rest_bpm: float | None
) -> tuple[tuple[ZoneTime, ...], HrModel]:
    """Moving time in the five heart-rate zones, and the model used (``hrr`` or ``hrmax``).

    The last entry, "no data", holds moving time without a heart-rate reading.

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 5.0)
    >>> run = make_samples(t, distance_m=t * 3, hr_bpm=np.full(5, 150.0))
    >>> zones, model = hr_zones(run, 190, 50)
    >>> model, [(z.name, z.time_s) for z in zones if z.time_s]
    ('hrr', [('Z3 tempo', 4.0)])
    """
    rest = hr_rest_bpm if hr_rest_bpm is not None and hr_rest_bpm < hr_max_bpm else None
    model: HrModel = "hrr" if rest is not None else "hrmax"
    base = rest if rest is not None else 0.0
    edges = [base + fraction * (hr_max_bpm - base) for fraction in _HR_BANDS]
    dt, moving = _intervals(samples)
    hr = samples.hr_bpm[1:] if len(samples) > 1 else np.zeros(0)
    has_hr = np.isfinite(hr) & (hr > 0)
    labels = np.searchsorted(np.array(edges), np.where(has_hr, hr, 0.0), side="right")
    labels = np.where(has_hr, labels, len(_HR_NAMES))
    times = np.bincount(labels[moving], weights=dt[moving], minlength=len(_HR_NAMES) + 1)
    bounds = [None, *edges, None]
    zones = [
        ZoneTime(name, float(times[i]), bounds[i], bounds[i + 1])
        for i, name in enumerate(_HR_NAMES)
    ]
    zones.append(ZoneTime("no data", float(times[-1]), None, None))
    return tuple(zones), model


def pace_zones(samples: ActivitySamples, vdot_value: float) -> tuple[ZoneTime, ...]:
    """Moving time in Daniels' pace zones for a VDOT; bounds are paces in s/km.

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 101.0)
    >>> zones = pace_zones(make_samples(t, distance_m=t * 3.2), 50)   # 5:12/km
    >>> [(z.name, z.time_s) for z in zones if z.time_s]
    [('E easy', 100.0)]
    """
    paces = training_paces(vdot_value)
    zone_paces = [
        paces.easy_slow_s_per_km,
        paces.easy_fast_s_per_km,
        paces.marathon_s_per_km,
        paces.threshold_s_per_km,
        paces.interval_s_per_km,
        paces.repetition_s_per_km,
    ]
    speeds = [1000.0 / p for p in zone_paces]
    # E spans from its slow end to halfway between its fast end and M; the others meet halfway
    edges_speed = [
        speeds[0],
        (speeds[1] + speeds[2]) / 2,
        (speeds[2] + speeds[3]) / 2,
        (speeds[3] + speeds[4]) / 2,
        (speeds[4] + speeds[5]) / 2,
    ]
    dt, moving = _intervals(samples)
    distance = clean_distance_m(samples.time_s, samples.distance_m)
    speed = np.divide(np.diff(distance), dt, out=np.zeros_like(dt), where=dt > 0)
    speed = smooth(speed, _SPEED_WINDOW)
    labels = np.searchsorted(np.array(edges_speed), np.nan_to_num(speed), side="right")
    times = np.bincount(labels[moving], weights=dt[moving], minlength=len(_PACE_NAMES))
    pace_edges: list[float | None] = [None, *(1000.0 / v for v in edges_speed), None]
    return tuple(
        ZoneTime(name, float(times[i]), pace_edges[i], pace_edges[i + 1])
        for i, name in enumerate(_PACE_NAMES)
    )
