"""JSON API: an athlete's strength sessions, listed and logged, and the last loads for prefill.

Loads are in kilograms, durations in seconds; a time without an offset is local time in the
athlete's time zone, and answers give times in that zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from runstrong.domain.models import Side, StrengthSession, StrengthSet
from runstrong.library import load_catalog
from runstrong.library.fit_names import is_unidentified
from runstrong.services.athletes import get_athlete
from runstrong.services.history import athlete_time, get_strength_session, list_strength_sessions
from runstrong.services.lifts import (
    MAX_IDEMPOTENCY_KEY,
    log_session_with_records,
    record_document,
)
from runstrong.services.prefill import SetEntry, sets_from_entries, strength_prefill
from runstrong.web.api.schemas import ERROR_RESPONSES, Limit, Offset, Page
from runstrong.web.deps import ReadAccess, StoreDep, WriteAccess

__all__ = [
    "SetCreate",
    "SetPublic",
    "StrengthSessionCreate",
    "StrengthSessionPublic",
    "exercise_name",
    "router",
    "sets_from_bodies",
]

router = APIRouter(tags=["strength"], responses=ERROR_RESPONSES)

SessionId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The strength session's id.")]


class SetCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    exercise: Annotated[
        str,
        Field(
            min_length=1,
            max_length=120,
            description="A library slug (see /api/v1/exercises), or its name or alias.",
        ),
    ]
    reps: Annotated[int, Field(ge=1, le=1000)]
    load_kg: Annotated[float, Field(ge=0, le=1500, description="0 for body weight only.")] = 0.0
    rpe: Annotated[float, Field(ge=1, le=10, description="Set RPE (10 = no reps left).")] | None = (
        None
    )
    side: Side = Field(default="both", description="left or right for single-leg exercises.")
    warmup: bool = Field(
        default=False,
        strict=True,
        description="A warm-up set: left out of hard sets, e1RM and records (true or false).",
    )
    duration_s: (
        Annotated[float, Field(ge=1, le=3600, description="A timed hold, seconds (send reps 1).")]
        | None
    ) = None


def sets_from_bodies(bodies: Sequence[SetCreate]) -> tuple[StrengthSet, ...]:
    """Checked sets from the sets of a request body, every field kept (warm-up, hold)."""
    return sets_from_entries(
        [
            SetEntry(s.exercise, s.reps, s.load_kg, s.rpe, s.side, s.warmup, s.duration_s)
            for s in bodies
        ]
    )


class StrengthSessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    started_at: datetime = Field(
        description="Start, ISO 8601; without an offset it is local time in the athlete's zone."
    )
    sets: Annotated[list[SetCreate], Field(min_length=1, max_length=300)]
    duration_s: Annotated[float, Field(ge=60, le=6 * 3600)] | None = None
    rpe: Annotated[float, Field(ge=0, le=10, description="Session RPE, CR-10.")] | None = None
    machine: Annotated[str, Field(max_length=120)] | None = None
    notes: (
        Annotated[str, Field(max_length=5000, description="Form notes for the coach.")] | None
    ) = None
    pain_score: Annotated[float, Field(ge=0, le=10)] | None = None
    pain_location: Annotated[str, Field(min_length=1, max_length=80)] | None = None


class SetPublic(BaseModel):
    exercise: str = Field(description="The library slug ('unknown:...' for unmatched imports).")
    exercise_name: str
    reps: int
    load_kg: float
    rpe: float | None
    side: str
    warmup: bool = False
    duration_s: float | None = None
    rest_s: float | None = Field(default=None, description="Rest after the set (from a watch).")
    unidentified: bool = Field(
        default=False, description="The watch did not identify the exercise: name it."
    )


class StrengthSessionPublic(BaseModel):
    id: int
    started_at: datetime = Field(description="Start, in the athlete's time zone.")
    duration_s: float | None
    rpe: float | None
    machine: str | None
    notes: str | None
    pain_score: float | None
    pain_location: str | None
    source: str
    volume_kg: float = Field(description="Sum of reps x load over all sets.")
    sets: list[SetPublic]
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    rpe_estimate: float | None = Field(
        default=None, description="Session RPE estimated from heart rate while rpe is null."
    )


class LastLoadsPublic(BaseModel):
    exercise: str
    exercise_name: str
    session_id: int
    started_at: datetime
    top_load_kg: float
    sets: list[SetPublic]


class StrengthPrefillPublic(BaseModel):
    """What to start the next session's form from."""

    last_session: StrengthSessionPublic | None
    last_loads: list[LastLoadsPublic] = Field(description="Per exercise, its latest sets.")


def exercise_name(slug: str) -> str:
    """The library name of ``slug``; unmatched imported exercises keep their own name."""
    catalog = load_catalog()
    if is_unidentified(slug):
        return "Unidentified exercise"
    return catalog.get(slug).name if slug in catalog else slug.removeprefix("unknown:")


