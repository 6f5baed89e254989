"""JSON API: personal experiments, the same as ``runstrong experiment … --json``.

``GET …/experiment/design`` (read): the detectable effect of a design from the athlete's log;
``POST …/experiments`` (write: the athlete's own account): register it; ``GET …/experiment``
(read): status and answer of the current or latest experiment, as of ``date``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from runstrong.reports.experiment_json import design_json, experiment_json, report_json
from runstrong.services.experiment_report import experiment_report
from runstrong.services.experiments import design_experiment, start_experiment, weekday_number
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import CurrentUser, ReadAccess, StoreDep, WriteAccess

__all__ = ["router"]

router = APIRouter(tags=["experiments"], responses=ERROR_RESPONSES)

MarkerChoice = Literal["efficiency", "vdot", "test-hr", "time-trial"]
DesignChoice = Literal["abab", "ab"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ExperimentStart(BaseModel):
    """A design to register; ``order`` only for an experiment entered after the fact."""

    model_config = ConfigDict(extra="forbid")

    marker: MarkerChoice = "efficiency"
    design: DesignChoice = "abab"
    block_weeks: int = Field(6, ge=2, le=12)
    weeks: int = Field(24, ge=2, le=104)
    run_in_weeks: int = Field(2, ge=0, le=4)
    start: date | None = None
    order: str | None = Field(None, min_length=2, max_length=26, pattern="^[ABab]+$")
    test_day: Weekday = "sat"


@router.get("/athletes/{athlete_id}/experiment/design", response_model=dict[str, Any])
def experiment_design(
    access: ReadAccess,
    store: StoreDep,
    marker: MarkerChoice = "efficiency",
    design: DesignChoice = "abab",
    block_weeks: Annotated[int, Query(ge=2, le=12)] = 6,
    weeks: Annotated[int, Query(ge=2, le=104)] = 24,
    run_in_weeks: Annotated[int, Query(ge=0, le=4)] = 2,
    start: date | None = None,
    day: Annotated[date | None, Query(alias="date")] = None,
) -> dict[str, Any]:
    """What the design detects at 80 % power, 5 % two-sided, with this athlete's own noise."""
    plan = design_experiment(
        store,
        access.athlete_id,
        marker=marker,
        design=design,
        block_weeks=block_weeks,
        weeks=weeks,
        run_in_weeks=run_in_weeks,
        start=start,
        as_of=day,
    )
    return design_json(plan)


@router.post("/athletes/{athlete_id}/experiments", response_model=dict[str, Any], status_code=201)
def experiment_start(
    body: ExperimentStart, access: WriteAccess, store: StoreDep, user: CurrentUser
) -> dict[str, Any]:
    """Register the design (locked; later changes recorded). 409 when it overlaps another."""
    plan = design_experiment(
        store,
        access.athlete_id,
        marker=body.marker,
        design=body.design,
        block_weeks=body.block_weeks,
        weeks=body.weeks,
        run_in_weeks=body.run_in_weeks,
        start=body.start,
    )
    result = start_experiment(
        plan,
        store,
        started_by=user.username,
        order=body.order,
        test_weekday=weekday_number(body.test_day),
    )
    return {**experiment_json(result.experiment), "plan_sessions_removed": result.removed_sessions}


@router.get("/athletes/{athlete_id}/experiment", response_model=dict[str, Any])
def experiment_answer(
    access: ReadAccess,
    store: StoreDep,
    day: Annotated[date | None, Query(alias="date")] = None,
) -> dict[str, Any]:
    """Status and answer: current block, weeks left, adherence, deviations, the effect."""
    return report_json(experiment_report(store, access.athlete_id, day=day))
