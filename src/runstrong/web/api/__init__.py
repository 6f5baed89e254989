"""The JSON API, version 1: every route under ``/api/v1``, described at ``/api/openapi.json``.

Errors are ``{"error": {"code": ..., "message": ...}}``; lists are pages
``{"items": [...], "total": n, "limit": l, "offset": o}``. Authenticate with a session cookie
(plus the ``X-CSRF-Token`` header on changes) or with ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from runstrong.web.api import (
    account,
    activities,
    activity_detail,
    athletes,
    checkins,
    coaching,
    dashboard,
    edits,
    evidence,
    exercises,
    experiments,
    imports,
    jobs,
    lifts,
    plans,
    sources,
    strava,
    strength,
)
from runstrong.web.deps import verify_csrf

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", dependencies=[Depends(verify_csrf)])
for module in (
    account,
    athletes,
    dashboard,
    activities,
    activity_detail,
    strength,
    lifts,
    imports,
    exercises,
    plans,
    coaching,
    jobs,
    evidence,
    edits,
    sources,
    strava,
    experiments,
    checkins,
):
    router.include_router(module.router)
