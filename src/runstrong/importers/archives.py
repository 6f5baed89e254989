"""Expand what a user points at (files, folders, zip archives) into importable items.

* a file is one item, whatever its name (its content decides the format later);
* a folder is searched recursively for importable files (symbolic links are not followed);
* a zip archive is opened in memory, never extracted to disk:

  - a **Strava bulk export** (``activities.csv`` at its top) yields the activity files its
    ``Filename`` column lists, carrying the activity's name and type from the CSV;
  - any other zip (a **Garmin Connect export**, whose FIT files sit in nested zips under
    ``DI_CONNECT/DI-Connect-Uploaded-Files/``, or a zip of activity files) yields its members
    named like activity files (``.fit``, ``.gpx``, ``.tcx``, each optionally ``.gz``) and its
    strength-app CSV exports (recognised by their header), expanding nested zips up to three
    levels deep; everything else (JSON summaries, photos) is ignored. Activities entered by hand
    on Strava have no file and give no item.

A damaged archive, an oversized member (zip bomb), a name that climbs out of the archive
(``../``) or a missing file fails *that item* only: its :meth:`ImportItem.read` raises
:class:`ImportFormatError`, and the other items import normally. Items from archives hold their
bytes, read when the item is yielded, so process items as they come rather than collecting
them all.
"""

from __future__ import annotations

import csv
import io
import lzma
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from runstrong.domain.models import RUNNING_SPORTS, Sport
from runstrong.errors import ImportFormatError
from runstrong.importers import registry, strength_csv
from runstrong.importers._csv_text import decode_text
from runstrong.importers._sports import sport_from_name
from runstrong.importers.base import (
    DEFAULT_MAX_DECOMPRESSED_BYTES,
    MAX_NAME_CHARS,
    ImportOptions,
    ParsedFile,
    clean_text,
)

__all__ = ["ImportItem", "is_importable_file", "iter_import_items", "parse_item"]

_ACTIVITY_EXTENSIONS = (".fit", ".gpx", ".tcx")
_MAX_DEPTH = 3
#: A member this much bigger than its compressed size (and over 10 MiB) is a zip bomb.
_MAX_RATIO = 200
_RATIO_FLOOR_BYTES = 10 * 1024 * 1024
#: What the zipfile module raises for damaged archives: besides BadZipFile, a ValueError for a
#: negative seek, a UnicodeDecodeError for a member name flagged UTF-8 that is not, an
#: LZMAError for a member whose method says LZMA but whose data is not (found by fuzzing).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    EOFError,
    NotImplementedError,
    ValueError,
)


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One file to import: a display name and its bytes (or a function that reads them).

    ``activity_name`` and ``sport`` are hints from an export's index (Strava's
    ``activities.csv``) that :func:`parse_item` applies to what the file yields.
    """

    name: str
    data: bytes | Callable[[], bytes]
    activity_name: str | None = None
    sport: Sport | None = None

    def read(self) -> bytes:
        """The file's bytes; raises ImportFormatError if the item could not be read."""
        return self.data if isinstance(self.data, bytes) else self.data()


def iter_import_items(
    path: Path, *, max_member_bytes: int = DEFAULT_MAX_DECOMPRESSED_BYTES
) -> Iterator[ImportItem]:
    """Expand a file, folder or zip archive into items; see the module docstring."""
    if path.is_dir():
        for root, directories, files in os.walk(path):
            directories[:] = sorted(d for d in directories if not d.startswith("."))
            for file_name in sorted(files):
                file_path = Path(root) / file_name
                if not file_name.startswith(".") and _wanted_file(file_path):
                    yield from _from_file(file_path, str(file_path), max_member_bytes)
    else:
        yield from _from_file(path, str(path), max_member_bytes)


def parse_item(item: ImportItem, options: ImportOptions | None = None) -> ParsedFile:
    """Read and parse one item, applying its index hints (activity name, sport)."""
    parsed = registry.parse_bytes(item.read(), item.name, options)
    if not parsed.activities or (item.activity_name is None and item.sport is None):
        return parsed
    single = len(parsed.activities) == 1
    activities = tuple(
        replace(
            activity,
            name=item.activity_name or activity.name,
            sport=_hinted_sport(item.sport, activity.sport) if single else activity.sport,
        )
        for activity in parsed.activities
    )
    return replace(parsed, activities=activities)


def _hinted_sport(hint: Sport | None, recorded: Sport) -> Sport:
    """The index's sport wins (the user may have corrected it), unless it only says "running"
    about a run the file describes more precisely (trail, track, treadmill)."""
    if hint is None or (hint == "running" and recorded in RUNNING_SPORTS):
        return recorded
    return hint


