"""The evidence page's SVG charts and its one-line answer."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import lxml.etree
import pytest

from runstrong.reports.evidence_svg import interval_chart, marker_chart, signed
from runstrong.web.pages.evidence import evidence_headline


def _number(svg: str, pattern: str) -> float:
    found = re.search(pattern, svg)
    assert found, pattern
    return float(found.group(1))


def test_the_interval_is_drawn_to_scale_against_zero() -> None:
    svg = interval_chart(-0.035, -0.13, 0.06, label="2 sessions a week", unit="m/s")
    lxml.etree.fromstring(svg.encode())  # well-formed
    zero = _number(svg, r'<line x1="([\d.]+)"[^>]*class="zero-line"')
    low = _number(svg, r'<line x1="([\d.]+)"[^>]*class="interval"')
    high = _number(svg, r'x2="([\d.]+)" y2="44"[^>]*class="interval"')
    square = _number(svg, r'<rect x="([\d.]+)"[^>]*class="estimate"') + 7
    # -0.13 and +0.06 on an axis of ±0.2: distances from zero in the ratio 13 : 6 : 3.5
    assert low < square < zero < high
    assert (zero - low) / (high - zero) == pytest.approx(0.13 / 0.06, rel=1e-3)
    assert (zero - square) / (high - zero) == pytest.approx(0.035 / 0.06, rel=1e-2)
    assert "interval −0.13 to +0.06 m/s" in svg
    assert 'fill="#555"' in svg  # crosses zero: grey, not the colour of a finding


def test_an_interval_on_one_side_of_zero_takes_the_finding_colour() -> None:
    assert 'fill="#1b7f3b"' in interval_chart(0.05, 0.01, 0.09, label="x", unit="m/s")
    assert 'fill="#a12622"' in interval_chart(-0.05, -0.09, -0.01, label="x", unit="m/s")


def test_marker_chart_shades_the_strength_weeks_and_leaves_gaps() -> None:
    weeks = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(6)]
    svg = marker_chart(weeks, [3.0, None, 3.1, 3.2, None, 3.05], [0, 2, 1, None, 0, 3],
                       label="Easy-run speed", unit="m/s")  # fmt: skip
    lxml.etree.fromstring(svg.encode())
    assert svg.count('class="strength-week"') == 3
    assert svg.count("<circle") == 4
    assert svg.count("<polyline") == 1  # only 3.1 → 3.2 are neighbours
    assert "the 3 weeks with lower-body strength work" in svg


def _payload(verdict: str, interval: dict[str, float] | None) -> dict[str, Any]:
    report = {"verdict": verdict, "n_weeks": 44, "weeks": 60, "for_contrast": interval}
    return {"report": report, "page": {"marker_unit": "m/s"}}


def test_the_one_line_answer_names_weeks_and_the_interval() -> None:
    interval = {"estimate": -0.035, "low": -0.13, "high": 0.0604}
    assert evidence_headline(_payload("no clear relation", interval)) == (
        "No clear relation yet: 44 weeks, interval −0.13 to +0.06 m/s"
    )
    better = {"estimate": 0.05, "low": 0.012, "high": 0.09}
    assert evidence_headline(_payload("improved", better)).startswith(
        "Better running with strength work: 44 weeks, interval +0.01 to +0.09"
    )
    assert (
        evidence_headline(_payload("cannot tell", None)) == "Cannot tell yet from 60 weeks of log"
    )
    assert (
        evidence_headline({"error": "Eva has no sessions"}) == "No answer yet: Eva has no sessions"
    )
    assert signed(-0.5, 1) == "−0.5" and signed(0.25) == "+0.25"
