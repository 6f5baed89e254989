"""Byte-level damage for every format, and :class:`Case`, one fuzzed input.

Each step is a small frozen dataclass applied to bytes, so hypothesis shrinks a failing input to
the fewest, simplest steps and prints them as code that rebuilds the input from its seed:
bit flips, overwritten bytes (sentinels like ``0xFF``, ``0x7FFFFFFF``), truncation, deleted or
duplicated chunks, inserted bytes, a kept header with random bytes after it, and splices of two
seeds of the same format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import strategies as st

from tests.reliability.fuzz_seeds import Seed, seeds

__all__ = [
    "INTERESTING",
    "POSITIONS",
    "Case",
    "DeleteChunk",
    "DuplicateChunk",
    "FlipBits",
    "Insert",
    "KeepHead",
    "Overwrite",
    "Splice",
    "Step",
    "Truncate",
    "byte_steps",
]

Step = Callable[[bytes], bytes]
INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff", b"\x00\x00\x00\x00",
               b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff", b"\x80\x00\x00\x00")  # fmt: skip
#: Positions are drawn large and taken modulo the input's length (they shrink towards 0).
POSITIONS = st.integers(0, 2**16)


@dataclass(frozen=True, slots=True)
class Case:
    """One fuzzed input: the seed it came from, the steps applied, and the bytes."""

    seed: Seed
    steps: tuple[Step, ...]
    data: bytes

    @property
    def name(self) -> str:
        return self.seed.name

    def __repr__(self) -> str:  # the steps rebuild the bytes: do not print them all
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        return f"Case({self.seed!r}, steps={self.steps!r}, data=<{len(self.data)} bytes {digest}>)"

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:  # hypothesis's printer
        printer.text(repr(self))


def _at(position: int, data: bytes, extra: int = 0) -> int:
    return position % (len(data) + extra) if len(data) + extra else 0


@dataclass(frozen=True)
class FlipBits:
    at: int
    mask: int

    def __call__(self, data: bytes) -> bytes:
        if not data:
            return data
        out = bytearray(data)
        out[_at(self.at, data)] ^= self.mask or 1
        return bytes(out)


@dataclass(frozen=True)
class Overwrite:
    at: int
    value: bytes

    def __call__(self, data: bytes) -> bytes:
        at = _at(self.at, data)
        return data[:at] + self.value + data[at + len(self.value) :]


@dataclass(frozen=True)
class Truncate:
    at: int

    def __call__(self, data: bytes) -> bytes:
        return data[: _at(self.at, data, 1)]


@dataclass(frozen=True)
class DeleteChunk:
    at: int
    length: int

    def __call__(self, data: bytes) -> bytes:
        at = _at(self.at, data)
        return data[:at] + data[at + self.length :]


@dataclass(frozen=True)
class DuplicateChunk:
    at: int
    length: int
    to: int
    times: int = 1

    def __call__(self, data: bytes) -> bytes:
        at = _at(self.at, data)
        chunk = data[at : at + self.length] * self.times
        to = _at(self.to, data, 1)
        return data[:to] + chunk + data[to:]


@dataclass(frozen=True)
class Insert:
    at: int
    value: bytes

    def __call__(self, data: bytes) -> bytes:
        at = _at(self.at, data, 1)
        return data[:at] + self.value + data[at:]


@dataclass(frozen=True)
class KeepHead:
    """Keep the first ``keep`` bytes and replace the rest with ``value``."""

    keep: int
    value: bytes

    def __call__(self, data: bytes) -> bytes:
        return data[: self.keep] + self.value


@dataclass(frozen=True)
class Splice:
    """The head of this input joined to the tail of another seed."""

    other: Seed
    at: int
    other_at: int

    def __call__(self, data: bytes) -> bytes:
        tail = self.other.data[_at(self.other_at, self.other.data) :]
        return data[: _at(self.at, data, 1)] + tail


@cache
def byte_steps(kind: str) -> st.SearchStrategy[Step]:
    """One byte-level step for inputs of ``kind`` (splices take a second seed of that kind)."""
    values = st.sampled_from(INTERESTING) | st.binary(min_size=1, max_size=8)
    return st.one_of(
        st.builds(FlipBits, POSITIONS, st.integers(0, 255)),
        st.builds(Overwrite, POSITIONS, values),
        st.builds(Overwrite, st.integers(0, 15), st.binary(min_size=1, max_size=4)),  # header
        st.builds(Truncate, POSITIONS),
        st.builds(DeleteChunk, POSITIONS, st.integers(1, 256)),
        st.builds(DuplicateChunk, POSITIONS, st.integers(1, 256), POSITIONS, st.integers(1, 8)),
        st.builds(Insert, POSITIONS, st.binary(min_size=1, max_size=32)),
        st.builds(KeepHead, st.integers(0, 32), st.binary(max_size=64)),
        st.builds(Splice, st.sampled_from(seeds(kind)), POSITIONS, POSITIONS),
    )
