"""Pages: coaching — share with a coach, stop sharing, the comment thread, form notes to review,
and this morning's check-in and readiness signals (with the runner's choices)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.domain.accounts import COMMENT_SUBJECTS, AthleteAccess, User
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.services.athletes import get_athlete
from runstrong.services.readiness import readiness
from runstrong.services.readiness_document import readiness_document
from runstrong.services.review import notes_to_review
from runstrong.services.sharing import (
    MAX_COMMENT_LENGTH,
    add_comment,
    list_comments,
    list_shares,
    share_with_coach,
    stop_sharing,
)
from runstrong.store import Store
from runstrong.web.deps import CurrentUser, ReadAccess, ReviewAccess, StoreDep, WriteAccess
from runstrong.web.errors import status_for
from runstrong.web.security import same_site_path
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_THREAD_PAGE = 50


def _coaching_url(athlete_id: int, **query: str) -> str:
    url = f"/athletes/{athlete_id}/coaching"
    if query:
        url += "?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
    return url


def _coaching_page(
    request: Request,
    store: Store,
    user: User,
    access: AthleteAccess,
    *,
    offset: int = 0,
    status: int = 200,
    **extra: Any,
) -> Response:
    athlete_id = access.athlete_id
    comments, total = list_comments(
        store, user, athlete_id, subject="athlete", limit=_THREAD_PAGE, offset=offset
    )
    context: dict[str, Any] = {
        "athlete": get_athlete(store, athlete_id),
        "role": access.role,
        "shares": list_shares(store, user, athlete_id) if access.role == "owner" else [],
        "comments": comments,
        "comments_total": total,
        "offset": offset,
        "page_size": _THREAD_PAGE,
        "notes": notes_to_review(store, user, athlete_id),
        # this morning's check-in and readiness signals, with what the runner chose
        "readiness_card": readiness_document(readiness(store, athlete_id)),
        "max_comment_length": MAX_COMMENT_LENGTH,
        "coach_value": "",
        "comment_body": "",
    }
    context.update(extra)
    return render(request, "coaching.html", context, status_code=status)


def _flash(
    store: Store, user: User, access: AthleteAccess, shared: str, removed: str, commented: str
) -> str | None:
    """The outcome of the last form, named in the redirect; names are checked against the
    shares so that a crafted link cannot make the page claim something untrue."""
    if access.role != "owner" or not (shared or removed):
        return "Comment posted." if commented else None
    coaches = {s.coach_username for s in list_shares(store, user, access.athlete_id)}
    if shared and shared in coaches:
        return f"{shared} is now your coach: they can see your data, comment and edit your plan."
    if removed and removed not in coaches:
        return f"You stopped sharing with {removed}; they no longer see your data."
    return None


@router.get("/athletes/{athlete_id}/coaching", response_class=HTMLResponse)
def coaching(
    request: Request,
    access: ReadAccess,
    store: StoreDep,
    user: CurrentUser,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    shared: Annotated[str, Query(max_length=254)] = "",
    removed: Annotated[str, Query(max_length=254)] = "",
    commented: Annotated[str, Query(max_length=1)] = "",
) -> Response:
    return _coaching_page(
        request,
        store,
        user,
        access,
        offset=offset,
        flash=_flash(store, user, access, shared, removed, commented),
    )


@router.post("/athletes/{athlete_id}/coaching/invite")
def coaching_invite(
    request: Request,
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
    coach: Annotated[str, Form(max_length=254)] = "",
) -> Response:
    try:
        share = share_with_coach(store, user, access.athlete_id, coach)
    except (NotFound, ValidationError, Conflict) as exc:
        return _coaching_page(
            request,
            store,
            user,
            access,
            status=status_for(exc),
            error=str(exc),
            coach_value=coach,
        )
    return RedirectResponse(
        _coaching_url(access.athlete_id, shared=share.coach_username), status_code=303
    )


@router.post("/athletes/{athlete_id}/coaching/{coach_user_id}/remove")
def coaching_remove(
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
    coach_user_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    shares = list_shares(store, user, access.athlete_id)
    stop_sharing(store, user, access.athlete_id, coach_user_id)
    name = next((s.coach_username for s in shares if s.coach_user_id == coach_user_id), "")
    return RedirectResponse(_coaching_url(access.athlete_id, removed=name), status_code=303)


def _subject_id(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 2**31 - 1:
        raise ValidationError(f"subject_id must be a positive whole number, not {text!r}")
    return int(text)


@router.post("/athletes/{athlete_id}/comments")
def comment_post(
    request: Request,
    access: ReviewAccess,
    store: StoreDep,
    user: CurrentUser,
    body: Annotated[str, Form(max_length=MAX_COMMENT_LENGTH * 2)] = "",
    subject: Annotated[str, Form(max_length=40)] = "athlete",
    subject_id: Annotated[str, Form(max_length=20)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Post a comment from any page: back to ``next`` (a same-site path) or the coaching page.

    Text a user can fix (empty, too long) re-renders the coaching page with the error and the
    typed text; a subject that is not this athlete's is a 404 like any unknown id."""
    subject = subject or "athlete"
    try:
        item_id = _subject_id(subject_id)
        if subject in COMMENT_SUBJECTS and subject != "athlete" and item_id is None:
            raise ValidationError(
                f"a comment on a {subject.replace('_', ' ')} needs its subject_id"
            )
        add_comment(store, user, access.athlete_id, body, subject=subject, subject_id=item_id)
    except ValidationError as exc:
        return _coaching_page(
            request, store, user, access, status=422, error=str(exc), comment_body=body
        )
    target = same_site_path(next) or _coaching_url(access.athlete_id, commented="1")
    return RedirectResponse(target, status_code=303)
