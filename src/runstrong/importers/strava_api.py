"""Strava API activities (a SummaryActivity or DetailedActivity and its streams, as Strava's
API reference describes them) read into runstrong's domain objects. No network here: the
client (:mod:`runstrong.connectors.strava_client`) fetches, this reads.

Strava reports running cadence per leg (strides a minute); runstrong keeps steps a minute, so
a run's cadence is doubled (as for FIT files, whose running cadence is also per leg).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np

from runstrong.domain.models import RUNNING_SPORTS, Activity, ActivitySamples, StrengthSession
from runstrong.errors import ImportFormatError
from runstrong.importers._sports import sport_from_name
from runstrong.importers.base import ParsedFile

__all__ = [
    "STRAVA_SOURCE",
    "activity_from_strava",
    "external_id_of",
    "is_weight_training",
    "strength_from_strava",
]

STRAVA_SOURCE = "strava"


def external_id_of(strava_activity_id: int) -> str:
    return f"strava:{strava_activity_id}"


def is_weight_training(summary: dict[str, Any]) -> bool:
    return str(summary.get("sport_type") or summary.get("type") or "") in (
        "WeightTraining",
        "Crossfit",
    )


def _number(summary: dict[str, Any], key: str) -> float | None:
    value = summary.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _column(streams: dict[str, list[Any]], key: str, size: int, scale: float = 1.0) -> Any:
    data = streams.get(key)
    column = np.full(size, np.nan)
    if not data or len(data) != size:
        return column
    for index, value in enumerate(data):
        if isinstance(value, int | float) and not isinstance(value, bool):
            column[index] = float(value) * scale
    return column


def _samples(streams: dict[str, list[Any]], running: bool) -> ActivitySamples | None:
    time = streams.get("time")
    if not time:
        return None
    size = len(time)
    lat = np.full(size, np.nan)
    lon = np.full(size, np.nan)
    positions = streams.get("latlng")
    if positions and len(positions) == size:
        for index, pair in enumerate(positions):
            if isinstance(pair, list) and len(pair) == 2:
                lat[index], lon[index] = float(pair[0]), float(pair[1])
    watts = _column(streams, "watts", size)
    return ActivitySamples(
        time_s=_column(streams, "time", size),
        distance_m=_column(streams, "distance", size),
        speed_m_per_s=_column(streams, "velocity_smooth", size),
        hr_bpm=_column(streams, "heartrate", size),
        cadence_spm=_column(streams, "cadence", size, 2.0 if running else 1.0),
        altitude_m=_column(streams, "altitude", size),
        latitude_deg=lat,
        longitude_deg=lon,
        power_w=None if np.isnan(watts).all() else watts,
    )


def strength_from_strava(summary: dict[str, Any]) -> ParsedFile:
    """A Strava WeightTraining activity: a strength session without sets (Strava records
    none), whose note asks the runner to fill them in."""
    try:
        strava_id = int(summary["id"])
        started = datetime.fromisoformat(str(summary["start_date"]).replace("Z", "+00:00"))
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFormatError(f"a Strava activity without a usable {exc}") from None
    if started.tzinfo is None:
        raise ImportFormatError("a Strava activity whose start has no time zone")
    elapsed = _number(summary, "elapsed_time") or _number(summary, "moving_time")
    title = str(summary.get("name") or "Strength session")[:120]
    session = StrengthSession(
        started_at=started,
        sets=(),
        duration_s=elapsed if elapsed is not None and 60 <= elapsed <= 6 * 3600 else None,
        notes=f"{title} (from Strava, which keeps no sets): add the sets you did.",
        source=STRAVA_SOURCE,
        external_id=external_id_of(strava_id),
    )
    return ParsedFile(format="strava-api", strength_sessions=(session,))


def activity_from_strava(summary: dict[str, Any], streams: dict[str, list[Any]]) -> ParsedFile:
    """One Strava activity as a parsed "file" of one activity, for the import's storing step."""
    try:
        strava_id = int(summary["id"])
        started = datetime.fromisoformat(str(summary["start_date"]).replace("Z", "+00:00"))
        moving = float(summary["moving_time"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFormatError(f"a Strava activity without a usable {exc}") from None
    if started.tzinfo is None:
        raise ImportFormatError("a Strava activity whose start has no time zone")
    name = str(summary.get("sport_type") or summary.get("type") or "")
    sport = sport_from_name(name) or "other"
    running = sport in RUNNING_SPORTS
    cadence = _number(summary, "average_cadence")
    activity = Activity(
        started_at=started,
        sport=sport,
        moving_time_s=moving,
        distance_m=_number(summary, "distance") or None,
        elapsed_time_s=_number(summary, "elapsed_time"),
        ascent_m=_number(summary, "total_elevation_gain"),
        avg_hr_bpm=_number(summary, "average_heartrate"),
        max_hr_bpm=_number(summary, "max_heartrate"),
        avg_cadence_spm=cadence * 2 if cadence is not None and running else cadence,
        avg_power_w=_number(summary, "average_watts"),
        device=str(summary["device_name"])[:120] if summary.get("device_name") else None,
        name=str(summary["name"])[:200] if summary.get("name") else None,
        source=STRAVA_SOURCE,
        external_id=external_id_of(strava_id),
        samples=_samples(streams, running),
    )
    warnings = () if sport_from_name(name) else (f"Strava sport {name!r} imported as other",)
    return ParsedFile(format="strava-api", activities=(activity,), warnings=warnings)
