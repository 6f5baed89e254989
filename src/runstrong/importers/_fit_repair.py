"""Give fitfast the readable part of a FIT file that ends early (a watch that died mid-run).

fitdecode reads such a file up to the break and the importer keeps what came before it.
fitfast 0.1 refuses the whole file. :func:`complete_prefix` walks the message headers (not the
field values: one step per message, so a few milliseconds for an hour of records), finds where
the last complete message ends, and returns a well-formed file of exactly those messages: a
12-byte header with the right data size, the messages, and their CRC
(:func:`runstrong.importers._fit_crc.crc16`). fitfast then reads the same messages fitdecode
read before the break.

Only a file of one FIT sequence cut inside its data is repaired; anything else (a definition
missing for a data message, a chained file, a header that is not FIT) returns ``None`` and
fitdecode reads the file.
"""

from __future__ import annotations

import struct

from runstrong.importers._fit_crc import crc16

__all__ = ["complete_prefix"]

_COMPRESSED_TIMESTAMP = 0x80
_DEFINITION = 0x40
_DEVELOPER_DATA = 0x20


def complete_prefix(data: bytes) -> bytes | None:
    """A well-formed FIT file of the complete messages of ``data`` if the file ends inside a
    message (or right after one, before its CRC): the break fitdecode reports as "the file
    ends early". ``None`` for anything else: a complete file (whatever its CRC says), a
    message that overruns the declared data but not the file, a data message without a
    definition, a chained file.

    >>> complete_prefix(b"") is None
    True
    """
    if len(data) < 12 or data[0] not in (12, 14) or data[8:12] != b".FIT":
        return None
    header_size = data[0]
    (data_size,) = struct.unpack_from("<I", data, 4)
    end = header_size + data_size
    last = _last_complete_end(data, header_size, min(end, len(data)))
    if last is None or last <= header_size:
        return None
    body = data[header_size:last]
    header = bytes([12, data[1]]) + data[2:4] + struct.pack("<I", len(body)) + b".FIT"
    content = header + body
    return content + struct.pack("<H", crc16(content))


def _last_complete_end(data: bytes, start: int, stop: int) -> int | None:
    """The offset just after the last complete message, if the file ends inside the next one
    (or, without its CRC, right after the last); ``None`` otherwise."""
    sizes: dict[int, int] = {}
    offset = start
    size = len(data)
    while offset < stop:
        record_header = data[offset]
        if record_header & _COMPRESSED_TIMESTAMP:
            length = _data_length(sizes, (record_header >> 5) & 0x03)
        elif record_header & _DEFINITION:
            length = _definition_length(data, offset, size)
            if length is None:
                return offset  # the file ends inside this definition
            sizes[record_header & 0x0F] = _definition_data_size(data, offset)
        else:
            length = _data_length(sizes, record_header & 0x0F)
        if length is None:
            return None  # a data message without a definition: damaged, not just cut
        if offset + length > stop:
            # cut only if the file itself ends inside this message; else a damaged size
            return offset if offset + length > size else None
        offset += length
    return offset if size < stop + 2 else None  # no room for the CRC: ends early


def _data_length(sizes: dict[int, int], local: int) -> int | None:
    size = sizes.get(local)
    return None if size is None else 1 + size


def _definition_length(data: bytes, offset: int, stop: int) -> int | None:
    """Bytes of the definition message at ``offset``; ``None`` if it runs past ``stop``."""
    if offset + 6 > stop:
        return None
    fields = data[offset + 5]
    length = 6 + 3 * fields
    if data[offset] & _DEVELOPER_DATA:
        if offset + length + 1 > stop:
            return None
        length += 1 + 3 * data[offset + length]
    return length if offset + length <= stop else None


def _definition_data_size(data: bytes, offset: int) -> int:
    fields = data[offset + 5]
    size = sum(data[offset + 6 + 3 * index + 1] for index in range(fields))
    if data[offset] & _DEVELOPER_DATA:
        position = offset + 6 + 3 * fields
        size += sum(data[position + 1 + 3 * index + 1] for index in range(data[position]))
    return size
