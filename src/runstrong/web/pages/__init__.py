"""Server-rendered pages (Jinja2) with a little JavaScript where it helps."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from runstrong.web.deps import verify_csrf
from runstrong.web.pages import (
    athlete_settings,
    auth,
    bests,
    checkin,
    coaching,
    dashboard,
    edits,
    evidence,
    experiment,
    gym,
    home,
    imports,
    library,
    lifts,
    logging,
    plans,
    sources,
    strava,
    watch_strength,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
for module in (
    auth,
    home,
    athlete_settings,
    dashboard,
    logging,
    imports,
    library,
    plans,
    coaching,
    evidence,
    bests,
    sources,
    strava,
):
    router.include_router(module.router)
router.include_router(edits.router)
router.include_router(lifts.router)
router.include_router(gym.router)
router.include_router(experiment.router)
router.include_router(checkin.router)
router.include_router(watch_strength.router)
