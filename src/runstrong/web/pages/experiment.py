"""Pages under Evidence: design a personal experiment (with its power curve), start it, and
read its answer. The numbers come from the same services as ``runstrong experiment``; the power
curve is drawn by plotly.js served by the app (``static/experiment.js``), with a table beside it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.errors import RunstrongError, ValidationError
from runstrong.reports.experiment_json import design_json, report_json
from runstrong.services.experiment_report import experiment_report
from runstrong.services.experiments import (
    WEEKDAYS,
    block_spec,
    design_experiment,
    start_experiment,
    weekday_number,
)
from runstrong.store import Store
from runstrong.web.deps import CurrentUser, ReadAccess, StoreDep, WriteAccess
from runstrong.web.templating import render
from runstrong.web.vendor import plotly_url

__all__ = ["experiment_card", "router"]

router = APIRouter(include_in_schema=False)

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MARKERS = {
    "efficiency": "Easy-run speed at your reference heart rate",
    "vdot": "VDOT from races and time trials",
    "test-hr": "Heart rate in a weekly test run at your test pace (lower is better)",
    "time-trial": "A time trial every 4 weeks (VDOT)",
}


def _athlete_name(store: StoreDep, athlete_id: int) -> str:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
    return athlete.name if athlete is not None else ""


def _date(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


@router.get("/athletes/{athlete_id}/experiment/design", response_class=HTMLResponse)
def design_page(
    request: Request,
    access: ReadAccess,
    store: StoreDep,
    marker: Annotated[str, Query(max_length=16)] = "efficiency",
    design: Annotated[str, Query(max_length=8)] = "abab",
    block_weeks: Annotated[int, Query(ge=2, le=12)] = 6,
    weeks: Annotated[int, Query(ge=2, le=104)] = 24,
    start: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    context: dict[str, Any] = {
        "athlete": {"id": access.athlete_id, "name": _athlete_name(store, access.athlete_id)},
        "role": access.role,
        "choice": {
            "marker": marker,
            "design": design,
            "block_weeks": block_weeks,
            "weeks": weeks,
            "start": start or "",
        },
        "markers": _MARKERS,
        "weekdays": list(zip(WEEKDAYS, _DAY_NAMES, strict=True)),
        "plotly_url": plotly_url(),
        "plan": None,
        "problem": None,
    }
    status = 200
    try:
        plan = design_experiment(
            store,
            access.athlete_id,
            marker=marker,
            design=design,
            block_weeks=block_weeks,
            weeks=weeks,
            start=_date(start, "start day"),
        )
        context["plan"] = design_json(plan)
    except RunstrongError as exc:
        context["problem"] = str(exc)
        status = 422
    return render(request, "experiment_design.html", context, status_code=status)


@router.post("/athletes/{athlete_id}/experiment/start")
def start_page(
    access: WriteAccess,
    store: StoreDep,
    user: CurrentUser,
    marker: Annotated[str, Form(max_length=16)] = "efficiency",
    design: Annotated[str, Form(max_length=8)] = "abab",
    block_weeks: Annotated[int, Form(ge=2, le=12)] = 6,
    weeks: Annotated[int, Form(ge=2, le=104)] = 24,
    start: Annotated[str, Form(max_length=10)] = "",
    order: Annotated[str, Form(max_length=26)] = "",
    test_day: Annotated[str, Form(max_length=9)] = "sat",
) -> Response:
    plan = design_experiment(
        store,
        access.athlete_id,
        marker=marker,
        design=design,
        block_weeks=block_weeks,
        weeks=weeks,
        start=_date(start, "start day"),
    )
    start_experiment(
        plan,
        store,
        started_by=user.username,
        order=order.strip() or None,
        test_weekday=weekday_number(test_day),
    )
    return RedirectResponse(f"/athletes/{access.athlete_id}/experiment", status_code=303)


@router.get("/athletes/{athlete_id}/experiment", response_class=HTMLResponse)
def answer_page(
    request: Request,
    access: ReadAccess,
    store: StoreDep,
    day: Annotated[str | None, Query(alias="date", max_length=10)] = None,
) -> Response:
    name = _athlete_name(store, access.athlete_id)
    context: dict[str, Any] = {
        "athlete": {"id": access.athlete_id, "name": name},
        "role": access.role,
        "report": None,
        "day_names": _DAY_NAMES,
    }
    try:
        context["report"] = report_json(
            experiment_report(store, access.athlete_id, day=_date(day, "date"))
        )
    except RunstrongError as exc:
        if isinstance(exc, ValidationError):
            raise
        context["problem"] = str(exc)
    return render(request, "experiment.html", context)


def experiment_card(store: Store, athlete_id: int) -> dict[str, str] | None:
    """The dashboard's line on a running experiment: block, weeks left, adherence; else None."""
    spec = block_spec(store, athlete_id, date.today(), date.today())
    if spec is None:
        return None
    try:
        report = experiment_report(store, athlete_id).status
    except RunstrongError:
        return None
    arm = "strength twice a week" if report.arm == "B" else "control, no heavy leg work"
    b_ok, b_all = report.intervention_weeks_as_assigned
    a_ok, a_all = report.control_weeks_as_assigned
    t_ok, t_all = report.tests_done
    return {
        "headline": (
            f"Block {(report.block or 0) + 1} of {len(spec.order)} ({arm}), "
            f"{report.weeks_left} week(s) left. Adherence: {b_ok}/{b_all} strength weeks, "
            f"{a_ok}/{a_all} control weeks, {t_ok}/{t_all} test runs; "
            f"{len(report.deviations)} deviation(s)."
        ),
        "link": f"/athletes/{athlete_id}/experiment",
    }
