"""``reports.evidence_html``: the evidence report as one self-contained, escaped HTML page.

Reports are built without a store: a simulated athlete's weeks (alternating 6-week blocks with
and without 2 strength sessions a week, easy-run speed 0.04 m/s higher per weekly session in the
weeks t−8…t−2) go through ``estimate_strength_effect`` into an ``EvidenceReport``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from html.parser import HTMLParser

import numpy as np
import pytest

from runstrong.domain.models import Athlete
from runstrong.reports.evidence_html import evidence_html
from runstrong.science import published_evidence
from runstrong.science.evidence import WeeklySeries, estimate_strength_effect
from runstrong.services.evidence import EvidenceReport

START = date(2024, 1, 1)
HOSTILE = '<script>alert("x")</script> & <b>Ana</b>'
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


def _lagged(values: np.ndarray) -> np.ndarray:
    padded = np.concatenate([np.zeros(8), values])
    return np.array([padded[week : week + 7].mean() for week in range(values.size)])


def make_report(
    *,
    n_weeks: int = 60,
    effect: float = 0.04,
    marker_kind: str = "efficiency",
    exposure: str = "sessions",
    name: str = "Ana",
    method: str = "speed at 145 bpm on easy runs (within-athlete slope)",
    leg_press: bool = True,
) -> EvidenceReport:
    rng = np.random.default_rng(11)
    sessions = np.where((np.arange(n_weeks) // 6) % 2 == 1, 2.0, 0.0)
    base = 47.0 if marker_kind == "vdot" else 3.0
    marker = base + effect * _lagged(sessions) + rng.normal(0, 0.03, n_weeks)
    marker[rng.random(n_weeks) < 0.1] = np.nan
    distance_m = (40 + rng.normal(0, 3, n_weeks)) * 1000
    weekly = WeeklySeries(
        START,
        marker,
        sessions,
        distance_m,
        marker_kind=marker_kind,  # type: ignore[arg-type]
        hard_sets=6 * sessions,
    )
    evidence = published_evidence()
    leg = np.where(sessions > 0, 2.0 + 0.01 * np.arange(n_weeks), np.nan)
    return EvidenceReport(
        athlete=Athlete(name=name, body_mass_kg=58.0),
        first_week=START,
        n_weeks=n_weeks,
        marker_kind=marker_kind,  # type: ignore[arg-type]
        exposure=exposure,  # type: ignore[arg-type]
        marker=marker,
        strength_sessions=sessions,
        hard_sets=6 * sessions,
        running_km=distance_m / 1000,
        leg_press_e1rm_per_kg=leg if leg_press else np.full(n_weeks, np.nan),
        estimate=estimate_strength_effect(weekly, exposure=exposure),  # type: ignore[arg-type]
        published=evidence.findings,
        published_caveat=evidence.caveat,
        marker_method=method,
    )


class _Balance(HTMLParser):
    """Checks that every element is closed, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def _charts(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


@pytest.fixture(scope="module")
def improved() -> EvidenceReport:
    report = make_report()
    assert report.estimate.verdict == "improved"
    return report


def test_page_is_well_formed(improved: EvidenceReport) -> None:
    parser = _Balance()
    parser.feed(evidence_html(improved))
    parser.close()
    assert parser.errors == []
    assert parser.open == []


def test_page_names_the_athlete_verdict_interval_and_caveat(improved: EvidenceReport) -> None:
    html = evidence_html(improved)
    e = improved.estimate
    assert e.for_contrast is not None
    assert "<title>Did strength work go with better running? — Ana</title>" in html
    assert '<p class="verdict">Your data: improved</p>' in html
    assert "color: #1b7f3b" in html  # green for improved
    assert (
        f"Estimate for 2 sessions a week against none: <b>{e.for_contrast.estimate:+.3g}</b> "
        f"(95 % interval {e.for_contrast.low:+.3g} to {e.for_contrast.high:+.3g}) m/s, "
        f"from {e.n_weeks} weeks."
    ) in html
    assert f'<p class="caveat">{e.caveat}</p>' in html
    assert "<h2>Why</h2>" not in html  # no reasons when the model could answer
    assert "What to log for a clearer answer" not in html
    for confounder in e.confounders:
        assert f"<li>{confounder}</li>" in html.replace("&#x27;", "'")


def test_charts_share_one_week_axis(improved: EvidenceReport) -> None:
    charts = _charts(evidence_html(improved))
    titles = [chart.get("aria-label") for chart in charts]
    assert titles == [
        f"Running marker: {improved.marker_method}",
        "Strength sessions a week",
        "Hard lower-body sets a week",
        "Running distance a week",
        "Leg press e1RM per kg body mass (best set)",
    ]
    axes = [
        [
            t.text
            for t in chart.iter("{http://www.w3.org/2000/svg}text")
            if t.get("text-anchor") == "middle"
        ]
        for chart in charts
    ]
    assert all(axis == axes[0] for axis in axes)
    assert axes[0][0] == "01 Jan 24"


def test_text_from_the_log_is_escaped() -> None:
    html = evidence_html(make_report(name=HOSTILE, method="speed at <145> bpm & more"))
    assert "<script" not in html.lower()
    assert "<b>Ana</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Ana&lt;/b&gt;" in html
    for chart in _charts(html):  # each chart still parses as XML
        assert chart.get("role") == "img"
    assert _charts(html)[0].get("aria-label") == "Running marker: speed at <145> bpm & more"


def test_too_few_weeks_show_why_and_what_to_log_but_no_interval() -> None:
    report = make_report(n_weeks=12)
    e = report.estimate
    assert e.verdict == "cannot tell" and e.for_contrast is None
    html = evidence_html(report)
    assert '<p class="verdict">Your data: cannot tell</p>' in html
    assert "95 % interval" not in html
    assert "<h2>Why</h2>" in html
    assert "<h2>What to log for a clearer answer</h2>" in html
    for item in (*e.reasons, *e.advice):
        assert f"<li>{item}</li>" in html
    assert "color: #8a6d00" in html


def test_hard_sets_and_vdot_name_their_units() -> None:
    html = evidence_html(make_report(exposure="hard_sets"))
    assert "Estimate for 12 hard sets a week against none" in html
    vdot = make_report(marker_kind="vdot", effect=1.0, method="VDOT of races")
    html = evidence_html(vdot)
    assert "Running marker: VDOT of races (VDOT)" in html
    if vdot.estimate.for_contrast is not None:
        assert ") VDOT, from" in html


def test_no_leg_press_data_leaves_an_empty_chart_not_nan() -> None:
    html = evidence_html(make_report(leg_press=False))
    assert len(_charts(html)) == 5
    assert not re.search(r"\b(nan|inf)\b", html, re.IGNORECASE)


def test_published_table_lists_every_finding_with_its_grade(improved: EvidenceReport) -> None:
    html = evidence_html(improved).replace("&#x27;", "'")
    assert improved.published_caveat in html
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert [(s, g, src) for s, g, src in rows] == [
        (f.statement, f.grade, f.source) for f in improved.published
    ]
    assert {grade for _, grade, _ in rows} <= {"strong", "moderate", "weak", "expert opinion"}


def test_axis_dates_are_week_starts_from_first_week(improved: EvidenceReport) -> None:
    chart = _charts(evidence_html(improved))[0]
    labels = [
        t.text
        for t in chart.iter("{http://www.w3.org/2000/svg}text")
        if t.get("text-anchor") == "middle"
    ]
    step = improved.n_weeks // 8  # about eight labels along the axis
    expected = [
        (START + timedelta(weeks=week)).strftime("%d %b %y")
        for week in range(0, improved.n_weeks, step)
    ]
    assert labels == expected
