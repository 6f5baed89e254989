"""Time in zones: heart rate by %HRR (or %HRmax), Daniels pace zones; they sum to moving time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runstrong.importers._samples import summarise
from runstrong.science.activity import hr_zones, pace_zones
from runstrong.science.running import training_paces

from .conftest import REAL_RUNS, real_run, run_at_speeds


@pytest.mark.parametrize("path", REAL_RUNS, ids=lambda p: p.name)
def test_zones_of_real_runs_sum_to_the_moving_time(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    samples = real_run(path).samples
    assert samples is not None
    moving = summarise(samples).moving_time_s
    zones, model = hr_zones(samples, 190, 50)
    assert model == "hrr"
    assert sum(z.time_s for z in zones) == pytest.approx(moving)
    assert sum(z.time_s for z in pace_zones(samples, 45.0)) == pytest.approx(moving)


def test_heart_rate_reserve_bands() -> None:
    # rest 50, max 190: the reserve is 140 bpm; 60 % of it is 134 bpm, 90 % is 176 bpm
    hr = np.concatenate((np.full(101, 120.0), np.full(100, 150.0), np.full(100, 180.0)))
    samples = run_at_speeds((300, 3.0), hr_bpm=hr)
    zones, _ = hr_zones(samples, 190, 50)
    by_name = {z.name: z for z in zones}
    assert by_name["Z1 recovery"].high == pytest.approx(134.0)
    assert by_name["Z5 maximum"].low == pytest.approx(176.0)
    assert by_name["Z1 recovery"].time_s == pytest.approx(100.0)
    assert by_name["Z3 tempo"].time_s == pytest.approx(100.0)
    assert by_name["Z5 maximum"].time_s == pytest.approx(100.0)


def test_without_resting_heart_rate_the_bands_are_of_max() -> None:
    samples = run_at_speeds((10, 3.0), hr_bpm=np.full(11, 150.0))
    zones, model = hr_zones(samples, 200, None)
    assert model == "hrmax"
    assert {z.name: z.time_s for z in zones}["Z3 tempo"] == pytest.approx(10.0)  # 75 % of max


def test_missing_heart_rate_is_counted_as_no_data() -> None:
    hr = np.concatenate((np.full(6, 150.0), np.full(5, np.nan)))
    zones, _ = hr_zones(run_at_speeds((10, 3.0), hr_bpm=hr), 190, 50)
    assert zones[-1].name == "no data" and zones[-1].time_s == pytest.approx(5.0)
    assert sum(z.time_s for z in zones) == pytest.approx(10.0)


def test_daniels_pace_zones_for_vdot_50() -> None:
    paces = training_paces(50)
    threshold = 1000.0 / paces.threshold_s_per_km
    interval = 1000.0 / paces.interval_s_per_km
    samples = run_at_speeds((300, 1000.0 / 300), (300, threshold), (300, interval))
    zones = {z.name: z.time_s for z in pace_zones(samples, 50)}
    assert zones["E easy"] == pytest.approx(300.0, abs=3)
    assert zones["T threshold"] == pytest.approx(300.0, abs=3)
    assert zones["I interval"] == pytest.approx(300.0, abs=3)
