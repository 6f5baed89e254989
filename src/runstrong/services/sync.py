"""Use case: keep folder sources in step: find their new and changed files and hand them to
the import use case (:func:`runstrong.services.imports.import_paths`), the one import path.

A file is read once it is complete (:func:`runstrong.services.folder_scan.is_settled`). What
was read is remembered per source (path, size, modification time, SHA-256 and the result), so:
an unchanged file is not read again; content seen before under another name (a rename, a copy)
is recorded as a duplicate and never imported twice; a changed file is imported again, and the
importer's rules say what that adds. A broken file fails alone, with its reason kept; it is
tried again only when it changes. A folder that is not there is reported on its source and
the other sources go on.

One worker at a time syncs a source: it takes the source's lease (a row update that succeeds
for one process only, on SQLite and PostgreSQL alike) and gives it back when done; a lease
left by a process that died runs out after ``LEASE_S``.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal, cast

from runstrong.domain.sources import FileStatus, SeenFile, Source
from runstrong.errors import NotFound
from runstrong.services.folder_scan import (
    FolderFile,
    FolderMissing,
    hash_file,
    is_settled,
    list_folder,
)
from runstrong.services.imports import FileOutcome, import_paths
from runstrong.store import Store, UnitOfWork
from runstrong.store.retry import run_in_transaction

__all__ = ["LEASE_S", "SourceSync", "SyncedFile", "sync_source", "sync_sources"]

#: How long a sync may hold a source before another worker may take it over.
LEASE_S = 30 * 60
SyncStatus = Literal["imported", "already_present", "skipped", "failed", "duplicate", "waiting"]


@dataclass(frozen=True, slots=True)
class SyncedFile:
    """What one pass did with one file (``waiting``: still being written, read later)."""

    path: str
    status: SyncStatus
    reason: str | None = None
    activities_added: int = 0
    strength_sessions_added: int = 0


@dataclass(frozen=True, slots=True)
class SourceSync:
    """One pass over one source. ``error``: the folder was not there; ``busy``: another
    worker was syncing the source, so this pass left it alone."""

    source: Source
    files: tuple[SyncedFile, ...] = ()
    error: str | None = None
    busy: bool = False

    def count(self, status: SyncStatus) -> int:
        return sum(1 for file in self.files if file.status == status)


def _owner() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _now() -> datetime:
    return datetime.now(UTC)


def sync_sources(
    store: Store,
    *,
    athlete_id: int | None = None,
    settle_s: float = 5.0,
    workers: int | None = 1,
) -> list[SourceSync]:
    """One pass over every source (of one athlete, or all); a missing folder does not stop
    the others."""
    sources = run_in_transaction(store, lambda uow: uow.sources.listed(athlete_id))
    return [sync_source(store, source.id, settle_s=settle_s, workers=workers) for source in sources]


def sync_source(
    store: Store,
    source_id: int,
    *,
    settle_s: float = 5.0,
    workers: int | None = 1,
    on_file: Callable[[SyncedFile], None] | None = None,
) -> SourceSync:
    """One pass over one source, holding its lease; see the module docstring."""
    owner = _owner()

    def take(uow: UnitOfWork) -> tuple[Source, bool]:
        source = uow.sources.get(source_id)
        if source is None:
            raise NotFound(f"no source with id {source_id}")
        now = _now()
        return source, uow.sources.take_lease(
            source_id, owner, now, now + timedelta(seconds=LEASE_S)
        )

    source, taken = run_in_transaction(store, take)
    if not taken:
        return SourceSync(source, busy=True)
    try:
        result = _pass(store, source, settle_s, workers, on_file)
    finally:
        run_in_transaction(store, lambda uow: uow.sources.release_lease(source_id, owner))
    refreshed = run_in_transaction(store, lambda uow: uow.sources.get(source_id))
    return SourceSync(refreshed or source, result.files, result.error)


def _pass(
    store: Store,
    source: Source,
    settle_s: float,
    workers: int | None,
    on_file: Callable[[SyncedFile], None] | None,
) -> SourceSync:
    root = Path(source.location)
    seen = run_in_transaction(store, lambda uow: uow.sources.files(source.id))
    try:
        listed = list(list_folder(root))
    except FolderMissing as exc:
        message = f"folder not found: {exc} (unplugged or not mounted?)"
        run_in_transaction(store, lambda uow: uow.sources.finish_sync(source.id, _now(), message))
        return SourceSync(source, error=message)
    by_hash = {file.content_hash: file for file in seen.values() if file.content_hash}
    now_ns = time.time_ns()
    results: list[SyncedFile] = []
    records: list[SeenFile] = []
    to_import: list[tuple[FolderFile, str]] = []
    for file in listed:
        before = seen.get(file.relative)
        if before is not None and (before.size, before.mtime_ns) == (file.size, file.mtime_ns):
            continue  # unchanged since it was read
        if not is_settled(file, now_ns, settle_s):
            results.append(SyncedFile(file.relative, "waiting", "still being written"))
            continue
        try:
            digest = hash_file(file.path)
        except OSError as exc:
            reason = f"cannot read the file ({exc.strerror or exc})"
            records.append(_record(file, "", "failed", reason))
            results.append(SyncedFile(file.relative, "failed", reason))
            continue
        if before is not None and before.content_hash == digest:  # touched, not changed
            records.append(_record(file, digest, before.status, before.reason))
            continue
        twin = by_hash.get(digest)
        if twin is not None and twin.path != file.relative:
            status: FileStatus = "failed" if twin.status == "failed" else "duplicate"
            reason = f"same content as {twin.path}" + (
                f", which failed: {twin.reason}" if twin.reason and status == "failed" else ""
            )
            records.append(_record(file, digest, status, reason))
            results.append(SyncedFile(file.relative, status, reason))
            continue
        placeholder = _record(file, digest, "imported", None)
        by_hash[digest] = placeholder
        to_import.append((file, digest))
    if to_import:
        for synced in _imported(store, source, [file for file, _ in to_import], workers):
            file, digest = next((f, d) for f, d in to_import if f.relative == synced.path)
            added = (synced.activities_added, synced.strength_sessions_added)
            status = cast(FileStatus, synced.status)  # an import never gives 'waiting'
            records.append(_record(file, digest, status, synced.reason, *added))
            results.append(synced)
            if on_file is not None:
                on_file(synced)

    def finish(uow: UnitOfWork) -> None:
        for record in records:
            uow.sources.put_file(source.id, record)
        uow.sources.finish_sync(source.id, _now(), None)

    run_in_transaction(store, finish)
    return SourceSync(source, tuple(results))


def _record(
    file: FolderFile,
    digest: str,
    status: FileStatus,
    reason: str | None,
    activities: int = 0,
    sessions: int = 0,
) -> SeenFile:
    return SeenFile(
        file.relative, file.size, file.mtime_ns, digest, status, reason, activities, sessions,
        _now(),
    )  # fmt: skip


def _imported(
    store: Store, source: Source, files: list[FolderFile], workers: int | None
) -> list[SyncedFile]:
    """Import the files through the import use case, for the source's athlete only, and give
    one result per file (a zip gives the import one outcome per member)."""
    report = import_paths(store, source.athlete_id, [file.path for file in files], workers=workers)
    grouped: dict[str, list[FileOutcome]] = {str(file.path): [] for file in files}
    for outcome in report.outcomes:
        key = outcome.name
        if key not in grouped:
            key = next((k for k in grouped if outcome.name.startswith(k + "/")), "")
        if key:
            grouped[key].append(outcome)
    return [_summary(file.relative, str(file.path), grouped[str(file.path)]) for file in files]


def _summary(relative: str, name: str, outcomes: list[FileOutcome]) -> SyncedFile:
    """One result for a file from the outcomes of its items."""
    activities = sum(o.activities_added for o in outcomes)
    sessions = sum(o.strength_sessions_added for o in outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    prefix = f"{name}: "
    if failed:
        reason = "; ".join((o.message or "failed").replace(prefix, "") for o in failed[:3])
        return SyncedFile(relative, "failed", reason, activities, sessions)
    if any(o.status == "imported" for o in outcomes):
        return SyncedFile(relative, "imported", None, activities, sessions)
    if outcomes and all(o.status == "skipped" for o in outcomes):
        reason = (outcomes[0].message or "nothing to import").replace(prefix, "")
        return SyncedFile(relative, "skipped", reason)
    return SyncedFile(relative, "already_present", None, activities, sessions)
