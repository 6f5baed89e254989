"""Tests for runstrong.planning.phases: weeks, phases, deloads and volume factors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.domain.plan import AthleteBaseline
from runstrong.planning.config import PlanningConfig
from runstrong.planning.events import taper_weeks
from runstrong.planning.phases import deload_interval, outline_weeks

DISTANCES = [100.0, 400.0, 800.0, 1500.0, 5000.0, 10000.0, 21097.5, 42195.0]
ORDER = {"base": 0, "build": 1, "peak": 2, "taper": 3}


@given(
    start_offset=st.integers(0, 365),
    n_days=st.integers(14, 7 * 30),
    distance=st.sampled_from(DISTANCES),
    deload_every=st.sampled_from([3, 4]),
)
def test_outline_invariants(
    start_offset: int, n_days: int, distance: float, deload_every: int
) -> None:
    start = date(2025, 1, 1) + timedelta(days=start_offset)
    race = start + timedelta(days=n_days - 1)
    config = PlanningConfig()
    weeks = outline_weeks(start, race, distance, deload_every=deload_every, config=config)

    days = [day for week in weeks for day in week.days]
    assert days == [start + timedelta(days=n) for n in range(n_days)]
    assert all(week.full for week in weeks[1:])
    assert weeks[-1].race_week and weeks[-1].days[-1] == race
    assert [w.week.index for w in weeks] == list(range(len(weeks)))
    phases = [ORDER[w.week.phase] for w in weeks]
    assert phases == sorted(phases)
    tapers = [w for w in weeks if w.week.phase == "taper"]
    assert 1 <= len(tapers) <= taper_weeks(distance)

    loading_factor = None
    for week in weeks:
        if week.week.deload:
            assert week.week.phase in ("base", "build")
            on_rhythm = (week.week.index + 1) % deload_every == 0
            ends_phase = weeks[week.week.index + 1].week.phase != week.week.phase
            assert on_rhythm or ends_phase  # one that would open the build or fall in the peak
            # comes a week earlier
            assert loading_factor is not None and week.volume_factor < loading_factor
        elif week.week.phase != "taper":
            if loading_factor is not None:
                assert week.volume_factor <= loading_factor * (1 + config.volume_rise) + 1e-9
            loading_factor = week.volume_factor
    taper_factors = [w.volume_factor for w in tapers]
    assert taper_factors == sorted(taper_factors, reverse=True)
    assert loading_factor is not None and taper_factors[0] < loading_factor


def test_sixteen_week_marathon_has_a_two_week_taper_and_four_week_deloads() -> None:
    start = date(2025, 2, 10)
    weeks = outline_weeks(start, start + timedelta(days=16 * 7 - 1), 42195, deload_every=4)
    assert [w.week.phase for w in weeks].count("taper") == 2  # 14 days (rule T1: 8-14)
    assert [w.week.index for w in weeks if w.week.deload] == [3, 7, 11]
    assert [w.week.phase for w in weeks if w.week.phase == "peak"] == ["peak", "peak"]
    assert weeks[0].progress == 0 and weeks[-3].progress == 1
    taper = [w.volume_factor / weeks[-3].volume_factor for w in weeks[-2:]]
    assert taper == pytest.approx([0.65, 0.4])  # 47.5 % below the peak on average


def test_a_deload_that_would_fall_in_the_peak_comes_in_the_last_build_week() -> None:
    start = date(2025, 2, 10)
    weeks = outline_weeks(start, start + timedelta(days=19 * 7 - 1), 42195, deload_every=4)
    phases = [w.week.phase for w in weeks]
    assert phases.index("peak") == 15  # week 16 (index 15) would be the rhythm's deload
    assert [w.week.index for w in weeks if w.week.deload] == [3, 7, 11, 14]


def test_a_plan_too_short_for_a_two_week_taper_records_that_t1_gave_way() -> None:
    start = date(2025, 2, 10)
    weeks = outline_weeks(start, start + timedelta(days=4 * 7 - 1), 10000)
    assert [w.week.phase for w in weeks].count("taper") == 1
    [bend] = weeks[-1].week.bends
    assert bend.rule == "T1" and "7-day taper" in bend.reason


def test_volume_holds_below_the_peak_ratio() -> None:
    start = date(2025, 1, 6)
    weeks = outline_weeks(start, start + timedelta(days=24 * 7 - 1), 10000)
    assert max(w.volume_factor for w in weeks) == pytest.approx(PlanningConfig().peak_volume_ratio)


@pytest.mark.parametrize(
    ("runs", "configured", "expected"), [(2, None, 3), (5, None, 4), (5, 3, 3), (1, 4, 4)]
)
def test_deload_interval(runs: int, configured: int | None, expected: int) -> None:
    config = PlanningConfig(deload_every=configured)
    assert deload_interval(AthleteBaseline(weekly_runs=runs), config) == expected
