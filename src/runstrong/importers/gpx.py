"""Import GPX 1.0 and 1.1 tracks: one Activity per file.

A GPX file from a watch or an app is one recording, possibly split into several tracks and
segments where it was paused; all timed track points together make one activity, and the gaps
between segments count as pauses (no distance, no moving time). Heart rate, cadence, speed and
power come from the Garmin TrackPointExtension (or any extension element named ``hr``,
``cad``, ``speed``, ``power``). The summary (distance, moving time, ascent ...) is derived from
the points, since GPX has none.

The sport comes from the first ``<trk><type>``: Strava's numbers (``9`` is a run), Garmin
Connect's words (``trail_running``) and other apps' names, mapped by ``sport_names.toml``. A
word runstrong does not know is kept as ``other`` with a warning naming it; only a file that
says nothing (no type) has its sport guessed from its speed profile, with a warning; a vague
word (``other``, ``generic``) needs a matching step cadence too
(:func:`runstrong.importers._sport_guess.file_sport`).

Routes, waypoint lists and tracks without times are plans, not recordings: they are skipped
with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt
from lxml import etree

from runstrong.domain.models import Activity
from runstrong.errors import ImportFormatError
from runstrong.importers._samples import make_samples, path_distance_m, steps_per_minute, summarise
from runstrong.importers._sport_guess import file_sport
from runstrong.importers._xml import local_name, parse_time, parse_xml, text_float
from runstrong.importers.base import (
    MAX_DEVICE_CHARS,
    MAX_NAME_CHARS,
    ImportOptions,
    ParsedFile,
    clean_text,
    content_id,
)

__all__ = ["FORMAT", "parse"]

FORMAT = "gpx"

#: A median cadence above this can only count steps (running or walking).
_STEPS_ABOVE_PER_MIN = 120.0
FloatArray = npt.NDArray[np.float64]

# Extension element names -> column; the first found in a point wins.
_EXTENSION_COLUMNS = {
    "hr": "hr",
    "heartrate": "hr",
    "cad": "cadence",
    "cadence": "cadence",
    "speed": "speed",
    "power": "power",
    "PowerInWatts": "power",
    "watts": "power",
}


@dataclass
class _Points:
    """Track points collected column-wise while walking the document."""

    times: list[datetime] = field(default_factory=list)
    breaks: list[bool] = field(default_factory=list)
    latitude: list[float] = field(default_factory=list)
    longitude: list[float] = field(default_factory=list)
    altitude: list[float] = field(default_factory=list)
    extra: dict[str, list[float]] = field(
        default_factory=lambda: {"hr": [], "cadence": [], "speed": [], "power": []}
    )
    untimed: int = 0
    name: str | None = None  # of the first track with timed points


def parse(data: bytes, name: str, options: ImportOptions | None = None) -> ParsedFile:
    """Read one GPX file into (at most) one activity; see the module docstring.

    Raises :class:`ImportFormatError` for an empty file, XML that is not well-formed or not GPX,
    and for files declaring a DOCTYPE (possible XML bombs).
    """
    del options  # GPX times are UTC and units are fixed: nothing to choose
    if not data.strip():
        raise ImportFormatError(f"{name}: the file is empty.")
    root = parse_xml(data, name, "GPX")
    if local_name(root) != "gpx":
        raise ImportFormatError(
            f"{name}: not a GPX file (the root element is <{local_name(root)}>)."
        )
    tracks = list(root.iter("{*}trk"))
    points = _collect(tracks)
    total = len(points.times) + points.untimed
    if total == 0:
        return ParsedFile(
            FORMAT, skip_reason="a GPX file without a recorded track (a route or waypoints)"
        )
    timed = len(points.times)
    if timed == 0:
        return ParsedFile(FORMAT, skip_reason="a GPX track without usable times (a planned track)")
    if total == 1:
        return ParsedFile(FORMAT, skip_reason="a GPX track of a single point")
    if timed < 2 or timed * 2 < total:
        return ParsedFile(
            FORMAT,
            skip_reason=f"only {timed} of {total} GPX track points have a time, "
            "so this is a planned track, not a recording",
        )
    warnings: list[str] = []
    if points.untimed:
        warnings.append(f"{name}: ignored {points.untimed} track points without a time.")
    backwards = _drop_backwards(points)
    if backwards:
        warnings.append(f"{name}: dropped {backwards} track points whose time goes backwards.")
    start = points.times[0]
    time_s = np.array([(moment - start).total_seconds() for moment in points.times])
    if time_s[-1] <= 0:
        return ParsedFile(FORMAT, skip_reason="all GPX track points have the same time")
    breaks = np.array(points.breaks)
    latitude, longitude = np.array(points.latitude), np.array(points.longitude)
    distance = path_distance_m(latitude, longitude, breaks)
    speed = np.array(points.extra["speed"])
    sport, sport_warning = file_sport(
        _first_text(tracks, "type"),
        make_samples(time_s, distance_m=distance, speed_m_per_s=speed),
        name,
        strava_codes=True,
        step_cadence_spm=_step_cadence(np.array(points.extra["cadence"])),
    )
    if sport_warning:
        warnings.append(sport_warning)
    samples = make_samples(
        time_s,
        distance_m=distance,
        speed_m_per_s=speed,
        hr_bpm=np.array(points.extra["hr"]),
        cadence_spm=steps_per_minute(np.array(points.extra["cadence"]), sport),
        altitude_m=np.array(points.altitude),
        latitude_deg=latitude,
        longitude_deg=longitude,
    )
    summary = summarise(samples, breaks)
    power = np.array(points.extra["power"])
    power = power[np.isfinite(power)]
    activity = Activity(
        started_at=start,
        sport=sport,
        moving_time_s=summary.moving_time_s,
        distance_m=summary.distance_m,
        elapsed_time_s=summary.elapsed_time_s,
        ascent_m=summary.ascent_m,
        avg_hr_bpm=summary.avg_hr_bpm,
        max_hr_bpm=summary.max_hr_bpm,
        avg_cadence_spm=summary.avg_cadence_spm,
        avg_power_w=float(power.mean()) if len(power) else None,
        device=clean_text(root.get("creator"), MAX_DEVICE_CHARS),
        name=clean_text(points.name or _metadata_name(root), MAX_NAME_CHARS),
        source=FORMAT,
        external_id=content_id(data),
        samples=samples,
    )
    return ParsedFile(FORMAT, activities=(activity,), warnings=tuple(warnings))


def _collect(tracks: list[etree._Element]) -> _Points:
    points = _Points()
    for track in tracks:
        timed_before = len(points.times)
        for segment in track.iter("{*}trkseg"):
            new_segment = True
            for point in segment.iter("{*}trkpt"):
                moment, values = _point(point)
                if moment is None:
                    points.untimed += 1
                    continue
                points.times.append(moment)
                points.breaks.append(new_segment)
                new_segment = False
                points.latitude.append(text_float(point.get("lat")))
                points.longitude.append(text_float(point.get("lon")))
                points.altitude.append(values.pop("ele", float("nan")))
                for column, items in points.extra.items():
                    items.append(values.get(column, float("nan")))
        if points.name is None and len(points.times) > timed_before:
            points.name = _first_text([track], "name")
    return points


def _point(point: etree._Element) -> tuple[datetime | None, dict[str, float]]:
    """The time of a track point and its numeric children (elevation, extensions)."""
    moment = None
    values: dict[str, float] = {}
    for element in point.iter():
        tag = local_name(element)
        if tag == "time":
            moment = parse_time(element.text)
        elif tag == "ele":
            values["ele"] = text_float(element.text)
        else:
            column = _EXTENSION_COLUMNS.get(tag)
            if column is not None and column not in values:
                values[column] = text_float(element.text)
    return moment, values


def _drop_backwards(points: _Points) -> int:
    """Drop points earlier than a point before them; return how many were dropped."""
    keep: list[int] = []
    latest: datetime | None = None
    for index, moment in enumerate(points.times):
        if latest is None or moment >= latest:
            keep.append(index)
            latest = moment
    dropped = len(points.times) - len(keep)
    if dropped:
        for name in ("times", "breaks", "latitude", "longitude", "altitude"):
            column = getattr(points, name)
            setattr(points, name, [column[i] for i in keep])
        for key, column in points.extra.items():
            points.extra[key] = [column[i] for i in keep]
    return dropped


def _first_text(tracks: list[etree._Element], tag: str) -> str | None:
    for track in tracks:
        for child in track:
            if local_name(child) == tag and child.text and child.text.strip():
                return str(child.text.strip())
    return None


def _metadata_name(root: etree._Element) -> str | None:
    """The file's name: ``<metadata><name>`` in GPX 1.1, ``<name>`` under the root in 1.0."""
    for parent in (root, *root.iterchildren("{*}metadata")):
        for child in parent.iterchildren("{*}name"):
            if child.text and child.text.strip():
                return str(child.text.strip())
    return None


def _step_cadence(cadence: FloatArray) -> float | None:
    """The median cadence when it can only count steps (over 120 a minute: pedalling and
    one-leg strides stay below it), else ``None``."""
    moving = cadence[np.isfinite(cadence) & (cadence > 0)]
    median = float(np.median(moving)) if len(moving) else 0.0
    return median if median > _STEPS_ABOVE_PER_MIN else None
