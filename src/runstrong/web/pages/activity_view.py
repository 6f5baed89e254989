"""The activity page's analysis, formatted for the templates: splits, laps, zones, best efforts,
route, the strength sessions before a key run, and the chart data (JSON for static/activity.js).

Everything is put in the athlete's units here (km or mi, kg or lb); the templates only place it.
"""

from __future__ import annotations

import math
import threading
import weakref
from typing import Any

import numpy as np
from jinja2.utils import htmlsafe_json_dumps

from runstrong.domain.models import Athlete
from runstrong.domain.units import METRES_PER_MILE, format_duration, format_pace, kg_to_lb
from runstrong.science.activity import Segment, ZoneTime
from runstrong.services.activity_detail import ActivityDetail
from runstrong.services.history import athlete_time

__all__ = ["activity_context"]

#: Rows of a chart's data table (the chart itself has up to 2,000 points).
_TABLE_ROWS = 40
#: Paces slower than this (s/km) are stops, not running: left out of the pace chart.
_SLOWEST_PACE_S_PER_KM = 20 * 60
_HR_MODELS = {
    "hrr": "heart-rate reserve (Karvonen): zones are fractions of max minus resting heart rate",
    "hrmax": "fractions of maximum heart rate (set a resting heart rate for the reserve model)",
}


def _pace(pace_s_per_km: float | None, athlete: Athlete) -> str:
    return format_pace(pace_s_per_km, athlete.units) if pace_s_per_km else "–"


def _bare_pace(pace_s_per_km: float | None, athlete: Athlete) -> str:
    """A pace without its unit, for table cells whose header names it."""
    return _pace(pace_s_per_km, athlete).split("/")[0]


def _number(value: float | None, digits: int = 0, suffix: str = "") -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.{digits}f}{suffix}"


def _length(distance_m: float, athlete: Athlete) -> str:
    if athlete.units == "imperial":
        return f"{distance_m / METRES_PER_MILE:.2f} mi"
    return f"{distance_m / 1000:.2f} km"


def _segment_row(segment: Segment | None, athlete: Athlete) -> dict[str, str]:
    if segment is None:
        return dict.fromkeys(("time", "pace", "gap", "hr", "gain", "loss", "cadence"), "–")
    return {
        "distance": _length(segment.distance_m, athlete),
        "time": format_duration(segment.elapsed_time_s),
        "moving": format_duration(segment.moving_time_s),
        "pace": _bare_pace(segment.pace_s_per_km, athlete),
        "gap": _bare_pace(segment.gap_s_per_km, athlete),
        "hr": _number(segment.avg_hr_bpm),
        "gain": _number(segment.elevation_gain_m, suffix=" m"),
        "loss": _number(segment.elevation_loss_m, suffix=" m"),
        "cadence": _number(segment.avg_cadence_spm),
    }


def _zone_rows(zones: tuple[ZoneTime, ...], kind: str, athlete: Athlete) -> list[dict[str, str]]:
    total = sum(zone.time_s for zone in zones) or 1.0
    rows = []
    for zone in zones:
        if zone.name == "no data" and zone.time_s == 0:
            continue
        if kind == "hr":
            low = f"{zone.low:.0f}" if zone.low is not None else None
            high = f"{zone.high:.0f}" if zone.high is not None else None
        else:  # pace bounds: low is the slower end
            low = _bare_pace(zone.low, athlete) if zone.low is not None else None
            high = _bare_pace(zone.high, athlete) if zone.high is not None else None
        if low and high:
            bounds = f"{low}–{high}"
        elif low:
            bounds = f"≥ {low}" if kind == "hr" else f"< {low}"
        elif high:
            bounds = f"< {high}" if kind == "hr" else f"> {high}"
        else:
            bounds = ""
        percent = zone.time_s / total * 100
        rows.append(
            {
                "name": zone.name,
                "bounds": bounds,
                "time": format_duration(zone.time_s),
                "percent": f"{percent:.0f} %",
                "width": f"{percent:.1f}",
            }
        )
    return rows


def _load_text(load_kg: float, athlete: Athlete) -> str:
    if load_kg <= 0:
        return "body weight"
    if athlete.units == "imperial":
        return f"{round(kg_to_lb(load_kg), 1):g} lb"
    return f"{round(load_kg, 1):g} kg"


def _rounded(values: np.ndarray[Any, Any], digits: int) -> list[float | None]:
    """Values rounded for JSON, ``nan`` as ``None`` (JSON has no NaN)."""
    rounded: list[float] = np.round(values, digits).tolist()
    return [None if value != value else value for value in rounded]


