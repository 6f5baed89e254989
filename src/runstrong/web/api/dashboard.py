"""JSON API: an athlete's dashboard (series for charts) and status (headline and risk signals).

Everything is in SI units and arbitrary load units (AU): metres, seconds, kilograms. Days are
local days in the athlete's time zone; ``units`` and ``timezone`` say how to show them.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from datetime import date
from typing import Annotated, Final

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from runstrong import __version__
from runstrong.domain.units import RACE_DISTANCES_M
from runstrong.science import RiskSignal
from runstrong.services.dashboard import MAX_DAYS, MIN_DAYS, Dashboard, dashboard_data
from runstrong.web.api.schemas import ERROR_RESPONSES
from runstrong.web.deps import ReadAccess, StoreDep

__all__ = ["DashboardPublic", "StatusPublic", "router"]

router = APIRouter(tags=["dashboard"], responses=ERROR_RESPONSES)

#: Fast gzip: level 9 costs four times the CPU of level 5 for 1 % smaller answers.
_GZIP_LEVEL: Final = 5

AsOf = Annotated[
    date | None,
    Query(description="The last day shown (YYYY-MM-DD, athlete's time zone); default today."),
]
Days = Annotated[
    int, Query(ge=MIN_DAYS, le=MAX_DAYS, description=f"Days of series ({MIN_DAYS}-{MAX_DAYS}).")
]


class Headline(BaseModel):
    """Today's numbers: fitness (CTL), fatigue (ATL), form (TSB), loads in AU."""

    ctl: float
    atl: float
    tsb: float
    acwr_ewma: float | None
    today_load_au: float
    running_load_7d_au: float
    strength_load_7d_au: float
    running_distance_7d_m: float
    running_distance_28d_m: float
    runs_7d: int
    strength_sessions_7d: int
    leg_press_e1rm_kg: float | None
    leg_press_e1rm_day: date | None
    asymmetry_percent: float | None
    asymmetry_day: date | None
    weaker_side: str | None


class Prediction(BaseModel):
    race: str
    distance_m: float
    time_s: float
    pace_s_per_km: float


class Performance(BaseModel):
    vdot: float | None
    vdot_from: str | None
    predictions: list[Prediction]


class Signal(BaseModel):
    kind: str
    severity: str
    title: str
    explanation: str
    advice: str
    evidence_grade: str
    source: str
    metrics: dict[str, float]
    labels: dict[str, str]


class Series(BaseModel):
    """One value per day, oldest first; ``acwr_ewma`` is null under 28 days of history."""

    days: list[date]
    ctl: list[float]
    atl: list[float]
    tsb: list[float]
    running_load_au: list[float]
    strength_load_au: list[float]
    other_load_au: list[float]
    running_distance_m: list[float]
    acwr_ewma: list[float | None]


class E1rmPoint(BaseModel):
    day: date
    e1rm_kg: float


class AsymmetryPoint(BaseModel):
    day: date
    left_e1rm_kg: float
    right_e1rm_kg: float
    asymmetry_percent: float


class WeeklyHardSets(BaseModel):
    """Weighted hard sets per muscle, in 7-day blocks ending on each of ``week_ends``."""

    week_ends: list[date]
    by_muscle: dict[str, list[float]]


class Thresholds(BaseModel):
    acwr_band_low: float
    acwr_band_high: float
    load_spike_acwr: float
    asymmetry_caution_percent: float
    asymmetry_high_percent: float


class StatusPublic(BaseModel):
    athlete_id: int
    athlete_name: str
    units: str
    timezone: str
    as_of: date
    data_version: int
    has_data: bool
    log_starts: date | None
    headline: Headline | None
    performance: Performance | None
    signals: list[Signal]
    notes: list[str]


class DashboardPublic(StatusPublic):
    days: int
    thresholds: Thresholds | None
    series: Series
    leg_press_e1rm: list[E1rmPoint]
    asymmetry: list[AsymmetryPoint]
    weekly_hard_sets: WeeklyHardSets


def _signal(signal: RiskSignal) -> Signal:
    return Signal(
        kind=signal.kind,
        severity=signal.severity,
        title=signal.title,
        explanation=signal.explanation,
        advice=signal.advice,
        evidence_grade=signal.evidence_grade,
        source=signal.source,
        metrics=dict(signal.metrics),
        labels=dict(signal.labels),
    )


