"""Use case: import files, folders and export archives for one athlete.

Decoding runs in worker processes when there are many files; the store is written from this
process only, one transaction per file. A file that fails leaves the store exactly as it was;
a file already imported (same content hash, or the same start, sport and device from another
file) adds nothing, except the device laps of an activity stored before laps were kept.
Best efforts of runs are found while decoding (in the worker processes) and stored with them.

Other processes may write for the same athlete at the same time (web workers logging a run,
another import of an overlapping export). Each file's transaction therefore first takes the
athlete's lock (:func:`runstrong.store.retry.lock_athlete`: a row lock on PostgreSQL, the write
lock on SQLite) and checks again, inside the transaction, what is already stored, so that two
processes importing the same file give one import and one "already present"; a transaction that
still collides (SQLite busy, a PostgreSQL deadlock, a unique key) is run again
(:func:`runstrong.store.retry.run_in_transaction`) rather than shown to the user as an error.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlalchemy.exc import DataError, IntegrityError

from runstrong.domain.models import Activity, Athlete
from runstrong.errors import ImportFormatError, NotFound, RunstrongError, ValidationError
from runstrong.importers import (
    ImportItem,
    ImportOptions,
    ParsedFile,
    content_id,
    iter_import_items,
    parse_item,
)
from runstrong.importers.base import FitDecoder
from runstrong.library.fit_names import is_unidentified
from runstrong.services._import_known import Known as _Known
from runstrong.services._import_known import start_key as _start_key
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.best_efforts import BEST_EFFORTS_VERSION, efforts_of
from runstrong.services.multisport import EventWriter, incomplete_events
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.services.watch_strength import watch_session_to_store
from runstrong.store import Store, UnitOfWork
from runstrong.store import activity_extras as extras
from runstrong.store import watch_strength as watch
from runstrong.store.retry import is_unique_violation, lock_athlete, run_in_transaction
from runstrong.store.samples_codec import EncodedSamples, encode_samples

__all__ = ["FileOutcome", "ImportReport", "ImportStatus", "import_paths", "store_parsed"]

ImportStatus = Literal["imported", "already_present", "skipped", "failed"]
#: Below this many files the pool costs more than it saves.
_PARALLEL_FROM_FILES = 8
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


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
    #: Device laps added to activities that were stored before laps were kept.
    laps_added: int = 0
    #: Strength sessions from a watch to complete: (id, unidentified sets, RPE missing).
    to_complete: tuple[tuple[int, int, bool], ...] = ()


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


@dataclass(frozen=True, slots=True)
class _Decoded:
    """A parsed file as a worker returns it: samples already encoded for storage."""

    parsed: ParsedFile
    samples: tuple[EncodedSamples | None, ...]
    efforts: tuple[tuple[extras.Effort, ...] | None, ...] = ()


def _parse(item: ImportItem, options: ImportOptions) -> _Decoded | RunstrongError:
    """Worker entry point: decode one item and encode its samples, returning (not raising)
    the project's errors. Encoding here keeps the compression off the storing process."""
    try:
        parsed = parse_item(item, options)
    except RunstrongError as exc:
        return exc
    return _decode(parsed)


def _decode(parsed: ParsedFile) -> _Decoded:
    samples = tuple(
        encode_samples(a.samples) if a.samples is not None and len(a.samples) else None
        for a in parsed.activities
    )
    efforts = tuple(efforts_of(a) for a in parsed.activities)
    light = tuple(replace(a, samples=None) for a in parsed.activities)
    return _Decoded(replace(parsed, activities=light), samples, efforts)


def _readable_items(paths: Iterable[Path], known: _Known) -> Iterator[ImportItem | FileOutcome]:
    """Items with their bytes read; files whose content is already stored are not decoded."""
    for path in paths:
        if not path.exists():
            yield FileOutcome(str(path), "failed", message=f"{path}: no such file or folder")
            continue
        found = 0
        for item in iter_import_items(path):
            found += 1
            try:
                data = item.read()
            except ImportFormatError as exc:
                yield FileOutcome(item.name, "failed", message=str(exc))
                continue
            if known.has_file(content_id(data)):
                yield FileOutcome(item.name, "already_present")
                continue
            yield replace(item, data=data)
        if found == 0:
            yield FileOutcome(
                str(path),
                "failed",
                message=f"{path}: nothing to import here (no FIT, GPX, TCX, CSV or zip files)",
            )


