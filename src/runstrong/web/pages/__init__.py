"""Server-rendered pages (Jinja2) with a little JavaScript where it helps."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from runstrong.web.deps import verify_csrf
from runstrong.web.pages import (
    athlete_settings,
    auth,
    bests,
    coaching,
    dashboard,
    edits,
    evidence,
    gym,
    home,
    imports,
    library,
    lifts,
    logging,
    plans,
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
):
    router.include_router(module.router)
router.include_router(edits.router)
router.include_router(lifts.router)
router.include_router(gym.router)
router.include_router(watch_strength.router)
