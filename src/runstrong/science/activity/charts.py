"""Series for charts and scripts: the samples' columns thinned to a few thousand points.

Thinning averages blocks of consecutive samples (``nan`` ignored), so a 6-hour run at 1 Hz
becomes 2,000 points that still show every surge longer than about 10 seconds; speed is taken
from the cleaned distance (GPS spikes removed) and smoothed over 5 samples before thinning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import ActivitySamples
from runstrong.science.activity._series import clean_distance_m, smooth

__all__ = ["CHART_COLUMNS", "DEFAULT_MAX_POINTS", "ChartSeries", "chart_series", "thin"]

FloatArray = npt.NDArray[np.float64]

DEFAULT_MAX_POINTS = 2000
#: The columns a chart or script may ask for.
CHART_COLUMNS = (
    "time_s",
    "distance_m",
    "speed_m_per_s",
    "hr_bpm",
    "cadence_spm",
    "altitude_m",
    "power_w",
    "latitude_deg",
    "longitude_deg",
)
_SPEED_WINDOW = 5


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """Thinned columns (same length each), ``step`` samples per point; absent columns left out."""

    step: int
    columns: dict[str, FloatArray]


def thin(values: FloatArray, step: int) -> FloatArray:
    """Means of consecutive blocks of ``step`` values, ``nan`` ignored (``nan`` if all are).

    >>> thin(np.array([1.0, 3.0, np.nan, np.nan, 5.0]), 2).tolist()
    [2.0, nan, 5.0]
    """
    if step <= 1:
        return values.astype(np.float64, copy=True)
    blocks = math.ceil(len(values) / step)
    padded = np.full(blocks * step, np.nan)
    padded[: len(values)] = values
    shaped = padded.reshape(blocks, step)
    finite = np.isfinite(shaped)
    total = np.where(finite, shaped, 0.0).sum(axis=1)
    count = finite.sum(axis=1)
    means: FloatArray = np.divide(total, count, out=np.full(blocks, np.nan), where=count > 0)
    return means


def chart_series(
    samples: ActivitySamples,
    fields: tuple[str, ...] = CHART_COLUMNS,
    *,
    max_points: int | None = DEFAULT_MAX_POINTS,
    step: int | None = None,
) -> ChartSeries:
    """The asked-for columns with data, thinned by ``step`` or to at most ``max_points`` points.

    ``speed_m_per_s`` is derived from the cleaned distance when the device gave none; a column
    that holds no finite value is left out (``time_s`` is always kept).

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 10.0)
    >>> series = chart_series(make_samples(t, distance_m=t * 3.0), max_points=5)
    >>> series.step, sorted(series.columns), series.columns["time_s"].tolist()
    (2, ['distance_m', 'speed_m_per_s', 'time_s'], [0.5, 2.5, 4.5, 6.5, 8.5])
    """
    count = len(samples)
    if step is None:
        step = max(1, math.ceil(count / max_points)) if max_points else 1
    columns: dict[str, FloatArray] = {}
    for name in fields:
        values = _column(samples, name)
        if values is None or (name != "time_s" and not np.isfinite(values).any()):
            continue
        columns[name] = thin(values, step)
    if "time_s" not in columns:
        columns["time_s"] = thin(samples.time_s, step)
    return ChartSeries(step, columns)


def _column(samples: ActivitySamples, name: str) -> FloatArray | None:
    if name == "speed_m_per_s":
        if len(samples) < 2 or np.isfinite(samples.distance_m).sum() < 2:
            return samples.speed_m_per_s
        distance = clean_distance_m(samples.time_s, samples.distance_m)
        dt = np.diff(samples.time_s)
        speed = np.divide(np.diff(distance), dt, out=np.zeros_like(dt), where=dt > 0)
        return smooth(np.concatenate((speed[:1], speed)), _SPEED_WINDOW)
    value = getattr(samples, name, None)
    return value if isinstance(value, np.ndarray) else None
