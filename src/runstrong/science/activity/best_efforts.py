"""Best efforts: the fastest 400 m, 1 km, mile, 5 km, 10 km, half and marathon inside a run.

A window slides over the cumulative distance: from every sample, the time until the distance has
grown by the effort's length (interpolated between the two samples around that point); the
shortest such time is the best effort. One ``searchsorted`` per distance, no loop over samples.

GPS spikes are guarded against before the window slides: the distance is the device's own
(watches filter it with the accelerometer) or, for files without one, the haversine track the
importer computed; then every interval whose implied speed exceeds 12.5 m/s (faster than any
human has run) or that goes backwards adds no distance (:func:`._series.clean_distance_m`). A
100 m jump in one second therefore shortens the run by 100 m instead of making a record.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import ActivitySamples
from runstrong.science.activity._series import MAX_RUNNING_SPEED_M_PER_S, clean_distance_m

__all__ = ["BEST_EFFORT_DISTANCES", "BestEffort", "best_efforts", "fastest_window_s"]

FloatArray = npt.NDArray[np.float64]

#: The standard best-effort distances (metres) and their names.
BEST_EFFORT_DISTANCES: dict[str, float] = {
    "400 m": 400.0,
    "1 km": 1000.0,
    "1 mile": 1609.344,
    "5 km": 5000.0,
    "10 km": 10000.0,
    "half marathon": 21097.5,
    "marathon": 42195.0,
}


@dataclass(frozen=True, slots=True)
class BestEffort:
    """The fastest ``distance_m`` inside one run: ``duration_s``, from ``start_s`` to ``end_s``
    (seconds from the activity start)."""

    name: str
    distance_m: float
    duration_s: float
    start_s: float
    end_s: float

    @property
    def pace_s_per_km(self) -> float:
        return self.duration_s / self.distance_m * 1000.0


def fastest_window_s(
    time_s: FloatArray, distance_m: FloatArray, length_m: float
) -> tuple[float, float, float] | None:
    """Shortest time to cover ``length_m`` of a cumulative, non-decreasing distance.

    Returns ``(duration_s, start_s, end_s)``, or ``None`` when the distance is shorter.

    >>> t = np.arange(0.0, 11.0)
    >>> d = np.array([0, 3, 6, 9, 13, 17, 21, 24, 27, 30, 33], dtype=float)
    >>> fastest_window_s(t, d, 8.0)
    (2.0, 3.0, 5.0)
    """
    count = len(distance_m)
    if count < 2 or distance_m[-1] - distance_m[0] < length_m:
        return None
    targets = distance_m + length_m
    last_start = int(np.searchsorted(distance_m, distance_m[-1] - length_m, side="right"))
    targets = targets[:last_start]
    after = np.searchsorted(distance_m, targets, side="left")
    before = after - 1
    span = distance_m[after] - distance_m[before]
    fraction = np.divide(
        targets - distance_m[before], span, out=np.ones_like(targets), where=span > 0
    )
    end_s = time_s[before] + fraction * (time_s[after] - time_s[before])
    durations = end_s - time_s[:last_start]
    best = int(np.argmin(durations))
    return float(durations[best]), float(time_s[best]), float(end_s[best])


def best_efforts(
    samples: ActivitySamples,
    distances: dict[str, float] | None = None,
    max_speed_m_per_s: float = MAX_RUNNING_SPEED_M_PER_S,
) -> tuple[BestEffort, ...]:
    """The best effort of every standard distance the run is long enough for.

    >>> from runstrong.importers._samples import make_samples
    >>> t = np.arange(0.0, 1201.0)
    >>> pace = np.where(t < 600, 3.0, 4.0)                  # 10 min at 3 m/s, then 4 m/s
    >>> distance = np.concatenate(([0], np.cumsum(pace[1:])))
    >>> efforts = best_efforts(make_samples(t, distance_m=distance))
    >>> [(e.name, e.duration_s) for e in efforts]
    [('400 m', 100.0), ('1 km', 250.0), ('1 mile', 402.336)]
    """
    if len(samples) < 2 or np.isfinite(samples.distance_m).sum() < 2:
        return ()
    distance = clean_distance_m(samples.time_s, samples.distance_m, max_speed_m_per_s)
    found = []
    for name, length_m in (distances or BEST_EFFORT_DISTANCES).items():
        window = fastest_window_s(samples.time_s, distance, length_m)
        if window is None:
            continue
        duration, start, end = window
        found.append(BestEffort(name, length_m, duration, start, end))
    return tuple(found)
