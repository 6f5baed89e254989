"""Damage for FIT files, and FIT files generated message by message with extreme values.

A FIT file carries a header CRC and a file CRC, so nearly every byte of damage is caught by the
checksum before any message is read. Two ways past it: :class:`FixFitChecks` recomputes the
header's data size and both CRCs after the damage, so the decoder reads the damaged messages;
and :func:`generated_fit` writes well-framed files whose *values* are extreme (clocks never set,
timestamps going backwards or at the end of time, invalid sentinels, sessions without records,
records without sessions, unknown sports and file types, huge totals), so the importer's own
logic gets them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache

import numpy as np
from hypothesis import strategies as st

from runstrong.exports.fit_writer import BaseType, Field, FitEncoder, MessageDefinition, crc16
from tests.reliability.fuzz_bytes import INTERESTING, POSITIONS, Case, Step, byte_steps
from tests.reliability.fuzz_seeds import Seed

__all__ = ["fit_steps", "generated_fit"]

_U8, _U16, _U32, _S32, _ENUM = (
    BaseType.UINT8, BaseType.UINT16, BaseType.UINT32, BaseType.SINT32, BaseType.ENUM,
)  # fmt: skip
#: FIT date_time values below this are seconds since power-on (the clock was not set).
_MIN_ABSOLUTE = 0x10000000
_RECORD = (  # (field number, base type) of a record message; timestamp first
    (253, _U32), (0, _S32), (1, _S32), (2, _U16), (3, _U8), (4, _U8), (5, _U32), (6, _U16),
    (7, _U16), (53, _U8), (73, _U32), (78, _U32),
)  # fmt: skip
_SESSION = (
    (253, _U32), (2, _U32), (5, _ENUM), (6, _ENUM), (7, _U32), (8, _U32), (9, _U32), (16, _U8),
    (17, _U8), (18, _U8), (20, _U16), (22, _U16), (41, _U8), (59, _U32),
)  # fmt: skip
_LIMITS = {_U8: 0xFF, _U16: 0xFFFF, _U32: 0xFFFFFFFF, _S32: 0x7FFFFFFF, _ENUM: 0xFF}
_CLOCKS = (1_000_000_000, 1_100_000_000, 1_000, _MIN_ABSOLUTE - 10, _MIN_ABSOLUTE, 0,
           0xFFFFFFF0, 0xFFFFFFFE)  # fmt: skip


def _value(base_type: BaseType) -> st.SearchStrategy[int | None]:
    top = _LIMITS[base_type]
    low = -0x80000000 if base_type is _S32 else 0
    return st.one_of(st.none(), st.sampled_from([0, 1, top - 1, top, low]), st.integers(low, top))


@st.composite
def _column(draw: st.DrawFn, base_type: BaseType, count: int) -> np.ndarray:
    """One record column: absent (invalid), constant, a ramp, noise, or with spikes."""
    top, low = _LIMITS[base_type], (-0x80000000 if base_type is _S32 else 0)
    kind = draw(st.sampled_from(["invalid", "constant", "ramp", "noise", "spikes"]))
    start = draw(st.integers(low, top))
    if kind == "invalid":
        column = np.full(count, np.nan)
    elif kind == "constant":
        column = np.full(count, float(start))
    elif kind == "ramp":
        step = draw(st.sampled_from([-1000, -1, 0, 1, 3, 100, 100_000]))
        column = start + step * np.arange(count, dtype=np.float64)
    else:
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        column = rng.uniform(low, top, count)
        if kind == "spikes":
            column = np.where(rng.random(count) < 0.9, float(start), column)
    return np.clip(np.round(column), low, top - 1)


@st.composite
def _timestamps(draw: st.DrawFn, clock: int, count: int) -> np.ndarray:
    step = draw(st.sampled_from([1, 1, 1, 0, -1, 2, 60, 40_000, 2**31]))
    times = clock + step * np.arange(count, dtype=np.float64)
    if count and draw(st.booleans()):  # one glitch: a jump, a repeat, or a gap
        at = draw(st.integers(0, count - 1))
        times[at] = draw(st.sampled_from([0.0, float(clock), float(0xFFFFFFFE), times[at] - 3]))
    return np.clip(times, 0, 0xFFFFFFFE)


@st.composite
def _fit_file(draw: st.DrawFn) -> bytes:
    encoder = FitEncoder()
    file_id = MessageDefinition(
        0, (Field(0, _ENUM), Field(1, _U16), Field(2, _U16), Field(4, _U32))
    )
    encoder.define(0, file_id)
    # mostly activity files with a set clock, so that most files reach the importer's logic
    usual_clock = st.sampled_from([1_000_000_000, 1_100_000_000])
    odd_clock = st.sampled_from(_CLOCKS) | st.integers(0, 0xFFFFFFFE)
    clock = draw(st.one_of(usual_clock, usual_clock, usual_clock, odd_clock))
    odd_type = st.sampled_from([5, 2, 9, 32, 0, 255]) | st.integers(0, 254)
    file_type = draw(st.one_of(st.just(4), st.just(4), st.just(4), odd_type))
    encoder.write(
        0,
        [
            file_type,
            draw(st.sampled_from([1, 255, 263, 15, 0, 0xFFFF, None])),
            draw(_value(_U16)),
            clock,
        ],
    )
    count = draw(st.integers(0, 40))
    record = MessageDefinition(20, tuple(Field(n, t) for n, t in _RECORD))
    near_clock = st.integers(-100, 5_000).map(lambda offset: min(max(clock + offset, 0), 2**32 - 2))
    session_fields = [
        st.one_of(near_clock, near_clock, near_clock, _value(t)) if n in (253, 2) else _value(t)
        for n, t in _SESSION
    ]
    sessions = draw(st.lists(st.tuples(*session_fields), max_size=4))
    session_definition = MessageDefinition(18, tuple(Field(n, t) for n, t in _SESSION))
    sessions_first = draw(st.booleans())

    def write_sessions() -> None:
        encoder.define(2, session_definition)
        for values in sessions:
            encoder.write(2, list(values))

    if sessions_first:
        write_sessions()
    if count:
        encoder.define(1, record)
        columns = [draw(_timestamps(clock, count))]
        columns += [draw(_column(t, count)) for _n, t in _RECORD[1:]]
        encoder.write_columns(1, columns)
    if not sessions_first:
        write_sessions()
    if draw(st.booleans()):  # an activity message, maybe with a local clock
        encoder.define(3, MessageDefinition(34, (Field(253, _U32), Field(5, _U32))))
        encoder.write(3, [clock, draw(_value(_U32))])
    if draw(st.booleans()):  # a sport message
        encoder.define(4, MessageDefinition(12, (Field(0, _ENUM), Field(1, _ENUM))))
        encoder.write(4, [draw(_value(_ENUM)), draw(_value(_ENUM))])
    return encoder.finish()


def generated_fit() -> st.SearchStrategy[Case]:
    """Generated FIT files as cases (their seed is named ``generated.fit``)."""
    return _fit_file().map(lambda data: Case(Seed("generated.fit", data), (), data))


@dataclass(frozen=True)
class FixFitChecks:
    """Recompute the header's data size, its CRC and the file CRC after damage."""

    def __call__(self, data: bytes) -> bytes:
        if len(data) < 14 or data[0] not in (12, 14):
            return data
        header_size = data[0]
        out = bytearray(data)
        struct.pack_into("<I", out, 4, max(len(out) - header_size - 2, 0))
        if header_size == 14:
            struct.pack_into("<H", out, 12, crc16(bytes(out[:12])))
        struct.pack_into("<H", out, len(out) - 2, crc16(bytes(out[:-2])))
        return bytes(out)


@dataclass(frozen=True)
class FitBody:
    """Overwrite bytes after the header (the messages), leaving the header alone."""

    at: int
    value: bytes

    def __call__(self, data: bytes) -> bytes:
        if len(data) <= 16:
            return data
        at = 14 + self.at % (len(data) - 16)
        return data[:at] + self.value + data[at + len(self.value) :]


@cache
def fit_steps() -> st.SearchStrategy[list[Step]]:
    """One to four byte steps, mostly in the messages; then, two times in three, the checks
    recomputed so that the decoder reads what the damage left."""
    body = st.builds(
        FitBody, POSITIONS, st.sampled_from(INTERESTING) | st.binary(min_size=1, max_size=8)
    )
    damage = st.lists(st.one_of(body, body, byte_steps("fit")), min_size=1, max_size=4)
    return st.tuples(damage, st.integers(0, 2)).map(
        lambda pair: [*pair[0], FixFitChecks()] if pair[1] else pair[0]
    )
