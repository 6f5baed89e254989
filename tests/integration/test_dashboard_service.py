"""``services.dashboard``: the dashboard's series agree with the status and the science core, and
the cache never serves data older than the store's (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.errors import NotFound, ValidationError
from runstrong.science import acwr_ewma, fitness_fatigue
from runstrong.services.athletes import create_athlete
from runstrong.services.dashboard import (
    ACWR_BAND,
    WEEKS_OF_SETS,
    Dashboard,
    clear_dashboard_cache,
    dashboard_data,
)
from runstrong.services.demo import seed_demo_years
from runstrong.services.logging import log_activity, log_strength_session
from runstrong.services.status import athlete_status
from runstrong.store import Store, open_store

ANCHOR = date(2026, 11, 23)  # a Monday; the demo year is the 52 weeks before the week before
AS_OF = date(2026, 11, 14)


@pytest.fixture
def athlete_id(store: Store) -> int:
    athlete = create_athlete(store, Athlete(name="Dash Runner", timezone="Europe/Ljubljana"))
    assert athlete.id is not None
    return athlete.id


@pytest.fixture
def demo(store: Store, athlete_id: int) -> Dashboard:
    seed_demo_years(store, athlete_id, ANCHOR, years=2)
    return dashboard_data(store, athlete_id, AS_OF, days=365)


def test_series_follow_the_status_and_the_science(
    store: Store, athlete_id: int, demo: Dashboard
) -> None:
    status = athlete_status(store, athlete_id, AS_OF)
    assert demo.status is not None and demo.as_of == AS_OF
    series = demo.series
    assert len(series.days) == 365 and series.days[-1] == AS_OF
    assert series.days[0] == AS_OF - timedelta(days=364)
    assert series.ctl[-1] == pytest.approx(status.load.ctl, abs=0.005)
    assert series.atl[-1] == pytest.approx(status.load.atl, abs=0.005)
    assert series.tsb[-1] == pytest.approx(status.load.tsb, abs=0.005)
    assert series.acwr_ewma[-1] == pytest.approx(status.load.acwr_ewma, abs=0.005)
    # the whole log feeds CTL and ACWR: the first day shown is not day one of the model
    assert series.ctl[0] > 0
    daily = np.add(series.running_load_au, series.strength_load_au) + series.other_load_au
    assert sum(daily[-7:]) == pytest.approx(
        status.load.running_7d_au + status.load.strength_7d_au + status.load.other_7d_au, abs=0.1
    )
    ratio_alone = acwr_ewma(daily)  # from the window only: differs, and is nan for 27 days
    assert np.isnan(ratio_alone[0]) and series.acwr_ewma[0] is not None
    assert fitness_fatigue(daily).ctl[0] < series.ctl[0] / 5
    assert demo.acwr_band == ACWR_BAND == (0.8, 1.3)


def test_strength_trends(demo: Dashboard) -> None:
    assert demo.status is not None
    recent = {point.day: point.e1rm_kg for point in demo.status.leg_press_e1rm}
    trend = {point.day: point.e1rm_kg for point in demo.leg_press_e1rm}
    assert recent and set(recent) <= set(trend)
    for day, e1rm_kg in recent.items():
        assert trend[day] == pytest.approx(e1rm_kg, abs=0.05)
    assert trend[max(trend)] > min(trend.values()) + 20  # the demo's year: 150 kg to 185 kg
    # the demo's right leg lags by 16 % on single-leg press for six weeks
    worst = max(demo.asymmetry, key=lambda point: point.asymmetry_percent)
    assert worst.asymmetry_percent == pytest.approx(16, abs=1.5)
    assert worst.right_e1rm_kg < worst.left_e1rm_kg
    assert min(point.asymmetry_percent for point in demo.asymmetry) == pytest.approx(0, abs=1)
    weekly = demo.weekly_hard_sets
    assert len(weekly.week_ends) == WEEKS_OF_SETS and weekly.week_ends[-1] == AS_OF
    last_week = {muscle: weeks[-1] for muscle, weeks in weekly.by_muscle.items() if weeks[-1]}
    assert last_week == pytest.approx(dict(demo.status.volume.hard_sets_7d_by_muscle), abs=0.05)
    totals = [sum(weeks) for weeks in weekly.by_muscle.values()]
    assert totals == sorted(totals, reverse=True)


def test_days_window_and_bounds(store: Store, athlete_id: int, demo: Dashboard) -> None:
    short = dashboard_data(store, athlete_id, AS_OF, days=7)
    assert short.series.days == demo.series.days[-7:]
    assert short.series.ctl == demo.series.ctl[-7:]
    assert all(point.day > AS_OF - timedelta(days=7) for point in short.leg_press_e1rm)
    everything = dashboard_data(store, athlete_id, AS_OF, days=3650)
    assert everything.series.days[0] == demo.status.log_starts  # type: ignore[union-attr]
    for days in (6, 3651):
        with pytest.raises(ValidationError, match="days must be from 7 to 3650"):
            dashboard_data(store, athlete_id, AS_OF, days=days)
    with pytest.raises(ValidationError, match="in the future"):
        dashboard_data(store, athlete_id, datetime.now(UTC).date() + timedelta(days=2))
    with pytest.raises(NotFound):
        dashboard_data(store, 987_654, AS_OF)


def test_empty_log_and_days_before_it(store: Store, athlete_id: int) -> None:
    empty = dashboard_data(store, athlete_id)
    assert not empty.has_data and empty.series.days == () and empty.leg_press_e1rm == ()
    assert len(empty.weekly_hard_sets.week_ends) == WEEKS_OF_SETS
    seed_demo_years(store, athlete_id, ANCHOR)
    before = dashboard_data(store, athlete_id, date(2020, 1, 1))
    assert not before.has_data and before.as_of == date(2020, 1, 1)


def test_the_cache_serves_until_the_data_changes(store: Store, athlete_id: int) -> None:
    seed_demo_years(store, athlete_id, ANCHOR)
    first = dashboard_data(store, athlete_id, AS_OF)
    assert dashboard_data(store, athlete_id, AS_OF) is first
    log_strength_session(
        store,
        athlete_id,
        StrengthSession(
            started_at=datetime(2026, 11, 14, 17, 0, tzinfo=UTC),
            sets=(StrengthSet("leg-press", 3, 200.0, 9.0),),
            duration_s=1800,
            rpe=8,
        ),
    )
    second = dashboard_data(store, athlete_id, AS_OF)
    assert second is not first and second.data_version > first.data_version
    assert second.leg_press_e1rm[-1].day == AS_OF and second.leg_press_e1rm[-1].e1rm_kg > 200
    assert second.series.strength_load_au[-1] == pytest.approx(
        first.series.strength_load_au[-1] + 240
    )
    clear_dashboard_cache()
    assert dashboard_data(store, athlete_id, AS_OF) is not second


def test_a_change_made_by_another_process_is_seen(store: Store, athlete_id: int) -> None:
    """Two stores on one database stand for two web processes: a write through one is seen by
    the other's next call, through the data_version read on every call."""
    seed_demo_years(store, athlete_id, ANCHOR)
    other = open_store(store.engine.url.render_as_string(hide_password=False), migrate=False)
    try:
        before = dashboard_data(store, athlete_id, AS_OF)
        log_activity(
            other,
            athlete_id,
            Activity(
                started_at=datetime(2026, 11, 14, 6, 0, tzinfo=UTC),
                sport="running",
                moving_time_s=1800,
                distance_m=5000,
                rpe=4,
            ),
        )
        after = dashboard_data(store, athlete_id, AS_OF)
    finally:
        other.dispose()
    assert after.data_version == before.data_version + 1
    assert after.series.running_distance_m[-1] == before.series.running_distance_m[-1] + 5000


def test_the_cache_keeps_within_its_budget_of_days(store: Store, athlete_id: int) -> None:
    from runstrong.services.dashboard import _StoreCache

    seed_demo_years(store, athlete_id, ANCHOR)
    cache = _StoreCache(budget_days=400)
    week = dashboard_data(store, athlete_id, AS_OF, days=7)
    year = dashboard_data(store, athlete_id, AS_OF, days=365)
    cache.put(store, (athlete_id, week.data_version, AS_OF, 7), week)
    assert cache.athlete(store, athlete_id, week.data_version) == week.athlete
    assert cache.athlete(store, athlete_id, week.data_version + 1) is None
    cache.put(store, (athlete_id, year.data_version, AS_OF, 365), year)  # 7 + 365 + 2 × 84 days
    assert cache.get(store, (athlete_id, week.data_version, AS_OF, 7)) is None
    assert cache.get(store, (athlete_id, year.data_version, AS_OF, 365)) is year
