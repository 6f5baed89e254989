"""Damage for zip archives (Strava and Garmin bulk exports, zips of activity files).

Members are rebuilt rather than only bit-flipped, since a flipped bit mostly trips the zip
CRC: a member's content gets the byte, XML or CSV damage of the other formats (optionally
gzipped, as in Strava exports), members get names that climb out of the archive or are not
valid UTF-8 though flagged so, general-purpose flags (encrypted, data descriptor) or compression
methods zipfile cannot read, and archives are nested deeper than the importer allows. Byte-level
damage of the whole archive is mixed in by the caller.
"""

from __future__ import annotations

import gzip
import io
import re
import struct
import warnings
import zipfile
from dataclasses import dataclass
from functools import cache

from hypothesis import strategies as st

from tests.reliability.fuzz_bytes import POSITIONS, Step, byte_steps
from tests.reliability.fuzz_seeds import Seed, seeds
from tests.reliability.fuzz_text import csv_steps, xml_steps

__all__ = ["zip_steps"]

ZIP_NAMES = (
    "../../evil.fit", "/abs/run.gpx", "C:run.tcx", "a\\b.fit", "activities.csv",
    "activities/1001.fit.gz", "deep/" * 40 + "run.fit", "run.FIT", "x.csv", "x.zip", "",
    "run.fit.gz", "run.gpx.gz",
)  # fmt: skip
_ZIP_TIME = (2024, 5, 1, 0, 0, 0)


def _members(data: bytes) -> list[tuple[str, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # a zip an earlier step damaged: leave it as it is
        return None


def _rezip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are part of the damage
        for name, content in entries:
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), content)
    return buffer.getvalue()


def _patch(data: bytes, index: int, flags: int, method: int | None) -> bytes:
    """Set flag bits and the compression method of one member, in its local header and in its
    central directory entry."""
    if not flags and method is None:
        return data
    out = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        starts = [m.start() for m in re.finditer(re.escape(signature), data)]
        if index < len(starts):
            at = starts[index]
            (old,) = struct.unpack_from("<H", out, at + flag_at)
            struct.pack_into("<H", out, at + flag_at, old | flags)
            if method is not None:
                struct.pack_into("<H", out, at + method_at, method)
    return bytes(out)


@dataclass(frozen=True)
class Member:
    """Damage the ``index``-th member of a zip and re-zip: its bytes, name, flags or method."""

    index: int
    steps: tuple[Step, ...] = ()
    rename: str | None = None
    flags: int = 0
    method: int | None = None
    gzip_it: bool = False

    def __call__(self, data: bytes) -> bytes:
        entries = _members(data)
        if not entries:
            return data
        index = self.index % len(entries)
        name, content = entries[index]
        for step in self.steps:
            content = step(content)
        if self.gzip_it:
            content = gzip.compress(content, mtime=0)
        entries[index] = (self.rename if self.rename is not None else name, content)
        return _patch(_rezip(entries), index, self.flags, self.method)


@dataclass(frozen=True)
class AddMember:
    """Add a seed file as a member, nested ``nest`` zips deep."""

    name: str
    content: Seed
    nest: int = 0

    def __call__(self, data: bytes) -> bytes:
        entries = _members(data)
        if entries is None:
            return data
        content = self.content.data
        for level in range(self.nest):
            content = _rezip([(f"level{level}.zip" if level else self.name, content)])
        entries.append((self.name if not self.nest else "nested.zip", content))
        return _rezip(entries)


@dataclass(frozen=True)
class BadName:
    """Give the ``index``-th member a name flagged as UTF-8 that is not valid UTF-8."""

    index: int

    def __call__(self, data: bytes) -> bytes:
        entries = _members(data)
        if not entries:
            return data
        index = self.index % len(entries)
        target = entries[index][0].encode("utf-8")
        patched = _patch(_rezip(entries), index, 0x800, None)
        return patched.replace(target, b"\xff" + target[1:]) if target else patched


@cache
def zip_steps() -> st.SearchStrategy[Step]:
    inner = st.lists(
        st.one_of(byte_steps("fit"), *xml_steps(), *csv_steps()), min_size=1, max_size=3
    ).map(tuple)
    any_seed = st.sampled_from(
        [s for kind in ("fit", "gpx", "tcx", "strong_csv", "hevy_csv") for s in seeds(kind)[:2]]
    )
    methods = st.sampled_from([1, 6, 9, 12, 14, 93, 98, 99, 0xFFFF])
    return st.one_of(
        st.builds(Member, POSITIONS, inner),
        st.builds(Member, POSITIONS, inner, st.none(), st.just(0), st.none(), st.booleans()),
        st.builds(Member, POSITIONS, st.just(()), st.sampled_from(ZIP_NAMES)),
        st.builds(Member, POSITIONS, st.just(()), st.none(), st.sampled_from([0x1, 0x8, 0x40])),
        st.builds(Member, POSITIONS, st.just(()), st.none(), st.just(0), methods),
        st.builds(AddMember, st.sampled_from(ZIP_NAMES), any_seed, st.integers(0, 5)),
        st.builds(BadName, POSITIONS),
    )
