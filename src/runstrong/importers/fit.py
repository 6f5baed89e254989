"""Import FIT files (Garmin, COROS, Wahoo, Suunto, Strava ...): one Activity per session.

Decoding is done by the native ``fitfast`` package (a default dependency where it has wheels)
when it can read the file exactly as fitdecode does, and by fitdecode otherwise (see
:mod:`runstrong.importers._fit_fast`); this module turns the decoded content into domain
objects:

* non-activity files (settings, workouts, weight scale, monitoring ...) are skipped with a reason;
* every session of an activity file becomes an :class:`Activity`, with the session's own summary
  values; a multisport file gives one per leg and one per transition (sport ``transition``),
  linked as one event (:mod:`runstrong.importers.multisport`); a leg or transition under one
  second is left out with a warning;
* strength sessions (FIT ``set`` messages) become strength sessions
  (:mod:`runstrong.importers.fit_strength`);
* a truncated file (a watch that died mid-run) keeps the records before the break, with a
  warning; if the session summary was lost, the summary is derived from the records;
* records with impossible timestamps (a crashing app writing a date decades away) are dropped;
* corrupt files (checksum mismatch, damaged header) raise :class:`ImportFormatError`.

Cadence is stored in steps per minute for running, walking and hiking (a FIT record holds
strides per minute of one leg plus a 1/128 fraction: steps = 2 x (cadence + fraction)); for other
sports the device's value (revolutions or strokes per minute) is kept as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
from fitdecode import profile

from runstrong.domain.models import Activity, ActivitySamples, Sport, StrengthSession
from runstrong.errors import ImportFormatError, ValidationError
from runstrong.importers import _fit_decode, _fit_fast
from runstrong.importers._fit_decode import FIT_EPOCH, FIT_MIN_ABSOLUTE, FitContent
from runstrong.importers._fit_laps import session_start as _session_start
from runstrong.importers._fit_laps import with_laps
from runstrong.importers._samples import STEPPING_SPORTS, make_samples, summarise
from runstrong.importers._sports import fit_sport
from runstrong.importers.base import ImportOptions, ParsedFile, content_id
from runstrong.importers.fit_strength import split_strength
from runstrong.importers.multisport import event_for

__all__ = ["FORMAT", "parse"]

FORMAT = "fit"
FloatArray = npt.NDArray[np.float64]

_FILE_TYPE_ACTIVITY = 4
#: Records further than this from the file's median time are garbage (7 days: ultra races).
_MAX_SPREAD_S = 7 * 24 * 3600.0
_FILE_LABELS = {
    "settings": "device settings",
    "workout": "workout plan",
    "weight": "weight scale",
    "course": "course",
    "schedules": "training schedule",
    "totals": "lifetime totals",
    "goals": "goals",
    "blood_pressure": "blood pressure",
    "monitoring_a": "daily monitoring",
    "monitoring_b": "daily monitoring",
    "monitoring_daily": "daily monitoring",
    "activity_summary": "activity summary",
    "segment": "segment",
    "segment_list": "segment list",
    "device": "device description",
    "sport": "sport settings",
}


def parse(data: bytes, name: str, options: ImportOptions | None = None) -> ParsedFile:
    """Read one FIT file into activities; see the module docstring for what is kept.

    Raises :class:`ImportFormatError` for an empty, non-FIT, corrupt or unreadable file.
    """
    options = options or ImportOptions()
    _check_header(data, name)
    content = _decode(data, name, options)
    return _build(content, data, name)


def _check_header(data: bytes, name: str) -> None:
    if not data:
        raise ImportFormatError(f"{name}: the file is empty.")
    if len(data) < 12 or data[0] not in (12, 14) or data[8:12] != b".FIT":
        raise ImportFormatError(
            f"{name}: not a FIT file, or its header is damaged "
            "(a FIT file starts with a 12- or 14-byte header holding '.FIT')."
        )


def _decode(data: bytes, name: str, options: ImportOptions) -> FitContent:
    if options.fit_decoder == "fitfast" and not _fit_fast.available():
        raise ValidationError("The fitfast decoder is not installed (pip install fitfast).")
    if options.fit_decoder != "fitdecode" and _fit_fast.available():
        fast = _fit_fast.decode(data)
        if fast is not None:
            return fast
    return _fit_decode.decode(data, name)


def _build(content: FitContent, data: bytes, name: str) -> ParsedFile:
    warnings: list[str] = []
    if content.file_types and _FILE_TYPE_ACTIVITY not in content.file_types:
        label = _file_label(content.file_types[0])
        return ParsedFile(FORMAT, skip_reason=f"a FIT {label} file, not an activity")
    if not _set_clock(content):
        return ParsedFile(FORMAT, skip_reason="the device clock was not set, so it has no date")
    if content.local_clock_offset_s is not None:
        warnings.append(
            f"{name}: the device clock was not set; times come from its local clock and may be "
            "off by your time-zone offset."
        )
    records, dropped = _plausible_records(content.records)
    if dropped:
        warnings.append(f"{name}: dropped {dropped} records without a usable timestamp.")
    if content.damage:
        warnings.append(
            f"{name}: {content.damage}; kept the {len(records['timestamp'])} records before it."
        )
    device = _device(content)
    file_id = content_id(data)
    multisport = None
    strength: tuple[StrengthSession, ...] = ()
    if content.sessions:
        activities = _from_sessions(content.sessions, records, device, file_id, warnings, name)
        activities = with_laps(activities, content.laps, content.sessions, records["timestamp"])
        activities, strength = split_strength(
            activities, content.sessions, content.sets, file_id, name, warnings
        )
        if len(content.sessions) > 1:
            multisport = event_for(activities, file_id, FORMAT, strength)
    elif len(records["timestamp"]):
        activities = (_from_records(content.sports, records, device, file_id),)
        warnings.append(f"{name}: no session summary in the file; derived it from the records.")
    elif content.damage:
        raise ImportFormatError(f"{name}: {content.damage}, before any activity data.")
    else:
        return ParsedFile(FORMAT, skip_reason="a FIT activity file without timed records")
    return ParsedFile(
        FORMAT,
        activities=activities,
        strength_sessions=strength,
        warnings=tuple(warnings),
        multisport=multisport,
    )


def _set_clock(content: FitContent) -> bool:
    """Place times of a device without a set clock on its local clock, if the file allows.

    Returns ``False`` when the times are relative to power-on and nothing anchors them. Leaves
    :attr:`FitContent.local_clock_offset_s` set only when it was used.
    """
    lowest = FIT_EPOCH + FIT_MIN_ABSOLUTE
    timestamp = content.records["timestamp"]
    starts = [s["start_time"] for s in content.sessions if "start_time" in s]
    finite = timestamp[np.isfinite(timestamp)]
    reference = starts[0] if starts else (float(np.median(finite)) if len(finite) else lowest)
    offset, content.local_clock_offset_s = content.local_clock_offset_s, None
    if reference >= lowest:
        return True
    if offset is None:
        return False
    content.local_clock_offset_s = offset
    content.records["timestamp"] = np.where(timestamp < lowest, timestamp + offset, timestamp)
    for session in content.sessions:
        for key in ("start_time", "timestamp"):
            if session.get(key, lowest) < lowest:
                session[key] += offset
    return True


def _plausible_records(records: Mapping[str, FloatArray]) -> tuple[dict[str, FloatArray], int]:
    """Keep records with a timestamp near the file's median time that do not go backwards."""
    timestamp = records["timestamp"]
    keep = np.isfinite(timestamp)
    if keep.any():
        median = float(np.median(timestamp[keep]))
        keep &= np.abs(np.where(keep, timestamp, median) - median) <= _MAX_SPREAD_S
        running_max = np.maximum.accumulate(np.where(keep, timestamp, -np.inf))
        keep &= timestamp >= running_max
    dropped = int((~keep).sum())
    return {key: column[keep] for key, column in records.items()}, dropped


