"""The readiness document the CLI (``status --json``), the API and the dashboard share."""

from __future__ import annotations

import math
from typing import Any

from runstrong.domain.checkin import Checkin
from runstrong.science.risk.readiness import ReadinessSignal
from runstrong.services.readiness import Readiness

__all__ = ["checkin_document", "readiness_document", "readiness_signal_document"]


def _num(value: float, digits: int = 3) -> float | None:
    return round(float(value), digits) if math.isfinite(value) else None


def checkin_document(checkin: Checkin) -> dict[str, Any]:
    """A check-in as JSON."""
    return {
        "date": checkin.day.isoformat(),
        "soreness": dict(checkin.soreness),
        "sleep_h": checkin.sleep_h,
        "sleep_quality": checkin.sleep_quality,
        "resting_hr_bpm": checkin.resting_hr_bpm,
        "rmssd_ms": checkin.rmssd_ms,
        "sdnn_ms": checkin.sdnn_ms,
        "hrv_source": checkin.hrv_source,
        "fatigue": checkin.fatigue,
        "stress": checkin.stress,
        "illness": checkin.illness,
        "note": checkin.note,
        "source": checkin.source,
    }


def readiness_signal_document(state: Readiness, signal: ReadinessSignal) -> dict[str, Any]:
    choice = state.choice_for(signal.kind)
    return {
        "kind": signal.kind,
        "severity": signal.severity,
        "date": state.day_of(signal).isoformat(),
        "title": signal.title,
        "metrics": {k: round(v, 3) for k, v in signal.metrics.items()},
        "labels": {k: v for k, v in signal.labels.items() if k != "cause"},
        "explanation": signal.explanation,
        "advice": signal.advice,
        "evidence_grade": signal.evidence_grade,
        "source": signal.source,
        "actions": list(signal.actions),
        "chosen": None
        if choice is None
        else {"action": choice.action, "summary": choice.summary, "detail": dict(choice.detail)},
    }


def readiness_document(state: Readiness, *, series: bool = False) -> dict[str, Any]:
    """Today's check-in, signals and HRV normal range; with ``series`` the 90-day wellness
    series for a chart (rMSSD and SDNN apart, never mixed)."""
    last = state.band.rolling.size - 1
    document: dict[str, Any] = {
        "date": state.as_of.isoformat(),
        "checkin": None if state.today is None else checkin_document(state.today),
        "signals": [readiness_signal_document(state, s) for s in state.signals],
        "choices": [
            {"signal": c.kind, "action": c.action, "summary": c.summary, "detail": dict(c.detail)}
            for c in state.choices
            if c.day == state.as_of
        ],
        "hrv": {
            "ln_rmssd_7d": _num(state.band.rolling[last]),
            "normal_low": _num(state.band.lower[last]),
            "normal_high": _num(state.band.upper[last]),
        },
    }
    if series:
        by_day = {c.day: c for c in state.checkins}
        days = [state.first_day.toordinal() + i for i in range(state.band.rolling.size)]
        rows = [by_day.get(type(state.as_of).fromordinal(d)) for d in days]
        document["series"] = {
            "dates": [type(state.as_of).fromordinal(d).isoformat() for d in days],
            "rmssd_ms": [None if r is None else r.rmssd_ms for r in rows],
            "ln_rmssd_7d": [_num(v) for v in state.band.rolling],
            "normal_low": [_num(v) for v in state.band.lower],
            "normal_high": [_num(v) for v in state.band.upper],
            "sdnn_ms": [None if r is None else r.sdnn_ms for r in rows],
            "resting_hr_bpm": [None if r is None else r.resting_hr_bpm for r in rows],
            "sleep_h": [None if r is None else r.sleep_h for r in rows],
            "soreness": {
                region: [None if r is None else r.soreness.get(region) for r in rows]
                for region in ("quads", "hamstrings", "glutes", "calves", "hips", "lower_back")
            },
            "heavy_strength_days": [d.isoformat() for d in state.heavy_days],
        }
    return document
