"""Storage of sync sources, the files seen in them, and the lease that lets one worker at a
time sync a source."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session

from runstrong.domain.sources import FileStatus, SeenFile, Source, SourceKind
from runstrong.store.tables import AthleteRow, SourceFileRow, SourceRow

__all__ = ["SourceRepository"]


def _source(row: SourceRow, counts: dict[str, int] | None = None, name: str = "") -> Source:
    counts = counts or {}
    return Source(
        id=row.id,
        athlete_id=row.athlete_id,
        kind=cast(SourceKind, row.kind),
        location=row.location,
        added_by_user_id=row.added_by_user_id,
        created_at=row.created_at,
        last_sync_at=row.last_sync_at,
        last_error=row.last_error,
        files_imported=counts.get("imported", 0),
        files_failed=counts.get("failed", 0),
        files_seen=sum(counts.values()),
        athlete_name=name,
    )


def _seen(row: SourceFileRow) -> SeenFile:
    return SeenFile(
        path=row.path,
        size=row.size,
        mtime_ns=row.mtime_ns,
        content_hash=row.content_hash,
        status=cast(FileStatus, row.status),
        reason=row.reason,
        activities_added=row.activities_added,
        strength_sessions_added=row.strength_sessions_added,
        seen_at=row.seen_at,
    )


class SourceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, athlete_id: int, kind: SourceKind, location: str, added_by_user_id: int | None
    ) -> Source:
        row = SourceRow(
            athlete_id=athlete_id, kind=kind, location=location, added_by_user_id=added_by_user_id
        )
        self.session.add(row)
        self.session.flush()
        return _source(row)

    def find(self, athlete_id: int, kind: SourceKind, location: str) -> Source | None:
        row = self.session.scalar(
            select(SourceRow).where(
                SourceRow.athlete_id == athlete_id,
                SourceRow.kind == kind,
                SourceRow.location == location,
            )
        )
        return _source(row) if row is not None else None

    def get(self, source_id: int) -> Source | None:
        found = self._listed(select(SourceRow).where(SourceRow.id == source_id))
        return found[0] if found else None

    def listed(self, athlete_id: int | None = None) -> list[Source]:
        query = select(SourceRow).order_by(SourceRow.id)
        if athlete_id is not None:
            query = query.where(SourceRow.athlete_id == athlete_id)
        return self._listed(query)

    def _listed(self, query: Select[Any]) -> list[Source]:
        named = query.add_columns(AthleteRow.name).join(
            AthleteRow, AthleteRow.id == SourceRow.athlete_id
        )
        rows = [(row, name) for row, name in self.session.execute(named).all()]
        counts = self._counts([row.id for row, _ in rows])
        return [_source(row, counts.get(row.id), name) for row, name in rows]

    def _counts(self, source_ids: list[int]) -> dict[int, dict[str, int]]:
        if not source_ids:
            return {}
        result: dict[int, dict[str, int]] = {}
        query = (
            select(SourceFileRow.source_id, SourceFileRow.status, func.count())
            .where(SourceFileRow.source_id.in_(source_ids))
            .group_by(SourceFileRow.source_id, SourceFileRow.status)
        )
        for source_id, status, count in self.session.execute(query):
            result.setdefault(source_id, {})[status] = count
        return result

    def remove(self, source_id: int) -> None:
        self.session.execute(delete(SourceFileRow).where(SourceFileRow.source_id == source_id))
        self.session.execute(delete(SourceRow).where(SourceRow.id == source_id))

    def take_lease(self, source_id: int, owner: str, now: datetime, until: datetime) -> bool:
        """Take the source for ``owner`` until ``until`` unless another holder's lease runs."""
        result = self.session.execute(
            update(SourceRow)
            .where(
                SourceRow.id == source_id,
                or_(SourceRow.lease_until.is_(None), SourceRow.lease_until < now),
            )
            .values(lease_until=until, lease_owner=owner)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def release_lease(self, source_id: int, owner: str) -> None:
        self.session.execute(
            update(SourceRow)
            .where(SourceRow.id == source_id, SourceRow.lease_owner == owner)
            .values(lease_until=None, lease_owner=None)
        )

    def finish_sync(self, source_id: int, at: datetime, error: str | None) -> None:
        self.session.execute(
            update(SourceRow)
            .where(SourceRow.id == source_id)
            .values(last_sync_at=at, last_error=error)
        )

    def files(self, source_id: int) -> dict[str, SeenFile]:
        rows = self.session.scalars(
            select(SourceFileRow).where(SourceFileRow.source_id == source_id)
        )
        return {row.path: _seen(row) for row in rows}

    def failed_files(self, source_id: int, limit: int = 50) -> list[SeenFile]:
        rows = self.session.scalars(
            select(SourceFileRow)
            .where(SourceFileRow.source_id == source_id, SourceFileRow.status == "failed")
            .order_by(SourceFileRow.seen_at.desc(), SourceFileRow.path)
            .limit(limit)
        )
        return [_seen(row) for row in rows]

    def put_file(self, source_id: int, seen: SeenFile) -> None:
        """Record a file by its path, replacing what was recorded there before."""
        row = self.session.scalar(
            select(SourceFileRow).where(
                SourceFileRow.source_id == source_id, SourceFileRow.path == seen.path
            )
        )
        if row is None:
            row = SourceFileRow(source_id=source_id, path=seen.path)
            self.session.add(row)
        row.size = seen.size
        row.mtime_ns = seen.mtime_ns
        row.content_hash = seen.content_hash
        row.status = seen.status
        row.reason = seen.reason
        row.activities_added = seen.activities_added
        row.strength_sessions_added = seen.strength_sessions_added
        if seen.seen_at is not None:
            row.seen_at = seen.seen_at
        self.session.flush()
