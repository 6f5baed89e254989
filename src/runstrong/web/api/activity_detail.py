"""JSON API: one activity's analysis (splits, laps, zones, best efforts) and its samples.

``GET /athletes/{id}/activities/{activity_id}`` answers :class:`ActivityDetailPublic` (the
activity and its analysis); ``GET .../samples`` answers columns of samples for scripts, all of
them or averaged over blocks of ``step`` samples. The analysis is described in
docs/activity-json.md.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from runstrong.errors import ValidationError
from runstrong.science.activity.charts import CHART_COLUMNS
from runstrong.services.activity_detail import activity_detail, activity_samples
from runstrong.services.activity_document import analysis_document
from runstrong.services.multisport import events_with_legs
from runstrong.web.api.activities import ActivityPublic, activity_public
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import ReadAccess, StoreDep

__all__ = ["ActivityDetailPublic", "SamplesPublic", "activity_detail_public", "router"]

router = APIRouter(tags=["activities"], responses=ERROR_RESPONSES)

ActivityId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The activity's id.")]
SampleField = Literal[
    "time_s",
    "distance_m",
    "speed_m_per_s",
    "hr_bpm",
    "cadence_spm",
    "altitude_m",
    "power_w",
    "latitude_deg",
    "longitude_deg",
]
#: The most points one samples answer holds (a 24-hour run at 1 Hz is 86,400).
_MAX_SAMPLES = 200_000


class SplitPublic(BaseModel):
    index: int
    start_s: float | None
    end_s: float | None
    distance_m: float | None
    elapsed_time_s: float | None
    moving_time_s: float | None
    pace_s_per_km: float | None
    gap_s_per_km: float | None = Field(description="Grade-adjusted pace (Minetti et al. 2002).")
    avg_hr_bpm: float | None
    avg_cadence_spm: float | None
    elevation_gain_m: float | None
    elevation_loss_m: float | None
    partial: bool = Field(description="The last split, shorter than the split length.")


class LapPublic(BaseModel):
    index: int
    start_s: float | None
    elapsed_time_s: float | None
    moving_time_s: float | None
    distance_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None
    avg_power_w: float | None
    ascent_m: float | None
    descent_m: float | None
    gap_s_per_km: float | None


class HrZonePublic(BaseModel):
    name: str
    low_bpm: float | None
    high_bpm: float | None
    time_s: float | None


class PaceZonePublic(BaseModel):
    name: str
    slow_s_per_km: float | None
    fast_s_per_km: float | None
    time_s: float | None


class HrZonesPublic(BaseModel):
    model: Literal["hrr", "hrmax"] | None = Field(
        description="hrr: % of heart-rate reserve (Karvonen); hrmax: % of maximum heart rate."
    )
    hr_max_bpm: int | None
    hr_rest_bpm: int | None
    zones: list[HrZonePublic]


class PaceZonesPublic(BaseModel):
    vdot: float | None
    vdot_from: str | None
    zones: list[PaceZonePublic]


class ZonesPublic(BaseModel):
    moving_time_s: float | None
    heart_rate: HrZonesPublic | None
    pace: PaceZonesPublic | None


class BestEffortPublic(BaseModel):
    name: str
    distance_m: float | None
    duration_s: float | None
    pace_s_per_km: float | None
    start_s: float | None
    end_s: float | None
    badge: Literal["personal best", "best this year"] | None


class HardSetPublic(BaseModel):
    exercise_slug: str
    reps: int
    load_kg: float
    rpe: float | None
    side: str


class HeavyLegsPublic(BaseModel):
    strength_session_id: int | None
    started_at: str
    hours_before: float | None
    hard_lower_body_sets: list[HardSetPublic]


class ActivityDetailPublic(ActivityPublic):
    """The activity with what its samples show (empty lists for a run logged by hand)."""

    sample_count: int
    grade_adjusted_pace_s_per_km: float | None
    split_length_m: float
    splits: list[SplitPublic]
    laps: list[LapPublic]
    zones: ZonesPublic
    best_efforts: list[BestEffortPublic]
    key_run: bool
    heavy_legs: list[HeavyLegsPublic]


class SamplesPublic(BaseModel):
    """Columns of samples, each the same length; ``step`` samples were averaged per value."""

    activity_id: int
    sample_count: int = Field(description="Samples stored for the activity.")
    step: int
    columns: dict[str, list[float | None]]


def activity_detail_public(
    store: StoreDep, athlete_id: int, activity_id: int
) -> ActivityDetailPublic:
    detail = activity_detail(store, athlete_id, activity_id)
    events = events_with_legs(store, athlete_id, [detail.activity.event_id])
    summary = activity_public(detail.activity, detail.athlete.timezone, events)
    return ActivityDetailPublic(
        **summary.model_dump(), sample_count=detail.sample_count, **analysis_document(detail)
    )


@router.get("/athletes/{athlete_id}/activities/{activity_id}/samples", response_model=SamplesPublic)
def samples(
    activity_id: ActivityId,
    access: ReadAccess,
    store: StoreDep,
    fields: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Comma-separated columns (default: all with data): "
            + ", ".join(CHART_COLUMNS),
        ),
    ] = None,
    step: Annotated[
        int | None,
        Query(ge=1, le=100_000, description="Average every STEP samples into one value."),
    ] = None,
) -> SamplesPublic:
    """The activity's samples as columns (``nan`` as ``null``), for scripts."""
    wanted = tuple(CHART_COLUMNS)
    if fields is not None:
        wanted = tuple(name.strip() for name in fields.split(",") if name.strip())
        unknown = [name for name in wanted if name not in CHART_COLUMNS]
        if unknown or not wanted:
            raise ValidationError(
                f"unknown sample field(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(CHART_COLUMNS)}"
            )
    series, count = activity_samples(store, access.athlete_id, activity_id, wanted, step=step)
    if count and math.ceil(count / series.step) > _MAX_SAMPLES:
        raise ValidationError(
            f"{count} samples: ask for at most {_MAX_SAMPLES} values with step="
            f"{math.ceil(count / _MAX_SAMPLES)} or more"
        )
    columns = {
        name: [None if not math.isfinite(v) else round(float(v), 7) for v in values]
        for name, values in series.columns.items()
        if fields is None or name in wanted
    }
    return SamplesPublic(
        activity_id=activity_id, sample_count=count, step=series.step, columns=columns
    )


@router.get("/athletes/{athlete_id}/activities/{activity_id}", response_model=ActivityDetailPublic)
def activity(activity_id: ActivityId, access: ReadAccess, store: StoreDep) -> ActivityDetailPublic:
    """The activity with its splits, laps, zones and best efforts (docs/activity-json.md)."""
    return activity_detail_public(store, access.athlete_id, activity_id)
