"""Pages: the athlete's lifts — every exercise they logged, and one exercise's history and
records (sessions, rep maxes, e1RM trend, best volume, weekly hard sets, left and right).

Loads are shown in the athlete's unit; the numbers come from
:mod:`runstrong.science.strength_records` through :mod:`runstrong.services.lifts`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from runstrong.domain.models import Athlete
from runstrong.domain.set_notation import format_sets
from runstrong.domain.units import format_duration, kg_to_lb
from runstrong.library import load_catalog
from runstrong.reports.svg import weekly_chart
from runstrong.science.progression import PROGRESSION_RULE
from runstrong.services.athletes import get_athlete
from runstrong.services.gym import next_loads
from runstrong.services.lifts import (
    exercise_display_name,
    get_exercise_history,
    logged_exercises,
)
from runstrong.web.deps import ReadAccess, StoreDep
from runstrong.web.templating import render

__all__ = ["load_label", "next_loads_view", "router"]

router = APIRouter(include_in_schema=False)

Slug = Annotated[str, Path(min_length=1, max_length=120)]
#: Sessions shown in the history table, newest first.
_SHOWN_SESSIONS = 60


def load_label(load_kg: float, athlete: Athlete) -> str:
    """A load in the athlete's unit with the unit: ``150 kg``, ``330.7 lb``."""
    if athlete.units == "imperial":
        return f"{round(kg_to_lb(load_kg), 1):g} lb"
    return f"{round(load_kg, 1):g} kg"


def next_loads_view(store: StoreDep, athlete: Athlete) -> dict[str, Any]:
    """The log form's suggestions: per exercise of the last session (or the plan), what to
    lift next time and which rule said so."""
    assert athlete.id is not None
    lines = []
    for slug, found in next_loads(store, athlete.id).items():
        if found.hold_s is not None:
            what = f"{found.sets} × {found.hold_s:g} s hold"
        elif found.side_loads_kg:
            loads = found.side_loads_kg
            what = (
                f"{found.sets} × {found.reps} per side: left "
                f"{load_label(loads['left'], athlete)}, right {load_label(loads['right'], athlete)}"
            )
        elif found.load_kg:
            what = f"{found.sets} × {found.reps} at {load_label(found.load_kg, athlete)}"
        elif found.target_rpe is not None:
            what = f"{found.sets} × {found.reps} at RPE {found.target_rpe:g}"
        else:
            what = f"{found.sets} × {found.reps}"
        lines.append(
            {
                "slug": slug,
                "name": exercise_display_name(slug),
                "what": what,
                "source": found.source,
                "reason": found.reason,
            }
        )
    return {"next_loads": lines, "progression_rule": PROGRESSION_RULE}


@router.get("/athletes/{athlete_id}/exercises", response_class=HTMLResponse)
def lifts_index(request: Request, access: ReadAccess, store: StoreDep) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    slugs = logged_exercises(store, access.athlete_id)
    catalog = load_catalog()
    items = [
        {"slug": slug, "name": exercise_display_name(slug), "known": slug in catalog}
        for slug in slugs
    ]
    context = {"athlete": athlete, "items": items, "role": access.role}
    return render(request, "lifts.html", context)


@router.get("/athletes/{athlete_id}/exercises/{slug}", response_class=HTMLResponse)
def exercise_history_page(
    request: Request, slug: Slug, access: ReadAccess, store: StoreDep
) -> Response:
    athlete = get_athlete(store, access.athlete_id)
    history = get_exercise_history(store, access.athlete_id, slug)
    unit = "lb" if athlete.units == "imperial" else "kg"
    catalog = load_catalog()
    exercise = catalog.get(history.exercise_slug) if history.exercise_slug in catalog else None
    trend = history.e1rm_trend
    shown = [kg_to_lb(e.e1rm_kg or 0) if unit == "lb" else e.e1rm_kg or 0 for e in trend]
    chart = (
        weekly_chart(
            f"e1RM per session, {unit}",
            shown,
            [e.day.strftime("%d %b") for e in trend],
            unit=unit,
        )
        if len(trend) >= 2
        else None
    )
    summary = None
    if trend:
        first, last = trend[0], trend[-1]
        best = history.best_e1rm
        assert best is not None and best.e1rm_kg is not None
        summary = (
            f"e1RM {load_label(first.e1rm_kg or 0, athlete)} on {first.day:%d %b %Y}, "
            f"{load_label(last.e1rm_kg or 0, athlete)} on {last.day:%d %b %Y}; "
            f"best {load_label(best.e1rm_kg, athlete)} on {best.day:%d %b %Y}."
        )
    sessions: list[dict[str, Any]] = []
    for entry in reversed(history.sessions[-_SHOWN_SESSIONS:]):
        sides = {
            side: format_sets([s for s in entry.sets if s.side == side], unit=unit)
            for side in ("both", "left", "right")
        }
        sessions.append(
            {
                "id": entry.session_id,
                "day": entry.day,
                "sets": sides,
                "volume": load_label(entry.volume_kg, athlete) if entry.volume_kg else "",
                "e1rm": load_label(entry.e1rm_kg, athlete) if entry.e1rm_kg else "",
                "hold": format_duration(entry.longest_hold_s) if entry.longest_hold_s else "",
            }
        )
    best_volume = history.best_volume
    context = {
        "athlete": athlete,
        "role": access.role,
        "exercise": exercise,
        "name": exercise_display_name(history.exercise_slug),
        "slug": history.exercise_slug,
        "history": history,
        "unit": unit,
        "records": [
            {"reps": r.reps, "load": load_label(r.load_kg, athlete), "day": r.day}
            for r in history.records
        ],
        "trend": [
            {"day": e.day, "e1rm": load_label(e.e1rm_kg or 0, athlete), "id": e.session_id}
            for e in trend
        ],
        "chart": chart,
        "summary": summary,
        "best_volume": None
        if best_volume is None
        else {
            "volume": load_label(best_volume.volume_kg, athlete),
            "day": best_volume.day,
            "id": best_volume.session_id,
            "sets": format_sets(best_volume.sets, unit=unit),
        },
        "weeks": history.weekly_hard_sets[-12:],
        "sides": [
            {
                "day": p.day,
                "left": load_label(p.left_e1rm_kg, athlete),
                "right": load_label(p.right_e1rm_kg, athlete),
                "asymmetry": f"{p.asymmetry_percent:.1f} %",
                "flag": p.asymmetry_percent > 10,
            }
            for p in reversed(history.sides[-12:])
        ],
        "sessions": sessions,
        "unilateral": bool(exercise and exercise.unilateral) or bool(history.sides),
    }
    return render(request, "exercise_history.html", context)
