"""The evidence report as one self-contained HTML page (no scripts, no network)."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from runstrong.reports.evidence_json import readiness_choices_text
from runstrong.reports.svg import weekly_chart
from runstrong.services.evidence import EvidenceReport

__all__ = ["evidence_html"]

_VERDICT_COLOUR = {
    "improved": "#1b7f3b",
    "worse": "#a12622",
    "no clear relation": "#555",
    "cannot tell": "#8a6d00",
}


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def evidence_html(report: EvidenceReport) -> str:
    estimate = report.estimate
    labels = [
        (report.first_week + timedelta(weeks=i)).strftime("%d %b %y") for i in range(report.n_weeks)
    ]
    marker_unit = "m/s" if report.marker_kind == "efficiency" else "VDOT"
    charts = [
        weekly_chart(
            f"Running marker: {report.marker_method}", list(report.marker), labels, unit=marker_unit
        ),
        weekly_chart(
            "Strength sessions a week",
            list(report.strength_sessions),
            labels,
            bars=True,
            colour="#7a4fa3",
        ),
        weekly_chart(
            "Hard lower-body sets a week",
            list(report.hard_sets),
            labels,
            bars=True,
            colour="#9c6ac7",
        ),
        weekly_chart(
            "Running distance a week",
            list(report.running_km),
            labels,
            unit="km",
            bars=True,
            colour="#5a8f3c",
        ),
        weekly_chart(
            "Leg press e1RM per kg body mass (best set)",
            list(report.leg_press_e1rm_per_kg),
            labels,
            unit="× body mass",
            colour="#b5651d",
        ),
    ]
    interval = ""
    if estimate.for_contrast is not None and estimate.verdict != "cannot tell":
        c = estimate.for_contrast
        interval = (
            f"<p class='estimate'>Estimate for {estimate.contrast:g} "
            f"{'sessions' if report.exposure == 'sessions' else 'hard sets'} a week against none: "
            f"<b>{c.estimate:+.3g}</b> (95 % interval {c.low:+.3g} to {c.high:+.3g}) "
            f"{escape(marker_unit)}, from {estimate.n_weeks} weeks.</p>"
        )
    published = "".join(
        f"<tr><td>{escape(f.statement)}</td><td>{escape(f.grade)}</td>"
        f"<td>{escape(f.source)}</td></tr>"
        for f in report.published
    )
    colour = _VERDICT_COLOUR.get(estimate.verdict, "#555")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Did strength work go with better running? — {escape(report.athlete.name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 780px; margin: 2em auto; color: #1a1a1a;
       line-height: 1.45; padding: 0 1em; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.15em; margin-top: 1.6em; }}
.verdict {{ font-size: 1.2em; font-weight: bold; color: {colour}; }}
.chart {{ width: 100%; height: auto; margin: 0.4em 0; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #bbb; padding: 4px 6px;
       vertical-align: top; text-align: left; }}
.caveat {{ background: #f4f1e8; padding: 0.6em 0.8em; border-left: 4px solid #8a6d00; }}
</style></head><body>
<h1>Did the strength work go with better running? — {escape(report.athlete.name)}</h1>
<p class="verdict">Your data: {escape(estimate.verdict)}</p>
<p>{escape(estimate.summary)}</p>
{interval}
{"<h2>Why</h2>" + _list(estimate.reasons) if estimate.reasons else ""}
<h2>What could confound it</h2>
{_list(estimate.confounders)}
{f"<p>{escape(chosen)}</p>" if (chosen := readiness_choices_text(report)) else ""}
<p class="caveat">{escape(estimate.caveat)}</p>
{"<h2>What to log for a clearer answer</h2>" + _list(estimate.advice) if estimate.advice else ""}
<h2>Your weeks on one time axis</h2>
{"".join(charts)}
<h2>What the published research found</h2>
<p>{escape(report.published_caveat)}</p>
<table><thead><tr><th>Finding</th><th>Evidence</th><th>Source</th></tr></thead>
<tbody>{published}</tbody></table>
</body></html>
"""
