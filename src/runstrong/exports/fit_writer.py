"""A small FIT encoder: file header, definition and data messages, file CRC.

The FIT protocol (Garmin/ANT+, "Flexible and Interoperable Data Transfer") stores a stream of
*definition messages* (which fields a local message type carries, with their base types) and
*data messages* (the values), framed by a 14-byte header and a CRC-16 over the whole file.
This encoder knows the protocol, not the profile: messages are addressed by their global
number and fields by number and base type, so it writes activity files today and workout files
later. Values are raw integers (already scaled and offset, as the profile defines them);
``None`` (or ``nan`` in columns) writes the base type's "invalid" value.

Rows can be written one at a time with :meth:`FitEncoder.write` or a whole column block at once
with :meth:`FitEncoder.write_columns`, which packs a NumPy structured array in one call (a 4-hour
1 Hz recording is 14,400 rows). Compressed-timestamp headers are supported for local types 0-3.

>>> encoder = FitEncoder()
>>> encoder.define(0, MessageDefinition(0, (Field(0, BaseType.ENUM), Field(4, BaseType.UINT32))))
>>> encoder.write(0, [4, 1_000_000_000])
>>> data = encoder.finish()
>>> data[8:12], len(data)
(b'.FIT', 34)
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

__all__ = ["BaseType", "Field", "FitEncoder", "MessageDefinition", "crc16"]


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16(data: bytes, crc: int = 0) -> int:
    """The FIT CRC-16 (CRC-16/ARC, reflected polynomial 0xA001) of ``data``, from ``crc`` on.

    >>> crc16(b"123456789")
    47933
    """
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


class BaseType(IntEnum):
    """FIT base types: the byte value written in definitions, with size and invalid value."""

    ENUM = 0x00
    SINT8 = 0x01
    UINT8 = 0x02
    SINT16 = 0x83
    UINT16 = 0x84
    SINT32 = 0x85
    UINT32 = 0x86
    STRING = 0x07
    FLOAT32 = 0x88
    FLOAT64 = 0x89
    UINT8Z = 0x0A
    UINT16Z = 0x8B
    UINT32Z = 0x8C
    BYTE = 0x0D
    SINT64 = 0x8E
    UINT64 = 0x8F
    UINT64Z = 0x90

    @property
    def size(self) -> int:
        """Bytes per element."""
        return _INFO[self][0]

    @property
    def dtype(self) -> str:
        """Little-endian NumPy dtype of one element."""
        return _INFO[self][1]

    @property
    def invalid(self) -> int | float:
        """The value meaning "no data" for this type."""
        return _INFO[self][2]


_INFO: dict[BaseType, tuple[int, str, int | float]] = {
    BaseType.ENUM: (1, "u1", 0xFF),
    BaseType.SINT8: (1, "i1", 0x7F),
    BaseType.UINT8: (1, "u1", 0xFF),
    BaseType.SINT16: (2, "<i2", 0x7FFF),
    BaseType.UINT16: (2, "<u2", 0xFFFF),
    BaseType.SINT32: (4, "<i4", 0x7FFFFFFF),
    BaseType.UINT32: (4, "<u4", 0xFFFFFFFF),
    BaseType.STRING: (1, "S1", 0),
    BaseType.FLOAT32: (4, "<f4", float("nan")),
    BaseType.FLOAT64: (8, "<f8", float("nan")),
    BaseType.UINT8Z: (1, "u1", 0),
    BaseType.UINT16Z: (2, "<u2", 0),
    BaseType.UINT32Z: (4, "<u4", 0),
    BaseType.BYTE: (1, "u1", 0xFF),
    BaseType.SINT64: (8, "<i8", 0x7FFFFFFFFFFFFFFF),
    BaseType.UINT64: (8, "<u8", 0xFFFFFFFFFFFFFFFF),
    BaseType.UINT64Z: (8, "<u8", 0),
}


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a message: its profile number, base type and element count.

    For ``STRING`` fields ``count`` is the byte length (UTF-8, NUL-padded); for other types a
    count above 1 makes an array field.
    """

    number: int
    base_type: BaseType
    count: int = 1

    @property
    def size(self) -> int:
        """Bytes this field occupies in a data message."""
        return self.base_type.size * self.count


@dataclass(frozen=True, slots=True)
class MessageDefinition:
    """The layout of one message type: global message number and ordered fields."""

    global_number: int
    fields: tuple[Field, ...]

    def numpy_dtype(self) -> np.dtype[np.void]:
        """Packed structured dtype of one data message, header byte first."""
        parts: list[tuple[str, str] | tuple[str, str, tuple[int]]] = [("header", "u1")]
        for index, field in enumerate(self.fields):
            name = f"f{index}"
            if field.base_type is BaseType.STRING:
                parts.append((name, f"S{field.count}"))
            elif field.count > 1:
                parts.append((name, field.base_type.dtype, (field.count,)))
            else:
                parts.append((name, field.base_type.dtype))
        return np.dtype(parts)


FieldValue = int | float | str | bytes | Sequence[int | float | None] | None


