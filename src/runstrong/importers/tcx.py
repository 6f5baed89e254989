"""Import TCX (Garmin Training Center XML) files: one Activity per ``<Activity>``.

Summary values come from the laps (time, distance, heart rate as the devices computed them),
samples from the track points. Several ``<Track>`` elements in a lap mark pauses. Speed, run
cadence and power come from the ActivityExtension (``TPX``) of each point.

TCX's ``Sport`` is only ``Running``, ``Biking`` or ``Other`` (some writers put other words there;
``sport_names.toml`` maps them). ``Other`` says little (Garmin writes it for skiing and paddling
too): such an activity is imported as a run or a walk only when it records a running cadence
(``RunCadence`` at a running rate) and its speed profile agrees, with a warning; otherwise as
``other``, with a warning (:func:`runstrong.importers._sport_guess.file_sport`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt
from lxml import etree

from runstrong.domain.models import Activity, Lap
from runstrong.errors import ImportFormatError
from runstrong.importers._samples import make_samples, path_distance_m, steps_per_minute, summarise
from runstrong.importers._sport_guess import file_sport
from runstrong.importers._xml import local_name, parse_time, parse_xml, text_float
from runstrong.importers.base import (
    MAX_DEVICE_CHARS,
    ImportOptions,
    ParsedFile,
    clean_text,
    content_id,
)

__all__ = ["FORMAT", "parse"]

FORMAT = "tcx"
FloatArray = npt.NDArray[np.float64]

_POINT_VALUES = {
    "LatitudeDegrees": "latitude",
    "LongitudeDegrees": "longitude",
    "AltitudeMeters": "altitude",
    "DistanceMeters": "distance",
    "Cadence": "cadence",
    "RunCadence": "cadence",
    "Speed": "speed",
    "Watts": "power",
}
_COLUMNS = ("latitude", "longitude", "altitude", "distance", "hr", "cadence", "speed", "power")


@dataclass
class _Track:
    """Track points of one activity, column-wise, and the laps' totals."""

    times: list[datetime] = field(default_factory=list)
    breaks: list[bool] = field(default_factory=list)
    columns: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in _COLUMNS})
    lap_seconds: list[float] = field(default_factory=list)
    lap_distance_m: list[float] = field(default_factory=list)
    lap_avg_hr: list[float] = field(default_factory=list)
    lap_max_hr: list[float] = field(default_factory=list)
    lap_starts: list[datetime] = field(default_factory=list)


def parse(data: bytes, name: str, options: ImportOptions | None = None) -> ParsedFile:
    """Read one TCX file into activities; see the module docstring.

    Raises :class:`ImportFormatError` for an empty file, XML that is not well-formed or not TCX,
    and for files declaring a DOCTYPE (possible XML bombs).
    """
    del options  # TCX times are UTC and units are fixed: nothing to choose
    if not data.strip():
        raise ImportFormatError(f"{name}: the file is empty.")
    root = parse_xml(data, name, "TCX")
    if local_name(root) != "TrainingCenterDatabase":
        raise ImportFormatError(
            f"{name}: not a TCX file (the root element is <{local_name(root)}>)."
        )
    elements = [a for a in root.iter("{*}Activity") if local_name(a.getparent()) == "Activities"]
    if not elements:
        return ParsedFile(FORMAT, skip_reason="a TCX file without activities (courses or workouts)")
    file_id = content_id(data)
    activities: list[Activity] = []
    warnings: list[str] = []
    for index, element in enumerate(elements):
        suffix = f"#{index}" if len(elements) > 1 else ""
        activity = _activity(element, file_id + suffix, name, warnings)
        if activity is not None:
            activities.append(activity)
    if not activities:
        return ParsedFile(FORMAT, skip_reason="TCX activities without any timed data")
    return ParsedFile(FORMAT, activities=tuple(activities), warnings=tuple(warnings))