def _chart_data(detail: ActivityDetail) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The JSON for the charts, and per chart a summary line and a table of its data."""
    charts = detail.charts
    if charts is None or len(charts.columns.get("time_s", ())) < 2:
        return None, []
    athlete = detail.athlete
    imperial = athlete.units == "imperial"
    unit_m = METRES_PER_MILE if imperial else 1000.0
    columns = charts.columns
    time_s = columns["time_s"]
    distance = columns.get("distance_m")
    series: list[dict[str, Any]] = []
    speed = columns.get("speed_m_per_s")
    if speed is not None:
        if detail.activity.is_run:
            pace = np.divide(unit_m, speed, out=np.full(len(speed), np.nan), where=speed > 0)
            pace[pace > _SLOWEST_PACE_S_PER_KM * unit_m / 1000] = np.nan
            series.append(
                {
                    "key": "pace",
                    "title": "Pace",
                    "unit": "/mi" if imperial else "/km",
                    "values": pace,
                    "digits": 0,
                    "pace": True,
                }
            )
        else:
            factor = 3600 / unit_m
            series.append(
                {
                    "key": "speed",
                    "title": "Speed",
                    "unit": "mph" if imperial else "km/h",
                    "values": speed * factor,
                    "digits": 1,
                    "pace": False,
                }
            )
    if "cadence_spm" in columns:  # a cadence of 0 is standing still, not a value to chart
        cadence = columns["cadence_spm"]
        columns = {**columns, "cadence_spm": np.where(cadence > 0, cadence, np.nan)}
    for key, column, title, unit, digits in (
        ("hr", "hr_bpm", "Heart rate", "bpm", 0),
        ("elevation", "altitude_m", "Elevation", "m", 0),
        ("cadence", "cadence_spm", "Cadence", "spm", 0),
        ("power", "power_w", "Power", "W", 0),
    ):
        if column in columns:
            series.append(
                {
                    "key": key,
                    "title": title,
                    "unit": unit,
                    "values": columns[column],
                    "digits": digits,
                    "pace": False,
                }
            )
    if not series:
        return None, []
    x_distance = distance / unit_m if distance is not None else None
    data = {
        "distanceUnit": "mi" if imperial else "km",
        "timeS": _rounded(time_s, 0),
        "distance": _rounded(x_distance, 3) if x_distance is not None else None,
        "step": charts.step,
        "series": [
            {
                "key": s["key"],
                "title": s["title"],
                "unit": s["unit"],
                "pace": s["pace"],
                "values": _rounded(s["values"], 1 if s["digits"] else 0),
            }
            for s in series
        ],
    }
    picks = np.unique(np.linspace(0, len(time_s) - 1, min(_TABLE_ROWS, len(time_s))).astype(int))
    tables = []
    for s in series:
        values = s["values"]
        finite = values[np.isfinite(values)]
        if s["pace"]:
            shown = [
                _pace(v * 1000 / unit_m, athlete) if math.isfinite(v) else "–"
                for v in values[picks]
            ]
            if len(finite):
                slow, middle, fast = np.percentile(finite, [95, 50, 5]) * 1000 / unit_m
                summary = (
                    f"Pace mostly between {_pace(slow, athlete)} and {_pace(fast, athlete)} "
                    f"(5th to 95th percentile), median {_pace(middle, athlete)}."
                )
            else:
                summary = "No pace recorded."
        else:
            fmt = f"{{:.{s['digits']}f}}"
            shown = [fmt.format(v) if math.isfinite(v) else "–" for v in values[picks]]
            summary = (
                f"{s['title']} from {fmt.format(finite.min())} to {fmt.format(finite.max())} "
                f"{s['unit']}, average {fmt.format(finite.mean())} {s['unit']}."
                if len(finite)
                else f"No {s['title'].lower()} recorded."
            )
        rows = [
            {
                "time": format_duration(float(time_s[i])),
                "distance": _length(float(distance[i]), athlete)
                if distance is not None and math.isfinite(distance[i])
                else "–",
                "value": shown[n],
            }
            for n, i in enumerate(picks)
        ]
        tables.append(
            {
                "key": s["key"],
                "title": s["title"],
                "unit": s["unit"],
                "summary": summary,
                "rows": rows,
            }
        )
    return data, tables


#: Formatted sections per analysis: an analysis is cached by the service while its data is
#: current, so its formatting is kept as long as the analysis itself lives.
_FORMATTED: weakref.WeakKeyDictionary[ActivityDetail, dict[str, Any]] = weakref.WeakKeyDictionary()
_FORMATTED_LOCK = threading.Lock()


def activity_context(detail: ActivityDetail) -> dict[str, Any]:
    """The template values of the activity page's analysis sections."""
    with _FORMATTED_LOCK:
        found = _FORMATTED.get(detail)
    if found is None:
        found = _activity_context(detail)
        with _FORMATTED_LOCK:
            _FORMATTED[detail] = found
    return found


