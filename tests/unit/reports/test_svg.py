"""``reports.svg.weekly_chart``: an accessible, well-formed inline SVG of one value per week."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from runstrong.reports.svg import weekly_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
NAN = math.nan
# The plot area of the 720 × 150 view box: left margin 48, right 8, top 12, bottom 22.
LEFT, RIGHT, TOP, BOTTOM = 48.0, 712.0, 12.0, 128.0


def _labels(n: int) -> list[str]:
    return [f"w{i}" for i in range(n)]


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def test_chart_is_an_image_with_a_title() -> None:
    root = _parse(weekly_chart("Running distance", [10.0, 20.0], _labels(2), unit="km"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Running distance"
    title = root.find("svg:title", NS)
    assert title is not None and title.text == "Running distance"
    assert root.get("viewBox") == "0 0 720 150"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Running distance (km)" in texts


def test_title_unit_and_labels_are_escaped() -> None:
    title = 'Speed <at> 145 bpm & "easy"'
    svg = weekly_chart(title, [1.0, 2.0], ["<a>", "b&c"], unit="<m/s>")
    root = _parse(svg)  # would not parse if anything were left unescaped
    assert root.get("aria-label") == title
    assert root.find("svg:title", NS).text == title  # type: ignore[union-attr]
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<a>" in texts and "b&c" in texts and f"{title} (<m/s>)" in texts


def test_line_breaks_at_missing_weeks() -> None:
    root = _parse(weekly_chart("Marker", [3.0, NAN, 3.1, 3.2, NAN, NAN], _labels(6)))
    circles = root.findall("svg:circle", NS)
    lines = root.findall("svg:polyline", NS)
    assert len(circles) == 3
    assert [len(line.get("points", "").split()) for line in lines] == [1, 2]


def test_higher_values_sit_higher_and_points_stay_inside_the_plot() -> None:
    values = [2.9, 3.0, 3.2, 3.1]
    root = _parse(weekly_chart("Marker", values, _labels(4)))
    circles = root.findall("svg:circle", NS)
    points = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in circles]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    assert xs == sorted(xs)
    assert all(LEFT <= x <= RIGHT for x in xs)
    assert all(TOP - 1e-9 <= y <= BOTTOM + 1e-9 for y in ys)
    assert ys[values.index(max(values))] == pytest.approx(TOP)  # the top of the plot
    assert ys[values.index(min(values))] == pytest.approx(BOTTOM)  # the axis
    assert ys[2] < ys[3] < ys[1] < ys[0]


def test_bars_start_at_zero_and_skip_empty_weeks() -> None:
    root = _parse(weekly_chart("Sessions", [0.0, 2.0, NAN, 1.0], _labels(4), bars=True))
    rects = root.findall("svg:rect", NS)
    assert len(rects) == 2
    heights = [float(r.get("height", "")) for r in rects]
    bottoms = [float(r.get("y", "")) + h for r, h in zip(rects, heights, strict=True)]
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.2)
    assert bottoms == pytest.approx([BOTTOM, BOTTOM], abs=0.1)


@pytest.mark.parametrize(
    ("values", "bars"),
    [
        ([NAN, NAN, NAN], False),
        ([NAN, NAN, NAN], True),
        ([0.0, 0.0, 0.0], True),
        ([3.0, 3.0, 3.0], False),
        ([], False),
        ([math.inf, 2.0, -math.inf], False),
    ],
)
def test_degenerate_series_give_a_clean_chart(values: list[float], bars: bool) -> None:
    svg = weekly_chart("Leg press e1RM", values, _labels(len(values)), bars=bars)
    _parse(svg)
    assert not re.search(r"\b(nan|inf)\b", svg, re.IGNORECASE), svg
    coordinate = r'\s(?:x1?|y1?|x2|y2|cx|cy|r|width|height)="([^"]+)"'
    numbers = [float(n) for n in re.findall(coordinate, svg)]
    assert all(math.isfinite(n) for n in numbers)


def test_week_labels_are_thinned_to_about_eight() -> None:
    root = _parse(weekly_chart("Marker", [1.0] * 53, _labels(53)))
    labels = [
        t.text
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("text-anchor") == "middle"
    ]
    assert labels[0] == "w0"
    assert 6 <= len(labels) <= 10
    assert len(set(labels)) == len(labels)
