"""JSON API: an athlete's coaches (share, stop sharing) and comments by the owner or a coach."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from runstrong.domain.accounts import CoachShare, Comment, CommentSubject
from runstrong.services.sharing import (
    MAX_COMMENT_LENGTH,
    add_comment,
    list_comments,
    list_shares,
    share_with_coach,
    stop_sharing,
)
from runstrong.web.api.schemas import ERROR_RESPONSES, Limit, Offset, Page
from runstrong.web.deps import CurrentUser, ReadAccess, ReviewAccess, StoreDep, WriteAccess

__all__ = ["CoachPublic", "CommentPublic", "router"]

router = APIRouter(tags=["coaching"], responses=ERROR_RESPONSES)

RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class CoachPublic(BaseModel):
    coach_user_id: int
    coach_username: str
    athlete_id: int
    created_at: datetime


class CoachInvite(BaseModel):
    """The coach to share with: their username or e-mail address."""

    model_config = ConfigDict(extra="forbid")

    coach: Annotated[str, Field(min_length=1, max_length=254)]


class CommentCreate(BaseModel):
    """A comment on the athlete (``subject`` "athlete", no ``subject_id``), or on one of their
    activities, strength sessions, plans or plan sessions (``subject_id`` required)."""

    model_config = ConfigDict(extra="forbid")

    body: Annotated[str, Field(min_length=1, max_length=MAX_COMMENT_LENGTH)]
    subject: CommentSubject = "athlete"
    subject_id: RowId | None = None

    @model_validator(mode="after")
    def _subject_id_matches_subject(self) -> CommentCreate:
        if self.subject == "athlete" and self.subject_id is not None:
            raise ValueError("a comment on the athlete takes no subject_id")
        if self.subject != "athlete" and self.subject_id is None:
            raise ValueError(
                f"a comment on a {self.subject.replace('_', ' ')} needs its subject_id"
            )
        return self


class CommentPublic(BaseModel):
    id: int
    athlete_id: int
    author_user_id: int
    author_username: str
    subject: CommentSubject
    subject_id: int | None
    body: str
    created_at: datetime


def _coach(share: CoachShare) -> CoachPublic:
    return CoachPublic(
        coach_user_id=share.coach_user_id,
        coach_username=share.coach_username,
        athlete_id=share.athlete_id,
        created_at=share.created_at,
    )


def _comment(comment: Comment) -> CommentPublic:
    assert comment.id is not None
    return CommentPublic(
        id=comment.id,
        athlete_id=comment.athlete_id,
        author_user_id=comment.author_user_id,
        author_username=comment.author_username,
        subject=comment.subject,
        subject_id=comment.subject_id,
        body=comment.body,
        created_at=comment.created_at,
    )


@router.get("/athletes/{athlete_id}/coaches", response_model=Page[CoachPublic])
def coaches(
    access: ReadAccess, store: StoreDep, user: CurrentUser, limit: Limit = 50, offset: Offset = 0
) -> Page[CoachPublic]:
    """The coaches the athlete shares their data with (the owner and those coaches may look)."""
    shares = list_shares(store, user, access.athlete_id)
    items = [_coach(share) for share in shares[offset : offset + limit]]
    return Page(items=items, total=len(shares), limit=limit, offset=offset)


@router.post("/athletes/{athlete_id}/coaches", response_model=CoachPublic, status_code=201)
def coach_add(
    body: CoachInvite, access: WriteAccess, store: StoreDep, user: CurrentUser
) -> CoachPublic:
    """Share the athlete's data with a user (owner only). 404: no such user; 409: already
    their coach; 422: yourself."""
    return _coach(share_with_coach(store, user, access.athlete_id, body.coach))


@router.delete("/athletes/{athlete_id}/coaches/{coach_user_id}", status_code=204)
def coach_remove(
    coach_user_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
) -> Response:
    """Stop sharing with that coach (owner only): they lose access at once."""
    stop_sharing(store, user, access.athlete_id, coach_user_id)
    return Response(status_code=204)


@router.get("/athletes/{athlete_id}/comments", response_model=Page[CommentPublic])
def comments(
    access: ReadAccess,
    store: StoreDep,
    user: CurrentUser,
    subject: Annotated[
        CommentSubject | None, Query(description="Only comments on this kind.")
    ] = None,
    subject_id: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="With subject: only on this item.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[CommentPublic]:
    """Comments on the athlete and their things, newest first."""
    found, total = list_comments(
        store,
        user,
        access.athlete_id,
        subject=subject,
        subject_id=subject_id if subject is not None else None,
        limit=limit,
        offset=offset,
    )
    return Page(items=[_comment(c) for c in found], total=total, limit=limit, offset=offset)


@router.post("/athletes/{athlete_id}/comments", response_model=CommentPublic, status_code=201)
def comment_add(
    body: CommentCreate, access: ReviewAccess, store: StoreDep, user: CurrentUser
) -> CommentPublic:
    """Comment as the owner or a coach. 404: the subject is not this athlete's."""
    comment = add_comment(
        store,
        user,
        access.athlete_id,
        body.body,
        subject=body.subject,
        subject_id=body.subject_id,
    )
    return _comment(comment)
