"""What a folder source holds now: its regular importable files, and which of them are done
being written.

Only regular files are listed: links (to files or folders, inside or out of the folder) are
not followed, hidden files and folders are left alone (downloads and sync tools write there),
and only the kinds ``runstrong import`` takes in a folder are listed. A file counts as complete
once its size and modification time have stayed the same for ``settle_s`` seconds.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from runstrong.importers import is_importable_file

__all__ = ["FolderFile", "FolderMissing", "hash_file", "is_settled", "list_folder"]

#: Names that sync and download tools give files they are still writing.
_PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".syncthing")
_CHUNK = 1024 * 1024


class FolderMissing(Exception):
    """The folder is not there (a watch unplugged, a share not mounted)."""


@dataclass(frozen=True, slots=True)
class FolderFile:
    """A regular file of the folder: its path relative to the folder, size and mtime."""

    relative: str
    path: Path
    size: int
    mtime_ns: int


def list_folder(root: Path) -> Iterator[FolderFile]:
    """The regular importable files under ``root``, in a stable order.

    Raises :class:`FolderMissing` when ``root`` is not a readable folder."""
    try:
        root_stat = os.stat(root)
    except OSError as exc:
        raise FolderMissing(f"{root}: {exc.strerror or 'cannot be read'}") from None
    if not stat.S_ISDIR(root_stat.st_mode):
        raise FolderMissing(f"{root}: not a folder")
    errors: list[OSError] = []
    for directory, folders, names in os.walk(root, followlinks=False, onerror=errors.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.lower().endswith(_PARTIAL_SUFFIXES):
                continue
            path = Path(directory) / name
            try:
                info = os.lstat(path)
            except OSError:  # gone since it was listed
                continue
            if not stat.S_ISREG(info.st_mode) or not is_importable_file(path):
                continue  # a link, a device, a pipe; or not a kind runstrong imports
            yield FolderFile(
                path.relative_to(root).as_posix(), path, info.st_size, info.st_mtime_ns
            )
    if errors and not os.path.isdir(root):
        raise FolderMissing(f"{root}: disappeared while it was being read")


def is_settled(file: FolderFile, now_ns: int, settle_s: float) -> bool:
    """Whether the file has not changed for ``settle_s`` seconds: its modification time is that
    old, and its size and modification time are still what the listing saw."""
    if now_ns - file.mtime_ns < settle_s * 1e9:
        return False
    try:
        info = os.lstat(file.path)
    except OSError:
        return False
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_size == file.size
        and info.st_mtime_ns == file.mtime_ns
    )


def hash_file(path: Path) -> str:
    """SHA-256 of the file's content, read without following a link put in its place."""
    digest = hashlib.sha256()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
