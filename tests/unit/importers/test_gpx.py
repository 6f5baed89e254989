"""GPX import: every real file, checked against an independent read with gpxpy."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import gpxpy
import numpy as np
import pytest

from runstrong.errors import ImportFormatError
from runstrong.importers import gpx
from runstrong.importers.base import content_id

from .conftest import SYNTHETIC, real_files

IMPORTED = {"cerknicko-jezero.gpx", "korita-zbevnica.gpx", "track-with-empty-segment.gpx"}
SKIPPED = {
    "Mojstrovka.gpx": "without usable times",  # every point has the placeholder date 1901-12-13
    "cerknicko-without-times.gpx": "only 5 of 296",
    "gpx1.0_with_all_fields.gpx": "single point",
    "gpx1.1_with_all_fields.gpx": "single point",
    "route.gpx": "without a recorded track",
    "unicode.gpx": "without a recorded track",
}
REAL_GPX = real_files("gpx")
needs_real = pytest.mark.skipif(not REAL_GPX, reason="shared real device files not available")


def test_every_real_file_has_an_expectation() -> None:
    assert {p.name for p in REAL_GPX} <= IMPORTED | set(SKIPPED)


@needs_real
@pytest.mark.parametrize("path", REAL_GPX, ids=lambda p: p.name)
def test_real_file_outcome(path: Path) -> None:
    parsed = gpx.parse(path.read_bytes(), path.name)
    if path.name in SKIPPED:
        assert parsed.activities == ()
        assert parsed.skip_reason is not None and SKIPPED[path.name] in parsed.skip_reason
    else:
        assert parsed.skip_reason is None and len(parsed.activities) == 1


@needs_real
@pytest.mark.parametrize("path", [p for p in REAL_GPX if p.name in IMPORTED], ids=lambda p: p.name)
def test_real_file_values_match_gpxpy(path: Path) -> None:
    """Points, distance, start and duration agree with gpxpy on the timed segments."""
    (activity,) = gpx.parse(path.read_bytes(), path.name).activities
    document = gpxpy.parse(path.read_text(encoding="utf-8"))
    segments = [
        segment
        for track in document.tracks
        for segment in track.segments
        if segment.points and all(point.time is not None for point in segment.points)
    ]
    times = [point.time for segment in segments for point in segment.points]
    assert activity.samples is not None and len(activity.samples) == len(times)
    assert activity.started_at == min(times)
    assert activity.elapsed_time_s == pytest.approx((max(times) - min(times)).total_seconds())
    assert activity.distance_m == pytest.approx(sum(s.length_2d() for s in segments), rel=0.005)
    assert activity.source == "gpx"
    assert activity.external_id == content_id(path.read_bytes())


def test_synthetic_run_with_extensions() -> None:
    data = (SYNTHETIC / "gpx/run.gpx").read_bytes()
    parsed = gpx.parse(data, "run.gpx")
    (activity,) = parsed.activities
    assert parsed.warnings == ()
    assert activity.sport == "running"
    assert activity.name == "Morning Run"
    assert activity.device == "runstrong synthetic"
    assert activity.started_at == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    samples = activity.samples
    assert samples is not None and len(samples) == 24
    assert set(samples.hr_bpm.tolist()) == {140.0, 145.0}
    assert set(samples.cadence_spm.tolist()) == {172.0}  # strides written, steps stored
    # two segments: the 30 s pause between them adds no distance and no moving time
    assert activity.moving_time_s == pytest.approx(110.0)
    assert activity.elapsed_time_s == pytest.approx(145.0)
    assert activity.distance_m == pytest.approx(110 * 3.0, rel=0.002)
    hr = [int(e.text) for p in _gpxpy_points(data) for e in p.extensions[0] if e.tag.endswith("hr")]
    assert activity.avg_hr_bpm == pytest.approx(np.mean(hr))


def _gpxpy_points(data: bytes) -> list[gpxpy.gpx.GPXTrackPoint]:
    document = gpxpy.parse(data.decode())
    return [p for t in document.tracks for s in t.segments for p in s.points]


@pytest.mark.parametrize("file_name", ["billion-laughs.gpx", "external-entity.gpx"])
def test_xml_bombs_and_external_entities_are_refused(file_name: str) -> None:
    with pytest.raises(ImportFormatError, match="possible XML bomb"):
        gpx.parse((SYNTHETIC / "gpx" / file_name).read_bytes(), file_name)


def test_entities_hidden_from_the_byte_scan_still_do_nothing() -> None:
    """UTF-16 hides '<!DOCTYPE' from the quick scan; the locked-down parser still refuses it."""
    text = (SYNTHETIC / "gpx/billion-laughs.gpx").read_text().replace('<?xml version="1.0"?>', "")
    with pytest.raises(ImportFormatError, match=r"DOCTYPE|amplification"):
        gpx.parse(text.encode("utf-16"), "bomb16.gpx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<gpx><trk>", "not well-formed"),
        (b"<kml></kml>", "not a GPX file"),
    ],
)
def test_broken_gpx_fails_clearly(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        gpx.parse(data, "broken.gpx")


def test_unknown_sport_is_other_with_a_warning() -> None:
    data = (SYNTHETIC / "gpx/run.gpx").read_bytes().replace(b"<type>running</type>", b"")
    parsed = gpx.parse(data, "run.gpx")
    assert parsed.activities[0].sport == "other"
    assert any("does not say which sport" in w for w in parsed.warnings)
