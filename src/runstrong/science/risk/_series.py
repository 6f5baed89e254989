"""Risk detectors over daily series: distance and strength-volume jumps, load spikes, monotony.

Private to :mod:`runstrong.science.risk`. Each takes one daily series (as in
:mod:`runstrong.science.load`) and judges today, or with ``every_day=True`` every day, in one
vectorised pass.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from runstrong.science.load import (
    FloatArray,
    acwr_ewma,
    as_daily_series,
    ewma,
    monotony,
    rolling_sum,
    strain,
)
from runstrong.science.risk._catalogue import RiskThresholds
from runstrong.science.risk._signals import RiskSignal, firing_days, make_signal

_DAYS_PER_WEEK: Final = 7


def running_distance_spike(
    daily_running_distance_m: npt.ArrayLike,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Running distance of the last 7 days above 1.3 × the weekly mean of the 4 weeks before.

    Weeks are the trailing 7 days ending on the day and the 28 days before them (not calendar
    weeks); a full 35 days of history and a baseline above zero are needed. Nielsen et al.
    (2014) found > 30 % progression over two weeks raised distance-related injuries in novices,
    and did not support the "10 % rule"; grade **weak**.

    Examples
    --------
    >>> days = [5000.0, 0, 0, 5000, 0, 0, 0] * 5 + [5000.0, 0, 5000, 5000, 0, 0, 0]
    >>> [round(s.metrics["ratio"], 2) for s in running_distance_spike(days)]
    [1.5]
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    week, baseline, ratio = _week_against_baseline(daily_running_distance_m, chosen.baseline_weeks)
    return tuple(
        make_signal(
            "running_distance_spike",
            "spike",
            day,
            {
                "ratio": ratio[day],
                "threshold_ratio": chosen.distance_spike_ratio,
                "week_distance_m": week[day],
                "baseline_weekly_distance_m": baseline[day],
                "baseline_weeks": chosen.baseline_weeks,
            },
        )
        for day in firing_days(ratio > chosen.distance_spike_ratio, every_day)
    )


def strength_volume_jump(
    daily_lower_body_hard_sets: npt.ArrayLike,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Hard lower-body sets of the last 7 days above 1.5 × the weekly mean of the 4 weeks before.

    Same windows as :func:`running_distance_spike`, over the daily hard lower-body sets of
    :func:`runstrong.science.muscle_volume.daily_muscle_volume`; grade **expert opinion**.

    Examples
    --------
    >>> days = [0.0, 4, 0, 0, 0, 0, 0] * 5 + [0.0, 4, 0, 4, 0, 0, 0]
    >>> strength_volume_jump(days)[0].metrics["ratio"]
    2.0
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    week, baseline, ratio = _week_against_baseline(
        daily_lower_body_hard_sets, chosen.baseline_weeks
    )
    return tuple(
        make_signal(
            "strength_volume_jump",
            "jump",
            day,
            {
                "ratio": ratio[day],
                "threshold_ratio": chosen.strength_jump_ratio,
                "week_hard_sets": week[day],
                "baseline_weekly_hard_sets": baseline[day],
                "baseline_weeks": chosen.baseline_weeks,
            },
        )
        for day in firing_days(ratio > chosen.strength_jump_ratio, every_day)
    )


def load_spike(
    daily_load: npt.ArrayLike,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """EWMA acute:chronic workload ratio above 1.5 (Williams et al. 2017).

    Uses :func:`runstrong.science.load.acwr_ewma` (no ratio before 28 days of history). ACWR
    describes change and does not predict injury (Impellizzeri et al. 2020); grade **weak**.

    Examples
    --------
    >>> signal = load_spike([100.0] * 42 + [300.0] * 7)[0]
    >>> signal.severity, round(signal.metrics["acwr_ewma"], 2)
    ('caution', 1.56)
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    loads = as_daily_series("daily_load", daily_load)
    ratio = acwr_ewma(loads)
    acute, chronic = ewma(loads, 7), ewma(loads, 28)
    return tuple(
        make_signal(
            "load_spike",
            "spike",
            day,
            {
                "acwr_ewma": ratio[day],
                "threshold_acwr": chosen.load_spike_acwr,
                "acute_load": acute[day],
                "chronic_load": chronic[day],
            },
        )
        for day in firing_days(ratio > chosen.load_spike_acwr, every_day)
    )


def high_monotony(
    daily_load: npt.ArrayLike,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Training monotony of the last 7 days above 2.0 (Foster 1998; grade **weak**).

    Seven days of the same load above zero (infinite monotony) fire with their own explanation.

    Examples
    --------
    >>> round(high_monotony([300.0, 200, 250, 300, 200, 250, 150])[0].metrics["monotony"], 2)
    4.58
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    loads = as_daily_series("daily_load", daily_load)
    values, strains = monotony(loads), strain(loads)
    weekly = rolling_sum(loads, _DAYS_PER_WEEK)
    signals = []
    for day in firing_days(values > chosen.high_monotony, every_day):
        common = {"threshold_monotony": chosen.high_monotony, "weekly_load": weekly[day]}
        if math.isinf(values[day]):
            metrics = {**common, "mean_daily_load": weekly[day] / _DAYS_PER_WEEK}
            signals.append(make_signal("high_monotony", "no_variation", day, metrics))
        else:
            metrics = {**common, "monotony": values[day], "strain": strains[day]}
            signals.append(make_signal("high_monotony", "monotony", day, metrics))
    return tuple(signals)


def _week_against_baseline(
    daily: npt.ArrayLike, baseline_weeks: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Last 7 days' sum, weekly mean of the ``baseline_weeks`` weeks before, and their ratio."""
    series = as_daily_series("daily", daily)
    week = rolling_sum(series, _DAYS_PER_WEEK)
    history = _DAYS_PER_WEEK * (baseline_weeks + 1)
    kernel = np.concatenate((np.zeros(_DAYS_PER_WEEK), np.ones(_DAYS_PER_WEEK * baseline_weeks)))
    baseline = np.convolve(series, kernel)[: series.size] / baseline_weeks
    ratio = np.full(series.size, np.nan)
    with np.errstate(over="ignore"):  # a near-zero baseline gives inf: no signal without history
        np.divide(week, baseline, out=ratio, where=baseline > 0)
    ratio[: history - 1] = np.nan
    return week, baseline, ratio
