"""Use cases for coaching: share with a coach, stop sharing, comments, plan approval."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from runstrong.domain.accounts import COMMENT_SUBJECTS, CoachShare, Comment, CommentSubject, User
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.services.access import check_access_in
from runstrong.store import Store

__all__ = [
    "MAX_COMMENT_LENGTH",
    "add_comment",
    "approve_plan",
    "list_comments",
    "list_shares",
    "plan_approval",
    "share_with_coach",
    "stop_sharing",
]

MAX_COMMENT_LENGTH = 4000
_UNKNOWN_SUBJECT = "unknown comment subject {subject!r}: use one of " + ", ".join(COMMENT_SUBJECTS)


def share_with_coach(store: Store, user: User, athlete_id: int, coach: str) -> CoachShare:
    """The athlete's owner lets the user called ``coach`` (username or e-mail) see their data."""
    try:
        with store.unit_of_work() as uow:
            check_access_in(uow, user, athlete_id, "write")
            found = uow.users.find(coach) if coach.strip() else None
            if found is None or found.id is None:
                raise NotFound(f"no user with username or e-mail {coach.strip()!r}")
            if found.id == user.id:
                raise ValidationError("you cannot invite yourself as your coach")
            if any(s.coach_user_id == found.id for s in uow.sharing.shares_of_athlete(athlete_id)):
                raise Conflict(f"{found.username} is already your coach")
            uow.sharing.add_share(athlete_id, found.id)
            return next(
                s for s in uow.sharing.shares_of_athlete(athlete_id) if s.coach_user_id == found.id
            )
    except IntegrityError as exc:
        raise Conflict("that coach already has access") from exc


def stop_sharing(store: Store, user: User, athlete_id: int, coach_user_id: int) -> None:
    with store.unit_of_work() as uow:
        check_access_in(uow, user, athlete_id, "write")
        if not uow.sharing.remove_share(athlete_id, coach_user_id):
            raise NotFound("that user is not a coach of this athlete")


def list_shares(store: Store, user: User, athlete_id: int) -> list[CoachShare]:
    with store.unit_of_work() as uow:
        check_access_in(uow, user, athlete_id, "read")
        return uow.sharing.shares_of_athlete(athlete_id)


def add_comment(
    store: Store,
    user: User,
    athlete_id: int,
    body: str,
    *,
    subject: str = "athlete",
    subject_id: int | None = None,
) -> Comment:
    """A comment by the owner or a coach; the subject must belong to the athlete."""
    text = body.strip()
    if not text:
        raise ValidationError("a comment needs some text")
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError(f"a comment may have at most {MAX_COMMENT_LENGTH} characters")
    if subject not in COMMENT_SUBJECTS:
        raise ValidationError(
            f"unknown comment subject {subject!r}: use one of {', '.join(COMMENT_SUBJECTS)}"
        )
    checked: CommentSubject = subject
    with store.unit_of_work() as uow:
        access = check_access_in(uow, user, athlete_id, "review")
        if checked == "athlete":
            subject_id = None
        elif subject_id is None:
            raise ValidationError(f"a comment on a {checked.replace('_', ' ')} needs its id")
        elif subject_id is None or not uow.sharing.subject_belongs(athlete_id, checked, subject_id):
            raise NotFound(f"no {checked.replace('_', ' ')} with id {subject_id} for this athlete")
        return uow.sharing.add_comment(athlete_id, access.user_id, checked, subject_id, text)


def list_comments(
    store: Store,
    user: User,
    athlete_id: int,
    *,
    subject: str | None = None,
    subject_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Comment], int]:
    if subject is not None and subject not in COMMENT_SUBJECTS:
        raise ValidationError(
            f"unknown comment subject {subject!r}: use one of {', '.join(COMMENT_SUBJECTS)}"
        )
    with store.unit_of_work() as uow:
        check_access_in(uow, user, athlete_id, "read")
        return uow.sharing.comments(
            athlete_id,
            subject=subject,
            subject_id=subject_id,
            limit=limit,
            offset=offset,
        )


def approve_plan(store: Store, user: User, athlete_id: int) -> tuple[str, datetime]:
    """Mark the athlete's active plan approved by ``user`` (owner or coach)."""
    with store.unit_of_work() as uow:
        access = check_access_in(uow, user, athlete_id, "review")
        plan = uow.plans.active(athlete_id)
        if plan is None or plan.id is None:
            raise NotFound("this athlete has no active plan to approve")
        now = datetime.now(UTC)
        uow.sharing.approve_plan(plan.id, access.user_id, now)
        uow.mark_changed(athlete_id)
        return user.username, now


def plan_approval(store: Store, user: User, athlete_id: int) -> tuple[str, datetime] | None:
    with store.unit_of_work() as uow:
        check_access_in(uow, user, athlete_id, "read")
        plan = uow.plans.active(athlete_id)
        if plan is None or plan.id is None:
            return None
        return uow.sharing.plan_approval(plan.id)
