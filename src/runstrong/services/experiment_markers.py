"""The weekly series of the two experiment markers measured in tests: heart rate in the standard
test run (``test-hr``) and a time trial every 4 weeks (``time-trial``), from the athlete's log.

The statistics are in :mod:`runstrong.science.evidence.experiment_markers`; this module picks
the runs (steady runs with heart rate; runs marked as a race or named a time trial).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from runstrong.domain.models import Activity, Athlete
from runstrong.errors import ValidationError
from runstrong.science import vdot, weekly_best
from runstrong.science.evidence.experiment_markers import PACE_WINDOW, weekly_test_hr
from runstrong.science.evidence.series import FloatArray
from runstrong.store import Store

__all__ = ["MarkerSeries", "is_time_trial", "marker_series"]

#: Session types that are not steady running; a test run is steady.
_NOT_STEADY = frozenset({"interval", "repetition", "strides", "race"})


@dataclass(frozen=True, slots=True)
class MarkerSeries:
    """A weekly marker from ``first_week`` on, and the test speed it was measured at."""

    values: FloatArray
    method: str
    test_speed_m_per_s: float | None = None


def is_time_trial(run: Activity) -> bool:
    """A run logged as a race, or with "time trial" in its name or notes."""
    text = f"{run.name or ''} {run.notes or ''}".lower()
    return run.session_type == "race" or "time trial" in text or "time-trial" in text


def _steady_with_hr(run: Activity) -> bool:
    return (
        run.session_type not in _NOT_STEADY
        and bool(run.avg_hr_bpm)
        and bool(run.distance_m)
        and run.moving_time_s > 0
    )


def _runs(store: Store, athlete: Athlete, last_day: date) -> list[Activity]:
    zone = ZoneInfo(athlete.timezone)
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    assert athlete.id is not None
    with store.unit_of_work() as uow:
        return [a for a in uow.activities.list_for_athlete(athlete.id, end=end) if a.is_run]


def marker_series(
    store: Store,
    athlete: Athlete,
    marker: str,
    first_week: date,
    n_weeks: int,
    last_day: date,
    *,
    test_speed_m_per_s: float | None = None,
    test_weekday: int | None = None,
) -> MarkerSeries:
    """The weekly ``test-hr`` or ``time-trial`` series over ``n_weeks`` weeks from ``first_week``
    with runs up to ``last_day``.

    For ``test-hr`` without a test speed, the test speed is the median speed of the steady runs
    with heart rate in the year before ``last_day``, and every weekday counts (the noise model
    at design time); with ``test_weekday`` only runs on that weekday count (the test runs).
    """
    zone = ZoneInfo(athlete.timezone)
    runs = _runs(store, athlete, last_day)

    def week(run: Activity) -> int:
        return (run.started_at.astimezone(zone).date() - first_week).days // 7

    if marker == "time-trial":
        trials = [r for r in runs if is_time_trial(r) and r.distance_m and week(r) >= 0]
        weeks, values = [], []
        for run in trials:
            try:
                values.append(vdot(run.distance_m or 0.0, run.moving_time_s))
            except ValidationError:
                continue
            weeks.append(week(run))
        if not weeks:
            raise ValidationError(
                f"{athlete.name} has no runs marked as a race or time trial before {last_day}: "
                "the time-trial marker needs them (log a time trial as a race, or with "
                "'time trial' in its name)"
            )
        return MarkerSeries(
            weekly_best(np.array(weeks), np.array(values), n_weeks), "VDOT of time trials"
        )
    if marker != "test-hr":
        raise ValidationError(f"marker_series covers test-hr and time-trial, not {marker!r}")
    steady = [r for r in runs if _steady_with_hr(r) and week(r) >= 0]
    if test_speed_m_per_s is None:
        year_ago = last_day - timedelta(weeks=52)
        recent = [r for r in steady if r.started_at.astimezone(zone).date() > year_ago]
        if not recent:
            raise ValidationError(
                f"{athlete.name} has no steady runs with heart rate before {last_day}: the "
                "test-hr marker needs them (log runs with heart rate, or use --marker vdot)"
            )
        test_speed_m_per_s = float(
            np.median([(r.distance_m or 0.0) / r.moving_time_s for r in recent])
        )
    if test_weekday is not None:
        steady = [r for r in steady if r.started_at.astimezone(zone).weekday() == test_weekday]
    heart_rates = weekly_test_hr(
        np.array([week(r) for r in steady], dtype=np.intp),
        np.array([(r.distance_m or 0.0) / r.moving_time_s for r in steady]),
        np.array([r.avg_hr_bpm or 0.0 for r in steady]),
        test_speed_m_per_s,
        n_weeks,
    )
    pace = 1000 / test_speed_m_per_s
    method = (
        f"heart rate of steady runs at {int(pace // 60)}:{int(pace % 60):02d} /km "
        f"± {100 * PACE_WINDOW:.0f} %"
    )
    return MarkerSeries(heart_rates, method, test_speed_m_per_s)
