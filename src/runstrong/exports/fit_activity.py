"""Write FIT activity files (file_id, record, lap, session, activity messages).

Used today to build synthetic test and benchmark files; the profile knowledge here (message and
field numbers, scales and offsets of the Garmin FIT profile) is the part a FIT export of
runstrong's own activities will reuse. Each :class:`SessionTrack` becomes a sport message, its
records, one lap and one session, so several tracks make a multisport file.

>>> import numpy as np
>>> from datetime import UTC, datetime
>>> track = SessionTrack(
...     sport="running",
...     start=datetime(2024, 5, 1, 7, 0, tzinfo=UTC),
...     time_s=np.arange(60.0),
...     distance_m=np.arange(60.0) * 3.0,
...     hr_bpm=np.full(60, 140.0),
... )
>>> encode_activity([track])[8:12]
b'.FIT'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from runstrong.exports.fit_writer import BaseType, FitEncoder, MessageDefinition
from runstrong.exports.fit_writer import Field as F

__all__ = ["FIT_EPOCH", "FIT_SPORTS", "FitSet", "SessionTrack", "encode_activity"]

FloatArray = npt.NDArray[np.float64]

#: Unix time of the FIT epoch, 1989-12-31T00:00:00Z.
FIT_EPOCH = 631065600

#: FIT ``sport`` enum values for the sports runstrong writes.
FIT_SPORTS: dict[str, int] = {
    "generic": 0,
    "running": 1,
    "cycling": 2,
    "transition": 3,
    "fitness_equipment": 4,
    "swimming": 5,
    "walking": 11,
    "training": 10,
    "cross_country_skiing": 12,
    "rowing": 15,
    "hiking": 17,
}
_SUB_SPORTS: dict[str, int] = {
    "generic": 0,
    "treadmill": 1,
    "street": 2,
    "trail": 3,
    "track": 4,
    "strength_training": 20,
}
_SEMICIRCLES_PER_DEGREE = 2**31 / 180.0

_FILE_ID = MessageDefinition(
    0,
    (
        F(0, BaseType.ENUM),  # type
        F(1, BaseType.UINT16),  # manufacturer
        F(2, BaseType.UINT16),  # product
        F(3, BaseType.UINT32Z),  # serial_number
        F(4, BaseType.UINT32),  # time_created
    ),
)
_RECORD_FIELDS = (
    F(0, BaseType.SINT32),  # position_lat, semicircles
    F(1, BaseType.SINT32),  # position_long
    F(5, BaseType.UINT32),  # distance, 1/100 m
    F(73, BaseType.UINT32),  # enhanced_speed, mm/s
    F(78, BaseType.UINT32),  # enhanced_altitude, (m + 500) * 5
    F(3, BaseType.UINT8),  # heart_rate
    F(4, BaseType.UINT8),  # cadence, strides (or revolutions) per minute
    F(53, BaseType.UINT8),  # fractional_cadence, 1/128
    F(7, BaseType.UINT16),  # power, W
)
_RECORD = MessageDefinition(20, (F(253, BaseType.UINT32), *_RECORD_FIELDS))
_RECORD_COMPRESSED = MessageDefinition(20, _RECORD_FIELDS)
_SUMMARY_FIELDS = (
    F(253, BaseType.UINT32),  # timestamp
    F(2, BaseType.UINT32),  # start_time
    F(7, BaseType.UINT32),  # total_elapsed_time, ms
    F(8, BaseType.UINT32),  # total_timer_time, ms
    F(9, BaseType.UINT32),  # total_distance, cm
    F(0, BaseType.ENUM),  # event
    F(1, BaseType.ENUM),  # event_type
    F(254, BaseType.UINT16),  # message_index
)
_LAP = MessageDefinition(19, (*_SUMMARY_FIELDS, F(25, BaseType.ENUM)))  # sport
_SESSION = MessageDefinition(
    18,
    (
        *_SUMMARY_FIELDS,
        F(5, BaseType.ENUM),  # sport
        F(6, BaseType.ENUM),  # sub_sport
        F(16, BaseType.UINT8),  # avg_heart_rate
        F(17, BaseType.UINT8),  # max_heart_rate
        F(18, BaseType.UINT8),  # avg_cadence
        F(92, BaseType.UINT8),  # avg_fractional_cadence, 1/128
        F(20, BaseType.UINT16),  # avg_power
        F(22, BaseType.UINT16),  # total_ascent, m
        F(25, BaseType.UINT16),  # first_lap_index
        F(26, BaseType.UINT16),  # num_laps
    ),
)
_ACTIVITY = MessageDefinition(
    34,
    (
        F(253, BaseType.UINT32),  # timestamp
        F(0, BaseType.UINT32),  # total_timer_time, ms
        F(1, BaseType.UINT16),  # num_sessions
        F(2, BaseType.ENUM),  # type: manual
        F(3, BaseType.ENUM),  # event: activity
        F(4, BaseType.ENUM),  # event_type: stop
    ),
)
_SPORT = MessageDefinition(12, (F(0, BaseType.ENUM), F(1, BaseType.ENUM)))  # sport, sub_sport
_SET = MessageDefinition(
    225,
    (
        F(254, BaseType.UINT32),  # timestamp
        F(0, BaseType.UINT32),  # duration, ms
        F(3, BaseType.UINT16),  # repetitions
        F(4, BaseType.UINT16),  # weight, kg x 16
        F(5, BaseType.UINT8),  # set_type: 0 rest, 1 active
        F(6, BaseType.UINT32),  # start_time
        F(7, BaseType.UINT16, 3),  # category: the watch's three guesses
        F(8, BaseType.UINT16, 3),  # category_subtype
        F(9, BaseType.UINT16),  # weight_display_unit: 1 kilogram
        F(10, BaseType.UINT16),  # message_index
    ),
)
_EVENT_SESSION, _EVENT_LAP, _EVENT_ACTIVITY, _EVENT_TYPE_STOP = 8, 9, 26, 1


@dataclass(frozen=True, slots=True)
class FitSet:
    """One FIT ``set`` message of a strength activity (raw guesses: 65534 = not identified)."""

    start: datetime
    duration_s: float
    active: bool = True
    repetitions: int | None = None
    weight_kg: float | None = None
    categories: tuple[int | None, ...] = (None, None, None)
    subtypes: tuple[int | None, ...] = (None, None, None)


@dataclass(frozen=True, eq=False)
class SessionTrack:
    """One session's 1 Hz (or any rate) samples; columns left ``None`` are not recorded.

    ``cadence`` is the FIT record value: strides per minute (one leg) for running and walking,
    revolutions per minute for cycling; it may be fractional.
    """

    sport: str
    start: datetime
    time_s: FloatArray
    distance_m: FloatArray | None = None
    speed_m_per_s: FloatArray | None = None
    hr_bpm: FloatArray | None = None
    cadence: FloatArray | None = None
    altitude_m: FloatArray | None = None
    latitude_deg: FloatArray | None = None
    longitude_deg: FloatArray | None = None
    power_w: FloatArray | None = None
    sub_sport: str = "generic"
    #: The session's elapsed time when it is not the span of its records (a sub-second
    #: transition); ``None``: the span of the records.
    elapsed_s: float | None = None


def encode_activity(
    tracks: Sequence[SessionTrack],
    *,
    compressed_timestamps: bool = False,
    manufacturer: int = 255,
    product: int = 0,
    serial_number: int = 1,
    sets: Sequence[FitSet] = (),
) -> bytes:
    """Encode ``tracks`` as one FIT activity file and return its bytes.

    ``manufacturer`` 255 is the profile's "development" value. With ``compressed_timestamps``,
    every record after the first of each session uses a compressed-timestamp header (the
    samples must then be less than 32 s apart). ``sets`` are written as FIT ``set`` messages
    (strength training) after the records.
    """
    if not tracks:
        raise ValueError("an activity needs at least one session")
    encoder = FitEncoder()
    first = _fit_time(tracks[0].start)
    encoder.define(0, _FILE_ID)
    encoder.write(0, [4, manufacturer, product, serial_number, first])
    encoder.define(1, _RECORD)
    if compressed_timestamps:
        encoder.define(2, _RECORD_COMPRESSED)
    encoder.define(6, _SPORT)
    sessions: list[list[float]] = []
    for index, track in enumerate(tracks):
        encoder.write(6, [FIT_SPORTS[track.sport], _SUB_SPORTS.get(track.sub_sport, 0)])
        timestamps = _fit_time(track.start) + np.rint(track.time_s).astype(np.int64)
        columns = _record_columns(track)
        if compressed_timestamps and len(timestamps) > 1:
            encoder.write_columns(1, [timestamps[:1], *(c[:1] for c in columns)])
            encoder.write_columns(2, [c[1:] for c in columns], compressed_timestamps=timestamps[1:])
        else:
            encoder.write_columns(1, [timestamps, *columns])
        summary = _summary(track, timestamps, index)
        encoder.define(3, _LAP)
        encoder.write(
            3, [*summary[:5], _EVENT_LAP, _EVENT_TYPE_STOP, index, FIT_SPORTS[track.sport]]
        )
        sessions.append(summary)
    if sets:
        encoder.define(7, _SET)
        for index, item in enumerate(sets):
            encoder.write(7, _set_row(item, index))
    encoder.define(4, _SESSION)
    for index, summary in enumerate(sessions):
        encoder.write(4, [*summary[:5], _EVENT_SESSION, _EVENT_TYPE_STOP, index, *summary[5:]])
    end = max(summary[0] for summary in sessions)
    timer_ms = sum(summary[3] for summary in sessions)
    encoder.define(5, _ACTIVITY)
    encoder.write(5, [end, timer_ms, len(tracks), 0, _EVENT_ACTIVITY, _EVENT_TYPE_STOP])
    return encoder.finish()


def _set_row(item: FitSet, index: int) -> list[int | float | list[int | None] | None]:
    start = _fit_time(item.start)
    weight = None if item.weight_kg is None else round(item.weight_kg * 16)
    return [
        start + round(item.duration_s),
        round(item.duration_s * 1000),
        item.repetitions,
        weight,
        1 if item.active else 0,
        start,
        list(item.categories),
        list(item.subtypes),
        1 if weight is not None else None,
        index,
    ]


def _fit_time(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("activity start must be timezone-aware")
    return round(moment.astimezone(UTC).timestamp()) - FIT_EPOCH


def _column(values: FloatArray | None, count: int) -> FloatArray:
    if values is None:
        return np.full(count, np.nan)
    return np.asarray(values, dtype=np.float64)


def _record_columns(track: SessionTrack) -> list[FloatArray]:
    """Raw FIT values per record field, in ``_RECORD_FIELDS`` order (``nan`` = not recorded)."""
    count = len(track.time_s)
    cadence = _column(track.cadence, count)
    whole = np.floor(cadence)
    return [
        _column(track.latitude_deg, count) * _SEMICIRCLES_PER_DEGREE,
        _column(track.longitude_deg, count) * _SEMICIRCLES_PER_DEGREE,
        _column(track.distance_m, count) * 100.0,
        _column(track.speed_m_per_s, count) * 1000.0,
        (_column(track.altitude_m, count) + 500.0) * 5.0,
        _column(track.hr_bpm, count),
        whole,
        (cadence - whole) * 128.0,
        _column(track.power_w, count),
    ]


def _summary(track: SessionTrack, timestamps: npt.NDArray[np.int64], index: int) -> list[float]:
    """Session values: the lap/session common head, then the session-only tail."""
    count = len(timestamps)
    elapsed_ms = int(timestamps[-1] - timestamps[0]) * 1000 if count else 0
    if track.elapsed_s is not None:
        elapsed_ms = round(track.elapsed_s * 1000)
    distance = _column(track.distance_m, count)
    hr = _column(track.hr_bpm, count)
    cadence = _column(track.cadence, count)
    altitude = _column(track.altitude_m, count)
    avg_cadence = _mean(cadence)
    ascent = float(np.nansum(np.clip(np.diff(altitude), 0, None))) if count > 1 else np.nan
    return [
        int(timestamps[-1]) if count else _fit_time(track.start),
        _fit_time(track.start),
        elapsed_ms,
        elapsed_ms,
        _last(distance) * 100.0,
        FIT_SPORTS[track.sport],
        _SUB_SPORTS.get(track.sub_sport, 0),
        _mean(hr),
        _max(hr),
        np.floor(avg_cadence),
        (avg_cadence - np.floor(avg_cadence)) * 128.0,
        _mean(_column(track.power_w, count)),
        ascent,
        index,
        1,
    ]


def _mean(values: FloatArray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else float("nan")


def _max(values: FloatArray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.max()) if finite.size else float("nan")


def _last(values: FloatArray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite[-1]) if finite.size else float("nan")
