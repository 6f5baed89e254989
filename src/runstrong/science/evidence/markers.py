"""Running-performance markers from runs: efficiency at a fixed heart rate, HR drift, weekly values.

Speeds in metres per second, heart rates in beats per minute, times in seconds. The weekly helpers
turn per-run values into the weekly series of :class:`WeeklySeries` (NaN in weeks without a run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science._checks import positive, whole_number
from runstrong.science.evidence.series import FloatArray

__all__ = [
    "EfficiencyMarker",
    "efficiency_marker",
    "hr_drift_percent",
    "weekly_best",
    "weekly_median",
]

EfficiencyMethod = Literal["within-athlete slope", "ratio"]

_MIN_HR_BPM: Final = 30.0
_MAX_HR_BPM: Final = 250.0
#: Longest gap between samples counted as moving time; longer gaps are pauses.
_MAX_SAMPLE_GAP_S: Final = 10.0


@dataclass(frozen=True, slots=True, eq=False)
class EfficiencyMarker:
    """Per-run speed normalised to one reference heart rate (see :func:`efficiency_marker`).

    Attributes
    ----------
    speed_m_per_s : FloatArray
        For each run, the speed it implies at ``reference_hr_bpm``, m/s.
    reference_hr_bpm : float
        The heart rate the speeds are normalised to.
    slope_m_per_s_per_bpm : float
        The within-athlete speed–heart-rate slope used (for ``"ratio"``: the mean speed/HR ratio).
    method : {"within-athlete slope", "ratio"}
        How the runs were normalised.
    n_runs : int
        Runs used.
    """

    speed_m_per_s: FloatArray
    reference_hr_bpm: float
    slope_m_per_s_per_bpm: float
    method: EfficiencyMethod
    n_runs: int


def efficiency_marker(
    speed_m_per_s: npt.ArrayLike,
    hr_bpm: npt.ArrayLike,
    week_index: npt.ArrayLike,
    reference_hr_bpm: float | None = None,
    *,
    window_weeks: int = 4,
    min_runs: int = 8,
) -> EfficiencyMarker:
    """Speed at a reference heart rate on comparable easy runs: an aerobic-efficiency marker.

    Submaximal heart rate rises about linearly with running speed, so each easy run's mean speed
    ``v`` at mean heart rate ``HR`` is moved along the athlete's own line to the reference rate:
    ``v_ref = v + b · (HR_ref − HR)``. The slope ``b`` is estimated *within* blocks of
    ``window_weeks`` weeks (speeds and heart rates centred on each block's means, then pooled
    least squares), so a slow change of fitness over months does not bend the slope. With fewer
    than ``min_runs`` runs, no spread in heart rate within blocks, or a slope that is not
    positive, it falls back to the ratio ``v_ref = v · HR_ref / HR`` (Friel's efficiency factor,
    speed per beat, scaled to the reference rate), which overstates changes a little because
    heart rate is not zero at zero speed. A higher value means the same heart rate buys more
    speed. Use only easy, steady, flat runs (heat, hills and intervals shift heart rate).

    Parameters
    ----------
    speed_m_per_s : array_like
        Mean speed of each run, m/s (> 0).
    hr_bpm : array_like
        Mean heart rate of each run, 30–250 bpm.
    week_index : array_like of int
        Week of each run, 0 = the first week of the series.
    reference_hr_bpm : float, optional
        Heart rate to normalise to; default the median of the runs' heart rates.
    window_weeks : int
        Length of the blocks the slope is estimated within (1–52 weeks).
    min_runs : int
        Fewest runs for the slope method (3–1000).

    Returns
    -------
    EfficiencyMarker

    References
    ----------
    Friel J (2009) efficiency factor and aerobic decoupling, as computed by TrainingPeaks;
    docs/science.md has no test vector for this marker.

    Examples
    --------
    >>> import numpy as np
    >>> hr = np.array([130, 140, 150, 135, 145, 155, 130, 150.0])
    >>> speed = 3.0 + 0.03 * (hr - 140)
    >>> marker = efficiency_marker(speed, hr, [0, 0, 0, 1, 1, 1, 2, 2], reference_hr_bpm=140)
    >>> marker.method, round(marker.slope_m_per_s_per_bpm, 3), np.round(marker.speed_m_per_s, 3)[:3]
    ('within-athlete slope', 0.03, array([3., 3., 3.]))
    """
    speed = _positive_array("speed_m_per_s", speed_m_per_s)
    hr = _positive_array("hr_bpm", hr_bpm)
    weeks = np.asarray(week_index)
    if speed.shape != hr.shape or weeks.shape != speed.shape:
        raise ValidationError("speed_m_per_s, hr_bpm and week_index must have the same length")
    if speed.size == 0:
        raise ValidationError("efficiency_marker needs at least one run with heart rate")
    if np.any((hr < _MIN_HR_BPM) | (hr > _MAX_HR_BPM)):
        raise ValidationError("hr_bpm must be from 30 to 250 bpm for every run")
    if not np.issubdtype(weeks.dtype, np.integer) or weeks.min() < 0:
        raise ValidationError("week_index must hold whole numbers of zero or more")
    window = whole_number("window_weeks", window_weeks, 1, 52)
    fewest = whole_number("min_runs", min_runs, 3, 1000)
    reference = (
        float(np.median(hr))
        if reference_hr_bpm is None
        else positive("reference_hr_bpm", reference_hr_bpm)
    )

    block = (weeks // window).astype(np.intp)
    counts = np.bincount(block).astype(np.float64)
    hr_centred = hr - (np.bincount(block, weights=hr) / np.maximum(counts, 1.0))[block]
    speed_centred = speed - (np.bincount(block, weights=speed) / np.maximum(counts, 1.0))[block]
    spread = float(hr_centred @ hr_centred)
    slope = float(hr_centred @ speed_centred) / spread if spread > 0 else 0.0
    if speed.size >= fewest and slope > 0:
        return EfficiencyMarker(
            speed + slope * (reference - hr), reference, slope, "within-athlete slope", speed.size
        )
    ratio = speed / hr
    return EfficiencyMarker(ratio * reference, reference, float(ratio.mean()), "ratio", speed.size)


def hr_drift_percent(
    time_s: npt.ArrayLike,
    hr_bpm: npt.ArrayLike,
    speed_m_per_s: npt.ArrayLike,
    *,
    warmup_s: float = 0.0,
    min_speed_m_per_s: float = 1.0,
    min_duration_s: float = 1200.0,
) -> float:
    """Heart-rate drift of a steady run: Pa:HR decoupling of the second half against the first.

    ``EF = mean speed / mean heart rate`` in each half of the moving time after the warm-up;
    ``drift = (EF₁ − EF₂) / EF₁ × 100``. Positive: heart rate rose relative to pace (or pace fell
    at the same heart rate). Friel's rule of thumb reads below about 5 % on a long steady aerobic
    run as a well-coupled effort; heat, dehydration, hills and surges raise it too.

    Samples are weighted by the time to the next sample (1 Hz recordings weigh equally); gaps
    longer than 10 s count as pauses, and samples slower than ``min_speed_m_per_s`` (standing,
    walking) or with missing values are left out.

    Parameters
    ----------
    time_s : array_like
        Elapsed time of each sample, seconds, increasing.
    hr_bpm : array_like
        Heart rate of each sample, bpm (NaN where missing).
    speed_m_per_s : array_like
        Speed of each sample, m/s (NaN where missing).
    warmup_s : float
        Seconds at the start left out (the warm-up), 0 or more.
    min_speed_m_per_s : float
        Slowest speed counted as running.
    min_duration_s : float
        Fewest seconds of moving time after the warm-up (default 20 min); a shorter run raises.

    Returns
    -------
    float
        Decoupling, percent.

    References
    ----------
    Friel J (2009), aerobic decoupling (Pa:HR), as computed by TrainingPeaks.

    Examples
    --------
    Steady 3 m/s for an hour while heart rate creeps from 140 to 150 bpm:

    >>> import numpy as np
    >>> time_s = np.arange(3600.0)
    >>> round(hr_drift_percent(time_s, 140 + 10 * time_s / 3600, np.full(3600, 3.0)), 2)
    3.39
    """
    time = np.asarray(time_s, dtype=np.float64)
    hr = np.asarray(hr_bpm, dtype=np.float64)
    speed = np.asarray(speed_m_per_s, dtype=np.float64)
    if time.ndim != 1 or time.shape != hr.shape or time.shape != speed.shape:
        raise ValidationError("time_s, hr_bpm and speed_m_per_s must be 1-D and of equal length")
    if time.size < 2 or not np.all(np.isfinite(time)) or np.any(np.diff(time) <= 0):
        raise ValidationError("time_s must hold two or more finite, increasing times")
    warmup = float(warmup_s)
    if not np.isfinite(warmup) or warmup < 0:
        raise ValidationError(f"warmup_s must be zero or more, got {warmup_s!r}")
    slowest = positive("min_speed_m_per_s", min_speed_m_per_s)
    shortest = positive("min_duration_s", min_duration_s)

    weight = np.diff(time, append=time[-1] + 1.0)
    weight[weight > _MAX_SAMPLE_GAP_S] = 0.0
    used = (
        (time - time[0] >= warmup)
        & np.isfinite(hr)
        & np.isfinite(speed)
        & (speed >= slowest)
        & (hr > 0)
        & (weight > 0)
    )
    moving_s = float(weight[used].sum())
    if moving_s < shortest:
        raise ValidationError(
            f"hr_drift_percent needs at least {shortest:g} s of steady running after the warm-up, "
            f"got {moving_s:g} s; use a long steady run"
        )
    elapsed_moving = np.cumsum(np.where(used, weight, 0.0))
    first = used & (elapsed_moving <= moving_s / 2)
    second = used & ~first
    ef = [
        np.average(speed[half], weights=weight[half]) / np.average(hr[half], weights=weight[half])
        for half in (first, second)
    ]
    return float((ef[0] - ef[1]) / ef[0] * 100.0)


def weekly_median(week_index: npt.ArrayLike, values: npt.ArrayLike, n_weeks: int) -> FloatArray:
    """Median of the per-run values in each week; NaN in weeks without a (finite) value.

    Vectorised: one sort, no loop over weeks. Runs in week ``n_weeks`` or later are left out.

    Examples
    --------
    >>> weekly_median([0, 0, 0, 2, 2], [3.1, 2.9, 3.0, 3.2, 3.4], 4)
    array([3. , nan, 3.3, nan])
    """
    weeks, amounts, length = _grouped(week_index, values, n_weeks)
    order = np.lexsort((amounts, weeks))
    weeks, amounts = weeks[order], amounts[order]
    counts = np.bincount(weeks, minlength=length)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    result = np.full(length, np.nan)
    has = counts > 0
    low = starts[has] + (counts[has] - 1) // 2
    high = starts[has] + counts[has] // 2
    result[has] = (amounts[low] + amounts[high]) / 2.0
    return result


def weekly_best(
    week_index: npt.ArrayLike,
    values: npt.ArrayLike,
    n_weeks: int,
    *,
    higher_is_better: bool = True,
) -> FloatArray:
    """Best per-run value in each week (e.g. the week's best VDOT); NaN in weeks without one.

    Examples
    --------
    >>> weekly_best([0, 0, 2], [48.2, 49.1, 50.0], 3)
    array([49.1,  nan, 50. ])
    """
    weeks, amounts, length = _grouped(week_index, values, n_weeks)
    result = np.full(length, -np.inf if higher_is_better else np.inf)
    (np.maximum if higher_is_better else np.minimum).at(result, weeks, amounts)
    result[~np.isfinite(result)] = np.nan
    return result


def _grouped(
    week_index: npt.ArrayLike, values: npt.ArrayLike, n_weeks: int
) -> tuple[npt.NDArray[np.intp], FloatArray, int]:
    weeks = np.asarray(week_index)
    amounts = np.asarray(values, dtype=np.float64)
    length = whole_number("n_weeks", n_weeks, 0, 100_000)
    if weeks.ndim != 1 or weeks.shape != amounts.shape:
        raise ValidationError("week_index and values must be 1-D and of the same length")
    if weeks.size and (not np.issubdtype(weeks.dtype, np.integer) or weeks.min() < 0):
        raise ValidationError("week_index must hold whole numbers of zero or more")
    kept = np.isfinite(amounts) & (weeks < length)
    return weeks[kept].astype(np.intp), amounts[kept], length


def _positive_array(name: str, values: npt.ArrayLike) -> FloatArray:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{name} must be a sequence of numbers, one per run") from exc
    if array.ndim != 1 or not np.all(np.isfinite(array)) or np.any(array <= 0):
        raise ValidationError(f"{name} must be a 1-D sequence of finite numbers above zero")
    return array
