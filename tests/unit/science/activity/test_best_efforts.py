"""Best efforts: a sliding window over distance, checked against a brute-force search on real
device files and on synthetic runs whose answer is known; GPS spikes make no record."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runstrong.science.activity import best_efforts, fastest_window_s
from runstrong.science.activity._series import clean_distance_m

from .conftest import REAL_RUNS, real_run, run_at_speeds


def brute_force_s(time_s: np.ndarray, distance_m: np.ndarray, length_m: float) -> float | None:
    """From every sample, walk forward to the first sample ``length_m`` further on and
    interpolate where the distance was reached: the slowest, most obvious way."""
    best = None
    count = len(distance_m)
    for start in range(count):
        for end in range(start + 1, count):
            covered = distance_m[end] - distance_m[start]
            if covered >= length_m:
                before = distance_m[end - 1] - distance_m[start]
                step = covered - before
                fraction = (length_m - before) / step if step > 0 else 1.0
                end_s = time_s[end - 1] + fraction * (time_s[end] - time_s[end - 1])
                duration = end_s - time_s[start]
                best = duration if best is None or duration < best else best
                break
    return best


@pytest.mark.parametrize("path", REAL_RUNS, ids=lambda p: p.name)
def test_real_runs_match_the_brute_force_reference(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    samples = real_run(path).samples
    assert samples is not None
    distance = clean_distance_m(samples.time_s, samples.distance_m)
    found = {e.distance_m: e.duration_s for e in best_efforts(samples)}
    for length in (400.0, 1000.0, 1609.344):
        expected = brute_force_s(samples.time_s, distance, length)
        if expected is None:
            assert length not in found
        else:
            assert found[length] == pytest.approx(expected, rel=1e-9)


def test_a_5_km_on_a_real_run_matches_the_brute_force_reference() -> None:
    path = REAL_RUNS[0]
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    samples = real_run(path).samples
    assert samples is not None
    distance = clean_distance_m(samples.time_s, samples.distance_m)
    window = fastest_window_s(samples.time_s, distance, 5000.0)
    assert window is not None
    assert window[0] == pytest.approx(brute_force_s(samples.time_s, distance, 5000.0))


def test_known_pace_changes_give_known_best_efforts() -> None:
    # 10 min at 4:00/km, 5 min at 3:20/km (5 m/s), 10 min at 5:00/km
    samples = run_at_speeds((600, 1000 / 240), (300, 5.0), (600, 1000 / 300))
    found = {e.name: e for e in best_efforts(samples)}
    assert found["400 m"].duration_s == pytest.approx(80.0)
    assert found["1 km"].duration_s == pytest.approx(200.0)
    # the mile: the 1500 m at 5 m/s plus 109.344 m of the faster neighbour (4:00/km); windows
    # start at a sample, so the answer is within a fraction of a second of that
    assert found["1 mile"].duration_s == pytest.approx(300 + 109.344 / (1000 / 240), abs=0.1)
    assert found["1 mile"].duration_s == pytest.approx(
        brute_force_s(samples.time_s, samples.distance_m, 1609.344)
    )
    assert found["5 km"].duration_s == pytest.approx(
        brute_force_s(samples.time_s, samples.distance_m, 5000.0)
    )
    assert found["1 km"].start_s >= 600 and found["1 km"].end_s <= 900
    assert "10 km" not in found  # the run is 5.5 km long


def test_a_100_m_gps_spike_in_one_second_makes_no_record() -> None:
    samples = run_at_speeds((1200, 3.0))
    spiked = samples.distance_m.copy()
    spiked[600:] += 100.0  # the GPS jumps 100 m in one second and carries on from there
    samples = type(samples)(
        **{**{c: getattr(samples, c) for c in samples.COLUMNS}, "distance_m": spiked}
    )
    found = {e.name: e.duration_s for e in best_efforts(samples)}
    assert found["400 m"] == pytest.approx(400 / 3.0)
    assert found["1 km"] == pytest.approx(1000 / 3.0)
    # without the guard the spike would have made a 400 m "record" 33 s faster
    unguarded = {e.name: e.duration_s for e in best_efforts(samples, max_speed_m_per_s=np.inf)}
    assert unguarded["400 m"] < found["400 m"] - 30


def test_distance_going_back_adds_nothing() -> None:
    time_s = np.arange(6.0)
    distance = np.array([0.0, 3.0, 6.0, 2.0, 5.0, 8.0])
    assert clean_distance_m(time_s, distance).tolist() == [0.0, 3.0, 6.0, 6.0, 9.0, 12.0]


def test_a_run_without_distance_has_no_best_efforts() -> None:
    samples = run_at_speeds((10, 3.0))
    empty = type(samples)(
        **{**{c: getattr(samples, c) for c in samples.COLUMNS}, "distance_m": np.full(11, np.nan)}
    )
    assert best_efforts(empty) == ()
