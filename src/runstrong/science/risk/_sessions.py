"""Risk detectors over logged sessions: heavy legs before a key run, easy runs rated too hard.

Private to :mod:`runstrong.science.risk`. Sessions are placed in time by their start in hours since
midnight at the start of day 0 (``start_h``); sessions after today are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from runstrong.domain.models import SessionType
from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, non_negative, whole_number
from runstrong.science.load import FloatArray, daily_totals, rolling_sum
from runstrong.science.muscle_volume import (
    ExerciseColumns,
    ExerciseProfile,
    HardSetRule,
    LoggedSet,
    SetTable,
    hard_set_rule,
    percent_e1rm_per_set,
)
from runstrong.science.risk._catalogue import RiskThresholds
from runstrong.science.risk._signals import RiskSignal, firing_days, make_signal, signal_names

_HOURS_PER_DAY: Final = 24.0


def _plain(value: float | None, low: float, high: float) -> bool:
    """Whether ``value`` is ``None`` or a finite float or int from ``low`` to ``high``.

    A cheap test for the common case, as sessions are built by the thousand for a decade of
    history; anything else goes through the ``_checks`` functions, which give the message.
    """
    return value is None or (
        type(value) in (float, int) and low <= value <= high and value != math.inf
    )


@dataclass(frozen=True, slots=True)
class RunSession:
    """A run: when it started (hours since day 0, 00:00), its session type and RPE if logged."""

    start_h: float
    session_type: SessionType | None = None
    rpe: float | None = None

    def __post_init__(self) -> None:
        if not (_plain(self.start_h, 0.0, math.inf) and _plain(self.rpe, 0.0, 10.0)):
            non_negative("start_h", self.start_h)
            if self.rpe is not None:
                in_range("rpe", self.rpe, 0.0, 10.0)

    @property
    def day_index(self) -> int:
        """The day the run started on."""
        return int(self.start_h // _HOURS_PER_DAY)


@dataclass(frozen=True, slots=True)
class LegSession:
    """A strength session with lower-body work, summarised for the heavy-legs check.

    ``top_percent_e1rm`` is its heaviest lower-body set in % of e1RM and ``top_rpe`` the highest
    RPE of a lower-body set or of the session; either may be unknown. See :func:`leg_session`.
    """

    start_h: float
    top_percent_e1rm: float | None = None
    top_rpe: float | None = None

    def __post_init__(self) -> None:
        if not (
            _plain(self.start_h, 0.0, math.inf)
            and _plain(self.top_percent_e1rm, 0.0, math.inf)
            and _plain(self.top_rpe, 0.0, 10.0)
        ):
            non_negative("start_h", self.start_h)
            if self.top_percent_e1rm is not None:
                non_negative("top_percent_e1rm", self.top_percent_e1rm)
            if self.top_rpe is not None:
                in_range("top_rpe", self.top_rpe, 0.0, 10.0)


def leg_sessions(
    sets: SetTable,
    start_h: npt.ArrayLike,
    exercise_for: Callable[[str], ExerciseProfile | None],
    session_rpe: npt.ArrayLike | None = None,
    rule: HardSetRule | None = None,
) -> tuple[LegSession, ...]:
    """Summarise the lower-body sets of every session, for those sessions that have any.

    ``sets.session_index`` numbers each set's session; ``start_h`` and ``session_rpe`` (``nan``
    where not logged) hold one value per session. Lower-body sets are those of lower-body
    exercises as defined by the hard-set rule
    (:func:`runstrong.science.muscle_volume.hard_set_rule`: strength exercises whose primary
    muscles include a leg or hip muscle). Intensity per set comes from
    :func:`runstrong.science.muscle_volume.percent_e1rm_per_set` (reference e1RM, else the RPE
    chart of Tuchscherer 2008); the session RPE, when given, counts as an RPE too. Sessions are
    grouped in one pass, so a decade of sessions takes a few milliseconds.

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> sets = SetTable.from_columns(day_index=[0, 0, 1], session_index=[0, 0, 1],
    ...     exercise_slug=["leg-press", "front-plank", "front-plank"], reps=[5, 1, 1],
    ...     load_kg=[150, 0, 0], rpe=[8, 9, 9])
    >>> leg_sessions(sets, [18.0, 42.0], load_catalog().get, session_rpe=[7, 6])
    (LegSession(start_h=18.0, top_percent_e1rm=81.1, top_rpe=8.0),)
    """
    chosen = hard_set_rule() if rule is None else rule
    starts = np.asarray(start_h, dtype=np.float64)
    n_sessions = starts.size
    session_rpes = (
        np.full(n_sessions, np.nan)
        if session_rpe is None
        else np.asarray(session_rpe, dtype=np.float64)
    )
    if session_rpes.shape != (n_sessions,) or (
        len(sets) and int(sets.session_index.max()) >= n_sessions
    ):
        raise ValidationError(
            "start_h and session_rpe need one value for every session of the sets"
        )
    exercises = ExerciseColumns.build(sets.exercise_slugs, exercise_for, chosen)
    lower = exercises.lower_body[sets.exercise_code]
    session = sets.session_index[lower]
    top_percent = np.full(n_sessions, np.nan)
    np.fmax.at(top_percent, session, percent_e1rm_per_set(sets)[lower])
    top_rpe = np.full(n_sessions, np.nan)
    np.fmax.at(top_rpe, session, sets.rpe[lower])
    top_rpe = np.fmax(top_rpe, session_rpes)
    summarised = np.flatnonzero(np.bincount(session, minlength=n_sessions))
    return tuple(
        LegSession(start, _known(percent), _known(rpe))
        for start, percent, rpe in zip(
            starts[summarised].tolist(),
            top_percent[summarised].tolist(),
            top_rpe[summarised].tolist(),
            strict=True,
        )
    )


def leg_session(
    start_h: float,
    sets: Iterable[LoggedSet],
    exercise_for: Callable[[str], ExerciseProfile | None],
    session_rpe: float | None = None,
    rule: HardSetRule | None = None,
) -> LegSession | None:
    """Summarise one strength session's lower-body sets, or ``None`` if it has none.

    :func:`leg_sessions` for one session (lower-body sets by the hard-set rule, intensity from the
    reference e1RM or Tuchscherer's 2008 RPE chart).

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> sets = [LoggedSet(0, "leg-press", 5, 170, reference_e1rm_kg=200)]
    >>> leg_session(18.0, sets, load_catalog().get)
    LegSession(start_h=18.0, top_percent_e1rm=85.0, top_rpe=None)
    """
    rpe = np.nan if session_rpe is None else session_rpe
    summaries = leg_sessions(SetTable.from_sets(sets), [start_h], exercise_for, [rpe], rule)
    return summaries[0] if summaries else None


def heavy_legs_before_key_run(
    leg_sessions: Sequence[LegSession],
    runs: Sequence[RunSession],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """A heavy lower-body session within 48 h before a key run (interval, repetition, tempo, long
    run or race).

    Heavy means a lower-body set at ≥ 80 % of e1RM, or an RPE ≥ 8. One signal per key run, on
    the run's day, naming the most recent heavy session. Grade **expert opinion** (coaching
    practice on concurrent training, docs/science.md section 5).

    Examples
    --------
    >>> legs = [LegSession(start_h=18.0, top_rpe=9.0)]
    >>> signal = heavy_legs_before_key_run(legs, [RunSession(32.0, "tempo")], n_days=2)[0]
    >>> signal.metrics["hours_before"], signal.labels["run_type"]
    (14.0, 'tempo run')
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    today = whole_number("n_days", n_days, 1, 10_000_000) - 1
    run_names = signal_names("heavy_legs_before_key_run")
    leg_starts = _values([session.start_h for session in leg_sessions])
    top_percent = _values([session.top_percent_e1rm for session in leg_sessions])
    top_rpe = _values([session.top_rpe for session in leg_sessions])
    heavy = np.flatnonzero(
        (top_percent >= chosen.heavy_percent_e1rm) | (top_rpe >= chosen.heavy_rpe)
    )
    heavy = heavy[np.argsort(leg_starts[heavy], kind="stable")]
    run_starts = _values([run.start_h for run in runs])
    run_days = run_starts // _HOURS_PER_DAY
    key_run = np.array([run.session_type in run_names for run in runs], dtype=np.bool_)
    # the latest heavy session that started before each run (-inf: none)
    before = np.searchsorted(leg_starts[heavy], run_starts, side="left")
    latest_start = np.concatenate(([-np.inf], leg_starts[heavy]))[before]
    fired = (
        key_run
        & (run_days <= today if every_day else run_days == today)
        & (run_starts - latest_start <= chosen.heavy_legs_window_h)
    )
    signals = []
    for number in np.flatnonzero(fired).tolist():
        run, session = runs[number], leg_sessions[heavy[before[number] - 1]]
        common = {
            "hours_before": run.start_h - session.start_h,
            "window_h": chosen.heavy_legs_window_h,
        }
        labels = {"run_type": run_names[run.session_type or ""]}
        percent = session.top_percent_e1rm
        if percent is not None and percent >= chosen.heavy_percent_e1rm:
            metrics = {
                **common,
                "percent_e1rm": percent,
                "threshold_percent_e1rm": chosen.heavy_percent_e1rm,
            }
            signals.append(
                make_signal(
                    "heavy_legs_before_key_run", "percent_e1rm", run.day_index, metrics, labels
                )
            )
        else:
            metrics = {**common, "rpe": session.top_rpe or 0.0, "threshold_rpe": chosen.heavy_rpe}
            signals.append(
                make_signal("heavy_legs_before_key_run", "rpe", run.day_index, metrics, labels)
            )
    return tuple(sorted(signals, key=lambda signal: signal.day_index))