def _from_sessions(
    sessions: list[dict[str, float]],
    records: dict[str, FloatArray],
    device: str | None,
    file_id: str,
    warnings: list[str],
    name: str,
) -> tuple[Activity, ...]:
    """One activity per session (transitions too); records split at the sessions' starts."""
    timestamp = records["timestamp"]
    starts = [_session_start(session, timestamp) for session in sessions]
    order = sorted(range(len(sessions)), key=lambda i: starts[i])
    activities: list[Activity] = []
    empty_transitions = 0
    for position, index in enumerate(order):
        session = sessions[index]
        start = starts[index]
        end = starts[order[position + 1]] if position + 1 < len(order) else np.inf
        window = slice(*np.searchsorted(timestamp, [start, end], side="left"))
        selected = {key: column[window] for key, column in records.items()}
        suffix = f"#{index}" if len(sessions) > 1 else ""
        activity = _activity(session, start, selected, device, file_id + suffix, len(sessions) > 1)
        if activity.sport == "transition" and not activity.moving_time_s > 0:
            empty_transitions += 1  # nothing to count: a transition of no time
            continue
        if not (activity.moving_time_s >= 1.0 and activity.elapsed_time_s >= 1.0):
            label = "transition" if activity.sport == "transition" else f"{activity.sport} leg"
            warnings.append(
                f"{name}: left out a {label} of {activity.elapsed_time_s:.3g} s "
                "(too short to store)."
            )
            continue
        activities.append(activity)
    if empty_transitions:
        warnings.append(
            f"{name}: left out {empty_transitions} multisport transition(s) of no time."
        )
    return tuple(activities)


