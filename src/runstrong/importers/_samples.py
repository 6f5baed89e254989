"""Build :class:`ActivitySamples` and derive summary values from them, vectorised.

GPX and TCX files, and FIT files cut off before their session summary, only carry per-point
samples; the summary of such an activity (distance, moving time, ascent, heart rate) is derived
here, in whole-array NumPy passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import ActivitySamples, Sport

__all__ = [
    "EARTH_RADIUS_M",
    "STEPPING_SPORTS",
    "SampleSummary",
    "make_samples",
    "path_distance_m",
    "steps_per_minute",
    "summarise",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Mean Earth radius (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8
#: An interval slower than this (m/s) counts as stopped when deriving moving time.
_STOPPED_BELOW_M_PER_S = 0.5
#: Without distance, an interval longer than this (s) counts as a pause.
_PAUSE_GAP_S = 10.0
#: A single interval longer than this (s) is a pause whatever the distance covered.
_MAX_MOVING_GAP_S = 300.0
#: Altitude is smoothed over this many samples before summing climbs (GPS noise).
_ALTITUDE_WINDOW = 5
#: Sports whose cadence counts steps; their cadence is stored in steps per minute.
STEPPING_SPORTS: frozenset[Sport] = frozenset(
    {"running", "trail_running", "treadmill_running", "track_running", "walking", "hiking"}
)
#: A typical running or walking cadence below this is strides (one leg) per minute.
_STRIDES_BELOW_PER_MIN = 120.0


def make_samples(time_s: FloatArray, **columns: FloatArray | None) -> ActivitySamples:
    """An :class:`ActivitySamples` with every absent column filled with ``nan``.

    >>> samples = make_samples(np.array([0.0, 1.0]), hr_bpm=np.array([120.0, 121.0]))
    >>> len(samples), bool(np.isnan(samples.distance_m).all())
    (2, True)
    """
    count = len(time_s)
    values: dict[str, FloatArray] = {"time_s": np.ascontiguousarray(time_s, dtype=np.float64)}
    for name in ActivitySamples.COLUMNS[1:]:
        column = columns.pop(name, None)
        if column is None:
            values[name] = np.full(count, np.nan)
        else:
            values[name] = np.ascontiguousarray(column, dtype=np.float64)
            if len(values[name]) != count:
                raise ValueError(f"column {name} has {len(values[name])} values, expected {count}")
    power = columns.pop("power_w", None)
    if power is not None:
        power = np.ascontiguousarray(power, dtype=np.float64)
        if len(power) != count:
            raise ValueError(f"column power_w has {len(power)} values, expected {count}")
        values_power: FloatArray | None = power if np.isfinite(power).any() else None
    else:
        values_power = None
    if columns:
        raise TypeError(f"unknown sample columns: {', '.join(sorted(columns))}")
    return ActivitySamples(**values, power_w=values_power)


def steps_per_minute(cadence: FloatArray, sport: Sport) -> FloatArray:
    """Cadence in steps per minute for stepping sports, as recorded for the others.

    GPX and TCX files do not say whether a running cadence counts steps or strides (one leg);
    watches mostly write strides. A median non-zero cadence below 120 can only be strides
    (running and walking take 100-200 steps a minute), so it is doubled.

    >>> steps_per_minute(np.array([85.0, 86.0]), "running").tolist()
    [170.0, 172.0]
    >>> steps_per_minute(np.array([172.0]), "running").tolist()
    [172.0]
    >>> steps_per_minute(np.array([85.0]), "cycling").tolist()
    [85.0]
    """
    if sport not in STEPPING_SPORTS:
        return cadence
    moving = cadence[np.isfinite(cadence) & (cadence > 0)]
    if len(moving) and float(np.median(moving)) < _STRIDES_BELOW_PER_MIN:
        return cadence * 2.0
    return cadence


def path_distance_m(
    latitude_deg: FloatArray, longitude_deg: FloatArray, breaks: BoolArray | None = None
) -> FloatArray:
    """Cumulative great-circle (haversine) distance along a track, metres, starting at 0.

    Points without a position add nothing; ``breaks[i]`` true means point ``i`` starts a new
    segment, so the jump to it is not counted (a paused GPX track).

    >>> d = path_distance_m(np.array([0.0, 0.0, 0.001]), np.array([0.0, 0.001, 0.001]))
    >>> d.round(1).tolist()
    [0.0, 111.2, 222.4]
    """
    count = len(latitude_deg)
    if count == 0:
        return np.zeros(0)
    lat = np.radians(latitude_deg)
    lon = np.radians(longitude_deg)
    valid = np.isfinite(lat) & np.isfinite(lon)
    index = np.flatnonzero(valid)
    steps = np.zeros(count)
    if len(index) > 1:
        lat_a, lat_b = lat[index[:-1]], lat[index[1:]]
        half_dlat = (lat_b - lat_a) / 2.0
        half_dlon = (lon[index[1:]] - lon[index[:-1]]) / 2.0
        h = np.sin(half_dlat) ** 2 + np.cos(lat_a) * np.cos(lat_b) * np.sin(half_dlon) ** 2
        legs = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
        if breaks is not None:
            # a leg is dropped when a segment starts anywhere in (previous point, this point]
            started = np.cumsum(breaks)
            legs[started[index[1:]] != started[index[:-1]]] = 0.0
        steps[index[1:]] = legs
    return np.cumsum(steps)


@dataclass(frozen=True, slots=True)
class SampleSummary:
    """Summary values derived from samples (``None`` where the samples say nothing)."""

    elapsed_time_s: float
    moving_time_s: float
    distance_m: float | None
    ascent_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None


def summarise(samples: ActivitySamples, breaks: BoolArray | None = None) -> SampleSummary:
    """Derive elapsed and moving time, distance, ascent, heart rate and cadence from samples.

    Moving time adds up the intervals between samples that are part of motion: with distance,
    those covered faster than 0.5 m/s (and shorter than 5 minutes); without distance, those
    shorter than 10 s. Intervals that start a new segment (``breaks``) are pauses. Ascent sums
    the climbs of the altitude after a 5-sample moving average, which keeps GPS noise from
    adding up.

    >>> t = np.arange(0.0, 11.0)
    >>> s = summarise(make_samples(t, distance_m=t * 3.0, hr_bpm=np.full(11, 150.0)))
    >>> s.elapsed_time_s, s.moving_time_s, s.distance_m, s.avg_hr_bpm
    (10.0, 10.0, 30.0, 150.0)
    """
    time_s = samples.time_s
    if len(time_s) == 0:
        return SampleSummary(0.0, 0.0, None, None, None, None, None)
    elapsed = float(time_s[-1] - time_s[0])
    dt = np.diff(time_s)
    distance = samples.distance_m
    if np.isfinite(distance).sum() > 1:
        filled = _forward_fill(distance)
        speed = np.divide(np.diff(filled), dt, out=np.zeros_like(dt), where=dt > 0)
        moving = (speed >= _STOPPED_BELOW_M_PER_S) & (dt <= _MAX_MOVING_GAP_S)
    else:
        moving = dt <= _PAUSE_GAP_S
    if breaks is not None and len(dt):
        moving &= ~breaks[1:]
    return SampleSummary(
        elapsed_time_s=elapsed,
        moving_time_s=float(dt[moving].sum()),
        distance_m=_last(distance),
        ascent_m=_ascent(samples.altitude_m),
        avg_hr_bpm=_mean(samples.hr_bpm),
        max_hr_bpm=_max(samples.hr_bpm),
        avg_cadence_spm=_mean(samples.cadence_spm[samples.cadence_spm > 0]),
    )


def _forward_fill(values: FloatArray) -> FloatArray:
    """Replace each ``nan`` with the last finite value before it (leading ones with the first)."""
    finite = np.isfinite(values)
    index = np.where(finite, np.arange(len(values)), 0)
    np.maximum.accumulate(index, out=index)
    filled = values[index]
    first = np.flatnonzero(finite)
    if len(first):
        filled[: first[0]] = values[first[0]]
    return filled


def _ascent(altitude_m: FloatArray) -> float | None:
    finite = altitude_m[np.isfinite(altitude_m)]
    if len(finite) < 2:
        return None
    window = min(_ALTITUDE_WINDOW, len(finite))
    smooth = np.convolve(finite, np.ones(window) / window, mode="valid")
    return float(np.clip(np.diff(smooth), 0.0, None).sum())


def _mean(values: FloatArray) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if len(finite) else None


def _max(values: FloatArray) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite.max()) if len(finite) else None


def _last(values: FloatArray) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite[-1]) if len(finite) else None