def _status_fields(data: Dashboard) -> dict[str, object]:
    athlete, status = data.athlete, data.status
    assert athlete.id is not None
    fields: dict[str, object] = {
        "athlete_id": athlete.id,
        "athlete_name": athlete.name,
        "units": athlete.units,
        "timezone": athlete.timezone,
        "as_of": data.as_of,
        "data_version": data.data_version,
        "has_data": status is not None,
        "log_starts": None,
        "headline": None,
        "performance": None,
        "signals": [],
        "notes": [],
    }
    if status is None:
        return fields
    load, volume, performance = status.load, status.volume, status.performance
    e1rm = status.leg_press_e1rm[-1] if status.leg_press_e1rm else None
    balance = status.side_balance
    fields["log_starts"] = status.log_starts
    fields["headline"] = Headline(
        ctl=round(load.ctl, 2),
        atl=round(load.atl, 2),
        tsb=round(load.tsb, 2),
        acwr_ewma=None if load.acwr_ewma is None else round(load.acwr_ewma, 3),
        today_load_au=round(load.today_au, 1),
        running_load_7d_au=round(load.running_7d_au, 1),
        strength_load_7d_au=round(load.strength_7d_au, 1),
        running_distance_7d_m=round(volume.running_distance_7d_m, 1),
        running_distance_28d_m=round(volume.running_distance_28d_m, 1),
        runs_7d=volume.runs_7d,
        strength_sessions_7d=volume.strength_sessions_7d,
        leg_press_e1rm_kg=round(e1rm.e1rm_kg, 1) if e1rm else None,
        leg_press_e1rm_day=e1rm.day if e1rm else None,
        asymmetry_percent=round(balance.asymmetry_percent, 1) if balance else None,
        asymmetry_day=balance.day if balance else None,
        weaker_side=balance.weaker_side if balance else None,
    )
    fields["performance"] = Performance(
        vdot=None if performance.vdot is None else round(performance.vdot, 1),
        vdot_from=performance.vdot_from,
        predictions=[
            Prediction(
                race=race,
                distance_m=RACE_DISTANCES_M[race],
                time_s=round(time_s, 1),
                pace_s_per_km=round(time_s / RACE_DISTANCES_M[race] * 1000, 1),
            )
            for race, time_s in performance.predicted_times_s.items()
        ],
    )
    fields["signals"] = [_signal(signal) for signal in status.signals]
    fields["notes"] = list(status.notes)
    return fields


def dashboard_public(data: Dashboard) -> DashboardPublic:
    series = data.series
    status = data.status
    thresholds = None
    if status is not None:
        thresholds = Thresholds(
            acwr_band_low=data.acwr_band[0],
            acwr_band_high=data.acwr_band[1],
            load_spike_acwr=status.thresholds.load_spike_acwr,
            asymmetry_caution_percent=status.thresholds.asymmetry_caution_percent,
            asymmetry_high_percent=status.thresholds.asymmetry_high_percent,
        )
    return DashboardPublic(
        **_status_fields(data),  # type: ignore[arg-type]
        days=data.days,
        thresholds=thresholds,
        series=Series(
            days=list(series.days),
            ctl=list(series.ctl),
            atl=list(series.atl),
            tsb=list(series.tsb),
            running_load_au=list(series.running_load_au),
            strength_load_au=list(series.strength_load_au),
            other_load_au=list(series.other_load_au),
            running_distance_m=list(series.running_distance_m),
            acwr_ewma=list(series.acwr_ewma),
        ),
        leg_press_e1rm=[E1rmPoint(day=p.day, e1rm_kg=p.e1rm_kg) for p in data.leg_press_e1rm],
        asymmetry=[
            AsymmetryPoint(
                day=p.day,
                left_e1rm_kg=p.left_e1rm_kg,
                right_e1rm_kg=p.right_e1rm_kg,
                asymmetry_percent=p.asymmetry_percent,
            )
            for p in data.asymmetry
        ],
        weekly_hard_sets=WeeklyHardSets(
            week_ends=list(data.weekly_hard_sets.week_ends),
            by_muscle={m: list(v) for m, v in data.weekly_hard_sets.by_muscle.items()},
        ),
    )


def _encoded(data: Dashboard, kind: str, build: Callable[[], BaseModel]) -> tuple[bytes, bytes]:
    """The answer as JSON and gzipped JSON, made once per cached dashboard."""
    found: tuple[bytes, bytes] | None = data.memo.get(kind)
    if found is None:
        body = build().model_dump_json().encode()
        found = data.memo.setdefault(kind, (body, gzip.compress(body, _GZIP_LEVEL, mtime=0)))
    return found


def _answer(
    request: Request, data: Dashboard, kind: str, build: Callable[[], BaseModel]
) -> Response:
    """The JSON answer, gzipped when the client takes it, ``304`` when its copy is current."""
    etag = (
        f'"{kind}-{data.athlete.id}-{data.data_version}-{data.as_of.isoformat()}-{data.days}'
        f'-{__version__}"'
    )
    headers = {"ETag": etag, "Vary": "Accept-Encoding", "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    body, packed = _encoded(data, kind, build)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type="application/json", headers=headers)
    return Response(body, media_type="application/json", headers=headers)


@router.get("/athletes/{athlete_id}/dashboard", response_model=DashboardPublic)
def dashboard(
    request: Request, access: ReadAccess, store: StoreDep, as_of: AsOf = None, days: Days = 365
) -> Response:
    """Series for the dashboard charts over ``days`` days ending on ``as_of``, the headline
    numbers, VDOT and race predictions, and today's risk signals with their evidence grades.

    Answers carry an ``ETag`` that changes with the athlete's data: send it back in
    ``If-None-Match`` to get ``304 Not Modified`` while nothing changed."""
    data = dashboard_data(store, access.athlete_id, as_of, days)
    return _answer(request, data, "dashboard", lambda: dashboard_public(data))


@router.get("/athletes/{athlete_id}/status", response_model=StatusPublic)
def status(request: Request, access: ReadAccess, store: StoreDep, as_of: AsOf = None) -> Response:
    """The headline numbers, VDOT and race predictions, and the risk signals on ``as_of``."""
    data = dashboard_data(store, access.athlete_id, as_of)  # shares the dashboard's cache entry
    return _answer(request, data, "status", lambda: StatusPublic(**_status_fields(data)))  # type: ignore[arg-type]
