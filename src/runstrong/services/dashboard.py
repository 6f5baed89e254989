"""Use case: everything the athlete dashboard shows, as plain series, cached per data version.

The numbers come from the same code as ``runstrong status`` (:mod:`runstrong.services.status`
for the headline, performance and risk signals; :mod:`runstrong.services.daily_series` and the
science core for the day-by-day series); nothing here re-derives a formula.

Each call reads the athlete's ``data_version`` (one primary-key look-up). Every unit of work
that changes the athlete's data or settings raises that counter, in any process, so a result
cached under (athlete id, data_version, as_of, days) is still right; only a miss reads the
athlete and the whole log and computes.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import Activity, Athlete, StrengthSession
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.science import acwr_ewma, fitness_fatigue, one_rep_max_per_set
from runstrong.science.strength import asymmetry_percent_per_pair
from runstrong.services.daily_series import DailyInputs, build_daily_inputs
from runstrong.services.readiness import WINDOW_DAYS, Readiness, compute_readiness
from runstrong.services.status import (
    LEG_PRESS,
    SINGLE_LEG_PRESS,
    AthleteStatus,
    compute_status,
)
from runstrong.store import Store

__all__ = [
    "ACWR_BAND",
    "MAX_DAYS",
    "MIN_DAYS",
    "WEEKS_OF_SETS",
    "AsymmetryPoint",
    "DailySeries",
    "Dashboard",
    "E1rmTrendPoint",
    "WeeklyHardSets",
    "build_dashboard",
    "clear_dashboard_cache",
    "dashboard_data",
]

FloatArray = npt.NDArray[np.float64]

#: The EWMA ACWR range drawn as a band on the chart: the "sweet spot" of Gabbett (2016). It
#: describes a change in load, not a risk: the ratio is only weakly related to injury
#: (Impellizzeri et al. 2020), evidence grade **weak**. The risk signal itself uses the
#: athlete's own ``load_spike_acwr`` threshold.
ACWR_BAND: Final[tuple[float, float]] = (0.8, 1.3)
MIN_DAYS: Final = 7
MAX_DAYS: Final = 3650
WEEKS_OF_SETS: Final = 12
#: What the cache may hold, in days of series over all its dashboards (with their encoded
#: JSON and HTML about 0.5 kB a day): some 40 MB, e.g. 200 one-year or 20 ten-year dashboards.
_CACHE_DAYS: Final = 75_000
_DECIMALS: Final = 2


@dataclass(frozen=True, slots=True)
class DailySeries:
    """One value per local day, oldest first; loads in AU (session-RPE), distances in metres.

    ``acwr_ewma`` is ``None`` where the ratio is not defined (under 28 days of history, or no
    chronic load)."""

    days: tuple[date, ...]
    ctl: tuple[float, ...]
    atl: tuple[float, ...]
    tsb: tuple[float, ...]
    running_load_au: tuple[float, ...]
    strength_load_au: tuple[float, ...]
    other_load_au: tuple[float, ...]
    running_distance_m: tuple[float, ...]
    acwr_ewma: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class E1rmTrendPoint:
    day: date
    e1rm_kg: float


@dataclass(frozen=True, slots=True)
class AsymmetryPoint:
    """The best single-leg press e1RM of each side on one day, and how far apart they are."""

    day: date
    left_e1rm_kg: float
    right_e1rm_kg: float
    asymmetry_percent: float


@dataclass(frozen=True, slots=True)
class WeeklyHardSets:
    """Weighted hard sets per muscle in trailing 7-day blocks, the last ending on ``as_of``."""

    week_ends: tuple[date, ...]
    by_muscle: Mapping[str, tuple[float, ...]]


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The dashboard of an athlete at the end of ``as_of`` (a local day in their time zone).

    ``status`` is ``None`` when nothing is logged on or before ``as_of``; the series are then
    empty. ``memo`` holds what adapters derive from this exact result (encoded JSON, rendered
    HTML), so a cached dashboard is encoded once; it lives and dies with the cache entry."""

    athlete: Athlete
    as_of: date
    days: int
    data_version: int
    status: AthleteStatus | None
    series: DailySeries
    leg_press_e1rm: tuple[E1rmTrendPoint, ...]
    asymmetry: tuple[AsymmetryPoint, ...]
    weekly_hard_sets: WeeklyHardSets
    acwr_band: tuple[float, float] = ACWR_BAND
    #: This morning's check-in signals and 90 days of wellness series (check-ins, issue 24).
    readiness: Readiness | None = None
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_data(self) -> bool:
        return self.status is not None