def easy_runs_too_hard(
    runs: Iterable[RunSession],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """At least 3 easy or recovery runs rated RPE ≥ 6 within the last 14 days.

    runstrong's own rule (grade **expert opinion**): easy runs should feel easy, and repeated
    high ratings can mean the pace is too fast or fatigue is building. Runs without RPE are not
    counted.

    Examples
    --------
    >>> runs = [RunSession(24.0 * day + 7, "easy", 7) for day in (0, 4, 9)]
    >>> signal = easy_runs_too_hard(runs, n_days=10)[0]
    >>> signal.severity, signal.metrics["count"], signal.metrics["mean_rpe"]
    ('info', 3.0, 7.0)
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    length = whole_number("n_days", n_days, 1, 10_000_000)
    easy_types = signal_names("easy_runs_too_hard")
    hard_easy = [
        run
        for run in runs
        if run.session_type in easy_types
        and run.rpe is not None
        and run.rpe >= chosen.easy_run_rpe
        and run.day_index < length
    ]
    days = np.array([run.day_index for run in hard_easy], dtype=np.intp)
    window = chosen.easy_run_window_days
    counts = rolling_sum(daily_totals(days, np.ones(days.size), length), window)
    rpe_sums = rolling_sum(
        daily_totals(days, [run.rpe or 0.0 for run in hard_easy], length), window
    )
    return tuple(
        make_signal(
            "easy_runs_too_hard",
            "repeated",
            day,
            {
                "count": counts[day],
                "threshold_count": chosen.easy_run_count,
                "threshold_rpe": chosen.easy_run_rpe,
                "mean_rpe": rpe_sums[day] / counts[day],
                "window_days": window,
            },
        )
        for day in firing_days(counts >= chosen.easy_run_count, every_day)
    )


def _known(value: float) -> float | None:
    return None if math.isnan(value) else value


def _values(values: Sequence[float | None]) -> FloatArray:
    """A float array of ``values``, ``nan`` for ``None``."""
    return np.array([math.nan if value is None else value for value in values], dtype=np.float64)