def _activity(
    element: etree._Element, external_id: str, name: str, warnings: list[str]
) -> Activity | None:
    track = _read(element)
    start = track.lap_starts[0] if track.lap_starts else None
    if track.times:
        start = min(start, track.times[0]) if start else track.times[0]
    if start is None:
        warnings.append(f"{name}: skipped an activity without any time.")
        return None
    time_s = np.array([(moment - start).total_seconds() for moment in track.times])
    breaks = np.array(track.breaks, dtype=bool)
    columns = {key: np.array(values) for key, values in track.columns.items()}
    distance = columns["distance"]
    if not np.isfinite(distance).any():
        distance = path_distance_m(columns["latitude"], columns["longitude"], breaks)
    sport, sport_warning = file_sport(
        element.get("Sport"),
        make_samples(time_s, distance_m=distance, speed_m_per_s=columns["speed"]),
        name,
        step_cadence_spm=_step_cadence(element, columns["cadence"]),
    )
    if sport_warning:
        warnings.append(sport_warning)
    samples = make_samples(
        time_s,
        distance_m=distance,
        speed_m_per_s=columns["speed"],
        hr_bpm=columns["hr"],
        cadence_spm=steps_per_minute(columns["cadence"], sport),
        altitude_m=columns["altitude"],
        latitude_deg=columns["latitude"],
        longitude_deg=columns["longitude"],
    )
    derived = summarise(samples, breaks)
    lap_seconds = np.array(track.lap_seconds)
    moving = float(np.nansum(lap_seconds)) if np.isfinite(lap_seconds).any() else None
    lap_distance = np.array(track.lap_distance_m)
    elapsed = derived.elapsed_time_s
    if track.lap_starts and np.isfinite(lap_seconds[-1]):
        lap_end = (track.lap_starts[-1] - start).total_seconds() + float(lap_seconds[-1])
        elapsed = max(elapsed, lap_end)
    power = columns["power"][np.isfinite(columns["power"])]
    return Activity(
        started_at=start,
        sport=sport,
        moving_time_s=moving if moving is not None else derived.moving_time_s,
        distance_m=float(np.nansum(lap_distance))
        if np.isfinite(lap_distance).any()
        else derived.distance_m,
        elapsed_time_s=elapsed,
        ascent_m=derived.ascent_m,
        avg_hr_bpm=_weighted_mean(np.array(track.lap_avg_hr), lap_seconds) or derived.avg_hr_bpm,
        max_hr_bpm=_nanmax(np.array(track.lap_max_hr)) or derived.max_hr_bpm,
        avg_cadence_spm=derived.avg_cadence_spm,
        avg_power_w=float(power.mean()) if len(power) else None,
        device=_creator(element),
        source=FORMAT,
        external_id=external_id,
        samples=samples,
        laps=_laps(track, start),
    )


def _laps(track: _Track, start: datetime) -> tuple[Lap, ...]:
    """The file's laps with their totals; a lap without a finite time is left out."""
    laps = []
    for index, lap_start in enumerate(track.lap_starts):
        seconds = track.lap_seconds[index]
        if not np.isfinite(seconds) or seconds < 0:
            continue
        distance = track.lap_distance_m[index]
        avg_hr, max_hr = track.lap_avg_hr[index], track.lap_max_hr[index]
        laps.append(
            Lap(
                start_s=max(0.0, (lap_start - start).total_seconds()),
                elapsed_time_s=seconds,
                moving_time_s=seconds,
                distance_m=distance if np.isfinite(distance) else None,
                avg_hr_bpm=avg_hr if np.isfinite(avg_hr) and avg_hr > 0 else None,
                max_hr_bpm=max_hr if np.isfinite(max_hr) and max_hr > 0 else None,
            )
        )
    return tuple(laps)


def _read(element: etree._Element) -> _Track:
    track = _Track()
    for lap in element.iterchildren("{*}Lap"):
        lap_start = parse_time(lap.get("StartTime"))
        if lap_start is not None:
            track.lap_starts.append(lap_start)
            track.lap_seconds.append(text_float(_child_text(lap, "TotalTimeSeconds")))
            track.lap_distance_m.append(text_float(_child_text(lap, "DistanceMeters")))
            track.lap_avg_hr.append(text_float(_child_text(lap, "AverageHeartRateBpm", "Value")))
            track.lap_max_hr.append(text_float(_child_text(lap, "MaximumHeartRateBpm", "Value")))
        for segment in lap.iterchildren("{*}Track"):
            new_segment = True
            for point in segment.iterchildren("{*}Trackpoint"):
                if _point(point, track, new_segment):
                    new_segment = False
    return track


def _point(point: etree._Element, track: _Track, new_segment: bool) -> bool:
    """Append one track point; returns ``False`` (and appends nothing) if it has no time."""
    moment = None
    values: dict[str, float] = {}
    for element in point.iter():
        tag = local_name(element)
        if tag == "Time":
            moment = parse_time(element.text)
        elif tag == "HeartRateBpm":
            values["hr"] = text_float(_child_text(element, "Value"))
        elif tag in _POINT_VALUES and _POINT_VALUES[tag] not in values:
            values[_POINT_VALUES[tag]] = text_float(element.text)
    if moment is None or (track.times and moment < track.times[-1]):
        return False
    track.times.append(moment)
    track.breaks.append(new_segment)
    for column in _COLUMNS:
        track.columns[column].append(values.get(column, float("nan")))
    return True


def _child_text(element: etree._Element, *path: str) -> str | None:
    for tag in path:
        found = next(element.iterchildren(f"{{*}}{tag}"), None)
        if found is None:
            return None
        element = found
    text = element.text
    return str(text) if text is not None else None


def _creator(element: etree._Element) -> str | None:
    return clean_text(_child_text(element, "Creator", "Name"), MAX_DEVICE_CHARS)


def _weighted_mean(values: FloatArray, weights: FloatArray) -> float | None:
    usable = np.isfinite(values) & np.isfinite(weights) & (weights > 0) & (values > 0)
    if not usable.any():
        return None
    return float(np.average(values[usable], weights=weights[usable]))


def _nanmax(values: FloatArray) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite.max()) if len(finite) else None


def _step_cadence(element: etree._Element, cadence: FloatArray) -> float | None:
    """The median step cadence (steps a minute) if the activity records ``RunCadence``."""
    if next(element.iter("{*}RunCadence"), None) is None:
        return None
    steps = steps_per_minute(cadence, "running")
    moving = steps[np.isfinite(steps) & (steps > 0)]
    return float(np.median(moving)) if len(moving) else None
