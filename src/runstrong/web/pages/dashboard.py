"""Pages: the athlete dashboard — headline cards, risk signals, interactive charts.

The charts are drawn in the browser by ``static/dashboard.js`` with plotly.js (served by the app
itself, so the page works offline) from JSON embedded in the page, in the athlete's units. Each
chart also has a one-line summary and a data table, for keyboards, screen readers and browsers
without JavaScript.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from runstrong.domain.units import (
    RACE_DISTANCES_M,
    format_distance,
    format_duration,
    format_pace,
    kg_to_lb,
)
from runstrong.services.dashboard import Dashboard, dashboard_data
from runstrong.services.readiness_document import readiness_document
from runstrong.web.api.dashboard import AsOf, Days
from runstrong.web.deps import AppStateDep, ReadAccess, StoreDep
from runstrong.web.pages.dashboard_readiness import readiness_context
from runstrong.web.pages.evidence import evidence_card
from runstrong.web.pages.experiment import experiment_card
from runstrong.web.templating import render
from runstrong.web.vendor import plotly_url

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_RACE_LABELS = {"5k": "5 km", "10k": "10 km", "half": "Half marathon", "marathon": "Marathon"}
_PERIODS = ((28, "4 weeks"), (90, "3 months"), (365, "1 year"), (730, "2 years"), (1825, "5 years"))
_TABLE_ROWS = 53
_GZIP_LEVEL = 5


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    label: str
    value: str
    detail: str


def _mass(load_kg: float, units: str) -> str:
    return f"{kg_to_lb(load_kg):.0f} lb" if units == "imperial" else f"{load_kg:.1f} kg"


def _mass_values(values_kg: Sequence[float], units: str) -> list[float]:
    if units == "imperial":
        return [round(kg_to_lb(value), 1) for value in values_kg]
    return list(values_kg)


def _tenths(values: Sequence[float]) -> list[float]:
    """Values to 0.1: what a chart can show, in a smaller page."""
    return [round(value, 1) for value in values]


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def _cards(data: Dashboard) -> list[Card]:
    status = data.status
    assert status is not None
    units = data.athlete.units
    load, volume, performance = status.load, status.volume, status.performance
    acwr = "—" if load.acwr_ewma is None else f"{load.acwr_ewma:.2f}"
    band = f"{data.acwr_band[0]:.1f}–{data.acwr_band[1]:.1f}"
    cards = [
        Card("card-ctl", "Fitness (CTL)", f"{load.ctl:.0f}", "42-day average load, AU a day"),
        Card("card-atl", "Fatigue (ATL)", f"{load.atl:.0f}", "7-day average load, AU a day"),
        Card(
            "card-tsb",
            "Form (TSB)",
            _signed(load.tsb),
            "yesterday's fitness minus fatigue; negative while training hard",
        ),
        Card(
            "card-acwr",
            "Acute:chronic load (EWMA)",
            acwr,
            f"band {band}; needs 28 days of history"
            if load.acwr_ewma is None
            else f"band {band}; flagged above {status.thresholds.load_spike_acwr:.2f}",
        ),
        Card(
            "card-volume",
            "Last 7 days",
            format_distance(volume.running_distance_7d_m, units),
            f"{volume.runs_7d} runs, {volume.strength_sessions_7d} strength sessions; "
            f"load {load.running_7d_au:.0f} AU running, {load.strength_7d_au:.0f} AU strength",
        ),
    ]
    if status.leg_press_e1rm:
        latest = status.leg_press_e1rm[-1]
        cards.append(
            Card(
                "card-e1rm",
                "Leg press e1RM",
                _mass(latest.e1rm_kg, units),
                f"best set on {latest.day.isoformat()}"
                + (
                    f" ({latest.relative_to_body_mass:.1f} × body mass)"
                    if latest.relative_to_body_mass
                    else ""
                ),
            )
        )
    else:
        cards.append(Card("card-e1rm", "Leg press e1RM", "—", "no leg press in 16 weeks"))
    if performance.vdot is not None:
        cards.append(
            Card("card-vdot", "VDOT", f"{performance.vdot:.1f}", f"from {performance.vdot_from}")
        )
    else:
        cards.append(Card("card-vdot", "VDOT", "—", "no race in the last 180 days"))
    balance = status.side_balance
    if balance is not None:
        weaker = "even" if balance.weaker_side == "none" else f"{balance.weaker_side} weaker"
        cards.append(
            Card(
                "card-asymmetry",
                "Single-leg asymmetry",
                f"{balance.asymmetry_percent:.1f} %",
                f"{weaker}, single-leg press on {balance.day.isoformat()}",
            )
        )
    else:
        cards.append(Card("card-asymmetry", "Single-leg asymmetry", "—", "no single-leg sets"))
    return cards


def _predictions(data: Dashboard) -> list[dict[str, str]]:
    assert data.status is not None
    units = data.athlete.units
    return [
        {
            "race": _RACE_LABELS.get(race, race),
            "time": format_duration(time_s),
            "pace": format_pace(time_s / RACE_DISTANCES_M[race] * 1000, units),
        }
        for race, time_s in data.status.performance.predicted_times_s.items()
    ]


def _chart_data(data: Dashboard) -> dict[str, Any]:
    """The charts' input, in the athlete's units (the API keeps SI)."""
    assert data.status is not None
    units = data.athlete.units
    series, thresholds = data.series, data.status.thresholds
    return {
        "massUnit": "lb" if units == "imperial" else "kg",
        "timezone": data.athlete.timezone,
        "firstDay": series.days[0].isoformat(),
        "ctl": _tenths(series.ctl),
        "atl": _tenths(series.atl),
        "tsb": _tenths(series.tsb),
        "runLoad": _tenths(series.running_load_au),
        "strengthLoad": _tenths(series.strength_load_au),
        "otherLoad": _tenths(series.other_load_au) if any(series.other_load_au) else None,
        "acwr": series.acwr_ewma,
        "acwrBand": data.acwr_band,
        "acwrSpike": thresholds.load_spike_acwr,
        "e1rm": {
            "days": [p.day.isoformat() for p in data.leg_press_e1rm],
            "values": _mass_values([p.e1rm_kg for p in data.leg_press_e1rm], units),
        },
        "asymmetry": {
            "days": [p.day.isoformat() for p in data.asymmetry],
            "percent": [p.asymmetry_percent for p in data.asymmetry],
            "caution": thresholds.asymmetry_caution_percent,
            "high": thresholds.asymmetry_high_percent,
        },
        "sets": {
            "weeks": [day.isoformat() for day in data.weekly_hard_sets.week_ends],
            "muscles": dict(data.weekly_hard_sets.by_muscle),
        },
    }


def _load_rows(data: Dashboard) -> list[dict[str, str]]:
    """At most ~53 rows: one per block of days ending on ``as_of``, newest first."""
    series = data.series
    count = len(series.days)
    step = max(7, math.ceil(count / _TABLE_ROWS))
    rows = []
    for end in range(count, 0, -step):
        start = max(end - step, 0)
        last = end - 1
        acwr = series.acwr_ewma[last]
        rows.append(
            {
                "day": series.days[last].isoformat(),
                "ctl": f"{series.ctl[last]:.1f}",
                "atl": f"{series.atl[last]:.1f}",
                "tsb": _signed(series.tsb[last]),
                "acwr": "—" if acwr is None else f"{acwr:.2f}",
                "run": f"{sum(series.running_load_au[start:end]):.0f}",
                "strength": f"{sum(series.strength_load_au[start:end]):.0f}",
            }
        )
    return rows


def _summaries(data: Dashboard, rows: list[dict[str, str]]) -> dict[str, str]:
    series, units = data.series, data.athlete.units
    first, last = 0, len(series.days) - 1
    period = f"{series.days[first].isoformat()} to {series.days[last].isoformat()}"
    run_total, strength_total = sum(series.running_load_au), sum(series.strength_load_au)
    total = run_total + strength_total + sum(series.other_load_au)
    share = 100 * strength_total / total if total else 0.0
    summary = {
        "fitness": (
            f"From {period}: fitness (CTL) went from {series.ctl[first]:.0f} to "
            f"{series.ctl[last]:.0f} AU a day; fatigue (ATL) is {series.atl[last]:.0f}, "
            f"form (TSB) {_signed(series.tsb[last])}."
        ),
        "load": (
            f"From {period}: {run_total:,.0f} AU of running and {strength_total:,.0f} AU of "
            f"strength training ({share:.0f} % of all load)."
        ),
    }
    ratios = [value for value in series.acwr_ewma if value is not None]
    low, high = data.acwr_band
    if ratios:
        inside = sum(low <= value <= high for value in ratios)
        summary["acwr"] = (
            f"Today {rows[0]['acwr']}; {inside} of {len(ratios)} days with a ratio were inside "
            f"the {low:.1f}–{high:.1f} band, {sum(v > high for v in ratios)} above it."
        )
    else:
        summary["acwr"] = "No ratio yet: it needs 28 days of history."
    points = data.leg_press_e1rm
    summary["e1rm"] = (
        f"{len(points)} days with leg press sets; e1RM from {_mass(points[0].e1rm_kg, units)} "
        f"({points[0].day.isoformat()}) to {_mass(points[-1].e1rm_kg, units)} "
        f"({points[-1].day.isoformat()}), best {_mass(max(p.e1rm_kg for p in points), units)}."
        if points
        else "No leg press sets with an e1RM estimate in this period."
    )
    sets = data.weekly_hard_sets.by_muscle
    summary["sets"] = (
        "Most hard sets in the last 12 weeks: "
        + ", ".join(f"{muscle} {sum(weeks):.0f}" for muscle, weeks in list(sets.items())[:4])
        + "."
        if sets
        else "No hard strength sets in the last 12 weeks."
    )
    balance = data.asymmetry
    summary["asymmetry"] = (
        f"{len(balance)} days with single-leg press sets on both legs; the latest "
        f"({balance[-1].day.isoformat()}) differs by {balance[-1].asymmetry_percent:.1f} %, the "
        f"largest by {max(p.asymmetry_percent for p in balance):.1f} %."
        if balance
        else "No single-leg press sets on both legs in this period."
    )
    return summary


def dashboard_context(data: Dashboard) -> dict[str, Any]:
    """What ``dashboard_body.html`` shows: the same for every viewer of this dashboard."""
    assert data.status is not None
    units = data.athlete.units
    rows = _load_rows(data)
    ready = readiness_context(data)
    charts = _chart_data(data) | {"wellness": ready["wellness_chart"]}
    return ready | {
        "data": data,
        "mass_unit": "lb" if units == "imperial" else "kg",
        "cards": _cards(data),
        "predictions": _predictions(data),
        "signals": data.status.signals,
        "notes": data.status.notes,
        "chart_data": charts,
        "load_rows": rows,
        "summary": _summaries(data, rows),
        "e1rm_rows": [
            (p.day.isoformat(), _mass(p.e1rm_kg, units))
            for p in reversed(data.leg_press_e1rm[-_TABLE_ROWS:])
        ],
        "asymmetry_rows": [
            (
                p.day.isoformat(),
                _mass(p.left_e1rm_kg, units),
                _mass(p.right_e1rm_kg, units),
                f"{p.asymmetry_percent:.1f} %",
            )
            for p in reversed(data.asymmetry[-_TABLE_ROWS:])
        ],
    }


def _body(request: Request, data: Dashboard) -> Markup:
    """The cards, signals and charts, rendered once per cached dashboard."""
    found: Markup | None = data.memo.get("page-body")
    if found is None:
        templates = request.app.state.runstrong.templates
        html = templates.env.get_template("dashboard_body.html").render(dashboard_context(data))
        found = data.memo.setdefault("page-body", Markup(html))
    return found


@router.get("/athletes/{athlete_id}", response_class=HTMLResponse)
def dashboard(
    request: Request,
    access: ReadAccess,
    store: StoreDep,
    state: AppStateDep,
    as_of: AsOf = None,
    days: Days = 365,
) -> Response:
    data = dashboard_data(store, access.athlete_id, as_of, days)
    context: dict[str, Any] = {
        "athlete": data.athlete,
        "data": data,
        "role": access.role,
        "periods": _PERIODS,
        "as_of_given": as_of.isoformat() if isinstance(as_of, date) else "",
        "plotly_url": plotly_url(),
        "body": _body(request, data) if data.has_data else Markup(""),
        "evidence_card": evidence_card(state, access) if data.has_data else None,
        "experiment_card": experiment_card(store, access.athlete_id),
        "readiness_card": readiness_document(data.readiness) if data.readiness else None,
    }
    return _gzipped(request, render(request, "dashboard.html", context))


def _gzipped(request: Request, response: Response) -> Response:
    """The page gzipped at a fast level when the browser takes it (the app's middleware would
    use level 9: four times the CPU for a page 1 % smaller); the middleware passes it on."""
    if "gzip" not in request.headers.get("accept-encoding", ""):
        return response
    response.body = gzip.compress(bytes(response.body), _GZIP_LEVEL, mtime=0)
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(response.body))
    response.headers["Vary"] = "Accept-Encoding"
    return response
