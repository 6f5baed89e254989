"""JSON API: one exercise in an athlete's log — sessions, rep-max records, e1RM trend, best
volume, weekly hard sets and, for single-leg work, both sides. Loads in kg, days local."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from runstrong.services.lifts import get_exercise_history, history_document
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import ReadAccess, StoreDep

__all__ = ["ExerciseHistoryPublic", "router"]

router = APIRouter(tags=["strength"], responses=ERROR_RESPONSES)

Slug = Annotated[
    str, Path(min_length=1, max_length=120, description="A library slug, name or alias.")
]


class HistorySetPublic(BaseModel):
    reps: int
    load_kg: float
    rpe: float | None
    side: str
    warmup: bool
    duration_s: float | None = Field(description="Seconds of a timed hold; null for reps.")


class HistorySessionPublic(BaseModel):
    id: int | None
    date: str
    volume_kg: float = Field(description="Reps x load over working sets (no warm-ups).")
    top_load_kg: float
    e1rm_kg: float | None
    longest_hold_s: float | None
    sets: list[HistorySetPublic]


class RepMaxPublic(BaseModel):
    reps: int
    load_kg: float = Field(description="Heaviest load lifted for at least this many reps.")
    date: str


class E1rmPointPublic(BaseModel):
    date: str
    e1rm_kg: float


class WeekHardSetsPublic(BaseModel):
    week_start: str
    hard_sets: int


class SidesPublic(BaseModel):
    date: str
    left_e1rm_kg: float
    right_e1rm_kg: float
    asymmetry_percent: float


class ExerciseHistoryPublic(BaseModel):
    exercise: str
    exercise_name: str
    records: list[RepMaxPublic]
    e1rm: list[E1rmPointPublic]
    best_volume: HistorySessionPublic | None
    weekly_hard_sets: list[WeekHardSetsPublic]
    sides: list[SidesPublic]
    sessions: list[HistorySessionPublic]


@router.get("/athletes/{athlete_id}/exercises/{slug}", response_model=ExerciseHistoryPublic)
def exercise_history(slug: Slug, access: ReadAccess, store: StoreDep) -> ExerciseHistoryPublic:
    """The athlete's history of one exercise; warm-ups and timed holds make no e1RM or record.
    A library exercise never logged answers an empty history; anything else unknown is 404."""
    history = get_exercise_history(store, access.athlete_id, slug)
    return ExerciseHistoryPublic.model_validate(history_document(history))