def _activity_context(detail: ActivityDetail) -> dict[str, Any]:
    athlete = detail.athlete
    assert athlete.id is not None
    chart_json, chart_tables = _chart_data(detail)
    split_rows: list[dict[str, Any]] = []
    for segment in detail.splits:
        row: dict[str, Any] = _segment_row(segment, athlete)
        row["label"] = str(segment.index)
        row["partial_text"] = (
            f"partial, {_length(segment.distance_m, athlete)}" if segment.partial else ""
        )
        row["partial"] = segment.partial
        split_rows.append(row)
    lap_rows = []
    for number, lap_detail in enumerate(detail.laps, start=1):
        lap = lap_detail.lap
        row = _segment_row(lap_detail.segment, athlete)
        pace = None
        if lap.distance_m and (lap.moving_time_s or lap.elapsed_time_s):
            pace = (lap.moving_time_s or lap.elapsed_time_s) / lap.distance_m * 1000
        row.update(
            label=str(number),
            distance=_length(lap.distance_m, athlete) if lap.distance_m else "–",
            time=format_duration(lap.moving_time_s or lap.elapsed_time_s),
            pace=_bare_pace(pace, athlete),
            hr=_number(lap.avg_hr_bpm) if lap.avg_hr_bpm else row["hr"],
            cadence=_number(lap.avg_cadence_spm) if lap.avg_cadence_spm else row["cadence"],
            gain=_number(lap.ascent_m, suffix=" m") if lap.ascent_m is not None else row["gain"],
            loss=_number(lap.descent_m, suffix=" m") if lap.descent_m is not None else row["loss"],
        )
        lap_rows.append(row)
    efforts = [
        {
            "name": effort.name,
            "time": format_duration(effort.duration_s),
            "pace": _bare_pace(effort.pace_s_per_km, athlete),
            "where": f"{format_duration(effort.start_s)}–{format_duration(effort.end_s)}",
            "badge": effort.badge,
        }
        for effort in detail.best_efforts
    ]
    heavy = [
        {
            "href": f"/athletes/{athlete.id}/strength/{item.session.id}",
            "when": athlete_time(item.session.started_at, athlete.timezone).strftime(
                "%a %d %b %H:%M"
            ),
            "hours": f"{item.hours_before:.0f} h before",
            "rpe": item.session.rpe,
            "sets": [
                f"{s.exercise_name}: {s.reps} × {_load_text(s.load_kg, athlete)}"
                + (f" @ RPE {s.rpe:g}" if s.rpe is not None else " (session RPE)")
                + (f", {s.side}" if s.side != "both" else "")
                for s in item.hard_sets
            ],
        }
        for item in detail.heavy_legs
    ]
    overall = detail.overall
    moving_total = sum(z.time_s for z in detail.hr_zones) or sum(
        z.time_s for z in detail.pace_zones
    )
    return {
        "detail": detail,
        "pace_unit": "/mi" if athlete.units == "imperial" else "/km",
        "split_unit": detail.split_unit,
        "split_rows": split_rows,
        "lap_rows": lap_rows,
        "hr_zone_rows": _zone_rows(detail.hr_zones, "hr", athlete),
        "hr_model_text": _HR_MODELS.get(detail.hr_model or "", ""),
        "pace_zone_rows": _zone_rows(detail.pace_zones, "pace", athlete),
        "zones_moving": format_duration(moving_total) if moving_total else None,
        "effort_rows": efforts,
        "route": detail.route,
        "heavy_legs": heavy,
        "overall": _segment_row(overall, athlete) if overall else None,
        "overall_gap": _pace(overall.gap_s_per_km, athlete) if overall else None,
        "overall_pace": _pace(overall.pace_s_per_km, athlete) if overall else None,
        "chart_json": chart_json,
        # serialised once here rather than by the template on every request
        "chart_json_text": htmlsafe_json_dumps(chart_json) if chart_json else None,
        "chart_tables": chart_tables,
    }
