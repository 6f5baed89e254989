"""What the crash and concurrency tests read back from a store, and the consistency checks.

A :class:`Snapshot` is the store's content as plain values (read with SQL, independently of the
repositories under test): activities by external id or note, with the sample count each stored
blob really decodes to; strength sessions with their set positions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import text

from runstrong.store import Store
from runstrong.store.samples_codec import decode_samples

__all__ = ["Snapshot", "check_consistent", "snapshot"]


@dataclass(frozen=True)
class Snapshot:
    """Imported activities: ``external_id -> sample count``, and their (start, sport, device)
    keys; imported strength sessions: ``external_id -> number of sets``; logged ones by note;
    and every inconsistency found (an activity stored twice is one)."""

    activities: dict[str, int]
    starts: frozenset[tuple[str, str, str | None]]
    sessions: dict[str, int]
    activity_notes: Counter[str]
    session_notes: Counter[str]
    problems: tuple[str, ...]

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.activities), len(self.sessions)


def snapshot(store: Store) -> Snapshot:
    problems: list[str] = []
    activities: dict[str, int] = {}
    activity_notes: Counter[str] = Counter()
    start_keys: Counter[tuple[str, str, str | None]] = Counter()
    with store.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT a.id, a.external_id, a.notes, a.source, a.started_at, a.sport, a.device,"
                " s.sample_count, s.encoding, s.payload FROM activities a"
                " LEFT JOIN activity_samples s ON s.activity_id = a.id"
            )
        ).all()
        orphans = connection.execute(
            text(
                "SELECT count(*) FROM activity_samples s"
                " WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.id = s.activity_id)"
            )
        ).scalar_one()
        sessions = connection.execute(
            text("SELECT id, external_id, notes FROM strength_sessions")
        ).all()
        sets = connection.execute(text("SELECT session_id, position FROM strength_sets")).all()
    if orphans:
        problems.append(f"{orphans} sample rows without their activity")
    for (
        _id,
        external_id,
        notes,
        source,
        started_at,
        sport,
        device,
        count,
        encoding,
        payload,
    ) in rows:
        if external_id is None:
            activity_notes[notes] += 1
            continue
        start_keys[(str(started_at)[:19], sport, device)] += 1
        if source != "manual" and payload is None:
            problems.append(f"activity {external_id} has no samples row")
            continue
        decoded = len(decode_samples(bytes(payload), count, encoding)) if payload else 0
        if payload is not None and decoded != count:
            problems.append(f"activity {external_id}: sample_count {count}, payload {decoded}")
        activities[external_id] = decoded
    problems += [f"{n} activities start at {key}" for key, n in start_keys.items() if n > 1]
    positions: dict[int, list[int]] = {}
    for session_id, position in sets:
        positions.setdefault(session_id, []).append(position)
    imported: dict[str, int] = {}
    session_notes: Counter[str] = Counter()
    for session_id, external_id, notes in sessions:
        found = sorted(positions.get(session_id, []))
        if found != list(range(len(found))) or not found:
            problems.append(f"strength session {external_id or notes}: set positions {found}")
        if external_id is None:
            session_notes[notes] += 1
        else:
            imported[external_id] = len(found)
    return Snapshot(
        activities,
        frozenset(start_keys),
        imported,
        activity_notes,
        session_notes,
        tuple(problems),
    )


def check_consistent(found: Snapshot, complete: Snapshot) -> list[str]:
    """Problems of a store ``found`` after a crash, judged against a ``complete`` import: no
    inconsistency, nothing that the complete import does not have, every activity and session
    exactly as complete, and every multisport file whole or absent."""
    problems = list(found.problems)
    for external_id, count in found.activities.items():
        if complete.activities.get(external_id) != count:
            problems.append(
                f"activity {external_id}: {count} samples, complete import has "
                f"{complete.activities.get(external_id)}"
            )
    for external_id, count in found.sessions.items():
        if complete.sessions.get(external_id) != count:
            problems.append(
                f"session {external_id}: {count} sets, complete import has "
                f"{complete.sessions.get(external_id)}"
            )
    legs_found = Counter(key.split("#")[0] for key in found.activities if "#" in key)
    legs_complete = Counter(key.split("#")[0] for key in complete.activities if "#" in key)
    for file_id, legs in legs_found.items():
        if legs != legs_complete[file_id]:
            problems.append(f"half a multisport file: {legs} of {legs_complete[file_id]} legs")
    return problems