def _activity(
    session: Mapping[str, float],
    start: float,
    records: dict[str, FloatArray],
    device: str | None,
    external_id: str,
    rebase_distance: bool,
) -> Activity:
    sport = fit_sport(_int(session.get("sport")), _int(session.get("sub_sport")))
    samples = _samples(records, start, sport, rebase_distance)
    derived = summarise(samples)
    elapsed = session.get("total_elapsed_time", derived.elapsed_time_s)
    moving = session.get("total_moving_time", session.get("total_timer_time", elapsed))
    avg_cadence = _positive(session.get("avg_cadence"))
    if avg_cadence is not None and sport in STEPPING_SPORTS:
        avg_cadence = 2.0 * (avg_cadence + session.get("avg_fractional_cadence", 0.0))
    return Activity(
        started_at=datetime.fromtimestamp(start, UTC),
        sport=sport,
        moving_time_s=moving,
        distance_m=session.get("total_distance", derived.distance_m),
        elapsed_time_s=elapsed,
        ascent_m=session.get("total_ascent", derived.ascent_m),
        avg_hr_bpm=_positive(session.get("avg_heart_rate")) or derived.avg_hr_bpm,
        max_hr_bpm=_positive(session.get("max_heart_rate")) or derived.max_hr_bpm,
        avg_cadence_spm=avg_cadence if avg_cadence is not None else derived.avg_cadence_spm,
        avg_power_w=_positive(session.get("avg_power")),
        device=device,
        source=FORMAT,
        external_id=external_id,
        samples=samples,
    )


def _from_records(
    sports: list[dict[str, float]], records: dict[str, FloatArray], device: str | None, file_id: str
) -> Activity:
    """An activity whose session summary was lost: everything is derived from the records."""
    sport_message = next((s for s in sports if "sport" in s), {})
    sport = fit_sport(_int(sport_message.get("sport")), _int(sport_message.get("sub_sport")))
    start = float(records["timestamp"][0])
    samples = _samples(records, start, sport, rebase_distance=False)
    derived = summarise(samples)
    power = records["power"][np.isfinite(records["power"])]
    average_power = float(power.mean()) if len(power) else None
    return Activity(
        started_at=datetime.fromtimestamp(start, UTC),
        sport=sport,
        moving_time_s=derived.moving_time_s,
        distance_m=derived.distance_m,
        elapsed_time_s=derived.elapsed_time_s,
        ascent_m=derived.ascent_m,
        avg_hr_bpm=derived.avg_hr_bpm,
        max_hr_bpm=derived.max_hr_bpm,
        avg_cadence_spm=derived.avg_cadence_spm,
        avg_power_w=_positive(average_power),
        device=device,
        source=FORMAT,
        external_id=file_id,
        samples=samples,
    )


def _samples(
    records: Mapping[str, FloatArray], start: float, sport: Sport, rebase_distance: bool
) -> ActivitySamples:
    distance = records["distance"]
    if rebase_distance:
        finite = distance[np.isfinite(distance)]
        if len(finite):
            distance = distance - finite[0]
    cadence = records["cadence"]
    if sport in STEPPING_SPORTS:
        fraction = np.nan_to_num(records["fractional_cadence"], nan=0.0)
        cadence = 2.0 * (cadence + fraction)
    heart_rate = records["heart_rate"]
    heart_rate = np.where(heart_rate > 0, heart_rate, np.nan)  # 0 means "no sensor"
    latitude, longitude = records["latitude_deg"], records["longitude_deg"]
    null_island = (latitude == 0.0) & (longitude == 0.0)
    if null_island.any():  # some devices write 0,0 before the first GPS fix
        latitude = np.where(null_island, np.nan, latitude)
        longitude = np.where(null_island, np.nan, longitude)
    return make_samples(
        records["timestamp"] - start,
        distance_m=distance,
        speed_m_per_s=records["speed"],
        hr_bpm=heart_rate,
        cadence_spm=cadence,
        altitude_m=records["altitude"],
        latitude_deg=latitude,
        longitude_deg=longitude,
        power_w=records["power"],
    )


def _device(content: FitContent) -> str | None:
    """A readable device name from the creator's manufacturer and product numbers."""
    if content.manufacturer is None:
        return None
    manufacturers = profile.FIELD_TYPES["manufacturer"].enum
    maker = str(manufacturers.get(content.manufacturer, f"manufacturer {content.manufacturer}"))
    product = None
    if maker in ("garmin", "dynastream", "dynastream_oem", "tacx"):
        product = profile.FIELD_TYPES["garmin_product"].enum.get(content.product)
    elif maker == "favero_electronics":
        product = profile.FIELD_TYPES["favero_product"].enum.get(content.product)
    label = maker.replace("_", " ")
    return f"{label} {product}" if product else label


def _file_label(file_type: int) -> str:
    enum_name = str(profile.FIELD_TYPES["file"].enum.get(file_type, f"type {file_type}"))
    return _FILE_LABELS.get(enum_name, enum_name.replace("_", " "))


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _positive(value: float | None) -> float | None:
    """``None`` for missing and zero values: a zero average means "no sensor"."""
    return value if value else None
