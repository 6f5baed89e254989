"""Repository of cached evidence reports: one JSON report per athlete, marker and exposure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runstrong.store.tables import EvidenceReportRow

__all__ = ["CachedReport", "EvidenceReportRepository"]


@dataclass(frozen=True, slots=True)
class CachedReport:
    """A stored report and what it was computed from."""

    athlete_id: int
    marker: str
    exposure: str
    data_version: int
    as_of: date
    payload: dict[str, Any]
    computed_s: float


class EvidenceReportRepository:
    """Reads and replaces cached reports; a cache, so writing it marks no athlete as changed."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, athlete_id: int, marker: str, exposure: str) -> EvidenceReportRow | None:
        return self._session.scalar(
            select(EvidenceReportRow).where(
                EvidenceReportRow.athlete_id == athlete_id,
                EvidenceReportRow.marker == marker,
                EvidenceReportRow.exposure == exposure,
            )
        )

    def get(self, athlete_id: int, marker: str, exposure: str) -> CachedReport | None:
        row = self._row(athlete_id, marker, exposure)
        if row is None:
            return None
        return CachedReport(
            athlete_id=row.athlete_id,
            marker=row.marker,
            exposure=row.exposure,
            data_version=row.data_version,
            as_of=row.as_of,
            payload=dict(row.payload),
            computed_s=row.computed_s,
        )

    def put(self, report: CachedReport) -> None:
        """Store ``report`` in place of the athlete's report for the same marker and exposure."""
        row = self._row(report.athlete_id, report.marker, report.exposure)
        if row is None:
            row = EvidenceReportRow(
                athlete_id=report.athlete_id, marker=report.marker, exposure=report.exposure
            )
            self._session.add(row)
        row.data_version = report.data_version
        row.as_of = report.as_of
        row.payload = report.payload
        row.computed_s = report.computed_s
