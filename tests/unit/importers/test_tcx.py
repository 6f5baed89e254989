"""TCX import: every real file, checked against an independent read with the standard library."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from runstrong.errors import ImportFormatError
from runstrong.importers import tcx

from .conftest import SYNTHETIC, real_files

NS = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
SPORTS = {
    "cross-country-skiing_activity_1.tcx": "other",  # the file says Sport="Other"
    "mapmyride_biking.tcx": "cycling",
    "sup_activity_1.tcx": "other",
}
REAL_TCX = real_files("tcx")
needs_real = pytest.mark.skipif(not REAL_TCX, reason="shared real device files not available")


def test_every_real_file_has_an_expectation() -> None:
    assert {p.name for p in REAL_TCX} <= set(SPORTS)


@needs_real
@pytest.mark.parametrize("path", REAL_TCX, ids=lambda p: p.name)
def test_real_file_values_match_an_independent_read(path: Path) -> None:
    (activity,) = tcx.parse(path.read_bytes(), path.name).activities
    root = ElementTree.parse(path).getroot()
    laps = root.findall(".//t:Lap", NS)
    points = root.findall(".//t:Trackpoint", NS)
    lap_seconds = [float(lap.findtext("t:TotalTimeSeconds", namespaces=NS) or 0) for lap in laps]
    lap_metres = [float(lap.findtext("t:DistanceMeters", namespaces=NS) or 0) for lap in laps]
    assert activity.sport == SPORTS[path.name]
    assert activity.samples is not None and len(activity.samples) == len(points)
    assert activity.moving_time_s == pytest.approx(sum(lap_seconds))
    assert activity.distance_m == pytest.approx(sum(lap_metres))
    first_lap = datetime.fromisoformat(laps[0].get("StartTime", ""))
    assert activity.started_at == first_lap.astimezone(UTC)
    beats = [float(v.text or 0) for v in root.findall(".//t:Trackpoint/t:HeartRateBpm/t:Value", NS)]
    if beats:
        assert np.nanmean(activity.samples.hr_bpm) == pytest.approx(np.mean(beats))
        maxima = [float(v.text or 0) for v in root.findall(".//t:MaximumHeartRateBpm/t:Value", NS)]
        assert activity.max_hr_bpm == max(maxima)


def test_synthetic_run() -> None:
    parsed = tcx.parse((SYNTHETIC / "tcx/run.tcx").read_bytes(), "run.tcx")
    (activity,) = parsed.activities
    assert activity.sport == "running"
    assert activity.device == "Synthetic Watch"
    assert activity.started_at == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert activity.moving_time_s == pytest.approx(150.0)  # lap times
    assert activity.distance_m == pytest.approx(450.0)  # lap distances
    assert activity.elapsed_time_s == pytest.approx(210.0)
    assert activity.avg_hr_bpm == pytest.approx((140 * 60 + 150 * 90) / 150)
    assert activity.max_hr_bpm == pytest.approx(160.0)
    samples = activity.samples
    assert samples is not None and len(samples) == 18
    assert set(samples.cadence_spm.tolist()) == {168.0}
    assert set(samples.speed_m_per_s.tolist()) == {3.0}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<TrainingCenterDatabase><Activities>", "not well-formed"),
        (b"<gpx></gpx>", "not a TCX file"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><TrainingCenterDatabase/>', "possible XML bomb"),
    ],
)
def test_broken_tcx_fails_clearly(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        tcx.parse(data, "broken.tcx")


def test_tcx_without_activities_is_skipped() -> None:
    data = b'<TrainingCenterDatabase xmlns="x"><Courses/></TrainingCenterDatabase>'
    assert tcx.parse(data, "course.tcx").skip_reason is not None