class FitEncoder:
    """Accumulates FIT messages in memory and returns the finished file from :meth:`finish`."""

    def __init__(self, *, protocol_version: int = 0x20, profile_version: int = 2132) -> None:
        self._protocol_version = protocol_version
        self._profile_version = profile_version
        self._chunks: list[bytes] = []
        self._definitions: dict[int, MessageDefinition] = {}

    def define(self, local_number: int, definition: MessageDefinition) -> None:
        """Write a definition message binding ``local_number`` (0-15) to ``definition``."""
        if not 0 <= local_number <= 15:
            raise ValueError(f"local message number must be 0-15, got {local_number}")
        head = struct.pack(
            "<BBBHB",
            0x40 | local_number,
            0,  # reserved
            0,  # architecture: little endian
            definition.global_number,
            len(definition.fields),
        )
        body = b"".join(
            struct.pack("<BBB", f.number, f.size, int(f.base_type)) for f in definition.fields
        )
        self._chunks.append(head + body)
        self._definitions[local_number] = definition

    def write(self, local_number: int, values: Sequence[FieldValue]) -> None:
        """Write one data message; ``values`` follow the definition's field order."""
        definition = self._definition(local_number)
        if len(values) != len(definition.fields):
            raise ValueError(
                f"message {definition.global_number} has {len(definition.fields)} fields, "
                f"got {len(values)} values"
            )
        row = np.zeros(1, dtype=definition.numpy_dtype())
        row["header"] = local_number
        for index, (field, value) in enumerate(zip(definition.fields, values, strict=True)):
            row[f"f{index}"] = _encode_value(field, value)
        self._chunks.append(row.tobytes())

    def write_columns(
        self,
        local_number: int,
        columns: Sequence[npt.ArrayLike],
        *,
        compressed_timestamps: npt.ArrayLike | None = None,
    ) -> None:
        """Write many data messages at once from one array per field (same length each).

        Float columns may hold ``nan`` for "no value"; values are rounded to the field's integer
        type. With ``compressed_timestamps`` (FIT timestamps, one per row) each row gets a
        compressed-timestamp header instead of a normal one: the definition must then omit the
        timestamp field, ``local_number`` must be 0-3, consecutive rows must be less than 32 s
        apart, and a full timestamp must have been written before the first row.
        """
        definition = self._definition(local_number)
        arrays = [np.asarray(column) for column in columns]
        count = len(arrays[0]) if arrays else len(np.asarray(compressed_timestamps))
        block = np.zeros(count, dtype=definition.numpy_dtype())
        if compressed_timestamps is None:
            block["header"] = local_number
        else:
            if local_number > 3:
                raise ValueError("compressed timestamps need a local message number of 0-3")
            offsets = np.asarray(compressed_timestamps, dtype=np.int64) & 0x1F
            block["header"] = 0x80 | (local_number << 5) | offsets
        for index, (field, column) in enumerate(zip(definition.fields, arrays, strict=True)):
            if len(column) != count:
                raise ValueError("all columns must have the same length")
            block[f"f{index}"] = _encode_column(field, column)
        self._chunks.append(block.tobytes())

    def finish(self) -> bytes:
        """The complete file: 14-byte header with CRC, the messages, and the file CRC."""
        data = b"".join(self._chunks)
        header = struct.pack(
            "<BBHI4s", 14, self._protocol_version, self._profile_version, len(data), b".FIT"
        )
        header += struct.pack("<H", crc16(header))
        body = header + data
        return body + struct.pack("<H", crc16(body))

    def _definition(self, local_number: int) -> MessageDefinition:
        try:
            return self._definitions[local_number]
        except KeyError:
            raise ValueError(f"local message {local_number} has not been defined") from None


def _encode_value(field: Field, value: FieldValue) -> object:
    """One Python value as what NumPy should store for ``field``."""
    if field.base_type is BaseType.STRING:
        text = value.encode("utf-8") if isinstance(value, str) else (value or b"")
        if not isinstance(text, bytes) or len(text) > field.count:
            raise ValueError(f"string field {field.number} holds at most {field.count} bytes")
        return text
    if field.count > 1:
        items = list(value) if isinstance(value, Sequence) else [value] * field.count
        if len(items) != field.count:
            raise ValueError(f"array field {field.number} needs {field.count} values")
        return [_scalar(field.base_type, item) for item in items]
    return _scalar(field.base_type, value)


def _scalar(base_type: BaseType, value: object) -> int | float:
    if value is None or (isinstance(value, float) and value != value):
        return base_type.invalid
    if base_type in (BaseType.FLOAT32, BaseType.FLOAT64):
        return float(value)  # type: ignore[arg-type]
    return round(value)  # type: ignore[call-overload, no-any-return]


def _encode_column(field: Field, column: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
    """A whole column as the field's dtype, ``nan`` becoming the invalid value."""
    if field.base_type is BaseType.STRING or field.count > 1:
        return np.array([_encode_value(field, value) for value in column.tolist()])
    if field.base_type in (BaseType.FLOAT32, BaseType.FLOAT64):
        return column.astype(field.base_type.dtype)
    if column.dtype.kind == "f":
        missing = ~np.isfinite(column)
        integers = np.rint(np.where(missing, 0.0, column)).astype(field.base_type.dtype)
        integers[missing] = field.base_type.invalid
        return integers
    return column.astype(field.base_type.dtype)
