"""The evidence report as JSON: what ``runstrong evidence --json`` prints and the API returns,
plus the weekly series and wording the web page draws (kept apart, under ``page``)."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from runstrong.science.evidence.model import EffectInterval
from runstrong.science.evidence.series import EXPOSURES, MARKERS
from runstrong.services.evidence import EvidenceReport

__all__ = ["evidence_json", "evidence_page_data"]


def _interval(value: EffectInterval | None) -> dict[str, float] | None:
    if value is None:
        return None
    return {"estimate": value.estimate, "low": value.low, "high": value.high}


def evidence_json(report: EvidenceReport) -> dict[str, Any]:
    """The report as ``runstrong evidence --json`` prints it."""
    e = report.estimate
    return {
        "athlete": report.athlete.name,
        "first_week": report.first_week.isoformat(),
        "weeks": report.n_weeks,
        "marker": report.marker_kind,
        "marker_method": report.marker_method,
        "exposure": report.exposure,
        "verdict": e.verdict,
        "summary": e.summary,
        "reasons": list(e.reasons),
        "confounders": list(e.confounders),
        "caveat": e.caveat,
        "advice": list(e.advice),
        "lag_weeks": list(e.lag_weeks),
        "contrast": e.contrast,
        "per_unit": _interval(e.per_unit),
        "for_contrast": _interval(e.for_contrast),
        "percent_of_mean": _interval(e.percent_of_mean),
        "p_value": e.p_value,
        "n_weeks": e.n_weeks,
        "n_weeks_with_strength": e.n_weeks_with_strength,
        "published": [
            {"statement": f.statement, "grade": f.grade, "source": f.source, "year": f.year}
            for f in report.published
        ],
        "readiness_choices": readiness_choices(report),
    }


def readiness_choices(report: EvidenceReport) -> dict[str, Any]:
    """How many readiness signals the runner acted on, by action and by signal."""
    actions: dict[str, int] = {}
    signals: dict[str, int] = {}
    for choice in report.readiness_choices:
        actions[choice.action] = actions.get(choice.action, 0) + 1
        signals[choice.kind] = signals.get(choice.kind, 0) + 1
    return {"count": len(report.readiness_choices), "actions": actions, "signals": signals}


def readiness_choices_text(report: EvidenceReport) -> str | None:
    """One sentence for the report's inputs, or None when no signal was acted on."""
    summary = readiness_choices(report)
    if not summary["count"]:
        return None
    words = {"swap": "swapped a key run", "lighten": "lightened strength", "keep": "kept the plan"}
    parts = [f"{words.get(a, a)} {n}×" for a, n in sorted(summary["actions"].items())]
    plural = "s" if summary["count"] != 1 else ""
    return (
        f"You acted on {summary['count']} readiness signal{plural} ({', '.join(parts)}): "
        "moved or eased sessions change the weeks this report compares."
    )


def _values(values: Any, digits: int) -> list[float | None]:
    """Floats rounded for a chart, ``None`` for weeks without a value (JSON has no NaN)."""
    return [None if math.isnan(float(v)) else round(float(v), digits) for v in values]


def evidence_page_data(report: EvidenceReport) -> dict[str, Any]:
    """What the web page needs beyond :func:`evidence_json`: labels, units and the weeks."""
    e = report.estimate
    marker = MARKERS[report.marker_kind]
    exposure = EXPOSURES[report.exposure]
    return {
        "marker_label": marker.label,
        "marker_unit": marker.unit,
        "higher_is_better": marker.higher_is_better,
        "exposure_label": exposure.label,
        "exposure_unit": exposure.unit,
        "contrast_label": exposure.contrast_label.format(amount=e.contrast),
        "covariates": list(e.covariates),
        "confidence": e.confidence,
        "marker_mean": e.marker_mean,
        "published_caveat": report.published_caveat,
        "week_starts": [
            (report.first_week + timedelta(weeks=i)).isoformat() for i in range(report.n_weeks)
        ],
        "marker_values": _values(report.marker, 4),
        "strength_sessions": _values(report.strength_sessions, 0),
        "hard_sets": _values(report.hard_sets, 0),
        "running_km": _values(report.running_km, 1),
        "readiness_choices_text": readiness_choices_text(report),
    }
