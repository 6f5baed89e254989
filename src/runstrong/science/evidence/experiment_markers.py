"""The outcome markers a personal experiment can use, and the two that are measured in tests.

``efficiency`` and ``vdot`` are the evidence report's weekly markers. ``test-hr`` is the average
heart rate of the weekly standard test run: a steady run on the test weekday whose pace is within
±5 % of the athlete's test pace (lower is better: the same pace costs fewer beats). ``time-trial``
is the VDOT of a time trial (or race) every 4 weeks: one value per 4-week period, placed in the
period's last week (docs/science.md, "Your own experiment").
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, Literal, get_args

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, positive, whole_number
from runstrong.science.evidence.experiment_design import scheduled_weeks
from runstrong.science.evidence.series import MARKERS, FloatArray, MarkerInfo

__all__ = [
    "EXPERIMENT_MARKERS",
    "EXPERIMENT_MARKER_KINDS",
    "PACE_WINDOW",
    "TIME_TRIAL_EVERY_WEEKS",
    "ExperimentMarker",
    "check_marker",
    "one_per_period",
    "weekly_test_hr",
    "weeks_between_tests",
]

ExperimentMarker = Literal["efficiency", "vdot", "test-hr", "time-trial"]
EXPERIMENT_MARKER_KINDS: Final[tuple[ExperimentMarker, ...]] = get_args(ExperimentMarker)
#: Half-width of the pace window around the test pace, as a share of the test speed.
PACE_WINDOW: Final = 0.05
TIME_TRIAL_EVERY_WEEKS: Final = 4

EXPERIMENT_MARKERS: Final = MappingProxyType(
    {
        "efficiency": MARKERS["efficiency"],
        "vdot": MARKERS["vdot"],
        "test-hr": MarkerInfo(
            "heart rate in your standard test run at your test pace", "bpm", higher_is_better=False
        ),
        "time-trial": MarkerInfo(
            "VDOT of a time trial every 4 weeks", "VDOT points", higher_is_better=True
        ),
    }
)


def check_marker(marker: str) -> ExperimentMarker:
    """``marker`` if an experiment can use it, else a clear error."""
    for kind in EXPERIMENT_MARKER_KINDS:
        if marker == kind:
            return kind
    raise ValidationError(f"unknown marker {marker!r}: use {', '.join(EXPERIMENT_MARKER_KINDS)}")


def weeks_between_tests(marker: str) -> int:
    """Weeks between two values of the marker by design: 4 for a time trial, else 1."""
    return TIME_TRIAL_EVERY_WEEKS if marker == "time-trial" else 1


def weekly_test_hr(
    week_index: npt.ArrayLike,
    speed_m_per_s: npt.ArrayLike,
    hr_bpm: npt.ArrayLike,
    test_speed_m_per_s: float,
    n_weeks: int,
    *,
    window: float = PACE_WINDOW,
) -> FloatArray:
    """Per week, the heart rate of the one run closest to the test speed, if it is within
    ``window`` of it; NaN in weeks without one. One run a week, as the experiment has one test
    run a week, so the noise measured from the log is that of a single run. Pass steady runs
    only (on the test weekday for the experiment itself).

    >>> weekly_test_hr([0, 0, 0, 2], [3.0, 2.95, 3.5, 3.05], [150, 155, 170, 148], 3.0, 3).tolist()
    [150.0, nan, 148.0]
    """
    weeks = np.asarray(week_index)
    speed = np.asarray(speed_m_per_s, dtype=np.float64)
    hr = np.asarray(hr_bpm, dtype=np.float64)
    if weeks.ndim != 1 or weeks.shape != speed.shape or speed.shape != hr.shape:
        raise ValidationError("week_index, speed_m_per_s and hr_bpm must have the same length")
    if weeks.size and (not np.issubdtype(weeks.dtype, np.integer) or weeks.min() < 0):
        raise ValidationError("week_index must hold whole numbers of zero or more")
    target = positive("test_speed_m_per_s", test_speed_m_per_s)
    width = in_range("window", window, 0.005, 0.5)
    length = whole_number("n_weeks", n_weeks, 0, 100_000)
    gap = np.abs(speed / target - 1.0)
    used = (gap <= width) & np.isfinite(hr) & (hr > 0) & (weeks < length)
    at, gaps, beats = weeks[used].astype(np.intp), gap[used], hr[used]
    order = np.lexsort((gaps, at))
    at, beats = at[order], beats[order]
    first = np.ones(at.size, dtype=np.bool_)
    first[1:] = at[1:] != at[:-1]
    result = np.full(length, np.nan)
    result[at[first]] = beats[first]
    return result


def one_per_period(
    marker: npt.ArrayLike, every: int, *, higher_is_better: bool = True
) -> FloatArray:
    """One value per ``every``-week period: the period's best, placed in its scheduled (last)
    week, so a time trial run a week early or late still counts once for its period.

    >>> one_per_period([float("nan"), 50.0, 51.0, float("nan"), 49.0], 4).tolist()
    [nan, nan, nan, 51.0, nan]
    """
    values = np.asarray(marker, dtype=np.float64)
    period = whole_number("every", every, 1, 12)
    result = np.full(values.size, np.nan)
    if period == 1:
        return values.copy()
    slots = np.flatnonzero(scheduled_weeks(values.size, period))
    for slot in slots:
        chunk = values[slot - period + 1 : slot + 1]
        finite = chunk[np.isfinite(chunk)]
        if finite.size:
            result[slot] = finite.max() if higher_is_better else finite.min()
    return result
