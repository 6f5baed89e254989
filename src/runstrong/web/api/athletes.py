"""JSON API: the athletes you own or coach, and their settings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from runstrong.domain.accounts import Role
from runstrong.domain.models import Athlete
from runstrong.errors import ValidationError
from runstrong.services.access import visible_athletes
from runstrong.services.athletes import get_athlete, update_athlete_settings
from runstrong.web.api.schemas import ERROR_RESPONSES, Limit, Offset, Page
from runstrong.web.deps import CurrentUser, ReadAccess, StoreDep, WriteAccess

__all__ = ["AthletePublic", "athlete_public", "router"]

router = APIRouter(tags=["athletes"], responses=ERROR_RESPONSES)


class AthleteSummary(BaseModel):
    id: int
    name: str
    role: Role


class AthletePublic(BaseModel):
    id: int
    name: str
    role: Role
    body_mass_kg: float | None
    sex: str
    birth_year: int | None
    event_focus: str
    units: str
    hr_rest_bpm: int | None
    hr_max_bpm: int | None
    timezone: str


class AthleteUpdate(BaseModel):
    """Only the fields given are changed."""

    model_config = ConfigDict(extra="forbid")

    body_mass_kg: Annotated[float, Field(ge=25, le=250)] | None = None
    sex: Literal["female", "male", "unspecified"] | None = None
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    event_focus: Literal["sprint", "middle", "distance"] | None = None
    units: Literal["metric", "imperial"] | None = None
    hr_rest_bpm: Annotated[int, Field(ge=25, le=120)] | None = None
    hr_max_bpm: Annotated[int, Field(ge=100, le=240)] | None = None
    timezone: Annotated[str, Field(min_length=1, max_length=64)] | None = None


#: Settings every athlete has; the others (body mass, birth year, heart rates) may be cleared.
_NOT_CLEARABLE = frozenset({"sex", "event_focus", "units", "timezone"})


def athlete_public(athlete: Athlete, role: Role) -> AthletePublic:
    assert athlete.id is not None
    return AthletePublic(
        id=athlete.id,
        name=athlete.name,
        role=role,
        body_mass_kg=athlete.body_mass_kg,
        sex=athlete.sex,
        birth_year=athlete.birth_year,
        event_focus=athlete.event_focus,
        units=athlete.units,
        hr_rest_bpm=athlete.hr_rest_bpm,
        hr_max_bpm=athlete.hr_max_bpm,
        timezone=athlete.timezone,
    )


@router.get("/athletes", response_model=Page[AthleteSummary])
def athletes(
    store: StoreDep, user: CurrentUser, limit: Limit = 50, offset: Offset = 0
) -> Page[AthleteSummary]:
    visible = visible_athletes(store, user)
    items = [AthleteSummary(id=i, name=n, role=r) for i, n, r in visible[offset : offset + limit]]
    return Page(items=items, total=len(visible), limit=limit, offset=offset)


@router.get("/athletes/{athlete_id}", response_model=AthletePublic)
def athlete(access: ReadAccess, store: StoreDep) -> AthletePublic:
    return athlete_public(get_athlete(store, access.athlete_id), access.role)


@router.patch("/athletes/{athlete_id}", response_model=AthletePublic)
def athlete_update(body: AthleteUpdate, access: WriteAccess, store: StoreDep) -> AthletePublic:
    changes = body.model_dump(exclude_unset=True)
    required = sorted(k for k, v in changes.items() if v is None and k in _NOT_CLEARABLE)
    if required:
        raise ValidationError(f"{', '.join(required)} cannot be empty (null)")
    updated = update_athlete_settings(store, access.athlete_id, changes)
    return athlete_public(updated, access.role)
