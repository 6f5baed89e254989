"""Who may see an athlete: the owner, coaches the athlete shared with; and their comments."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from runstrong.domain.accounts import CoachShare, Comment, CommentSubject, Role
from runstrong.store.tables import (
    ActivityRow,
    AthleteRow,
    CoachShareRow,
    CommentRow,
    PlanRow,
    PlanSessionRow,
    StrengthSessionRow,
    UserRow,
)

__all__ = ["SharingRepository"]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class SharingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def role(self, user_id: int, athlete_id: int) -> Role | None:
        """``owner``, ``coach`` or ``None`` (no access, or no such athlete)."""
        owner = self._session.scalar(
            select(AthleteRow.owner_user_id).where(AthleteRow.id == athlete_id)
        )
        if owner is not None and owner == user_id:
            return "owner"
        shared = self._session.scalar(
            select(CoachShareRow.id).where(
                CoachShareRow.athlete_id == athlete_id, CoachShareRow.coach_user_id == user_id
            )
        )
        return "coach" if shared is not None else None

    def set_owner(self, athlete_id: int, user_id: int) -> None:
        self._session.execute(
            update(AthleteRow).where(AthleteRow.id == athlete_id).values(owner_user_id=user_id)
        )

    def visible_athletes(self, user_id: int) -> list[tuple[int, str, Role]]:
        """(athlete id, name, role) for every athlete the user owns or coaches, owned first."""
        owned = self._session.execute(
            select(AthleteRow.id, AthleteRow.name)
            .where(AthleteRow.owner_user_id == user_id)
            .order_by(AthleteRow.name)
        ).all()
        coached = self._session.execute(
            select(AthleteRow.id, AthleteRow.name)
            .join(CoachShareRow, CoachShareRow.athlete_id == AthleteRow.id)
            .where(CoachShareRow.coach_user_id == user_id)
            .order_by(AthleteRow.name)
        ).all()
        return [(row[0], row[1], "owner") for row in owned] + [
            (row[0], row[1], "coach") for row in coached
        ]

    def _shares(self, *conditions: object) -> list[CoachShare]:
        rows = self._session.execute(
            select(CoachShareRow, AthleteRow.name, UserRow.username)
            .join(AthleteRow, AthleteRow.id == CoachShareRow.athlete_id)
            .join(UserRow, UserRow.id == CoachShareRow.coach_user_id)
            .where(*conditions)  # type: ignore[arg-type]
            .order_by(CoachShareRow.id)
        ).all()
        return [
            CoachShare(
                id=share.id,
                athlete_id=share.athlete_id,
                athlete_name=athlete_name,
                coach_user_id=share.coach_user_id,
                coach_username=username,
                created_at=_aware(share.created_at),
            )
            for share, athlete_name, username in rows
        ]

    def shares_of_athlete(self, athlete_id: int) -> list[CoachShare]:
        return self._shares(CoachShareRow.athlete_id == athlete_id)

    def add_share(self, athlete_id: int, coach_user_id: int) -> None:
        self._session.add(CoachShareRow(athlete_id=athlete_id, coach_user_id=coach_user_id))
        self._session.flush()

    def remove_share(self, athlete_id: int, coach_user_id: int) -> bool:
        result = self._session.execute(
            delete(CoachShareRow).where(
                CoachShareRow.athlete_id == athlete_id,
                CoachShareRow.coach_user_id == coach_user_id,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    def add_comment(
        self,
        athlete_id: int,
        author_user_id: int,
        subject: CommentSubject,
        subject_id: int | None,
        body: str,
    ) -> Comment:
        row = CommentRow(
            athlete_id=athlete_id,
            author_user_id=author_user_id,
            subject=subject,
            subject_id=subject_id,
            body=body,
        )
        self._session.add(row)
        self._session.flush()
        username = self._session.get_one(UserRow, author_user_id).username
        return self._comment(row, username)

    @staticmethod
    def _comment(row: CommentRow, username: str) -> Comment:
        return Comment(
            id=row.id,
            athlete_id=row.athlete_id,
            author_user_id=row.author_user_id,
            author_username=username,
            subject=row.subject,  # type: ignore[arg-type]
            subject_id=row.subject_id,
            body=row.body,
            created_at=_aware(row.created_at),
        )

    def comments(
        self,
        athlete_id: int,
        *,
        subject: CommentSubject | None = None,
        subject_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Comment], int]:
        """A page of comments, newest first, and how many there are in all."""
        conditions = [CommentRow.athlete_id == athlete_id]
        if subject is not None:
            conditions.append(CommentRow.subject == subject)
            if subject_id is not None:
                conditions.append(CommentRow.subject_id == subject_id)
        total = int(
            self._session.scalar(select(func.count()).select_from(CommentRow).where(*conditions))
            or 0
        )
        rows = self._session.execute(
            select(CommentRow, UserRow.username)
            .join(UserRow, UserRow.id == CommentRow.author_user_id)
            .where(*conditions)
            .order_by(CommentRow.created_at.desc(), CommentRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [self._comment(row, username) for row, username in rows], total

    def approve_plan(self, plan_id: int, user_id: int, at: datetime) -> None:
        self._session.execute(
            update(PlanRow)
            .where(PlanRow.id == plan_id)
            .values(approved_by_user_id=user_id, approved_at=at)
        )

    def plan_approval(self, plan_id: int) -> tuple[str, datetime] | None:
        found = self._session.execute(
            select(UserRow.username, PlanRow.approved_at)
            .join(UserRow, UserRow.id == PlanRow.approved_by_user_id)
            .where(PlanRow.id == plan_id)
        ).first()
        if found is None or found[1] is None:
            return None
        return found[0], _aware(found[1])

    def subject_belongs(self, athlete_id: int, subject: CommentSubject, subject_id: int) -> bool:
        """Whether the activity, strength session, plan or plan session is the athlete's."""
        if subject == "activity":
            statement = select(ActivityRow.id).where(
                ActivityRow.id == subject_id, ActivityRow.athlete_id == athlete_id
            )
        elif subject == "strength_session":
            statement = select(StrengthSessionRow.id).where(
                StrengthSessionRow.id == subject_id, StrengthSessionRow.athlete_id == athlete_id
            )
        elif subject == "plan":
            statement = select(PlanRow.id).where(
                PlanRow.id == subject_id, PlanRow.athlete_id == athlete_id
            )
        elif subject == "plan_session":
            statement = (
                select(PlanSessionRow.id)
                .join(PlanRow, PlanRow.id == PlanSessionRow.plan_id)
                .where(PlanSessionRow.id == subject_id, PlanRow.athlete_id == athlete_id)
            )
        else:
            return True
        return self._session.scalar(statement) is not None

    def data_version(self, athlete_id: int) -> int:
        return int(
            self._session.scalar(select(AthleteRow.data_version).where(AthleteRow.id == athlete_id))
            or 0
        )
