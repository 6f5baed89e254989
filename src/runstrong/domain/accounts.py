"""People who sign in, and what they may see: users, coach shares, comments, API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

__all__ = [
    "ACCESS_NEEDS",
    "COMMENT_SUBJECTS",
    "AccessNeed",
    "ApiToken",
    "AthleteAccess",
    "CoachShare",
    "Comment",
    "CommentSubject",
    "Role",
    "User",
]

#: How a user relates to an athlete's data.
Role = Literal["owner", "coach"]

#: What a request needs: ``read`` (see), ``review`` (comment, edit or approve plans: coaches too),
#: ``write`` (log, import, share: the owner only).
AccessNeed = Literal["read", "review", "write"]
ACCESS_NEEDS: tuple[AccessNeed, ...] = ("read", "review", "write")

CommentSubject = Literal["athlete", "activity", "strength_session", "plan", "plan_session"]
COMMENT_SUBJECTS: tuple[CommentSubject, ...] = (
    "athlete",
    "activity",
    "strength_session",
    "plan",
    "plan_session",
)


@dataclass(frozen=True, slots=True)
class User:
    """A person with an account. ``username`` is stored lower-case."""

    username: str
    email: str | None = None
    is_admin: bool = False
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AthleteAccess:
    """The outcome of an access check: whose data, and as what."""

    athlete_id: int
    user_id: int
    role: Role


@dataclass(frozen=True, slots=True)
class CoachShare:
    """An athlete has shared their data with a coach."""

    athlete_id: int
    athlete_name: str
    coach_user_id: int
    coach_username: str
    created_at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    """A note from an owner or coach on an athlete, one of their sessions or their plan."""

    athlete_id: int
    author_user_id: int
    author_username: str
    subject: CommentSubject
    subject_id: int | None
    body: str
    created_at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A named token for scripts; only its hash is stored, the secret is shown once."""

    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None = None
    id: int | None = None
