"""Compact storage of activity samples: one zlib-compressed column-wise blob per activity.

Layout (``encoding = "cols-v1"``): the columns of :class:`ActivitySamples` in their fixed order,
positions as float64 (metre precision needs it), every other column as float32, concatenated and
compressed with zlib. About 30 bytes a sample before compression instead of an ORM row per sample.
``cols-v2`` is the same with a power column (float32, watts) after them, written only for
activities whose device recorded power.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from runstrong.domain.models import ActivitySamples
from runstrong.errors import RunstrongError

__all__ = ["ENCODING", "ENCODING_WITH_POWER", "EncodedSamples", "decode_samples", "encode_samples"]

ENCODING = "cols-v1"
ENCODING_WITH_POWER = "cols-v2"
_FLOAT64_COLUMNS = frozenset({"latitude_deg", "longitude_deg", "time_s", "distance_m"})


def _dtype(column: str) -> type[np.floating]:  # type: ignore[type-arg]
    return np.float64 if column in _FLOAT64_COLUMNS else np.float32


@dataclass(frozen=True, slots=True)
class EncodedSamples:
    """Samples ready to store: small to send between processes, no decoding needed to write."""

    sample_count: int
    payload: bytes
    encoding: str = ENCODING


def encode_samples(samples: ActivitySamples) -> EncodedSamples:
    parts = [
        np.ascontiguousarray(getattr(samples, column), dtype=_dtype(column)).tobytes()
        for column in ActivitySamples.COLUMNS
    ]
    if samples.power_w is not None:
        parts.append(np.ascontiguousarray(samples.power_w, dtype=np.float32).tobytes())
        payload = zlib.compress(b"".join(parts), level=1)
        return EncodedSamples(len(samples), payload, ENCODING_WITH_POWER)
    return EncodedSamples(len(samples), zlib.compress(b"".join(parts), level=1))


def decode_samples(payload: bytes, sample_count: int, encoding: str = ENCODING) -> ActivitySamples:
    if encoding not in (ENCODING, ENCODING_WITH_POWER):
        raise RunstrongError(f"stored samples use unknown encoding {encoding!r}")
    raw = zlib.decompress(payload)
    columns: dict[str, np.ndarray] = {}  # type: ignore[type-arg]
    offset = 0
    for column in ActivitySamples.COLUMNS:
        dtype = np.dtype(_dtype(column))
        size = dtype.itemsize * sample_count
        columns[column] = np.frombuffer(raw, dtype=dtype, count=sample_count, offset=offset).astype(
            np.float64
        )
        offset += size
    power = None
    if encoding == ENCODING_WITH_POWER:
        if len(raw) - offset != 4 * sample_count:
            raise RunstrongError(
                "stored samples are damaged: payload size does not match its count"
            )
        power = np.frombuffer(raw, dtype=np.float32, count=sample_count, offset=offset)
        offset += 4 * sample_count
    if offset != len(raw):
        raise RunstrongError("stored samples are damaged: payload size does not match its count")
    return ActivitySamples(**columns, power_w=None if power is None else power.astype(np.float64))
