"""The route drawing (no GPS, no route) and the chart series (thinned to at most 2,000 points)."""

from __future__ import annotations

import numpy as np
import pytest

from runstrong.science.activity import chart_series, route
from runstrong.science.activity.charts import thin

from .conftest import run_at_speeds


def test_a_run_without_gps_has_no_route() -> None:
    nothing = np.full(10, np.nan)
    assert route(nothing, nothing, np.arange(10.0)) is None


def test_route_keeps_its_shape_and_places_markers() -> None:
    # 3 km east along the equator-ish line at 46° N, then 1 km north
    east = np.linspace(14.0, 14.0 + 3000 / (111_320 * np.cos(np.radians(46))), 301)
    lat = np.concatenate((np.full(301, 46.0), 46.0 + np.linspace(0, 1000 / 111_320, 101)[1:]))
    lon = np.concatenate((east, np.full(100, east[-1])))
    distance = np.concatenate((np.linspace(0, 3000, 301), 3000 + np.linspace(0, 1000, 101)[1:]))
    drawn = route(lat, lon, distance, 1000.0, width=600.0)
    assert drawn is not None
    assert [m[0] for m in drawn.markers] == ["1", "2", "3"]
    assert drawn.height == pytest.approx(16 * 2 + 568 / 3, rel=0.02)  # 1 km north of 3 km east
    assert drawn.start[0] == pytest.approx(16.0) and drawn.finish[0] == pytest.approx(584.0)
    assert drawn.finish[1] < drawn.start[1]  # north is up


def test_a_6_hour_run_is_thinned_to_2000_points() -> None:
    samples = run_at_speeds((21_600, 3.0), hr_bpm=np.full(21_601, 150.0))
    series = chart_series(samples)
    assert series.step == 11
    assert all(len(values) <= 2000 for values in series.columns.values())
    assert np.nanmean(series.columns["hr_bpm"]) == pytest.approx(150.0)
    assert np.nanmedian(series.columns["speed_m_per_s"]) == pytest.approx(3.0)


def test_thinning_averages_blocks() -> None:
    assert thin(np.arange(6.0), 3).tolist() == [1.0, 4.0]
