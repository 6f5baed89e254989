"""One activity's analysis as a plain JSON document, in SI units: what ``runstrong activity
show --json`` prints and what the API's activity answer adds (described in
docs/activity-json.md)."""

from __future__ import annotations

import math
from typing import Any

from runstrong.science.activity import Segment, ZoneTime
from runstrong.services.activity_detail import ActivityDetail
from runstrong.services.history import athlete_time

__all__ = ["FORMAT_VERSION", "activity_document", "analysis_document"]

FORMAT_VERSION = 1


def _num(value: float | None, digits: int = 3) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def _segment(segment: Segment) -> dict[str, Any]:
    return {
        "index": segment.index,
        "start_s": _num(segment.start_s, 1),
        "end_s": _num(segment.end_s, 1),
        "distance_m": _num(segment.distance_m, 1),
        "elapsed_time_s": _num(segment.elapsed_time_s, 1),
        "moving_time_s": _num(segment.moving_time_s, 1),
        "pace_s_per_km": _num(segment.pace_s_per_km, 1),
        "gap_s_per_km": _num(segment.gap_s_per_km, 1),
        "avg_hr_bpm": _num(segment.avg_hr_bpm, 1),
        "avg_cadence_spm": _num(segment.avg_cadence_spm, 1),
        "elevation_gain_m": _num(segment.elevation_gain_m, 1),
        "elevation_loss_m": _num(segment.elevation_loss_m, 1),
        "partial": segment.partial,
    }


def _zones(zones: tuple[ZoneTime, ...], low_key: str, high_key: str) -> list[dict[str, Any]]:
    return [
        {
            "name": zone.name,
            low_key: _num(zone.low, 1),
            high_key: _num(zone.high, 1),
            "time_s": _num(zone.time_s, 1),
        }
        for zone in zones
    ]


def analysis_document(detail: ActivityDetail) -> dict[str, Any]:
    """Splits, laps, zones, best efforts and the strength work before a key run."""
    athlete = detail.athlete
    laps = []
    for number, item in enumerate(detail.laps, start=1):
        lap, segment = item.lap, item.segment
        laps.append(
            {
                "index": number,
                "start_s": _num(lap.start_s, 1),
                "elapsed_time_s": _num(lap.elapsed_time_s, 1),
                "moving_time_s": _num(lap.moving_time_s, 1),
                "distance_m": _num(lap.distance_m, 1),
                "avg_hr_bpm": _num(lap.avg_hr_bpm, 1),
                "max_hr_bpm": _num(lap.max_hr_bpm, 1),
                "avg_cadence_spm": _num(lap.avg_cadence_spm, 1),
                "avg_power_w": _num(lap.avg_power_w, 1),
                "ascent_m": _num(lap.ascent_m, 1),
                "descent_m": _num(lap.descent_m, 1),
                "gap_s_per_km": _num(segment.gap_s_per_km, 1) if segment else None,
            }
        )
    heart_rate = None
    if detail.hr_zones:
        heart_rate = {
            "model": detail.hr_model,
            "hr_max_bpm": athlete.hr_max_bpm,
            "hr_rest_bpm": athlete.hr_rest_bpm if detail.hr_model == "hrr" else None,
            "zones": _zones(detail.hr_zones, "low_bpm", "high_bpm"),
        }
    pace = None
    if detail.pace_zones:
        pace = {
            "vdot": _num(detail.vdot, 2),
            "vdot_from": detail.vdot_from,
            "zones": _zones(detail.pace_zones, "slow_s_per_km", "fast_s_per_km"),
        }
    moving = sum(z.time_s for z in detail.hr_zones) or sum(z.time_s for z in detail.pace_zones)
    overall = detail.overall
    return {
        "grade_adjusted_pace_s_per_km": _num(overall.gap_s_per_km, 1) if overall else None,
        "split_length_m": detail.split_m,
        "splits": [_segment(s) for s in detail.splits],
        "laps": laps,
        "zones": {
            "moving_time_s": _num(moving, 1) if moving else None,
            "heart_rate": heart_rate,
            "pace": pace,
        },
        "best_efforts": [
            {
                "name": e.name,
                "distance_m": _num(e.distance_m, 3),
                "duration_s": _num(e.duration_s, 1),
                "pace_s_per_km": _num(e.pace_s_per_km, 1),
                "start_s": _num(e.start_s, 1),
                "end_s": _num(e.end_s, 1),
                "badge": e.badge,
            }
            for e in detail.best_efforts
        ],
        "key_run": detail.key_run,
        "heavy_legs": [
            {
                "strength_session_id": item.session.id,
                "started_at": athlete_time(item.session.started_at, athlete.timezone).isoformat(),
                "hours_before": _num(item.hours_before, 1),
                "hard_lower_body_sets": [
                    {
                        "exercise_slug": s.exercise_slug,
                        "reps": s.reps,
                        "load_kg": s.load_kg,
                        "rpe": s.rpe,
                        "side": s.side,
                    }
                    for s in item.hard_sets
                ],
            }
            for item in detail.heavy_legs
        ],
    }


def activity_document(detail: ActivityDetail) -> dict[str, Any]:
    """The whole document: the activity's summary and its analysis."""
    activity, athlete = detail.activity, detail.athlete
    return {
        "format_version": FORMAT_VERSION,
        "athlete": athlete.name,
        "activity": {
            "id": activity.id,
            "started_at": athlete_time(activity.started_at, athlete.timezone).isoformat(),
            "sport": activity.sport,
            "session_type": activity.session_type,
            "name": activity.name,
            "distance_m": activity.distance_m,
            "moving_time_s": activity.moving_time_s,
            "elapsed_time_s": activity.elapsed_time_s,
            "ascent_m": activity.ascent_m,
            "avg_hr_bpm": activity.avg_hr_bpm,
            "max_hr_bpm": activity.max_hr_bpm,
            "avg_cadence_spm": activity.avg_cadence_spm,
            "avg_power_w": activity.avg_power_w,
            "device": activity.device,
            "source": activity.source,
            "sample_count": detail.sample_count,
        },
        **analysis_document(detail),
    }