def dashboard_data(
    store: Store, athlete_id: int, as_of: date | None = None, days: int = 365
) -> Dashboard:
    """The athlete's dashboard over the ``days`` local days ending on ``as_of`` (default today
    in the athlete's time zone), from the cache when the athlete's data has not changed."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValidationError(f"days must be from {MIN_DAYS} to {MAX_DAYS}, got {days}")
    with store.unit_of_work() as uow:
        version = uow.sharing.data_version(athlete_id)
    # settings changes raise data_version too, so the athlete seen at this version is current
    known = _CACHE.athlete(store, athlete_id, version)
    if known is not None:
        cached = _CACHE.get(store, (athlete_id, version, _checked_day(known, as_of), days))
        if cached is not None:
            return cached
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
        version = uow.sharing.data_version(athlete_id)
        if athlete is None:
            raise NotFound(f"no athlete with id {athlete_id}")
        day = _checked_day(athlete, as_of)
        activities = uow.activities.list_for_athlete(athlete_id)
        strength = uow.strength.list_for_athlete(athlete_id)
        window = day - timedelta(days=WINDOW_DAYS)
        checkins = uow.checkins.list_for_athlete(athlete_id, window, day)
        plan = uow.plans.active(athlete_id)
        choices = uow.checkins.choices(athlete_id, window)
    result = build_dashboard(athlete, activities, strength, day, days, version)
    ready = compute_readiness(athlete, checkins, strength, plan, day, choices)
    result = replace(result, readiness=ready)
    _CACHE.put(store, (athlete_id, version, day, days), result)
    return result


def clear_dashboard_cache() -> None:
    """Forget every cached dashboard (tests and benchmarks measure the cold path with it)."""
    _CACHE.clear()


def build_dashboard(
    athlete: Athlete,
    activities: list[Activity],
    strength: list[StrengthSession],
    as_of: date,
    days: int = 365,
    data_version: int = 0,
) -> Dashboard:
    """The dashboard from a log already in memory (no store access)."""
    zone = ZoneInfo(athlete.timezone)
    starts = [log[0].started_at.astimezone(zone).date() for log in (activities, strength) if log]
    if not starts or min(starts) > as_of:
        return _empty(athlete, as_of, days, data_version)
    first = min(starts)
    status = compute_status(athlete, activities, strength, as_of)
    inputs = build_daily_inputs(athlete, activities, strength, first, as_of, load_catalog())
    shown = min(days, inputs.n_days)
    day_of = _day_labels(inputs.first_day, inputs.n_days)
    return Dashboard(
        athlete=athlete,
        as_of=as_of,
        days=days,
        data_version=data_version,
        status=status,
        series=_series(inputs, shown, day_of),
        leg_press_e1rm=_leg_press_trend(inputs, shown, day_of),
        asymmetry=_asymmetry_trend(inputs, shown, day_of),
        weekly_hard_sets=_weekly_hard_sets(inputs, as_of),
    )


def _checked_day(athlete: Athlete, as_of: date | None) -> date:
    today = datetime.now(ZoneInfo(athlete.timezone)).date()
    if as_of is None:
        return today
    if as_of > today:
        raise ValidationError(
            f"{as_of} is in the future (today is {today} in {athlete.timezone}): "
            "a dashboard needs logged days"
        )
    return as_of


def _empty(athlete: Athlete, as_of: date, days: int, data_version: int) -> Dashboard:
    return Dashboard(
        athlete=athlete,
        as_of=as_of,
        days=days,
        data_version=data_version,
        status=None,
        series=DailySeries((), (), (), (), (), (), (), (), ()),
        leg_press_e1rm=(),
        asymmetry=(),
        weekly_hard_sets=WeeklyHardSets(_week_ends(as_of), MappingProxyType({})),
    )


def _day_labels(first_day: date, n_days: int) -> list[date]:
    return [first_day + timedelta(days=offset) for offset in range(n_days)]


def _rounded(values: FloatArray) -> tuple[float, ...]:
    return tuple(np.round(values, _DECIMALS).tolist())


def _series(inputs: DailyInputs, shown: int, day_of: list[date]) -> DailySeries:
    """The last ``shown`` days of series computed over the whole log (CTL needs its history)."""
    daily = inputs.daily_load
    form = fitness_fatigue(daily)
    ratio = np.round(acwr_ewma(daily)[-shown:], _DECIMALS)
    return DailySeries(
        days=tuple(day_of[-shown:]),
        ctl=_rounded(form.ctl[-shown:]),
        atl=_rounded(form.atl[-shown:]),
        tsb=_rounded(form.tsb[-shown:]),
        running_load_au=_rounded(inputs.running_load[-shown:]),
        strength_load_au=_rounded(inputs.strength_load[-shown:]),
        other_load_au=_rounded(inputs.other_load[-shown:]),
        running_distance_m=_rounded(inputs.running_distance_m[-shown:]),
        acwr_ewma=tuple(None if np.isnan(v) else v for v in ratio.tolist()),
    )


def _best_per_day(day_index: npt.NDArray[np.intp], values: FloatArray, n_days: int) -> FloatArray:
    """The largest value on each day, ``nan`` on days without one."""
    best = np.full(n_days, -np.inf)
    np.maximum.at(best, day_index, values)
    best[np.isneginf(best)] = np.nan
    return best


def _exercise_e1rm(
    inputs: DailyInputs, slug: str, side_code: int | None
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """Day and e1RM (kg) of each set of ``slug`` (on one side) that allows an estimate."""
    table = inputs.set_table
    if slug not in table.exercise_slugs:
        return np.zeros(0, dtype=np.intp), np.zeros(0)
    chosen = table.exercise_code == table.exercise_slugs.index(slug)
    if side_code is not None:
        chosen &= table.side_code == side_code
    e1rm = one_rep_max_per_set(table.load_kg[chosen], table.reps[chosen], table.rpe[chosen])
    valid = ~np.isnan(e1rm)
    return table.day_index[chosen][valid], e1rm[valid]


def _leg_press_trend(
    inputs: DailyInputs, shown: int, day_of: list[date]
) -> tuple[E1rmTrendPoint, ...]:
    """The best leg press e1RM of each day with one, in the shown window."""
    day_index, e1rm = _exercise_e1rm(inputs, LEG_PRESS, None)
    best = _best_per_day(day_index, e1rm, inputs.n_days)
    start = inputs.n_days - shown
    return tuple(
        E1rmTrendPoint(day_of[day], round(float(best[day]), 1))
        for day in np.flatnonzero(~np.isnan(best)).tolist()
        if day >= start
    )


def _asymmetry_trend(
    inputs: DailyInputs, shown: int, day_of: list[date]
) -> tuple[AsymmetryPoint, ...]:
    """Each day with single-leg press sets on both sides: the best e1RM of each side."""
    left = _best_per_day(*_exercise_e1rm(inputs, SINGLE_LEG_PRESS, 1), inputs.n_days)
    right = _best_per_day(*_exercise_e1rm(inputs, SINGLE_LEG_PRESS, 2), inputs.n_days)
    both = np.flatnonzero(~np.isnan(left) & ~np.isnan(right))
    both = both[both >= inputs.n_days - shown]
    percent = asymmetry_percent_per_pair(left[both], right[both])
    return tuple(
        AsymmetryPoint(
            day_of[day], round(float(left[day]), 1), round(float(right[day]), 1), round(pct, 1)
        )
        for day, pct in zip(both.tolist(), percent.tolist(), strict=True)
    )


def _week_ends(as_of: date) -> tuple[date, ...]:
    return tuple(as_of - timedelta(weeks=back) for back in range(WEEKS_OF_SETS - 1, -1, -1))


def _weekly_hard_sets(inputs: DailyInputs, as_of: date) -> WeeklyHardSets:
    """Hard sets per muscle in each of the last 12 trailing weeks, muscles most trained first."""
    span = WEEKS_OF_SETS * 7
    totals: dict[str, tuple[float, ...]] = {}
    for muscle, daily in inputs.volume.hard_sets_by_muscle.items():
        padded = np.concatenate((np.zeros(max(span - daily.size, 0)), daily))[-span:]
        weekly = padded.reshape(WEEKS_OF_SETS, 7).sum(axis=1)
        if weekly.any():
            totals[muscle] = tuple(np.round(weekly, 1).tolist())
    ranked = sorted(totals.items(), key=lambda item: (-sum(item[1]), item[0]))
    return WeeklyHardSets(_week_ends(as_of), MappingProxyType(dict(ranked)))


_Key = tuple[int, int, date, int]  # athlete id, data_version, as_of, days


class _StoreCache:
    """Least-recently-used dashboards per store within a budget of days, thread-safe.

    Scoped per :class:`Store` object (held weakly) rather than per URL, so a database emptied
    and refilled under the same URL (as the test suite does) never meets an old entry. Ids are
    never reused within a database (athletes are not deleted), so (id, data_version) names one
    state of one athlete."""

    def __init__(self, budget_days: int) -> None:
        self._budget_days = budget_days
        self._lock = threading.Lock()
        self._by_store: weakref.WeakKeyDictionary[Store, OrderedDict[_Key, Dashboard]] = (
            weakref.WeakKeyDictionary()
        )

    @staticmethod
    def _weight(entry: Dashboard) -> int:
        return len(entry.series.days) + WEEKS_OF_SETS * 7

    def athlete(self, store: Store, athlete_id: int, version: int) -> Athlete | None:
        """The athlete as last seen at ``version``, from any cached dashboard of theirs."""
        with self._lock:
            for (key_id, key_version, _, _), entry in reversed(
                self._by_store.get(store, OrderedDict()).items()
            ):
                if key_id == athlete_id and key_version == version:
                    return entry.athlete
        return None

    def get(self, store: Store, key: _Key) -> Dashboard | None:
        with self._lock:
            items = self._by_store.get(store)
            if items is None or key not in items:
                return None
            items.move_to_end(key)
            return items[key]

    def put(self, store: Store, key: _Key, value: Dashboard) -> None:
        with self._lock:
            items = self._by_store.setdefault(store, OrderedDict())
            items[key] = value
            items.move_to_end(key)
            held = sum(self._weight(entry) for entry in items.values())
            while held > self._budget_days and len(items) > 1:
                held -= self._weight(items.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._by_store.clear()


_CACHE: Final = _StoreCache(_CACHE_DAYS)
