"""JSON API: an athlete's activities (runs and other endurance sessions), listed and logged.

Bodies are in SI units (metres, seconds); times are ISO 8601. A time without an offset is read
as local time in the athlete's time zone, and answers give times in that zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from runstrong.domain.models import Activity, SessionType, Sport
from runstrong.services.athletes import get_athlete
from runstrong.services.history import athlete_time, list_activities
from runstrong.services.logging import log_activity
from runstrong.services.multisport import EventLegs, events_with_legs
from runstrong.web.api.schemas import ERROR_RESPONSES, Limit, Offset, Page
from runstrong.web.deps import ReadAccess, StoreDep, WriteAccess

__all__ = ["ActivityCreate", "ActivityEventPublic", "ActivityPublic", "activity_public", "router"]

router = APIRouter(tags=["activities"], responses=ERROR_RESPONSES)

ActivityId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The activity's id.")]
_WEEK_S = 7 * 24 * 3600


class ActivityCreate(BaseModel):
    """A run (or another endurance session) logged by hand."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    started_at: datetime = Field(
        description="Start, ISO 8601; without an offset it is local time in the athlete's zone."
    )
    sport: Sport = "running"
    session_type: SessionType | None = None
    moving_time_s: Annotated[float, Field(gt=0, le=_WEEK_S, description="Moving time, s.")]
    distance_m: Annotated[float, Field(ge=0, le=1_000_000, description="Metres.")] | None = None
    elapsed_time_s: Annotated[float, Field(gt=0, le=_WEEK_S)] | None = None
    ascent_m: Annotated[float, Field(ge=0, le=20_000)] | None = None
    avg_hr_bpm: Annotated[float, Field(ge=25, le=250)] | None = None
    max_hr_bpm: Annotated[float, Field(ge=25, le=250)] | None = None
    avg_cadence_spm: Annotated[float, Field(ge=0, le=300)] | None = None
    avg_power_w: Annotated[float, Field(ge=0, le=3000)] | None = None
    rpe: Annotated[float, Field(ge=0, le=10, description="Session RPE, CR-10.")] | None = None
    name: Annotated[str, Field(max_length=200)] | None = None
    notes: Annotated[str, Field(max_length=5000)] | None = None
    pain_score: Annotated[float, Field(ge=0, le=10)] | None = None
    pain_location: Annotated[str, Field(min_length=1, max_length=80)] | None = None


class ActivityEventPublic(BaseModel):
    """The multisport event (triathlon, duathlon ...) an activity is a leg or transition of."""

    id: int
    kind: str = Field(description="triathlon, duathlon, aquathlon or multisport.")
    position: int = Field(description="1-based place of this activity in the event.")
    legs: int = Field(description="Sport legs in the event (transitions not counted).")
    transitions: int
    activity_ids: list[int] = Field(description="The event's activities in start order.")
    strength_session_ids: list[int] = Field(
        default_factory=list,
        description="The event's strength sessions (a brick's gym legs) in start order.",
    )


class ActivityPublic(BaseModel):
    id: int
    started_at: datetime = Field(description="Start, in the athlete's time zone.")
    sport: str
    session_type: str | None
    distance_m: float | None
    moving_time_s: float
    elapsed_time_s: float | None
    pace_s_per_km: float | None = Field(description="Moving time per km, for runs with a distance.")
    ascent_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None
    avg_power_w: float | None
    rpe: float | None
    device: str | None
    name: str | None
    notes: str | None
    pain_score: float | None
    pain_location: str | None
    source: str
    event: ActivityEventPublic | None = Field(
        default=None, description="The multisport event this activity belongs to, if any."
    )


def activity_public(
    activity: Activity, timezone: str, events: Mapping[int, EventLegs] | None = None
) -> ActivityPublic:
    assert activity.id is not None
    legs = (events or {}).get(activity.event_id) if activity.event_id else None
    pace = (
        activity.moving_time_s / (activity.distance_m / 1000)
        if activity.is_run and activity.distance_m
        else None
    )
    return ActivityPublic(
        id=activity.id,
        started_at=athlete_time(activity.started_at, timezone),
        sport=activity.sport,
        session_type=activity.session_type,
        distance_m=activity.distance_m,
        moving_time_s=activity.moving_time_s,
        elapsed_time_s=activity.elapsed_time_s,
        pace_s_per_km=pace,
        ascent_m=activity.ascent_m,
        avg_hr_bpm=activity.avg_hr_bpm,
        max_hr_bpm=activity.max_hr_bpm,
        avg_cadence_spm=activity.avg_cadence_spm,
        avg_power_w=activity.avg_power_w,
        rpe=activity.rpe,
        device=activity.device,
        name=activity.name,
        notes=activity.notes,
        pain_score=activity.pain_score,
        pain_location=activity.pain_location,
        source=activity.source,
        event=_event_public(legs, activity.id) if legs else None,
    )


def _event_public(legs: EventLegs, activity_id: int) -> ActivityEventPublic:
    assert legs.event.id is not None
    return ActivityEventPublic(
        id=legs.event.id,
        kind=legs.event.kind,
        position=legs.position(activity_id) or 0,
        legs=legs.leg_count,
        transitions=legs.transition_count,
        activity_ids=[leg.id for leg in legs.legs if leg.id is not None],
        strength_session_ids=[s.id for s in legs.strength if s.id is not None],
    )


@router.get("/athletes/{athlete_id}/activities", response_model=Page[ActivityPublic])
def activities(
    access: ReadAccess, store: StoreDep, limit: Limit = 50, offset: Offset = 0
) -> Page[ActivityPublic]:
    """The athlete's activities, newest first."""
    timezone = get_athlete(store, access.athlete_id).timezone
    listing = list_activities(store, access.athlete_id, limit=limit, offset=offset)
    events = events_with_legs(store, access.athlete_id, [a.event_id for a in listing.items])
    items = [activity_public(item, timezone, events) for item in listing.items]
    return Page(items=items, total=listing.total, limit=limit, offset=offset)


@router.post("/athletes/{athlete_id}/activities", response_model=ActivityPublic, status_code=201)
def activity_create(
    body: ActivityCreate, access: WriteAccess, store: StoreDep, response: Response
) -> ActivityPublic:
    """Log an activity (owner only). Nothing is stored when any value is out of range."""
    timezone = get_athlete(store, access.athlete_id).timezone
    values = body.model_dump(exclude={"started_at"})
    activity = Activity(started_at=athlete_time(body.started_at, timezone), **values)
    stored = log_activity(store, access.athlete_id, activity)
    response.headers["Location"] = f"/api/v1/athletes/{access.athlete_id}/activities/{stored.id}"
    return activity_public(stored, timezone)


# GET /athletes/{athlete_id}/activities/{activity_id} (the activity with its analysis) is in
# web/api/activity_detail.py.
