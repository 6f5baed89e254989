"""Use case: import files, folders and export archives for one athlete.

Decoding runs in worker processes when there are many files; the store is written from this
process only, one transaction per file. A file that fails leaves the store exactly as it was;
a file already imported (same content hash, or the same start, sport and device from another
file) adds nothing.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlalchemy.exc import IntegrityError

from runstrong.domain.models import Athlete
from runstrong.errors import ImportFormatError, NotFound, RunstrongError, ValidationError
from runstrong.importers import ImportItem, ImportOptions, ParsedFile, iter_import_items, parse_item
from runstrong.services.athletes import resolve_athlete
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.store import Store

__all__ = ["FileOutcome", "ImportReport", "ImportStatus", "import_paths"]

ImportStatus = Literal["imported", "already_present", "skipped", "failed"]
#: Below this many files the pool costs more than it saves.
_PARALLEL_FROM_FILES = 8


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file."""

    name: str
    status: ImportStatus
    format: str | None = None
    activities_added: int = 0
    strength_sessions_added: int = 0
    samples_added: int = 0
    message: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportReport:
    athlete: Athlete
    outcomes: tuple[FileOutcome, ...]

    def count(self, status: ImportStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def any_failed(self) -> bool:
        return any(outcome.status == "failed" for outcome in self.outcomes)

    @property
    def samples_added(self) -> int:
        return sum(outcome.samples_added for outcome in self.outcomes)


def _parse(item: ImportItem, options: ImportOptions) -> ParsedFile | RunstrongError:
    """Worker entry point: decode one item, returning (not raising) the project's errors."""
    try:
        return parse_item(item, options)
    except RunstrongError as exc:
        return exc


def _readable_items(paths: Iterable[Path]) -> Iterator[ImportItem | FileOutcome]:
    for path in paths:
        if not path.exists():
            yield FileOutcome(str(path), "failed", message=f"{path}: no such file or folder")
            continue
        for item in iter_import_items(path):
            try:
                yield replace(item, data=item.read())
            except ImportFormatError as exc:
                yield FileOutcome(item.name, "failed", message=str(exc))


def _parsed(
    items: Iterator[ImportItem | FileOutcome], options: ImportOptions, workers: int
) -> Iterator[tuple[str, ParsedFile | RunstrongError] | FileOutcome]:
    """Parse items in order, in a pool of ``workers`` processes when workers > 1."""
    if workers <= 1:
        for item in items:
            yield item if isinstance(item, FileOutcome) else (item.name, _parse(item, options))
        return
    pending: deque[tuple[str, Future[ParsedFile | RunstrongError]] | FileOutcome] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for item in items:
            if isinstance(item, FileOutcome):
                pending.append(item)
            else:
                pending.append((item.name, pool.submit(_parse, item, options)))
            while len(pending) > workers * 4:
                yield _resolve(pending.popleft())
        while pending:
            yield _resolve(pending.popleft())


def _resolve(
    entry: tuple[str, Future[ParsedFile | RunstrongError]] | FileOutcome,
) -> tuple[str, ParsedFile | RunstrongError] | FileOutcome:
    if isinstance(entry, FileOutcome):
        return entry
    name, future = entry
    return name, future.result()


def _store_file(store: Store, athlete: Athlete, name: str, parsed: ParsedFile) -> FileOutcome:
    """One file, one transaction: add what is new, skip what is already stored."""
    assert athlete.id is not None
    for activity in parsed.activities:
        check_activity(activity)
    for session in parsed.strength_sessions:
        check_strength_session(session)
    added_activities = added_sessions = added_samples = 0
    with store.unit_of_work() as uow:
        present = uow.activities.existing_external_ids(
            athlete.id, [a.external_id for a in parsed.activities if a.external_id]
        )
        for activity in parsed.activities:
            if activity.external_id in present or uow.activities.find_same_start(
                athlete.id, activity.started_at, activity.sport, activity.device
            ):
                continue
            uow.activities.add(athlete.id, activity)
            added_activities += 1
            added_samples += len(activity.samples) if activity.samples is not None else 0
        present = uow.strength.existing_external_ids(
            athlete.id, [s.external_id for s in parsed.strength_sessions if s.external_id]
        )
        for session in parsed.strength_sessions:
            if session.external_id not in present:
                uow.strength.add(athlete.id, session)
                added_sessions += 1
    status: ImportStatus = "imported" if added_activities + added_sessions else "already_present"
    return FileOutcome(
        name,
        status,
        parsed.format,
        added_activities,
        added_sessions,
        added_samples,
        warnings=parsed.warnings
        + tuple(f"unknown exercise kept: {n}" for n in parsed.unmatched_exercises),
    )


def _outcome(
    store: Store, athlete: Athlete, name: str, result: ParsedFile | RunstrongError
) -> FileOutcome:
    if isinstance(result, RunstrongError):
        return FileOutcome(name, "failed", message=str(result))
    if result.skip_reason is not None:
        return FileOutcome(name, "skipped", result.format, message=result.skip_reason)
    try:
        return _store_file(store, athlete, name, result)
    except ValidationError as exc:
        return FileOutcome(name, "failed", result.format, message=f"{name}: {exc}")
    except IntegrityError:
        # Another process stored the same activity between our check and our insert.
        return FileOutcome(name, "already_present", result.format)


def import_paths(
    store: Store,
    athlete_name: str | None,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> ImportReport:
    """Import every importable file under ``paths`` for the athlete.

    ``workers`` decoding processes (default: one per core, at most 4, and none for a handful of
    files). ``on_outcome`` is called after each file, for progress display.
    """
    paths = list(paths)
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
    if not paths:
        raise NotFound("nothing to import: name one or more files, folders or archives")
    options = ImportOptions(timezone=athlete.timezone)
    if workers is None:
        small = all(p.is_file() for p in paths) and len(paths) < _PARALLEL_FROM_FILES
        workers = 1 if small else min(os.cpu_count() or 1, 4)
    outcomes: list[FileOutcome] = []
    for entry in _parsed(_readable_items(paths), options, workers):
        outcome = entry if isinstance(entry, FileOutcome) else _outcome(store, athlete, *entry)
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return ImportReport(athlete, tuple(outcomes))
