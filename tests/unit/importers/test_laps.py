"""Device laps from FIT and TCX files: both FIT decoders agree, laps land in their own leg of a
multisport file, and broken lap values are left out instead of failing the file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runstrong.importers import _fit_fast, _fit_laps, fit, tcx
from runstrong.importers.base import ImportOptions
from runstrong.store.samples_codec import ENCODING_WITH_POWER, decode_samples, encode_samples

from .conftest import real_files, synthetic

REAL_FIT = [p for p in real_files("fit") if p.name in {
    "activity-small-fenix2-run.fit", "2013-02-06-12-11-14.fit", "garmin-fenix-5-run.fit",
    "activity-large-fenxi2-multisport.fit", "Edge810-Vector-2013-08-16-15-35-10.fit",
}]  # fmt: skip


@pytest.mark.skipif(not REAL_FIT, reason="shared real device files not available")
@pytest.mark.skipif(not _fit_fast.available(), reason="fitfast is not installed")
@pytest.mark.parametrize("path", REAL_FIT, ids=lambda p: p.name)
def test_both_fit_decoders_give_the_same_laps(path: Path) -> None:
    data = path.read_bytes()
    fast = fit.parse(data, path.name, ImportOptions(fit_decoder="auto")).activities
    slow = fit.parse(data, path.name, ImportOptions(fit_decoder="fitdecode")).activities
    assert [a.laps for a in fast] == [a.laps for a in slow]
    assert any(a.laps for a in slow)


@pytest.mark.skipif(not REAL_FIT, reason="shared real device files not available")
def test_laps_of_a_real_run_add_up_to_the_session() -> None:
    path = next(p for p in REAL_FIT if p.name == "activity-small-fenix2-run.fit")
    (run,) = fit.parse(path.read_bytes(), path.name, ImportOptions()).activities
    assert len(run.laps) == 4
    assert sum(lap.distance_m or 0 for lap in run.laps) == pytest.approx(run.distance_m)
    starts = [lap.start_s for lap in run.laps]
    assert starts == sorted(starts) and starts[0] < 5
    assert all(lap.avg_cadence_spm and lap.avg_cadence_spm > 120 for lap in run.laps)  # steps


def test_tcx_laps_keep_their_totals() -> None:
    (run,) = tcx.parse(synthetic.run_tcx(), "run.tcx").activities
    assert [(lap.start_s, lap.elapsed_time_s, lap.distance_m) for lap in run.laps] == [
        (0.0, 60.0, 180.0),
        (60.0, 90.0, 270.0),
    ]
    assert [lap.avg_hr_bpm for lap in run.laps] == [140.0, 150.0]


@pytest.mark.parametrize("broken", ["<TotalTimeSeconds>oops</TotalTimeSeconds>",
                                    "<TotalTimeSeconds>-5</TotalTimeSeconds>",
                                    "<TotalTimeSeconds>nan</TotalTimeSeconds>"])  # fmt: skip
def test_a_tcx_lap_with_a_broken_time_is_left_out(broken: str) -> None:
    data = synthetic.run_tcx().replace(
        b"<TotalTimeSeconds>60.0</TotalTimeSeconds>", broken.encode()
    )
    (run,) = tcx.parse(data, "run.tcx").activities
    assert [lap.start_s for lap in run.laps] == [60.0]


def test_a_fit_lap_without_a_usable_time_is_left_out() -> None:
    assert _fit_laps._lap({"total_elapsed_time": -1.0}, 0.0, True) is None
    assert _fit_laps._lap({}, 0.0, True) is None
    lap = _fit_laps._lap({"total_timer_time": 30.0, "avg_cadence": 85.0}, 12.0, True)
    assert lap is not None and lap.elapsed_time_s == 30.0 and lap.avg_cadence_spm == 170.0
    assert _fit_laps._lap_start({"timestamp": 100.0}) is None


def test_power_survives_storage_and_old_encodings_still_read() -> None:
    parsed = fit.parse(synthetic.run_fit(300), "run.fit", ImportOptions(fit_decoder="fitdecode"))
    samples = parsed.activities[0].samples
    assert samples is not None and samples.power_w is not None
    encoded = encode_samples(samples)
    assert encoded.encoding == ENCODING_WITH_POWER
    decoded = decode_samples(encoded.payload, encoded.sample_count, encoded.encoding)
    assert decoded.power_w is not None
    np.testing.assert_allclose(decoded.power_w, samples.power_w)
    without = type(samples)(**{c: getattr(samples, c) for c in samples.COLUMNS})
    plain = encode_samples(without)
    assert plain.encoding == "cols-v1"
    assert decode_samples(plain.payload, plain.sample_count, plain.encoding).power_w is None


@pytest.mark.skipif(not REAL_FIT, reason="shared real device files not available")
def test_multisport_legs_keep_their_own_laps_and_transitions_none() -> None:
    path = next(p for p in REAL_FIT if p.name == "activity-large-fenxi2-multisport.fit")
    activities = fit.parse(path.read_bytes(), path.name, ImportOptions()).activities
    # seven laps in the file: one per leg, three for the transitions (stored as activities of
    # their own, whose single lap would only repeat them)
    legs = [activity for activity in activities if activity.sport != "transition"]
    transitions = [activity for activity in activities if activity.sport == "transition"]
    assert [len(leg.laps) for leg in legs] == [1, 1, 1, 1]
    assert [len(transition.laps) for transition in transitions] == [0, 0, 0]
    for leg in legs:
        assert leg.elapsed_time_s is not None
        assert leg.laps[0].elapsed_time_s == pytest.approx(leg.elapsed_time_s, abs=2.0)
