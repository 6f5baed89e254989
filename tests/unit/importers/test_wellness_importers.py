"""Wellness importers on the synthetic samples (tests/data/wellness) and real FIT files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from runstrong.errors import ImportFormatError
from runstrong.importers.fit_hrv import rmssd_ms
from runstrong.importers.wellness import parse_wellness_file

DATA = Path(__file__).resolve().parents[2] / "data" / "wellness"
REAL_FIT = Path("/work/shared/data/fit")


def test_hrv4training_csv() -> None:
    parsed = parse_wellness_file(DATA / "hrv4training_export.csv")
    assert parsed.format == "hrv4training_csv" and len(parsed.checkins) == 30
    first = parsed.checkins[0]
    assert (first.day, first.rmssd_ms, first.sdnn_ms, first.resting_hr_bpm, first.sleep_h) == (
        date(2026, 10, 1), 60.0, 70.0, 50.0, 7.0,
    )  # fmt: skip
    assert parsed.warnings == ("line 32 has no rMSSD; skipped",)


def test_garmin_wellness_json_sleep_excludes_awake_time() -> None:
    parsed = parse_wellness_file(DATA / "garmin_wellness_sleep_uds.json")
    second = parsed.checkins[1]
    assert second.sleep_h == pytest.approx((5400 + 14400 + 60 + 5400) / 3600, abs=0.01)
    assert (second.resting_hr_bpm, second.rmssd_ms, second.source) == (
        50.0,
        50.0,
        "garmin",
    )  # 0.8 x 62.6


def test_apple_health_sdnn_is_never_rmssd_and_sleep_counts_one_source() -> None:
    parsed = parse_wellness_file(DATA / "apple_health_export.xml")
    assert len(parsed.checkins) == 10
    day = parsed.checkins[3]
    assert day.rmssd_ms is None and day.sdnn_ms == pytest.approx(((40 + 3) + (55 + 3)) / 2)
    assert day.sleep_h == 7.0  # watch stages 4 + 1.5 + 1.5 h; the phone's "in bed" not added
    assert day.resting_hr_bpm == 52.0


def test_fit_hrv_snapshot_and_rmssd_formula() -> None:
    parsed = parse_wellness_file(DATA / "health_snapshot_hrv.fit")
    (checkin,) = parsed.checkins
    assert checkin.day == date(2026, 10, 31) and checkin.rmssd_ms is not None
    assert rmssd_ms([0.8, 0.9] * 40)[0] == pytest.approx(100.0)
    assert rmssd_ms([0.8, 0.9, 3.0, 0.9, 0.8] * 20)[1] == 80  # 3 s beats are dropped


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("broken_hrv4training_no_rmssd.csv", "'date' and 'rMSSD'"),
        ("broken_garmin.json", "not readable JSON"),
        ("broken_apple_health_cut.xml", "not well-formed XML at line"),
        ("make_samples.py", "not a wellness file"),
    ],
)
def test_broken_files_are_refused_with_a_reason(name: str, fragment: str) -> None:
    with pytest.raises(ImportFormatError, match=fragment):
        parse_wellness_file(DATA / name)


def test_entities_and_foreign_xml_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "export.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY a "aaaa">]>'
                    "<HealthData>&a;</HealthData>")  # fmt: skip
    with pytest.raises(ImportFormatError, match="entities"):
        parse_wellness_file(bomb)
    other = tmp_path / "other.xml"
    other.write_text("<gpx><HealthData/></gpx>")
    with pytest.raises(ImportFormatError, match="not an Apple Health export"):
        parse_wellness_file(other)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ImportFormatError, match="empty"):
        parse_wellness_file(empty)


@pytest.mark.skipif(not REAL_FIT.exists(), reason="real device files not available")
@pytest.mark.parametrize("name", ["garmin-fenix-5-run.fit", "garmin-edge-820-bike.fit"])
def test_real_fit_hrv_during_exercise_is_refused(name: str) -> None:
    with pytest.raises(ImportFormatError, match="not a resting HRV measurement"):
        parse_wellness_file(REAL_FIT / name)