def _from_file(path: Path, display: str, limit: int) -> Iterator[ImportItem]:
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        yield _failed(display, f"cannot read the file ({exc.strerror or exc}).")
        return
    if magic[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as archive:
                yield from _from_zip(archive, display, 1, limit)
        except _ZIP_ERRORS as exc:
            yield _failed(display, f"a damaged zip archive ({exc}).")
    else:
        yield ImportItem(display, path.read_bytes)


def _from_zip(
    archive: zipfile.ZipFile, display: str, depth: int, limit: int
) -> Iterator[ImportItem]:
    # not ZipInfo.is_dir(), which fails on an empty name
    members = [info for info in archive.infolist() if not info.filename.endswith("/")]
    index = next((m for m in members if _is_strava_index(m.filename)), None)
    if index is not None:
        yield from _from_strava(archive, index, members, display, limit)
        return
    for info in members:
        name = f"{display}/{info.filename}"
        lowered = info.filename.lower()
        if not _safe_name(info.filename):
            yield _failed(name, "a file name that points outside the archive; refusing it.")
        elif lowered.endswith(".zip"):
            yield from _nested(archive, info, name, depth, limit)
        elif lowered.endswith((".csv", ".csv.gz")) or _activity_name(lowered):
            data = _read_member(archive, info, name, limit)
            if isinstance(data, ImportItem):
                yield data
            elif _activity_name(lowered) or _strength_csv(data):
                yield ImportItem(name, data)


def _nested(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, depth: int, limit: int
) -> Iterator[ImportItem]:
    if depth >= _MAX_DEPTH:
        yield _failed(name, f"zip archives nested more than {_MAX_DEPTH} deep; refusing it.")
        return
    data = _read_member(archive, info, name, limit)
    if isinstance(data, ImportItem):
        yield data
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            yield from _from_zip(inner, name, depth + 1, limit)
    except _ZIP_ERRORS as exc:
        yield _failed(name, f"a damaged zip archive ({exc}).")


def _from_strava(
    archive: zipfile.ZipFile,
    index: zipfile.ZipInfo,
    members: list[zipfile.ZipInfo],
    display: str,
    limit: int,
) -> Iterator[ImportItem]:
    """The activity files a Strava export's ``activities.csv`` lists, with their names."""
    index_name = f"{display}/{index.filename}"
    data = _read_member(archive, index, index_name, limit)
    if isinstance(data, ImportItem):
        yield data
        return
    try:
        rows = list(csv.reader(io.StringIO(decode_text(data, index_name), newline="")))
    except (ImportFormatError, csv.Error) as exc:
        yield _failed(index_name, f"cannot read the Strava activity index ({exc}).")
        return
    if not rows:
        return
    header = [title.strip() for title in rows[0]]
    column = {title: header.index(title) for title in header}  # the first of duplicates

    def cell(row: list[str], title: str) -> str:
        position = column.get(title)
        return row[position].strip() if position is not None and position < len(row) else ""

    folder = str(PurePosixPath(index.filename).parent)
    by_name = {info.filename: info for info in members}
    for row in rows[1:]:
        file_name = cell(row, "Filename")
        if not file_name:
            continue  # an activity entered by hand on Strava: no file to import
        relative = file_name if folder == "." else f"{folder}/{file_name}"
        name = f"{display}/{relative}"
        member = by_name.get(relative)
        if not _safe_name(file_name):
            yield _failed(name, "a file name that points outside the archive; refusing it.")
        elif member is None:
            yield _failed(name, "listed in activities.csv but missing from the archive.")
        else:
            content = _read_member(archive, member, name, limit)
            if isinstance(content, ImportItem):
                yield content
                continue
            activity_type = cell(row, "Activity Type")
            sport = (sport_from_name(activity_type) or "other") if activity_type else None
            activity_name = clean_text(cell(row, "Activity Name"), MAX_NAME_CHARS)
            yield ImportItem(name, content, activity_name=activity_name, sport=sport)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int
) -> bytes | ImportItem:
    """A member's bytes, or a failed item saying why they cannot be read safely."""
    if info.flag_bits & 0x1:
        return _failed(name, "an encrypted file in the archive; cannot read it.")
    too_big = info.file_size > limit
    inflated = info.file_size > _RATIO_FLOOR_BYTES and info.file_size > _MAX_RATIO * max(
        info.compress_size, 1
    )
    if too_big or inflated:
        return _failed(
            name, "decompresses to far more than it stores; refusing it as a possible zip bomb."
        )
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except _ZIP_ERRORS as exc:
        return _failed(name, f"cannot be read from the archive ({exc}).")
    if len(data) > limit:
        return _failed(name, "decompresses to more than the size limit; refusing it.")
    return data


def _failed(name: str, problem: str) -> ImportItem:
    error = ImportFormatError(f"{name}: {problem}")

    def fail() -> bytes:
        raise error

    return ImportItem(name, fail)


def _safe_name(name: str) -> bool:
    """Whether an archive member name stays inside the archive (no ``..``, not absolute)."""
    if not name or "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return False
    return ".." not in PurePosixPath(name).parts


def _is_strava_index(name: str) -> bool:
    path = PurePosixPath(name)
    return path.name == "activities.csv" and len(path.parts) <= 2


def _activity_name(lowered: str) -> bool:
    stem = lowered.removesuffix(".gz")
    return stem.endswith(_ACTIVITY_EXTENSIONS)


def _strength_csv(data: bytes) -> bool:
    kind = registry.detect_format(data)
    return kind in (strength_csv.STRONG, strength_csv.HEVY)


def is_importable_file(path: Path) -> bool:
    """Whether a folder search (``runstrong import FOLDER``, a folder source) takes this file."""
    return not path.name.startswith(".") and _wanted_file(path)


def _wanted_file(path: Path) -> bool:
    """Files a folder search picks up: activity files, zips, and strength-app exports."""
    lowered = path.name.lower()
    if _activity_name(lowered) or lowered.endswith(".zip"):
        return True
    if lowered.endswith((".csv", ".csv.gz")):
        try:
            with path.open("rb") as handle:
                return _strength_csv(handle.read(64 * 1024))
        except OSError:
            return True  # let the item report the error
    return False