def _set_public(item: StrengthSet) -> SetPublic:
    return SetPublic(
        exercise=item.exercise_slug,
        exercise_name=exercise_name(item.exercise_slug),
        reps=item.reps,
        load_kg=item.load_kg,
        rpe=item.rpe,
        side=item.side,
        warmup=item.warmup,
        duration_s=item.duration_s,
        rest_s=item.rest_s,
        unidentified=is_unidentified(item.exercise_slug),
    )


def session_public(session: StrengthSession, timezone: str) -> StrengthSessionPublic:
    assert session.id is not None
    return StrengthSessionPublic(
        id=session.id,
        started_at=athlete_time(session.started_at, timezone),
        duration_s=session.duration_s,
        rpe=session.rpe,
        machine=session.machine,
        notes=session.notes,
        pain_score=session.pain_score,
        pain_location=session.pain_location,
        source=session.source,
        volume_kg=sum(item.reps * item.load_kg for item in session.sets),
        sets=[_set_public(item) for item in session.sets],
        avg_hr_bpm=session.avg_hr_bpm,
        max_hr_bpm=session.max_hr_bpm,
        rpe_estimate=session.rpe_estimate,
    )


@router.get("/athletes/{athlete_id}/strength-sessions", response_model=Page[StrengthSessionPublic])
def strength_sessions(
    access: ReadAccess, store: StoreDep, limit: Limit = 50, offset: Offset = 0
) -> Page[StrengthSessionPublic]:
    """The athlete's strength sessions with their sets, newest first."""
    timezone = get_athlete(store, access.athlete_id).timezone
    listing = list_strength_sessions(store, access.athlete_id, limit=limit, offset=offset)
    items = [session_public(item, timezone) for item in listing.items]
    return Page(items=items, total=listing.total, limit=limit, offset=offset)


class RecordPublic(BaseModel):
    exercise: str
    kind: Literal["rep_max", "e1rm"]
    reps: int | None = Field(description="The rep count of a rep-max record; null for e1RM.")
    load_kg: float
    previous_kg: float
    text: str = Field(description="e.g. 'New 5-rep best: 150 kg leg press'.")


class StrengthSessionCreated(StrengthSessionPublic):
    records: list[RecordPublic] = Field(
        description="Records the session beat when it was stored (empty on a resend)."
    )


@router.post(
    "/athletes/{athlete_id}/strength-sessions",
    response_model=StrengthSessionCreated,
    status_code=201,
    responses={200: {"description": "A resend with a known Idempotency-Key: stored earlier."}},
)
def strength_session_create(
    body: StrengthSessionCreate,
    access: WriteAccess,
    store: StoreDep,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=MAX_IDEMPOTENCY_KEY,
            description="The client's id for this session (e.g. a UUID). A resend with the "
            "same key stores nothing and answers 200 with the session stored the first time.",
        ),
    ] = None,
) -> StrengthSessionCreated:
    """Log a strength session (owner only). Exercises must be in the library; nothing is
    stored when any set is invalid. The answer lists the records the session beat."""
    athlete = get_athlete(store, access.athlete_id)
    timezone = athlete.timezone
    session = StrengthSession(
        started_at=athlete_time(body.started_at, timezone),
        sets=sets_from_bodies(body.sets),
        duration_s=body.duration_s,
        rpe=body.rpe,
        machine=body.machine,
        notes=body.notes,
        pain_score=body.pain_score,
        pain_location=body.pain_location,
    )
    logged = log_session_with_records(
        store, access.athlete_id, session, idempotency_key=idempotency_key
    )
    stored = logged.session
    response.headers["Location"] = (
        f"/api/v1/athletes/{access.athlete_id}/strength-sessions/{stored.id}"
    )
    if not logged.created:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    records = [RecordPublic(**record_document(r, athlete.units)) for r in logged.records]
    return StrengthSessionCreated(**session_public(stored, timezone).model_dump(), records=records)


@router.get("/athletes/{athlete_id}/strength-sessions/last", response_model=StrengthPrefillPublic)
def strength_last(access: ReadAccess, store: StoreDep) -> StrengthPrefillPublic:
    """The last session, and each exercise's sets from the last time it was done."""
    timezone = get_athlete(store, access.athlete_id).timezone
    prefill = strength_prefill(store, access.athlete_id)
    last = prefill.last_session
    return StrengthPrefillPublic(
        last_session=session_public(last, timezone) if last is not None else None,
        last_loads=[
            LastLoadsPublic(
                exercise=loads.exercise_slug,
                exercise_name=exercise_name(loads.exercise_slug),
                session_id=loads.session_id,
                started_at=athlete_time(loads.started_at, timezone),
                top_load_kg=loads.top_load_kg,
                sets=[_set_public(item) for item in loads.sets],
            )
            for loads in prefill.last_loads.values()
        ],
    )


@router.get(
    "/athletes/{athlete_id}/strength-sessions/{session_id}", response_model=StrengthSessionPublic
)
def strength_session(
    session_id: SessionId, access: ReadAccess, store: StoreDep
) -> StrengthSessionPublic:
    timezone = get_athlete(store, access.athlete_id).timezone
    return session_public(get_strength_session(store, access.athlete_id, session_id), timezone)
