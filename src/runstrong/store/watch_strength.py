"""Queries for strength sessions recorded on a watch (issue 20): what an import needs to know."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runstrong.store.tables import ActivityRow, StrengthSessionRow

__all__ = ["other_fit_activity_id", "other_fit_external_ids", "strength_external_ids"]


def other_fit_external_ids(session: Session, athlete_id: int) -> set[str]:
    """External ids of the athlete's FIT activities of sport ``other``: files stored before
    strength sessions were read from FIT files, which an import reads again."""
    rows = session.scalars(
        select(ActivityRow.external_id).where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.source == "fit",
            ActivityRow.sport == "other",
            ActivityRow.external_id.is_not(None),
        )
    )
    return {str(value) for value in rows}


def other_fit_activity_id(session: Session, athlete_id: int, external_id: str) -> int | None:
    """The id of the athlete's FIT activity of sport ``other`` with this external id."""
    return session.scalar(
        select(ActivityRow.id).where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.source == "fit",
            ActivityRow.sport == "other",
            ActivityRow.external_id == external_id,
        )
    )


def strength_external_ids(session: Session, athlete_id: int) -> set[str]:
    """External ids of the athlete's imported strength sessions."""
    rows = session.scalars(
        select(StrengthSessionRow.external_id).where(
            StrengthSessionRow.athlete_id == athlete_id,
            StrengthSessionRow.external_id.is_not(None),
        )
    )
    return {str(value) for value in rows}
