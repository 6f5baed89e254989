"""The dashboard's readiness card and wellness chart data (check-ins, issue 24).

The card says what is outside its normal range this morning and why it matters today; the chart
(``static/dashboard_wellness.js``) draws HRV (rMSSD, with its 7-day mean and normal band; SDNN
is never drawn on it), resting heart rate, sleep and a soreness heat strip by region, with heavy
leg sessions marked.
"""

from __future__ import annotations

from typing import Any

from runstrong.services.dashboard import Dashboard
from runstrong.services.readiness_document import readiness_document

__all__ = ["readiness_context"]


def _summary(document: dict[str, Any]) -> str:
    series = document["series"]
    measured = sum(1 for v in series["rmssd_ms"] if v is not None)
    checkins = sum(
        1
        for i in range(len(series["dates"]))
        if series["sleep_h"][i] is not None
        or series["resting_hr_bpm"][i] is not None
        or series["rmssd_ms"][i] is not None
        or any(series["soreness"][r][i] is not None for r in series["soreness"])
    )
    hrv = document["hrv"]
    band = (
        f"; the 7-day ln rMSSD mean is {hrv['ln_rmssd_7d']:.2f} against a normal range of "
        f"{hrv['normal_low']:.2f}–{hrv['normal_high']:.2f}"
        if hrv["ln_rmssd_7d"] is not None and hrv["normal_low"] is not None
        else ""
    )
    return (
        f"{checkins} check-ins in the last 90 days, {measured} with an rMSSD{band}; "
        f"{len(series['heavy_strength_days'])} heavy lower-body sessions marked."
    )


def readiness_context(data: Dashboard) -> dict[str, Any]:
    """The readiness card's values and the wellness chart's JSON (``None`` without data)."""
    if data.readiness is None:
        return {"readiness": None, "wellness_summary": "", "wellness_chart": None}
    document = readiness_document(data.readiness, series=True)
    series = document["series"]
    has_any = any(
        v is not None for v in (*series["rmssd_ms"], *series["resting_hr_bpm"], *series["sleep_h"])
    ) or any(v is not None for values in series["soreness"].values() for v in values)
    chart = {key: series[key] for key in series} if has_any else None
    return {
        "readiness": document,
        "wellness_summary": _summary(document) if has_any else "",
        "wellness_chart": chart,
    }
