"""Changing and removing what is stored: a run, a strength session (with its sets), an athlete,
a user account. Like every repository it never commits; the use case owns the transaction.

A run or session is looked up by id *and* athlete, so another athlete's id reads as missing.
Removing one also removes what hangs on it: samples and sets (by the database's cascades),
and comments about it (comments name their subject by kind and id, without a foreign key).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.store.repositories import (
    ActivityRepository,
    StrengthRepository,
    strength_set_rows,
)
from runstrong.store.tables import (
    ActivityRow,
    AthleteRow,
    CommentRow,
    StrengthSessionRow,
    UserRow,
)

__all__ = ["EditRepository"]


def _merge_edited(current: Sequence[str] | None, changed: Sequence[str]) -> list[str]:
    return sorted(set(current or ()) | set(changed))


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware before they are stored")
    return moment.astimezone(UTC)


class EditRepository:
    def __init__(self, session: Session, changed: set[int]) -> None:
        self._session = session
        self._changed = changed

    # -- runs ---------------------------------------------------------------------------------

    def _activity_row(self, athlete_id: int, activity_id: int) -> ActivityRow | None:
        return self._session.scalars(
            select(ActivityRow).where(
                ActivityRow.id == activity_id, ActivityRow.athlete_id == athlete_id
            )
        ).first()

    def update_activity(
        self, athlete_id: int, activity_id: int, values: Mapping[str, Any]
    ) -> Activity | None:
        """Set ``values`` on the athlete's activity and note them as edited by hand."""
        row = self._activity_row(athlete_id, activity_id)
        if row is None:
            return None
        for name, value in values.items():
            setattr(row, name, _utc(value) if name == "started_at" else value)
        row.edited_fields = _merge_edited(row.edited_fields, list(values))
        row.edited_at = datetime.now(UTC)
        self._changed.add(athlete_id)
        self._session.flush()
        return ActivityRepository._to_domain(row)

    def delete_activity(self, athlete_id: int, activity_id: int) -> bool:
        """Remove the activity, its samples and the comments about it."""
        row = self._activity_row(athlete_id, activity_id)
        if row is None:
            return False
        self._delete_comments(athlete_id, "activity", activity_id)
        self._session.delete(row)
        self._changed.add(athlete_id)
        self._session.flush()
        return True

    # -- strength sessions ----------------------------------------------------------------------

    def _session_row(self, athlete_id: int, session_id: int) -> StrengthSessionRow | None:
        return self._session.scalars(
            select(StrengthSessionRow).where(
                StrengthSessionRow.id == session_id, StrengthSessionRow.athlete_id == athlete_id
            )
        ).first()

    def update_strength_session(
        self,
        athlete_id: int,
        session_id: int,
        values: Mapping[str, Any],
        sets: Sequence[StrengthSet] | None = None,
    ) -> StrengthSession | None:
        """Set ``values`` on the session and, when given, replace all its sets with ``sets``."""
        row = self._session_row(athlete_id, session_id)
        if row is None:
            return None
        for name, value in values.items():
            setattr(row, name, _utc(value) if name == "started_at" else value)
        changed = list(values)
        if sets is not None:
            row.sets.clear()
            self._session.flush()  # the old positions are free before the new rows take them
            row.sets.extend(strength_set_rows(sets))
            changed.append("sets")
        row.edited_fields = _merge_edited(row.edited_fields, changed)
        row.edited_at = datetime.now(UTC)
        self._changed.add(athlete_id)
        self._session.flush()
        return StrengthRepository._to_domain(row)

    def delete_strength_session(self, athlete_id: int, session_id: int) -> bool:
        """Remove the session, its sets and the comments about it."""
        row = self._session_row(athlete_id, session_id)
        if row is None:
            return False
        self._delete_comments(athlete_id, "strength_session", session_id)
        self._session.delete(row)
        self._changed.add(athlete_id)
        self._session.flush()
        return True

    def edited_fields(self, kind: str, item_id: int) -> tuple[str, ...]:
        """The fields of an activity (``kind="activity"``) or strength session set by hand."""
        table = ActivityRow if kind == "activity" else StrengthSessionRow
        found = self._session.scalar(select(table.edited_fields).where(table.id == item_id))
        return tuple(found or ())

    # -- athletes and accounts ------------------------------------------------------------------

    def delete_athlete(self, athlete_id: int) -> bool:
        """Remove the athlete and, by the database's cascades, everything of theirs: runs with
        samples, strength sessions with sets, plans, coach shares and comments."""
        row = self._session.get(AthleteRow, athlete_id)
        if row is None:
            return False
        self._session.execute(delete(CommentRow).where(CommentRow.athlete_id == athlete_id))
        self._session.delete(row)
        self._session.flush()
        return True

    def delete_user(self, user_id: int) -> bool:
        """Remove the user; their sessions, tokens, shares and comments go by cascade. The
        athletes they own must be removed first (:meth:`delete_athlete`)."""
        row = self._session.get(UserRow, user_id)
        if row is None:
            return False
        self._session.execute(delete(CommentRow).where(CommentRow.author_user_id == user_id))
        self._session.delete(row)
        self._session.flush()
        return True

    def _delete_comments(self, athlete_id: int, subject: str, subject_id: int) -> None:
        self._session.execute(
            delete(CommentRow).where(
                CommentRow.athlete_id == athlete_id,
                CommentRow.subject == subject,
                CommentRow.subject_id == subject_id,
            )
        )
