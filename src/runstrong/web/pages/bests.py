"""Page: the athlete's best efforts (fastest 400 m to marathon inside runs), ever and this year."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from runstrong.domain.models import Athlete
from runstrong.domain.units import format_duration, format_pace
from runstrong.services.best_efforts import RankedEffort, athlete_bests
from runstrong.services.history import athlete_time
from runstrong.web.deps import ReadAccess, StoreDep
from runstrong.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _rows(efforts: tuple[RankedEffort, ...], athlete: Athlete) -> list[dict[str, Any]]:
    return [
        {
            "name": effort.name,
            "time": format_duration(effort.duration_s),
            "pace": format_pace(effort.pace_s_per_km, athlete.units).split("/")[0],
            "date": athlete_time(effort.started_at, athlete.timezone).date().isoformat(),
            "href": f"/athletes/{athlete.id}/activities/{effort.activity_id}",
        }
        for effort in efforts
    ]


@router.get("/athletes/{athlete_id}/bests", response_class=HTMLResponse)
def bests_page(request: Request, access: ReadAccess, store: StoreDep) -> Response:
    result = athlete_bests(store, access.athlete_id)
    athlete = result.athlete
    context = {
        "athlete": athlete,
        "role": access.role,
        "year": result.year,
        "runs": result.runs_analysed,
        "all_time": _rows(result.all_time, athlete),
        "this_year": _rows(result.this_year, athlete),
        "pace_unit": "/mi" if athlete.units == "imperial" else "/km",
    }
    return render(request, "bests.html", context)