def _parsed(
    items: Iterator[ImportItem | FileOutcome], options: ImportOptions, workers: int
) -> Iterator[tuple[str, _Decoded | RunstrongError] | FileOutcome]:
    """Parse items in order, in a pool of ``workers`` processes when workers > 1."""
    if workers <= 1:
        for item in items:
            yield item if isinstance(item, FileOutcome) else (item.name, _parse(item, options))
        return
    pending: deque[tuple[str, Future[_Decoded | RunstrongError]] | FileOutcome] = deque()
    pool = ProcessPoolExecutor(workers, initializer=_end_with_parent, initargs=(os.getpid(),))
    with pool:
        for item in items:
            if isinstance(item, FileOutcome):
                pending.append(item)
            else:
                pending.append((item.name, pool.submit(_parse, item, options)))
            while len(pending) > workers * 4:
                yield _resolve(pending.popleft())
        while pending:
            yield _resolve(pending.popleft())


def _end_with_parent(parent_pid: int) -> None:
    """Pool initializer: on Linux, a decoding process is killed when the importing process
    dies, even by SIGKILL; otherwise it would wait for work forever (it holds the task queue's
    write end itself, so it never sees the queue close)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: nothing more to do than the default
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _resolve(
    entry: tuple[str, Future[_Decoded | RunstrongError]] | FileOutcome,
) -> tuple[str, _Decoded | RunstrongError] | FileOutcome:
    if isinstance(entry, FileOutcome):
        return entry
    name, future = entry
    return name, future.result()


def _stored(uow: UnitOfWork, athlete_id: int, activity: Activity) -> bool:
    """Whether the store already has the activity (checked inside the writing transaction)."""
    if activity.external_id and uow.activities.existing_external_ids(
        athlete_id, [activity.external_id]
    ):
        return True
    found = uow.activities.find_same_start(
        athlete_id, activity.started_at, activity.sport, activity.device
    )
    if found is not None:
        return True
    # the same session already came from Strava (whose device name need not match the file's)
    return activity.source != "strava" and (
        uow.strava.twin_near(athlete_id, activity.started_at, activity.sport, 60, source="strava")
        is not None
    )


def _stored_twin(uow: UnitOfWork, athlete_id: int, activity: Activity) -> Activity | None:
    """The stored activity that is the same session as ``activity``, if one is."""
    return uow.activities.find_same_start(
        athlete_id, activity.started_at, activity.sport, activity.device
    )


def _store_file(
    store: Store, athlete: Athlete, name: str, decoded: _Decoded, known: _Known
) -> FileOutcome:
    """One file, one transaction: add what is new, skip what is already stored."""
    athlete_id = athlete.id
    assert athlete_id is not None
    parsed = decoded.parsed
    for activity in parsed.activities:
        check_activity(activity)
    for session in parsed.strength_sessions:
        check_strength_session(session)

    efforts = decoded.efforts or (None,) * len(parsed.activities)

    to_complete: list[tuple[int, int, bool]] = []

    def add_new(uow: UnitOfWork) -> tuple[list[Activity], int, int, int]:
        to_complete.clear()  # a retried transaction starts again
        # the checks below and the inserts must not interleave with another process's
        lock_athlete(uow, athlete_id)
        added: list[Activity] = []
        added_samples = added_sessions = added_laps = 0
        event = EventWriter(uow, athlete_id, parsed.multisport)
        for activity, samples, found in zip(
            parsed.activities, decoded.samples, efforts, strict=True
        ):
            if (
                known.has(activity)
                or any(_start_key(a) == _start_key(activity) for a in added)
                or _stored(uow, athlete_id, activity)
            ):
                if parsed.multisport is not None:  # the same session, stored from another file
                    event.adopt(_stored_twin(uow, athlete_id, activity))
                added_laps += _add_missing_laps(uow, athlete_id, activity)
                continue
            stored = uow.activities.add(
                athlete_id, event.prepare(activity), encoded_samples=samples
            )
            assert stored.id is not None
            extras.add_laps(uow.session, stored.id, activity.laps)
            if found is not None:
                extras.put_best_efforts(
                    uow.session, stored.id, BEST_EFFORTS_VERSION, found, replace=False
                )
            added.append(activity)
            added_samples += samples.sample_count if samples is not None else 0
        present = uow.strength.existing_external_ids(
            athlete_id, [s.external_id for s in parsed.strength_sessions if s.external_id]
        )
        event.adopt_strength(present)
        for session in parsed.strength_sessions:
            if session.external_id not in present:
                to_store = event.prepare_strength(watch_session_to_store(uow, athlete, session))
                kept = uow.strength.add(athlete_id, to_store)
                added_sessions += 1
                unnamed = sum(is_unidentified(item.exercise_slug) for item in kept.sets)
                if kept.id is not None and (unnamed or kept.rpe is None):
                    to_complete.append((kept.id, unnamed, kept.rpe is None))
        event.finish()
        return added, added_samples, added_sessions, added_laps

    added, added_samples, added_sessions, added_laps = run_in_transaction(
        store, add_new, retry_integrity=True
    )
    for activity in added:  # only once the transaction has committed
        known.add(activity)
    for session in parsed.strength_sessions:
        if session.external_id is not None:
            known.strength_ids.add(session.external_id)
            known.others.discard(session.external_id.split("#", 1)[0])
    if parsed.multisport is not None and parsed.multisport.external_id is not None:
        known.reopen.discard(parsed.multisport.external_id)
    for activity in parsed.activities:
        if activity.external_id is not None and (activity.laps or activity in added):
            known.lapless.discard(activity.external_id)
    status: ImportStatus = "imported" if added or added_sessions else "already_present"
    return FileOutcome(
        name,
        status,
        parsed.format,
        len(added),
        added_sessions,
        added_samples,
        message=f"added {added_laps} device laps to the stored activity" if added_laps else None,
        warnings=parsed.warnings
        + tuple(f"unknown exercise kept: {n}" for n in parsed.unmatched_exercises),
        laps_added=added_laps,
        to_complete=tuple(to_complete),
    )


def _add_missing_laps(uow: UnitOfWork, athlete_id: int, activity: Activity) -> int:
    """Give an activity stored before laps were kept the laps of its file (once)."""
    if not activity.laps or activity.external_id is None:
        return 0
    activity_id = extras.activity_id_by_external(uow.session, athlete_id, activity.external_id)
    if activity_id is None or extras.count_laps(uow.session, activity_id):
        return 0
    uow.mark_changed(athlete_id)  # what the activity shows has changed
    return extras.add_laps(uow.session, activity_id, activity.laps)


def _outcome(
    store: Store,
    athlete: Athlete,
    known: _Known,
    name: str,
    result: _Decoded | RunstrongError,
) -> FileOutcome:
    if isinstance(result, RunstrongError):
        return FileOutcome(name, "failed", message=str(result))
    if result.parsed.skip_reason is not None:
        return FileOutcome(name, "skipped", result.parsed.format, message=result.parsed.skip_reason)
    try:
        return _store_file(store, athlete, name, result, known)
    except ValidationError as exc:
        return FileOutcome(name, "failed", result.parsed.format, message=f"{name}: {exc}")
    except (IntegrityError, DataError) as exc:
        if is_unique_violation(exc):  # another process kept storing the same activity
            return FileOutcome(name, "already_present", result.parsed.format)
        # a value the checks let through but the database cannot hold; the transaction was
        # rolled back, so the file failed alone
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        message = f"{name}: the database refused a value from this file ({reason})."
        return FileOutcome(name, "failed", result.parsed.format, message=message)


def import_paths(
    store: Store,
    athlete_name: AthleteKey,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    fit_decoder: FitDecoder = "auto",
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> ImportReport:
    """Import every importable file under ``paths`` for the athlete.

    ``workers`` decoding processes (default: one per core, at most 4, and none for a handful of
    files). ``fit_decoder`` picks the FIT decoder (``auto``: the native fast path when it is
    installed, fitdecode otherwise). ``on_outcome`` is called after each file, for progress.
    """
    paths = list(paths)

    def load(uow: UnitOfWork) -> tuple[Athlete, _Known]:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        return athlete, _Known(
            *uow.activities.fingerprints(athlete.id),
            lapless=extras.lapless_external_ids(uow.session, athlete.id),
            reopen=incomplete_events(uow, athlete.id),
            others={
                external.split("#", 1)[0]
                for external in watch.other_fit_external_ids(uow.session, athlete.id)
            },
            strength_ids=watch.strength_external_ids(uow.session, athlete.id),
        )

    athlete, known = run_in_transaction(store, load)
    if not paths:
        raise NotFound("nothing to import: name one or more files, folders or archives")
    options = ImportOptions(timezone=athlete.timezone, fit_decoder=fit_decoder)
    if workers is None:
        small = len(paths) < _PARALLEL_FROM_FILES and all(
            p.is_file() and p.suffix.lower() != ".zip" for p in paths
        )
        workers = 1 if small else min(os.cpu_count() or 1, 4)
    outcomes: list[FileOutcome] = []
    for entry in _parsed(_readable_items(paths, known), options, workers):
        outcome = (
            entry if isinstance(entry, FileOutcome) else _outcome(store, athlete, known, *entry)
        )
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return ImportReport(athlete, tuple(outcomes))


def store_parsed(
    store: Store, athlete_key: AthleteKey, name: str, parsed: ParsedFile
) -> FileOutcome:
    """Store what a connector read (a Strava activity) with exactly the rules of a file: one
    transaction, nothing stored twice (same external id, or same start, sport and device)."""

    def load(uow: UnitOfWork) -> tuple[Athlete, _Known]:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        return athlete, _Known(*uow.activities.fingerprints(athlete.id))

    athlete, known = run_in_transaction(store, load)
    return _outcome(store, athlete, known, name, _decode(parsed))
