"""Splits: the run cut every kilometre (or mile), and the device's laps, with their numbers.

A split boundary falls where the cumulative distance reaches a multiple of the split length; its
time is interpolated between the two samples around it, so the splits' times and distances add up
exactly to the run's. The last split is usually shorter than the others and is marked partial.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import ActivitySamples
from runstrong.science.activity._series import forward_fill, monotone_distance_m, moving_intervals
from runstrong.science.activity.grade_adjusted import equivalent_flat_distance_m

__all__ = [
    "KILOMETRE_M",
    "MILE_M",
    "RunSegments",
    "Segment",
    "run_segments",
    "segments_between",
    "splits",
    "whole_run",
]

FloatArray = npt.NDArray[np.float64]

KILOMETRE_M = 1000.0
MILE_M = 1609.344
#: Altitude is averaged over this many samples before gains and losses are summed.
_ALTITUDE_WINDOW = 5


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a run (a split or a lap) and what happened in it.

    Times are seconds from the start of the activity; ``moving_time_s`` leaves out stops.
    Paces are seconds per kilometre of moving time; ``gap_s_per_km`` is the grade-adjusted pace
    (Minetti et al. 2002, see :mod:`.grade_adjusted`). ``partial`` marks a last split shorter
    than the split length.
    """

    index: int
    start_s: float
    end_s: float
    distance_m: float
    elapsed_time_s: float
    moving_time_s: float
    pace_s_per_km: float | None
    gap_s_per_km: float | None
    avg_hr_bpm: float | None
    avg_cadence_spm: float | None
    elevation_gain_m: float | None
    elevation_loss_m: float | None
    partial: bool = False


@dataclass(frozen=True, slots=True)
class _Prepared:
    time_s: FloatArray
    distance_m: FloatArray
    flat_m: FloatArray
    moving_s: FloatArray  # cumulative moving time at each sample
    altitude_m: FloatArray
    samples: ActivitySamples


def _prepare(samples: ActivitySamples) -> _Prepared:
    time_s = samples.time_s
    distance = monotone_distance_m(samples.distance_m)
    moving = moving_intervals(time_s, samples.distance_m)
    moving_s = np.concatenate(([0.0], np.cumsum(np.where(moving, np.diff(time_s), 0.0))))
    altitude = samples.altitude_m
    smoothed = np.full(len(altitude), np.nan)
    finite = np.isfinite(altitude)
    if finite.sum() >= _ALTITUDE_WINDOW:
        kernel = np.ones(_ALTITUDE_WINDOW) / _ALTITUDE_WINDOW
        smoothed = np.convolve(forward_fill(altitude), kernel, mode="same")
        half = _ALTITUDE_WINDOW // 2
        smoothed[:half], smoothed[-half:] = smoothed[half], smoothed[-half - 1]
    return _Prepared(
        time_s,
        distance,
        equivalent_flat_distance_m(distance, altitude),
        moving_s,
        smoothed,
        samples,
    )


def _at(values: FloatArray, positions: FloatArray) -> FloatArray:
    """Values interpolated at fractional sample positions."""
    return np.interp(positions, np.arange(len(values), dtype=np.float64), values)


def _positions_at_distance(distance_m: FloatArray, targets: FloatArray) -> FloatArray:
    """Fractional sample positions where the cumulative distance first reaches each target."""
    after = np.clip(np.searchsorted(distance_m, targets, side="left"), 1, len(distance_m) - 1)
    before = after - 1
    span = distance_m[after] - distance_m[before]
    fraction = np.divide(
        targets - distance_m[before], span, out=np.ones_like(targets), where=span > 0
    )
    return np.asarray(before + np.clip(fraction, 0.0, 1.0), dtype=np.float64)


def _positions_at_time(time_s: FloatArray, targets: FloatArray) -> FloatArray:
    return _positions_at_distance(time_s, targets)


def _weighted_means(
    values: FloatArray, weights: FloatArray, labels: npt.NDArray[np.intp], count: int
) -> list[float | None]:
    usable = np.isfinite(values) & (values > 0) & (weights > 0)
    total = np.bincount(labels[usable], weights=(values * weights)[usable], minlength=count)
    weight = np.bincount(labels[usable], weights=weights[usable], minlength=count)
    return [float(t / w) if w > 0 else None for t, w in zip(total, weight, strict=True)]


