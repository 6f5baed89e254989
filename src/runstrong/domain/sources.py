"""Sync sources as plain values: a folder runstrong keeps in step with, and the files seen in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

__all__ = ["FileStatus", "SeenFile", "Source", "SourceKind"]

SourceKind = Literal["folder"]
#: ``duplicate``: the same content was seen before under another name (never imported twice).
FileStatus = Literal["imported", "already_present", "skipped", "failed", "duplicate"]


@dataclass(frozen=True, slots=True)
class SeenFile:
    """A file of a source as it was when last read, and what importing it gave."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str
    status: FileStatus
    reason: str | None = None
    activities_added: int = 0
    strength_sessions_added: int = 0
    seen_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A place new activity files land in, belonging to one athlete.

    ``added_by_user_id`` is ``None`` when the operator added it on the command line; such a
    source is read-only on the web."""

    id: int
    athlete_id: int
    kind: SourceKind
    location: str
    added_by_user_id: int | None
    created_at: datetime
    last_sync_at: datetime | None = None
    last_error: str | None = None
    files_imported: int = 0
    files_failed: int = 0
    files_seen: int = 0
    athlete_name: str = ""
