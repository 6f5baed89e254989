"""Decode a FIT file into :class:`FitContent` with fitdecode (pure Python, the baseline).

:class:`FitContent` is what the FIT importer needs from a file, whichever decoder read it:
the file types, the creator device, the session and sport messages as plain numbers, and the
record messages as NumPy columns in SI units (times as Unix seconds, positions in degrees).

fitdecode runs without a data processor here, so timestamps stay integers instead of becoming
one ``datetime`` per record; the CRC of every FIT sequence is checked.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import fitdecode
import numpy as np
import numpy.typing as npt

from runstrong.errors import ImportFormatError

__all__ = [
    "FIT_EPOCH",
    "FIT_MIN_ABSOLUTE",
    "RECORD_COLUMNS",
    "SUMMARY_FIELDS",
    "FitContent",
    "declared_size",
    "decode",
    "set_message",
]

FloatArray = npt.NDArray[np.float64]

#: Unix time of the FIT epoch, 1989-12-31T00:00:00Z.
FIT_EPOCH = 631065600
#: FIT date_time values below this are seconds since device power-on, not since the epoch.
FIT_MIN_ABSOLUTE = 0x10000000
_DEGREES_PER_SEMICIRCLE = 180.0 / 2**31

#: Record columns of :attr:`FitContent.records`.
RECORD_COLUMNS = (
    "timestamp",
    "latitude_deg",
    "longitude_deg",
    "distance",
    "speed",
    "heart_rate",
    "cadence",
    "fractional_cadence",
    "altitude",
    "power",
)
# fitdecode field names -> slot in a row; the "enhanced" variants take precedence.
_RECORD_SLOTS = {
    "timestamp": 0,
    "position_lat": 1,
    "position_long": 2,
    "distance": 3,
    "enhanced_speed": 4,
    "speed": 5,
    "heart_rate": 6,
    "cadence": 7,
    "fractional_cadence": 8,
    "enhanced_altitude": 9,
    "altitude": 10,
    "power": 11,
}
#: Session (and lap/sport) fields kept, under their main-field names.
SUMMARY_FIELDS = frozenset(
    {
        "timestamp",
        "start_time",
        "sport",
        "sub_sport",
        "total_elapsed_time",
        "total_timer_time",
        "total_moving_time",
        "total_distance",
        "total_ascent",
        "total_descent",
        "avg_heart_rate",
        "max_heart_rate",
        "avg_cadence",
        "avg_fractional_cadence",
        "avg_power",
    }
)
# fitdecode reports some fields under a sub-field name chosen by another field's value.
_ALIASES = {"avg_running_cadence": "avg_cadence", "total_strides": "total_cycles"}
_ENUM_FIELDS = frozenset({"sport", "sub_sport", "type", "manufacturer", "product"})
_TIME_FIELDS = frozenset({"timestamp", "start_time", "time_created"})
_MESG_FILE_ID, _MESG_SPORT, _MESG_SESSION, _MESG_LAP, _MESG_RECORD = 0, 12, 18, 19, 20
_MESG_ACTIVITY = 34
_MESG_SET = 225
#: ``set`` message fields kept (raw values: times in FIT seconds, weight x16, duration x1000).
_SET_FIELDS = frozenset(
    {
        "start_time",
        "duration",
        "repetitions",
        "weight",
        "set_type",
        "category",
        "category_subtype",
        "message_index",
    }
)
_DECODER_FAILURES = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AssertionError,
    OverflowError,
    struct.error,
    UnicodeDecodeError,
)


@dataclass
class FitContent:
    """What the FIT importer needs from one file; see the module docstring.

    ``damage`` says why decoding stopped before the end of a truncated file (``None`` for a
    complete one); everything decoded before the break is kept. Times are kept as written, so
    devices without a set clock give times below :data:`FIT_MIN_ABSOLUTE` after the epoch;
    ``local_clock_offset_s`` (from the activity message's ``local_timestamp``) maps those onto
    the device's local clock.
    """

    decoder: str
    file_types: list[int] = field(default_factory=list)
    manufacturer: int | None = None
    product: int | None = None
    sessions: list[dict[str, float]] = field(default_factory=list)
    sports: list[dict[str, float]] = field(default_factory=list)
    laps: list[dict[str, float]] = field(default_factory=list)
    records: dict[str, FloatArray] = field(default_factory=dict)
    damage: str | None = None
    local_clock_offset_s: float | None = None
    #: ``set`` messages of strength activities (:func:`set_message` gives their shape).
    sets: list[dict[str, object]] = field(default_factory=list)


def declared_size(data: bytes) -> int:
    """Bytes the first FIT header promises: header, data and the 2-byte CRC."""
    header_size = data[0]
    (data_size,) = struct.unpack_from("<I", data, 4)
    return int(header_size + data_size + 2)


def decode(data: bytes, name: str) -> FitContent:
    """Decode ``data`` with fitdecode; raises ImportFormatError for damaged files.

    A file that ends early (a watch that died mid-run) is not an error: the records before the
    break are returned and :attr:`FitContent.damage` says where it broke.
    """
    content = FitContent(decoder="fitdecode")
    rows: list[list[float | None]] = []
    reader = fitdecode.FitReader(
        data,
        processor=None,
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    try:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            number = frame.global_mesg_num
            if number == _MESG_RECORD:
                rows.append(_record_row(frame))
            elif number == _MESG_SESSION:
                content.sessions.append(_summary(frame))
            elif number in (_MESG_SPORT, _MESG_LAP):
                summary = _summary(frame)
                content.sports.append(summary)
                if number == _MESG_LAP:
                    content.laps.append(summary)
            elif number == _MESG_FILE_ID:
                _file_id(frame, content)
            elif number == _MESG_ACTIVITY:
                _activity(frame, content)
            elif number == _MESG_SET:
                content.sets.append(set_message(frame))
    except fitdecode.FitHeaderError as exc:
        raise ImportFormatError(f"{name}: the FIT header is damaged ({exc}).") from exc
    except fitdecode.FitCRCError as exc:
        raise ImportFormatError(
            f"{name}: the FIT checksum does not match, so the file is corrupt ({exc})."
        ) from exc
    except fitdecode.FitEOFError:
        content.damage = f"the file ends early (at byte {len(data)})"
    except fitdecode.FitParseError as exc:
        _damaged(data, name, content, exc, exc.offset)
    except _DECODER_FAILURES as exc:  # fitdecode's own checks tripping over damaged bytes
        _damaged(data, name, content, exc, None)
    finally:
        reader.close()
    content.records = _record_columns(rows)
    return content


def _damaged(
    data: bytes, name: str, content: FitContent, exc: Exception, offset: int | None
) -> None:
    """Record the damage of a cut-short file; raise ImportFormatError for a complete one."""
    if len(data) >= declared_size(data):
        detail = str(exc) if len(str(exc)) > 4 else repr(exc)
        raise ImportFormatError(f"{name}: the FIT data is damaged ({detail}).") from exc
    where = f" from byte {offset}" if offset is not None else ""
    content.damage = f"the file is cut short and unreadable{where}"


def _record_row(frame: fitdecode.FitDataMessage) -> list[float | None]:
    """One record as a row of numbers; the first non-empty value of a name wins."""
    row: list[float | None] = [None] * 12
    slots = _RECORD_SLOTS
    for field_data in frame.fields:
        slot = slots.get(field_data.name)
        if slot is not None and row[slot] is None:
            value = field_data.value
            if value is not None and value.__class__ is not tuple:
                row[slot] = value
    return row


def _record_columns(rows: list[list[float | None]]) -> dict[str, FloatArray]:
    table = np.array(rows, dtype=np.float64).reshape(len(rows), 12)
    speed = np.where(np.isfinite(table[:, 4]), table[:, 4], table[:, 5])
    altitude = np.where(np.isfinite(table[:, 9]), table[:, 9], table[:, 10])
    return {
        "timestamp": table[:, 0] + FIT_EPOCH,
        "latitude_deg": table[:, 1] * _DEGREES_PER_SEMICIRCLE,
        "longitude_deg": table[:, 2] * _DEGREES_PER_SEMICIRCLE,
        "distance": table[:, 3],
        "speed": speed,
        "heart_rate": table[:, 6],
        "cadence": table[:, 7],
        "fractional_cadence": table[:, 8],
        "altitude": altitude,
        "power": table[:, 11],
    }


def _summary(frame: fitdecode.FitDataMessage) -> dict[str, float]:
    """The kept fields of a session, lap or sport message as plain numbers."""
    values: dict[str, float] = {}
    for field_data in frame.fields:
        name = _ALIASES.get(field_data.name, field_data.name)
        if name not in SUMMARY_FIELDS or name in values:
            continue
        value = field_data.raw_value if name in _ENUM_FIELDS else field_data.value
        if isinstance(value, int | float):
            if name in _TIME_FIELDS:
                value += FIT_EPOCH
            values[name] = float(value)
    return values


def set_message(frame: fitdecode.FitDataMessage) -> dict[str, object]:
    """The kept fields of one ``set`` message, as raw profile values.

    Scalars are ints (``None`` when invalid); ``category`` and ``category_subtype`` are tuples
    of the watch's guesses (an invalid element is ``None``). Times are Unix seconds.
    """
    values: dict[str, object] = {}
    for field_data in frame.fields:
        if field_data.name not in _SET_FIELDS or field_data.name in values:
            continue
        raw = field_data.raw_value
        if field_data.name in ("category", "category_subtype"):
            guesses = raw if isinstance(raw, tuple) else (raw,)
            values[field_data.name] = tuple(g if isinstance(g, int) else None for g in guesses)
        elif isinstance(raw, int):
            values[field_data.name] = raw + FIT_EPOCH if field_data.name == "start_time" else raw
    return values


def _file_id(frame: fitdecode.FitDataMessage, content: FitContent) -> None:
    file_type = manufacturer = product = None
    for field_data in frame.fields:
        raw = field_data.raw_value
        if not isinstance(raw, int):
            continue
        if field_data.name == "type":
            file_type = raw
        elif field_data.name == "manufacturer":
            manufacturer = raw
        elif field_data.name == "product" or field_data.name.endswith("_product"):
            product = raw
    if file_type is not None:
        content.file_types.append(file_type)
    if content.manufacturer is None:
        content.manufacturer, content.product = manufacturer, product


def _activity(frame: fitdecode.FitDataMessage, content: FitContent) -> None:
    """Remember how the device's local clock relates to its timestamps."""
    timestamp = local = None
    for field_data in frame.fields:
        if field_data.name == "timestamp":
            timestamp = field_data.raw_value
        elif field_data.name == "local_timestamp":
            local = field_data.raw_value
    if isinstance(timestamp, int) and isinstance(local, int) and local >= FIT_MIN_ABSOLUTE:
        content.local_clock_offset_s = float(local - timestamp)
