"""JSON API: correct and remove runs and strength sessions, remove an athlete, remove your
account. Owner only; a coach gets 403, anyone else 404.

Bodies are in SI units like the create bodies; only the fields sent change (``null`` clears a
field that may be empty). A time without an offset is local time in the athlete's zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from runstrong.domain.models import SessionType, Sport
from runstrong.domain.set_edits import SetChanges
from runstrong.errors import ValidationError
from runstrong.services.athletes import get_athlete
from runstrong.services.editing import (
    delete_activity,
    delete_strength_session,
    edit_activity,
    edit_strength_session,
)
from runstrong.services.history import athlete_time
from runstrong.services.removal import delete_account, delete_athlete
from runstrong.web.api.activities import ActivityPublic, activity_public
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.api.strength import (
    SetCreate,
    StrengthSessionPublic,
    session_public,
    sets_from_bodies,
)
from runstrong.web.deps import CurrentUser, StoreDep, WriteAccess

__all__ = ["ActivityUpdate", "StrengthSessionUpdate", "router"]

router = APIRouter(responses=ERROR_RESPONSES)

ActivityId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The activity's id.")]
SessionId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The strength session's id.")]
_WEEK_S = 7 * 24 * 3600
_Rpe = Annotated[float, Field(ge=0, le=10, description="Session RPE, CR-10.")]


class ActivityUpdate(BaseModel):
    """Only the fields sent change; they are then the athlete's, and a re-import of the same
    file does not overwrite them."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    started_at: datetime | None = Field(
        default=None, description="ISO 8601; without an offset, local time in the athlete's zone."
    )
    sport: Sport | None = None
    session_type: SessionType | None = None
    moving_time_s: Annotated[float, Field(gt=0, le=_WEEK_S)] | None = None
    distance_m: Annotated[float, Field(ge=0, le=1_000_000)] | None = None
    elapsed_time_s: Annotated[float, Field(gt=0, le=_WEEK_S)] | None = None
    ascent_m: Annotated[float, Field(ge=0, le=20_000)] | None = None
    avg_hr_bpm: Annotated[float, Field(ge=25, le=250)] | None = None
    max_hr_bpm: Annotated[float, Field(ge=25, le=250)] | None = None
    avg_cadence_spm: Annotated[float, Field(ge=0, le=300)] | None = None
    avg_power_w: Annotated[float, Field(ge=0, le=3000)] | None = None
    rpe: _Rpe | None = None
    name: Annotated[str, Field(max_length=200)] | None = None
    notes: Annotated[str, Field(max_length=5000)] | None = None
    pain_score: Annotated[float, Field(ge=0, le=10)] | None = None
    pain_location: Annotated[str, Field(min_length=1, max_length=80)] | None = None


class StrengthSessionUpdate(BaseModel):
    """Only the fields sent change; ``sets``, when sent, replaces all the sets (each set as
    in a new session: ``warmup`` and ``duration_s`` included). Sets not sent stay as stored."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    started_at: datetime | None = Field(
        default=None, description="ISO 8601; without an offset, local time in the athlete's zone."
    )
    sets: Annotated[list[SetCreate], Field(min_length=1, max_length=300)] | None = None
    duration_s: Annotated[float, Field(ge=60, le=6 * 3600)] | None = None
    rpe: _Rpe | None = None
    machine: Annotated[str, Field(max_length=120)] | None = None
    notes: Annotated[str, Field(max_length=5000)] | None = None
    pain_score: Annotated[float, Field(ge=0, le=10)] | None = None
    pain_location: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    name_unidentified: Annotated[str, Field(min_length=1, max_length=120)] | None = Field(
        default=None,
        description="A library exercise (slug or name) for every set the watch did not "
        "identify, all renamed in one step.",
    )


class AccountDelete(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: Annotated[
        str, Field(min_length=1, max_length=1024, description="Your password, to confirm.")
    ]


#: Fields every run or session has: ``null`` cannot clear them.
_REQUIRED = frozenset({"started_at", "sport", "moving_time_s", "sets"})


def _changes(body: BaseModel, timezone: str) -> dict[str, object]:
    changes = body.model_dump(exclude_unset=True, exclude={"sets", "name_unidentified"})
    cleared = sorted(k for k, v in changes.items() if v is None and k in _REQUIRED)
    if "sets" in body.model_fields_set and getattr(body, "sets", None) is None:
        cleared.append("sets")
    if cleared:
        raise ValidationError(f"{', '.join(cleared)} cannot be empty (null)")
    if changes.get("started_at") is not None:
        started_at = changes["started_at"]
        assert isinstance(started_at, datetime)
        changes["started_at"] = athlete_time(started_at, timezone)
    return changes


@router.patch(
    "/athletes/{athlete_id}/activities/{activity_id}",
    response_model=ActivityPublic,
    tags=["activities"],
)
def activity_update(
    activity_id: ActivityId, body: ActivityUpdate, access: WriteAccess, store: StoreDep
) -> ActivityPublic:
    """Correct a run (owner only): the fields sent change, samples are kept. Nothing is
    stored when a value is out of range."""
    timezone = get_athlete(store, access.athlete_id).timezone
    stored = edit_activity(store, access.athlete_id, activity_id, _changes(body, timezone))
    return activity_public(stored, timezone)


@router.delete(
    "/athletes/{athlete_id}/activities/{activity_id}", status_code=204, tags=["activities"]
)
def activity_delete(activity_id: ActivityId, access: WriteAccess, store: StoreDep) -> Response:
    """Delete a run with its samples and the comments on it (owner only)."""
    delete_activity(store, access.athlete_id, activity_id)
    return Response(status_code=204)


@router.patch(
    "/athletes/{athlete_id}/strength-sessions/{session_id}",
    response_model=StrengthSessionPublic,
    tags=["strength"],
)
def strength_session_update(
    session_id: SessionId, body: StrengthSessionUpdate, access: WriteAccess, store: StoreDep
) -> StrengthSessionPublic:
    """Correct a strength session (owner only); ``sets`` replaces all sets when sent."""
    timezone = get_athlete(store, access.athlete_id).timezone
    changes = _changes(body, timezone)
    set_changes = None
    if body.sets is not None:
        set_changes = SetChanges(replace_all=sets_from_bodies(body.sets))
    stored = edit_strength_session(
        store,
        access.athlete_id,
        session_id,
        changes,
        set_changes,
        name_unidentified=body.name_unidentified,
    )
    return session_public(stored, timezone)


@router.delete(
    "/athletes/{athlete_id}/strength-sessions/{session_id}", status_code=204, tags=["strength"]
)
def strength_session_delete(
    session_id: SessionId, access: WriteAccess, store: StoreDep
) -> Response:
    """Delete a strength session with its sets and the comments on it (owner only)."""
    delete_strength_session(store, access.athlete_id, session_id)
    return Response(status_code=204)


@router.delete("/athletes/{athlete_id}", status_code=204, tags=["athletes"])
def athlete_delete(access: WriteAccess, store: StoreDep) -> Response:
    """Delete the athlete and everything of theirs: runs, strength sessions, plans, coach
    shares, comments (owner only). Export first to keep a copy."""
    delete_athlete(store, access.athlete_id)
    return Response(status_code=204)


@router.delete("/me", status_code=204, tags=["account"])
def me_delete(body: AccountDelete, store: StoreDep, user: CurrentUser) -> Response:
    """Delete your account after checking your password: the athletes you own with all their
    data, your coach shares, comments, API tokens and sessions."""
    delete_account(store, user, body.password)
    return Response(status_code=204)