def _segments(
    prepared: _Prepared, positions: FloatArray, partial_last: bool
) -> tuple[Segment, ...]:
    """Segments between consecutive fractional sample positions."""
    count = len(positions) - 1
    if count < 1:
        return ()
    time_at = _at(prepared.time_s, positions)
    distance_at = _at(prepared.distance_m, positions)
    flat_at = _at(prepared.flat_m, positions)
    moving_at = _at(prepared.moving_s, positions)
    # each interval between samples belongs to the segment its midpoint falls in
    middles = np.arange(len(prepared.time_s) - 1, dtype=np.float64) + 0.5
    labels = np.clip(np.searchsorted(positions, middles, side="right") - 1, 0, count - 1)
    inside = (middles >= positions[0]) & (middles <= positions[-1])
    dt = np.where(inside, np.diff(prepared.time_s), 0.0)
    hr = _weighted_means(prepared.samples.hr_bpm[1:], dt, labels, count)
    cadence = _weighted_means(prepared.samples.cadence_spm[1:], dt, labels, count)
    climbs = np.diff(prepared.altitude_m)
    has_altitude = bool(np.isfinite(prepared.altitude_m).any())
    climbs = np.where(inside & np.isfinite(climbs), climbs, 0.0)
    gains = np.bincount(labels, weights=np.clip(climbs, 0.0, None), minlength=count)
    losses = np.bincount(labels, weights=np.clip(-climbs, 0.0, None), minlength=count)
    result = []
    for index in range(count):
        distance = float(distance_at[index + 1] - distance_at[index])
        moving = float(moving_at[index + 1] - moving_at[index])
        flat = float(flat_at[index + 1] - flat_at[index])
        result.append(
            Segment(
                index=index + 1,
                start_s=float(time_at[index]),
                end_s=float(time_at[index + 1]),
                distance_m=distance,
                elapsed_time_s=float(time_at[index + 1] - time_at[index]),
                moving_time_s=moving,
                pace_s_per_km=moving / distance * 1000.0 if distance > 1 and moving > 0 else None,
                gap_s_per_km=moving / flat * 1000.0 if flat > 1 and moving > 0 else None,
                avg_hr_bpm=hr[index],
                avg_cadence_spm=cadence[index],
                elevation_gain_m=float(gains[index]) if has_altitude else None,
                elevation_loss_m=float(losses[index]) if has_altitude else None,
                partial=partial_last and index == count - 1,
            )
        )
    return tuple(result)


def _split_positions(prepared: _Prepared, split_m: float) -> tuple[FloatArray, bool] | None:
    total = float(prepared.distance_m[-1])
    if total <= 0:
        return None
    boundaries = np.arange(split_m, total, split_m)
    if len(boundaries) and total - boundaries[-1] < 1.0:  # a last split of less than a metre
        boundaries = boundaries[:-1]
    inner = _positions_at_distance(prepared.distance_m, boundaries)
    positions = np.concatenate(([0.0], inner, [float(len(prepared.time_s) - 1)]))
    partial = total - (boundaries[-1] if len(boundaries) else 0.0) < split_m * 0.995
    return positions, partial


def _lap_positions(prepared: _Prepared, starts_s: FloatArray, ends_s: FloatArray) -> FloatArray:
    edges = np.concatenate((starts_s, ends_s[-1:]))
    edges = np.clip(edges, prepared.time_s[0], prepared.time_s[-1])
    edges = np.maximum.accumulate(edges)
    return _positions_at_time(prepared.time_s, edges)


@dataclass(frozen=True, slots=True)
class RunSegments:
    """Splits, laps and the whole run, from one pass over the samples."""

    splits: tuple[Segment, ...]
    laps: tuple[Segment, ...]
    whole: Segment | None


def run_segments(
    samples: ActivitySamples,
    split_m: float = KILOMETRE_M,
    lap_starts_s: FloatArray | None = None,
    lap_ends_s: FloatArray | None = None,
) -> RunSegments:
    """:func:`splits`, :func:`segments_between` (for laps) and :func:`whole_run` at once,
    sharing the cleaned series (one grade computation for all three)."""
    if len(samples) < 2:
        return RunSegments((), (), None)
    prepared = _prepare(samples)
    has_distance = np.isfinite(samples.distance_m).sum() >= 2
    found = _split_positions(prepared, split_m) if has_distance else None
    split_rows = _segments(prepared, *found) if found is not None else ()
    lap_rows: tuple[Segment, ...] = ()
    if lap_starts_s is not None and lap_ends_s is not None and len(lap_starts_s):
        lap_rows = _segments(
            prepared, _lap_positions(prepared, lap_starts_s, lap_ends_s), partial_last=False
        )
    whole = _segments(prepared, np.array([0.0, float(len(samples) - 1)]), partial_last=False)
    return RunSegments(split_rows, lap_rows, whole[0] if whole else None)


def splits(samples: ActivitySamples, split_m: float = KILOMETRE_M) -> tuple[Segment, ...]:
    """The run cut every ``split_m`` metres (1000 for km, 1609.344 for miles).

    Returns no splits for samples without distance. The times of the splits add up to the time
    from the first to the last sample, their distances to the distance the device recorded
    (see :func:`._series.monotone_distance_m`).

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 601.0)
    >>> parts = splits(make_samples(t, distance_m=t * 4.0))   # 2.4 km at 4 m/s
    >>> [(round(s.distance_m), round(s.elapsed_time_s), s.partial) for s in parts]
    [(1000, 250, False), (1000, 250, False), (400, 100, True)]
    """
    if len(samples) < 2 or np.isfinite(samples.distance_m).sum() < 2:
        return ()
    prepared = _prepare(samples)
    found = _split_positions(prepared, split_m)
    return _segments(prepared, *found) if found is not None else ()


def segments_between(
    samples: ActivitySamples, starts_s: FloatArray, ends_s: FloatArray
) -> tuple[Segment, ...]:
    """Segments of the samples between given start and end times (a device's laps).

    Laps are contiguous, so each lap runs from its start to the next lap's start (the last to
    its own end); times outside the samples are clipped to them.
    """
    if len(samples) < 2 or len(starts_s) == 0:
        return ()
    prepared = _prepare(samples)
    return _segments(prepared, _lap_positions(prepared, starts_s, ends_s), partial_last=False)


def whole_run(samples: ActivitySamples) -> Segment | None:
    """The whole run as one segment (its grade-adjusted pace, climbs and averages)."""
    if len(samples) < 2:
        return None
    prepared = _prepare(samples)
    found = _segments(prepared, np.array([0.0, float(len(samples) - 1)]), partial_last=False)
    return found[0] if found else None
