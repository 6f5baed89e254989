"""FIT device laps onto the activities of a file (private to :mod:`runstrong.importers.fit`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import Activity, Lap
from runstrong.importers._samples import STEPPING_SPORTS
from runstrong.importers._sports import FIT_TRANSITION

__all__ = ["session_start", "with_laps"]

FloatArray = npt.NDArray[np.float64]


def with_laps(
    activities: tuple[Activity, ...],
    laps: list[dict[str, float]],
    sessions: list[dict[str, float]],
    timestamp: FloatArray,
) -> tuple[Activity, ...]:
    """Each activity with its device laps: a lap belongs to the session (multisport leg or
    transition) that started last before it; laps of transitions are left out."""
    if not laps:
        return activities
    starts = sorted(
        (session_start(session, timestamp), session.get("sport") == FIT_TRANSITION)
        for session in sessions
    )
    session_starts = np.array([start for start, _ in starts])
    own: dict[float, list[tuple[float, dict[str, float]]]] = {}
    for lap in laps:
        lap_start = _lap_start(lap)
        if lap_start is None:
            continue
        index = max(0, int(np.searchsorted(session_starts, lap_start + 1.0, side="right")) - 1)
        owner_start, transition = starts[index]
        if not transition:
            own.setdefault(owner_start, []).append((lap_start, lap))
    found = []
    for activity in activities:
        start = activity.started_at.timestamp()
        stepping = activity.sport in STEPPING_SPORTS
        mine = sorted(own.get(start, []), key=lambda item: item[0])
        parsed = (_lap(lap, lap_start - start, stepping) for lap_start, lap in mine)
        found.append(replace(activity, laps=tuple(lap for lap in parsed if lap is not None)))
    return tuple(found)


def _lap_start(lap: Mapping[str, float]) -> float | None:
    if "start_time" in lap:
        return lap["start_time"]
    if "timestamp" in lap and "total_elapsed_time" in lap:
        return lap["timestamp"] - lap["total_elapsed_time"]
    return None


def _lap(lap: Mapping[str, float], start_s: float, stepping: bool) -> Lap | None:
    elapsed = lap.get("total_elapsed_time", lap.get("total_timer_time"))
    if elapsed is None or not np.isfinite(elapsed) or elapsed < 0:
        return None
    cadence = _positive(lap.get("avg_cadence"))
    if cadence is not None and stepping:
        cadence = 2.0 * (cadence + lap.get("avg_fractional_cadence", 0.0))
    return Lap(
        start_s=max(0.0, start_s),
        elapsed_time_s=elapsed,
        moving_time_s=lap.get("total_timer_time"),
        distance_m=lap.get("total_distance"),
        avg_hr_bpm=_positive(lap.get("avg_heart_rate")),
        max_hr_bpm=_positive(lap.get("max_heart_rate")),
        avg_cadence_spm=cadence,
        avg_power_w=_positive(lap.get("avg_power")),
        ascent_m=lap.get("total_ascent"),
        descent_m=lap.get("total_descent"),
    )


def session_start(session: Mapping[str, float], timestamp: FloatArray) -> float:
    if "start_time" in session:
        return session["start_time"]
    if "timestamp" in session and "total_elapsed_time" in session:
        return session["timestamp"] - session["total_elapsed_time"]
    return float(timestamp[0]) if len(timestamp) else session.get("timestamp", 0.0)


def _positive(value: float | None) -> float | None:
    return value if value else None
