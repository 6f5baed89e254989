"""Pages: "Is my strength work helping my running?" — the athlete's evidence report.

The report comes from a background job (see :mod:`runstrong.web.evidence_jobs`) and is stored
per ``data_version``; while the job runs the page shows its progress and ``static/evidence.js``
reloads it when the report is ready (without JavaScript, a link does the same). Charts are SVG
drawn on the server, each with a summary line and a data table.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from runstrong.domain.accounts import AthleteAccess
from runstrong.reports.evidence_svg import interval_chart, marker_chart, signed
from runstrong.services.evidence_cache import EXPOSURE_CHOICES, MARKER_CHOICES, check_choice
from runstrong.web.deps import AppStateDep, ReadAccess
from runstrong.web.evidence_jobs import evidence_or_job
from runstrong.web.state import AppState
from runstrong.web.templating import render

__all__ = ["evidence_card", "evidence_headline", "router"]

router = APIRouter(include_in_schema=False)

Marker = Annotated[str, Query(max_length=16, description="efficiency or vdot")]
Exposure = Annotated[str, Query(max_length=16, description="sessions or hard_sets")]

MARKER_NAMES = {
    "efficiency": "Easy-run speed at your reference heart rate",
    "vdot": "VDOT from races",
}
EXPOSURE_NAMES = {
    "sessions": "Lower-body strength sessions a week",
    "hard_sets": "Hard lower-body sets a week",
}
_VERDICT_WORDS = {
    "improved": "Your running was better after weeks with more strength work",
    "worse": "Your running was worse after weeks with more strength work",
    "no clear relation": "No clear relation yet between your strength work and your running",
    "cannot tell": "Your log cannot tell yet whether strength work helps your running",
}


def _digits(unit: str) -> int:
    return 2 if unit == "m/s" else 1


def evidence_headline(payload: dict[str, Any]) -> str:
    """The one-line answer: "No clear relation yet: 44 weeks, interval −0.13 to +0.06 m/s"."""
    if "error" in payload:
        return f"No answer yet: {payload['error']}"
    report, page = payload["report"], payload["page"]
    verdict, weeks = report["verdict"], report["n_weeks"]
    interval, unit = report["for_contrast"], page["marker_unit"]
    if verdict == "cannot tell" or interval is None:
        return f"Cannot tell yet from {report['weeks']} weeks of log"
    digits = _digits(unit)
    span = f"interval {signed(interval['low'], digits)} to {signed(interval['high'], digits)}"
    start = {
        "improved": "Better running with strength work",
        "worse": "Worse running with strength work",
    }.get(verdict, "No clear relation yet")
    return f"{start}: {weeks} weeks, {span} {unit}"


def _week_rows(page: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    unit = page["marker_unit"]
    for start, marker, sessions, sets, km in zip(
        page["week_starts"],
        page["marker_values"],
        page["strength_sessions"],
        page["hard_sets"],
        page["running_km"],
        strict=True,
    ):
        rows.append(
            (
                start,
                "—" if marker is None else f"{marker:.{_digits(unit) + 1}f}",
                f"{sessions or 0:.0f}",
                f"{sets or 0:.0f}",
                f"{km or 0:.1f}",
            )
        )
    return list(reversed(rows))


def _report_context(payload: dict[str, Any]) -> dict[str, Any]:
    report, page = payload["report"], payload["page"]
    unit = page["marker_unit"]
    digits = _digits(unit)
    interval = report["for_contrast"]
    context: dict[str, Any] = {
        "report": report,
        "page": page,
        "verdict_words": _VERDICT_WORDS.get(report["verdict"], report["verdict"]),
        "headline": evidence_headline(payload),
        "interval_svg": None,
        "interval_text": "",
        "marker_svg": Markup(
            marker_chart(
                [date.fromisoformat(d) for d in page["week_starts"]],
                page["marker_values"],
                page["strength_sessions"],
                label=page["marker_label"],
                unit=unit,
            )
        ),
        "week_rows": _week_rows(page),
        "marker_weeks": sum(v is not None for v in page["marker_values"]),
        "strength_weeks": sum(1 for v in page["strength_sessions"] if v),
    }
    if interval is not None:
        context["interval_svg"] = Markup(
            interval_chart(
                interval["estimate"],
                interval["low"],
                interval["high"],
                label=f"{page['contrast_label']}",
                unit=unit,
                digits=digits,
            )
        )
        context["interval_text"] = (
            f"{signed(interval['estimate'], digits)} {unit} "
            f"({page['confidence'] * 100:.0f} % interval {signed(interval['low'], digits)} to "
            f"{signed(interval['high'], digits)} {unit})"
        )
        percent = report["percent_of_mean"]
        if percent is not None:
            context["percent_text"] = (
                f"{signed(percent['estimate'], 1)} % of your average "
                f"({signed(percent['low'], 1)} to {signed(percent['high'], 1)} %)"
            )
    return context


@router.get("/athletes/{athlete_id}/evidence", response_class=HTMLResponse)
def evidence_page(
    request: Request,
    access: ReadAccess,
    state: AppStateDep,
    marker: Marker = "efficiency",
    exposure: Exposure = "sessions",
) -> Response:
    check_choice(marker, exposure)
    lookup = evidence_or_job(state, access, marker, exposure)
    found = lookup.state
    context: dict[str, Any] = {
        "athlete": found.athlete,
        "role": access.role,
        "marker": marker,
        "exposure": exposure,
        "marker_names": {k: MARKER_NAMES[k] for k in MARKER_CHOICES},
        "exposure_names": {k: EXPOSURE_NAMES[k] for k in EXPOSURE_CHOICES},
        "job": lookup.job,
        "payload": found.payload,
        "page_data": None,
    }
    if lookup.job is not None:
        context["page_data"] = {
            "jobUrl": f"/api/v1/athletes/{access.athlete_id}/jobs/{lookup.job.id}",
        }
    elif found.payload is not None and "error" not in found.payload:
        context.update(_report_context(found.payload))
    return render(request, "evidence.html", context)


def evidence_card(state: AppState, access: AthleteAccess) -> dict[str, str]:
    """The dashboard's one-line answer with its link; starts the job when it is missing."""
    lookup = evidence_or_job(state, access, "efficiency", "sessions")
    payload = lookup.state.payload
    if payload is None:
        return {
            "headline": "Working out whether your strength work goes with better running…",
            "link": "see the analysis",
        }
    link = "see what to log" if "error" in payload else "see why"
    return {"headline": evidence_headline(payload), "link": link}
