"""Splits and laps: they add up to the run's distance and time, the last split is partial."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runstrong.importers._samples import summarise
from runstrong.science.activity import MILE_M, segments_between, splits, whole_run

from .conftest import REAL_RUNS, real_run, run_at_speeds


@pytest.mark.parametrize("path", REAL_RUNS, ids=lambda p: p.name)
def test_splits_of_real_runs_add_up_to_the_activity(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    activity = real_run(path)
    assert activity.samples is not None and activity.distance_m and activity.elapsed_time_s
    parts = splits(activity.samples)
    assert sum(s.distance_m for s in parts) == pytest.approx(activity.distance_m, rel=0.005)
    assert sum(s.elapsed_time_s for s in parts) == pytest.approx(activity.elapsed_time_s, rel=0.005)
    moving = summarise(activity.samples).moving_time_s
    assert sum(s.moving_time_s for s in parts) == pytest.approx(moving, abs=1e-6)
    assert parts[-1].partial
    assert not any(s.partial for s in parts[:-1])
    assert all(s.distance_m == pytest.approx(1000.0) for s in parts[:-1])


def test_even_pace_gives_even_splits_in_miles() -> None:
    samples = run_at_speeds((2000, 4.0))  # 8 km at 4 m/s
    parts = splits(samples, MILE_M)
    assert len(parts) == 5
    for split in parts[:4]:
        assert split.distance_m == pytest.approx(MILE_M)
        assert split.elapsed_time_s == pytest.approx(MILE_M / 4.0)
        assert split.pace_s_per_km == pytest.approx(250.0)
        assert split.gap_s_per_km == pytest.approx(250.0)  # no altitude: flat
    assert parts[-1].partial and parts[-1].distance_m == pytest.approx(8000 - 4 * MILE_M)


def test_split_averages_are_time_weighted() -> None:
    hr = np.concatenate((np.full(251, 140.0), np.full(250, 160.0)))
    samples = run_at_speeds((500, 4.0), hr_bpm=hr)
    first, second = splits(samples)
    assert first.avg_hr_bpm == pytest.approx(140.0)
    assert second.avg_hr_bpm == pytest.approx(160.0)


def test_a_stop_counts_in_time_but_not_in_moving_time() -> None:
    samples = run_at_speeds((125, 4.0), (60, 0.0), (125, 4.0))
    (split,) = splits(samples)
    assert split.elapsed_time_s == pytest.approx(310.0)
    assert split.moving_time_s == pytest.approx(250.0)
    assert split.pace_s_per_km == pytest.approx(250.0)


def test_uphill_splits_have_a_faster_grade_adjusted_pace() -> None:
    samples = run_at_speeds((500, 4.0))
    climbing = type(samples)(
        **{
            **{c: getattr(samples, c) for c in samples.COLUMNS},
            "altitude_m": samples.distance_m * 0.05,
        }
    )
    first, _ = splits(climbing)
    assert first.gap_s_per_km is not None and first.pace_s_per_km is not None
    assert first.gap_s_per_km < first.pace_s_per_km * 0.85  # 5 % uphill costs about 30 % more
    assert first.elevation_gain_m == pytest.approx(50.0, abs=2.0)
    assert first.elevation_loss_m == pytest.approx(0.0, abs=0.5)
    overall = whole_run(climbing)
    assert overall is not None and overall.gap_s_per_km == pytest.approx(
        first.gap_s_per_km, rel=0.02
    )


def test_laps_cut_the_samples_at_their_start_times() -> None:
    samples = run_at_speeds((300, 4.0), (300, 3.0))
    laps = segments_between(samples, np.array([0.0, 300.0]), np.array([600.0]))
    assert [lap.distance_m for lap in laps] == pytest.approx([1200.0, 900.0])
    assert [lap.elapsed_time_s for lap in laps] == pytest.approx([300.0, 300.0])


def test_no_distance_no_splits() -> None:
    samples = run_at_speeds((10, 3.0))
    empty = type(samples)(
        **{**{c: getattr(samples, c) for c in samples.COLUMNS}, "distance_m": np.full(11, np.nan)}
    )
    assert splits(empty) == ()
