"""Daily load series: building them, and fitness-fatigue, ACWR, monotony and strain over them.

Private to :mod:`runstrong.science.load`, which re-exports the public names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from runstrong.errors import ValidationError
from runstrong.science._checks import non_negative, whole_number

FloatArray = npt.NDArray[np.float64]

_MAX_WINDOW_DAYS: Final = 365
#: Days solved at once by the closed form of the EWMA recursion; short enough that the growth
#: factor (1 - alpha) ** -block stays small for every alpha used here (alpha <= 2/3).
_EWMA_BLOCK_DAYS: Final = 32


def as_daily_series(name: str, values: npt.ArrayLike) -> FloatArray:
    """Return ``values`` as a 1-D float array of finite values of zero or more.

    The shared precondition of every daily series in :mod:`runstrong.science`: one value per
    consecutive day, oldest first. An empty series is allowed and gives empty results.

    >>> as_daily_series("daily_load", [300, 0, 450])
    array([300.,   0., 450.])
    """
    try:
        series = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{name} must be a sequence of numbers, one per day") from exc
    if series.ndim != 1:
        raise ValidationError(
            f"{name} must be one value per day (a 1-D series), got an array of shape {series.shape}"
        )
    if not np.all(np.isfinite(series)):
        raise ValidationError(f"{name} must hold finite numbers; use 0 for a day without training")
    if np.any(series < 0):
        day = int(np.argmax(series < 0))
        raise ValidationError(f"{name} must be zero or more on every day, got {series[day]!r}")
    return series


def daily_totals(day_index: npt.ArrayLike, values: npt.ArrayLike, n_days: int) -> FloatArray:
    """Add per-session values into a daily series of ``n_days`` days (zero on empty days).

    Parameters
    ----------
    day_index : array_like of int
        Day of each session, 0 = the first day of the series.
    values : array_like of float
        The value of each session (a load, a distance in metres ...), zero or more.
    n_days : int
        Length of the series. Sessions on day ``n_days`` or later are left out.

    Examples
    --------
    >>> daily_totals([0, 2, 2], [300.0, 100.0, 50.0], 4)
    array([300.,   0., 150.,   0.])
    """
    days = np.asarray(day_index)
    amounts = as_daily_series("values", values)
    length = whole_number("n_days", n_days, 0, 1_000_000)
    if days.ndim != 1 or days.shape != amounts.shape:
        raise ValidationError("day_index and values must be 1-D and of the same length")
    if days.size and (not np.issubdtype(days.dtype, np.integer) or days.min() < 0):
        raise ValidationError("day_index must hold whole numbers of zero or more")
    kept = days < length
    return np.bincount(days[kept].astype(np.intp), weights=amounts[kept], minlength=length)[
        :length
    ].astype(np.float64)


def rolling_sum(daily: npt.ArrayLike, window_days: int = 7) -> FloatArray:
    """Sum over the trailing ``window_days`` days, ending on and including each day.

    The first ``window_days − 1`` entries sum the days available so far. Computed as an exact
    convolution, so a window of rest days sums to exactly zero.

    Examples
    --------
    >>> rolling_sum([1, 2, 3, 4], window_days=2)
    array([1., 3., 5., 7.])
    """
    series = as_daily_series("daily", daily)
    window = whole_number("window_days", window_days, 1, _MAX_WINDOW_DAYS)
    if series.size == 0:
        return series.copy()
    return np.convolve(series, np.ones(window))[: series.size]


@dataclass(frozen=True, slots=True, eq=False)
class FitnessFatigue:
    """Daily fitness (CTL), fatigue (ATL) and form (TSB), arrays of equal length, AU.

    Attributes
    ----------
    ctl : FloatArray
        Chronic training load ("fitness") at the end of each day.
    atl : FloatArray
        Acute training load ("fatigue") at the end of each day.
    tsb : FloatArray
        Training stress balance ("form") going into each day: yesterday's CTL − ATL.
    """

    ctl: FloatArray
    atl: FloatArray
    tsb: FloatArray


def fitness_fatigue(
    daily_load: npt.ArrayLike,
    ctl_days: int = 42,
    atl_days: int = 7,
    initial_ctl: float = 0.0,
    initial_atl: float = 0.0,
) -> FitnessFatigue:
    """Fitness (CTL), fatigue (ATL) and form (TSB) from a daily load series.

    The Banister impulse-response model in the form of the TrainingPeaks / GoldenCheetah
    performance manager chart: ``CTL_t = CTL_{t−1} + (L_t − CTL_{t−1}) / 42``, ATL the same with
    7 days, i.e. exponentially weighted averages with ``α = 1/N`` (the ``1 − e^(−1/N)`` variant
    gives slightly lower values and is not used). ``TSB_t = CTL_{t−1} − ATL_{t−1}``: form for a
    day uses the values at the end of the previous day, before that day's training, so on day 0
    it is ``initial_ctl − initial_atl``.

    Parameters
    ----------
    daily_load : array_like
        One load per consecutive day (AU), zero or more.
    ctl_days, atl_days : int
        Time constants, days (1 to 365).
    initial_ctl, initial_atl : float
        CTL and ATL at the end of the day before the series starts, AU.

    Returns
    -------
    FitnessFatigue
        ``ctl``, ``atl`` and ``tsb``, each as long as ``daily_load``.

    Examples
    --------
    >>> curves = fitness_fatigue([100.0] * 42)
    >>> round(float(curves.ctl[-1]), 2), round(float(curves.atl[-1]), 2)
    (63.65, 99.85)
    """
    loads = as_daily_series("daily_load", daily_load)
    ctl = _ewma(loads, 1.0 / whole_number("ctl_days", ctl_days, 1, _MAX_WINDOW_DAYS), initial_ctl)
    atl = _ewma(loads, 1.0 / whole_number("atl_days", atl_days, 1, _MAX_WINDOW_DAYS), initial_atl)
    form = np.empty_like(loads)
    if loads.size:
        form[0] = non_negative("initial_ctl", initial_ctl) - non_negative(
            "initial_atl", initial_atl
        )
        form[1:] = ctl[:-1] - atl[:-1]
    return FitnessFatigue(ctl=ctl, atl=atl, tsb=form)


def acwr_rolling(
    daily_load: npt.ArrayLike, acute_days: int = 7, chronic_days: int = 28
) -> FloatArray:
    """Rolling acute:chronic workload ratio: mean of the last 7 days / mean of the last 28.

    The coupled form (Gabbett 2016): the chronic window includes the acute one. Both windows
    end on and include each day. ``nan`` before a full chronic window exists (the first
    ``chronic_days − 1`` days) and where the chronic mean is 0.

    ACWR describes how much load has changed; it does not predict injury. The ratio is
    mathematically coupled and only weakly related to injury (Impellizzeri et al. 2020):
    evidence grade **weak**.

    Parameters
    ----------
    daily_load : array_like
        One load per consecutive day (AU), zero or more.
    acute_days, chronic_days : int
        Window lengths, days, ``1 <= acute_days <= chronic_days <= 365``.

    Examples
    --------
    >>> week = [300.0, 0, 450, 0, 300, 600, 0]
    >>> round(float(acwr_rolling(week * 6 + [2 * x for x in week])[-1]), 3)
    1.6
    """
    loads = as_daily_series("daily_load", daily_load)
    acute, chronic = _windows(acute_days, chronic_days)
    ratio = _safe_ratio(rolling_sum(loads, acute) / acute, rolling_sum(loads, chronic) / chronic)
    ratio[: chronic - 1] = np.nan
    return ratio


def ewma(daily_load: npt.ArrayLike, span_days: int, initial: float = 0.0) -> FloatArray:
    """Exponentially weighted moving average with span N: ``λ = 2 / (N + 1)``.

    ``EWMA_t = λ L_t + (1 − λ) EWMA_{t−1}``, starting from ``initial`` (0 by default) on the day
    before the series: the averages of Williams et al. (2017) for the EWMA ACWR, with N = 7 days
    (acute) and 28 days (chronic).

    Examples
    --------
    >>> ewma([100.0, 100.0], 7)
    array([25.  , 43.75])
    """
    loads = as_daily_series("daily_load", daily_load)
    span = whole_number("span_days", span_days, 1, _MAX_WINDOW_DAYS)
    return _ewma(loads, 2.0 / (span + 1), initial)


def acwr_ewma(
    daily_load: npt.ArrayLike,
    acute_days: int = 7,
    chronic_days: int = 28,
    min_history_days: int | None = None,
) -> FloatArray:
    """Exponentially weighted acute:chronic workload ratio (Williams et al. 2017).

    ``EWMA_t = λ L_t + (1 − λ) EWMA_{t−1}`` with ``λ = 2 / (N + 1)``, N = 7 days (acute) and 28
    days (chronic), both started from zero; the ratio is acute / chronic. Because both start from
    zero the ratio overshoots early on (it is 3.6 on day 0 of any series), so it is ``nan`` for
    the first ``min_history_days − 1`` days (by default a full chronic window, 28 days) and where
    the chronic average is 0. Give the series from the athlete's first logged training, not just
    the recent weeks.

    ACWR describes how much load has changed; it does not predict injury (Impellizzeri et al.
    2020): evidence grade **weak**.

    Parameters
    ----------
    daily_load : array_like
        One load per consecutive day (AU), zero or more.
    acute_days, chronic_days : int
        Spans N, days, ``1 <= acute_days <= chronic_days <= 365``.
    min_history_days : int or None
        Days of history before a ratio is reported; ``None`` means ``chronic_days``.

    Examples
    --------
    >>> week = [300.0, 0, 450, 0, 300, 600, 0]
    >>> round(float(acwr_ewma(week * 6 + [2 * x for x in week])[-1]), 3)
    1.358
    """
    loads = as_daily_series("daily_load", daily_load)
    acute, chronic = _windows(acute_days, chronic_days)
    history = chronic if min_history_days is None else min_history_days
    history = whole_number("min_history_days", history, 1, 10 * _MAX_WINDOW_DAYS)
    ratio = _safe_ratio(ewma(loads, acute), ewma(loads, chronic))
    ratio[: history - 1] = np.nan
    return ratio


def monotony(daily_load: npt.ArrayLike, window_days: int = 7) -> FloatArray:
    """Training monotony over the trailing 7 days: mean daily load / SD (Foster 1998).

    The SD is the population SD (divide by n), and rest days count with load 0. Monotony above
    2 is flagged (Foster linked high strain to illness; evidence grade **weak**).

    Special values: ``nan`` for the first ``window_days − 1`` days and for a window of rest days
    only (no training, no monotony); ``inf`` when every day of the window has the same load
    above zero (no variation at all: maximally monotonous).

    Parameters
    ----------
    daily_load : array_like
        One load per consecutive day (AU), zero or more.
    window_days : int
        Window length, days (2 to 365).

    Examples
    --------
    >>> round(float(monotony([300.0, 0, 450, 0, 300, 600, 0])[-1]), 3)
    1.049
    """
    loads = as_daily_series("daily_load", daily_load)
    window = whole_number("window_days", window_days, 2, _MAX_WINDOW_DAYS)
    result = np.full(loads.size, np.nan)
    if loads.size < window:
        return result
    windows = sliding_window_view(loads, window)
    mean = windows.mean(axis=1)
    sd = windows.std(axis=1)
    # A constant window can leave rounding noise in the SD; only an exact zero means "no variation".
    sd[np.ptp(windows, axis=1) == 0] = 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(sd > 0, mean / sd, np.where(mean > 0, np.inf, np.nan))
    result[window - 1 :] = values
    return result


def strain(daily_load: npt.ArrayLike, window_days: int = 7) -> FloatArray:
    """Training strain over the trailing 7 days: weekly load × monotony (Foster 1998).

    ``nan`` for the first ``window_days − 1`` days, 0 for a week of rest days only, and ``inf``
    where :func:`monotony` is infinite (the same load above zero every day).

    Parameters
    ----------
    daily_load : array_like
        One load per consecutive day (AU), zero or more.
    window_days : int
        Window length, days (2 to 365).

    Examples
    --------
    >>> round(float(strain([300.0, 0, 450, 0, 300, 600, 0])[-1]), 1)
    1730.5
    """
    loads = as_daily_series("daily_load", daily_load)
    window = whole_number("window_days", window_days, 2, _MAX_WINDOW_DAYS)
    weekly = rolling_sum(loads, window)
    with np.errstate(invalid="ignore"):
        result = np.where(weekly == 0, 0.0, weekly * monotony(loads, window))
    result[: window - 1] = np.nan
    return result


def _windows(acute_days: int, chronic_days: int) -> tuple[int, int]:
    acute = whole_number("acute_days", acute_days, 1, _MAX_WINDOW_DAYS)
    chronic = whole_number("chronic_days", chronic_days, 1, _MAX_WINDOW_DAYS)
    if acute > chronic:
        raise ValidationError(
            f"acute_days ({acute}) must not be longer than chronic_days ({chronic})"
        )
    return acute, chronic


def _ewma(loads: FloatArray, alpha: float, initial: float) -> FloatArray:
    """``y_t = alpha * x_t + (1 - alpha) * y_{t-1}`` with ``y_{-1} = initial``.

    Solved a block of days at a time with the closed form
    ``y_{s+j} = d^(j+1) y_{s-1} + alpha * d^j * sum_{k<=j} x_{s+k} d^(-k)`` (``d = 1 - alpha``):
    one cumulative sum per block instead of a Python step per day, and no SciPy import (whose
    ``signal`` package alone costs over half a second of start-up for every command).
    """
    start = non_negative("initial load", initial)
    if loads.size == 0:
        return loads.copy()
    decay = 1.0 - alpha
    block = min(_EWMA_BLOCK_DAYS, loads.size)
    powers = decay ** np.arange(block + 1, dtype=np.float64)  # d^0 .. d^block
    inverse = 1.0 / powers[:block]  # d^0 .. d^-(block-1)
    result = np.empty_like(loads)
    previous = start
    for offset in range(0, loads.size, block):
        chunk = loads[offset : offset + block]
        size = chunk.size
        weighted = np.cumsum(chunk * inverse[:size])
        values = powers[1 : size + 1] * previous + alpha * powers[:size] * weighted
        result[offset : offset + size] = values
        previous = float(values[-1])
    return result


def _safe_ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    ratio = np.full(numerator.size, np.nan)
    np.divide(numerator, denominator, out=ratio, where=denominator > 0)
    return ratio
