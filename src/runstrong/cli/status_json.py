"""The stable JSON form of ``runstrong status`` (documented in docs/status-json.md)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from runstrong.science import RiskSignal
from runstrong.services.readiness_document import readiness_document
from runstrong.services.status import PREDICTED_RACES, AthleteStatus

SCHEMA_VERSION = 1


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def signal_json(signal: RiskSignal, first_day: date) -> dict[str, Any]:
    return {
        "kind": signal.kind,
        "severity": signal.severity,
        "date": (first_day + timedelta(days=signal.day_index)).isoformat(),
        "title": signal.title,
        "metrics": {k: round(v, 3) for k, v in signal.metrics.items()},
        "labels": dict(signal.labels),
        "explanation": signal.explanation,
        "advice": signal.advice,
        "evidence_grade": signal.evidence_grade,
        "source": signal.source,
    }


def status_json(status: AthleteStatus) -> dict[str, Any]:
    volume, load, perf = status.volume, status.load, status.performance
    return {
        "schema_version": SCHEMA_VERSION,
        "athlete": status.athlete.name,
        "as_of": status.as_of.isoformat(),
        "log_starts": status.log_starts.isoformat(),
        "running": {
            "distance_7d_m": round(volume.running_distance_7d_m, 1),
            "time_7d_s": round(volume.running_time_7d_s),
            "distance_28d_m": round(volume.running_distance_28d_m, 1),
            "time_28d_s": round(volume.running_time_28d_s),
            "runs_7d": volume.runs_7d,
        },
        "strength": {
            "sessions_7d": volume.strength_sessions_7d,
            "sessions_28d": volume.strength_sessions_28d,
            "hard_sets_7d_by_muscle": dict(volume.hard_sets_7d_by_muscle),
            "plyometric_foot_contacts_7d": round(volume.foot_contacts_7d),
            "leg_press_e1rm": [
                {
                    "date": p.day.isoformat(),
                    "e1rm_kg": round(p.e1rm_kg, 1),
                    "per_kg_body_mass": _round(p.relative_to_body_mass),
                }
                for p in status.leg_press_e1rm
            ],
            "side_balance": None
            if status.side_balance is None
            else {
                **asdict(status.side_balance),
                "day": status.side_balance.day.isoformat(),
                "left_e1rm_kg": round(status.side_balance.left_e1rm_kg, 1),
                "right_e1rm_kg": round(status.side_balance.right_e1rm_kg, 1),
                "asymmetry_percent": round(status.side_balance.asymmetry_percent, 1),
            },
        },
        "load": {
            "unit": "AU (session-RPE: CR-10 RPE x minutes)",
            "today": round(load.today_au, 1),
            "running_7d": round(load.running_7d_au, 1),
            "strength_7d": round(load.strength_7d_au, 1),
            "other_7d": round(load.other_7d_au, 1),
            "trimp_7d": round(load.trimp_7d, 1),
            "rtss_7d": _round(load.rtss_7d, 1),
            "ctl": round(load.ctl, 1),
            "atl": round(load.atl, 1),
            "tsb": round(load.tsb, 1),
            "acwr_rolling": _round(load.acwr_rolling, 3),
            "acwr_ewma": _round(load.acwr_ewma, 3),
            "monotony": _round(load.monotony, 3),
            "strain": _round(load.strain, 1),
            "daily_28d": [round(v, 1) for v in load.daily_load_28d_au],
            "history_days": load.history_days,
            "sessions_with_estimated_rpe": status.sessions_with_estimated_rpe,
        },
        "performance": {
            "vdot": _round(perf.vdot, 1),
            "vdot_from": perf.vdot_from,
            "predicted_times_s": {
                name: None
                if name not in perf.predicted_times_s
                else round(perf.predicted_times_s[name])
                for name in PREDICTED_RACES
            },
            "critical_speed_m_per_s": _round(perf.critical_speed_m_per_s, 3),
            "d_prime_m": _round(perf.d_prime_m, 0),
            "critical_speed_note": perf.critical_speed_note,
            "critical_speed_from": perf.critical_speed_from,
        },
        "signals": [signal_json(s, status.log_starts) for s in status.signals],
        "thresholds": asdict(status.thresholds),
        "notes": list(status.notes),
        "readiness": None if status.readiness is None else readiness_document(status.readiness),
    }
