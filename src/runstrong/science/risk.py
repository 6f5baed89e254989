"""Injury-risk signals: load spikes, monotony, heavy legs before key runs, asymmetry, pain.

Each detector takes plain daily series (one value per consecutive day, oldest first, the last day
being "today", as in :mod:`runstrong.science.load`) or small typed events placed on those days,
and returns :class:`RiskSignal` values for today, or with ``every_day=True`` for every day on
which the signal fires (in one vectorised pass, so a service can find the dates). Events after
today are ignored. Times of day are hours since midnight at the start of day 0 (``start_h``).

Thresholds are per-athlete settings (:class:`RiskThresholds`); their defaults, allowed ranges and
every text shown to the athlete (explanation, advice, evidence grade, source) are data, in
``science/data/risk_signals.toml``. Defaults and grades follow ``docs/science.md`` section 4. The
signals describe what changed; none of them predicts injury, and most rest on weak evidence or
coaching practice, as each signal says.
"""

from __future__ import annotations

import bisect
import math
import string
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, Literal, get_args

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from runstrong.domain.models import SessionType
from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, non_negative, whole_number
from runstrong.science.load import (
    FloatArray,
    acwr_ewma,
    as_daily_series,
    daily_totals,
    ewma,
    monotony,
    rolling_sum,
    strain,
)
from runstrong.science.muscle_volume import (
    ExerciseProfile,
    HardSetRule,
    LoggedSet,
    hard_set_rule,
    set_percent_e1rm,
)
from runstrong.science.strength import asymmetry_percent, limb_symmetry_index, set_one_rep_max

__all__ = [
    "RISK_KINDS",
    "EvidenceGrade",
    "LegSession",
    "PainReport",
    "RiskInputs",
    "RiskKind",
    "RiskSignal",
    "RiskThresholds",
    "RunSession",
    "Severity",
    "ThresholdSpec",
    "asymmetry",
    "easy_runs_too_hard",
    "evaluate_all",
    "heavy_legs_before_key_run",
    "high_monotony",
    "leg_session",
    "load_spike",
    "pain_reported",
    "running_distance_spike",
    "strength_volume_jump",
    "threshold_specs",
]

RiskKind = Literal[
    "running_distance_spike",
    "load_spike",
    "high_monotony",
    "heavy_legs_before_key_run",
    "asymmetry",
    "strength_volume_jump",
    "pain_reported",
    "easy_runs_too_hard",
]
Severity = Literal["info", "caution", "high"]
EvidenceGrade = Literal["strong", "moderate", "weak", "expert opinion"]
RISK_KINDS: Final[tuple[RiskKind, ...]] = get_args(RiskKind)

_DATA_FILE: Final = "risk_signals.toml"
_SCHEMA_VERSION: Final = 1
_SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)
_GRADES: Final[tuple[EvidenceGrade, ...]] = get_args(EvidenceGrade)
_HOURS_PER_DAY: Final = 24.0
_DAYS_PER_WEEK: Final = 7
_BoolArray = npt.NDArray[np.bool_]


# --- types ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RiskSignal:
    """One risk signal on one day, with the numbers behind it and what to do about it.

    Attributes
    ----------
    kind : RiskKind
        Which signal (``"load_spike"``, ``"pain_reported"`` ...).
    severity : {"info", "caution", "high"}
        How much attention it deserves.
    day_index : int
        The day it applies to, 0 = the first day of the series.
    metrics : Mapping[str, float]
        The numbers that triggered it, all finite, with the threshold used (``threshold_*``).
        Distances are in metres, loads in AU.
    labels : Mapping[str, str]
        Text details (a pain location, an exercise, a run type).
    title, explanation, advice : str
        Plain-language texts, filled from the metrics and labels.
    evidence_grade : {"strong", "moderate", "weak", "expert opinion"}
        Grade of the evidence behind the signal (docs/science.md).
    source : str
        Where the threshold and the claim come from.
    """

    kind: RiskKind
    severity: Severity
    day_index: int
    metrics: Mapping[str, float]
    labels: Mapping[str, str]
    title: str
    explanation: str
    advice: str
    evidence_grade: EvidenceGrade
    source: str


@dataclass(frozen=True, slots=True)
class ThresholdSpec:
    """Default and allowed range of one per-athlete threshold, from ``risk_signals.toml``."""

    name: str
    default: float
    min: float
    max: float
    unit: str
    description: str
    whole: bool


@dataclass(frozen=True, slots=True)
class RiskThresholds:
    """Per-athlete thresholds of the risk signals; :meth:`defaults` reads them from the TOML.

    Every field can be overridden within the range given in ``risk_signals.toml``
    (:func:`threshold_specs`); building a value checks the ranges, that whole-number fields are
    whole, and that the high thresholds are not below the caution ones.

    Examples
    --------
    >>> defaults = RiskThresholds.defaults()
    >>> defaults.load_spike_acwr, defaults.with_overrides(high_monotony=2.5).high_monotony
    (1.5, 2.5)
    """

    distance_spike_ratio: float
    baseline_weeks: int
    load_spike_acwr: float
    high_monotony: float
    heavy_percent_e1rm: float
    heavy_rpe: float
    heavy_legs_window_h: float
    asymmetry_caution_percent: float
    asymmetry_high_percent: float
    asymmetry_lookback_days: int
    strength_jump_ratio: float
    pain_score: float
    pain_high_score: float
    pain_window_days: int
    pain_repeat_count: int
    easy_run_rpe: float
    easy_run_count: int
    easy_run_window_days: int

    def __post_init__(self) -> None:
        specs = threshold_specs()
        for item in fields(self):
            spec = specs[item.name]
            value = getattr(self, item.name)
            label = f"risk threshold {item.name}"
            checked: float = (
                whole_number(label, value, int(spec.min), int(spec.max))
                if spec.whole
                else in_range(label, value, spec.min, spec.max)
            )
            object.__setattr__(self, item.name, checked)
        for high, low in (
            ("asymmetry_high_percent", "asymmetry_caution_percent"),
            ("pain_high_score", "pain_score"),
        ):
            if getattr(self, high) < getattr(self, low):
                raise ValidationError(
                    f"risk threshold {high} ({getattr(self, high):g}) must not be below "
                    f"{low} ({getattr(self, low):g})"
                )

    @classmethod
    def defaults(cls) -> RiskThresholds:
        """The defaults from ``risk_signals.toml`` (docs/science.md section 4)."""
        return _default_thresholds()

    def with_overrides(self, **overrides: float) -> RiskThresholds:
        """A copy with some thresholds changed, validated; unknown names are refused.

        >>> RiskThresholds.defaults().with_overrides(pain_score=5).pain_score
        5.0
        """
        known = {item.name for item in fields(self)}
        for name in overrides:
            if name not in known:
                raise ValidationError(
                    f"unknown risk threshold {name!r}; use one of {', '.join(sorted(known))}"
                )
        values: dict[str, Any] = {item.name: getattr(self, item.name) for item in fields(self)}
        return RiskThresholds(**{**values, **overrides})


@dataclass(frozen=True, slots=True)
class RunSession:
    """A run: when it started (hours since day 0, 00:00), its session type and RPE if logged."""

    start_h: float
    session_type: SessionType | None = None
    rpe: float | None = None

    def __post_init__(self) -> None:
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
        non_negative("start_h", self.start_h)
        if self.top_percent_e1rm is not None:
            non_negative("top_percent_e1rm", self.top_percent_e1rm)
        if self.top_rpe is not None:
            in_range("top_rpe", self.top_rpe, 0.0, 10.0)


@dataclass(frozen=True, slots=True)
class PainReport:
    """Pain reported on a day: a score from 0 (none) to 10 at a body location ("left knee")."""

    day_index: int
    score: float
    location: str

    def __post_init__(self) -> None:
        whole_number("day_index", self.day_index, 0, 10_000_000)
        in_range("score", self.score, 0.0, 10.0)
        if not self.location.strip():
            raise ValidationError("a pain report needs a body location, such as 'left knee'")


@dataclass(frozen=True, slots=True, eq=False)
class RiskInputs:
    """Everything :func:`evaluate_all` needs; the three daily series must have equal length.

    ``single_leg_sets`` are the logged sets with ``side`` left or right (others are ignored);
    ``exercise_names`` maps slugs to display names for the texts.
    """

    daily_load: FloatArray
    daily_running_distance_m: FloatArray
    daily_lower_body_hard_sets: FloatArray
    runs: tuple[RunSession, ...] = ()
    leg_sessions: tuple[LegSession, ...] = ()
    single_leg_sets: tuple[LoggedSet, ...] = ()
    pain_reports: tuple[PainReport, ...] = ()
    exercise_names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("daily_load", "daily_running_distance_m", "daily_lower_body_hard_sets"):
            object.__setattr__(self, name, as_daily_series(name, getattr(self, name)))
        sizes = {self.daily_load.size, self.daily_running_distance_m.size}
        if sizes | {self.daily_lower_body_hard_sets.size} != {self.daily_load.size}:
            raise ValidationError("the daily series of RiskInputs must cover the same days")

    @property
    def n_days(self) -> int:
        """Days in the series; the last one is today."""
        return int(self.daily_load.size)


# --- the data file ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reason:
    severity: Severity
    metrics: tuple[str, ...]
    labels: tuple[str, ...]
    explanation: str
    advice: str | None


@dataclass(frozen=True, slots=True)
class _Signal:
    title: str
    grade: EvidenceGrade
    source: str
    advice: str
    reasons: Mapping[str, _Reason]
    names: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class _Catalog:
    thresholds: Mapping[str, ThresholdSpec]
    signals: Mapping[RiskKind, _Signal]


def threshold_specs() -> Mapping[str, ThresholdSpec]:
    """Default, range, unit and description of every threshold, for settings screens.

    >>> spec = threshold_specs()["load_spike_acwr"]
    >>> spec.default, spec.min, spec.max
    (1.5, 1.1, 3.0)
    """
    return _catalog().thresholds


@cache
def _catalog() -> _Catalog:
    text = resources.files("runstrong.science").joinpath("data", _DATA_FILE).read_text("utf-8")
    try:
        return _parse_catalog(tomllib.loads(text))
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{_DATA_FILE}: missing or malformed field ({exc!r})") from exc


@cache
def _default_thresholds() -> RiskThresholds:
    specs = _catalog().thresholds
    defaults: dict[str, Any] = {name: spec.default for name, spec in specs.items()}
    return RiskThresholds(**defaults)


def _parse_catalog(document: Mapping[str, Any]) -> _Catalog:
    if document["schema_version"] != _SCHEMA_VERSION:
        raise ValidationError(f"{_DATA_FILE}: expected schema_version = {_SCHEMA_VERSION}")
    specs = {
        name: ThresholdSpec(
            name=name,
            default=raw["default"],
            min=raw["min"],
            max=raw["max"],
            unit=str(raw["unit"]),
            description=str(raw["description"]),
            whole=all(type(raw[key]) is int for key in ("default", "min", "max")),
        )
        for name, raw in document["threshold"].items()
    }
    expected = {item.name for item in fields(RiskThresholds)}
    if set(specs) != expected:
        raise ValidationError(f"{_DATA_FILE}: thresholds must be exactly {sorted(expected)}")
    if set(document["signal"]) != set(RISK_KINDS):
        raise ValidationError(f"{_DATA_FILE}: signals must be exactly {sorted(RISK_KINDS)}")
    signals: dict[RiskKind, _Signal] = {}
    for kind in RISK_KINDS:
        raw = document["signal"][kind]
        if raw["grade"] not in _GRADES:
            raise ValidationError(f"{_DATA_FILE}: signal {kind} has unknown grade {raw['grade']}")
        reasons = {}
        for reason_name, reason in raw["reason"].items():
            if reason["severity"] not in _SEVERITIES:
                raise ValidationError(f"{_DATA_FILE}: {kind}.{reason_name} has a bad severity")
            parsed = _Reason(
                severity=reason["severity"],
                metrics=tuple(reason["metrics"]),
                labels=tuple(reason["labels"]),
                explanation=str(reason["explanation"]),
                advice=reason.get("advice"),
            )
            for template in (parsed.explanation, parsed.advice or raw["advice"]):
                missing = _placeholders(template) - set(parsed.metrics) - set(parsed.labels)
                if missing:
                    raise ValidationError(
                        f"{_DATA_FILE}: {kind}.{reason_name} uses undeclared {sorted(missing)}"
                    )
            reasons[reason_name] = parsed
        # Words for a closed set a detector uses: run types, asymmetry measures, report days.
        names = {**raw.get("run_types", {}), **raw.get("measures", {}), **raw.get("when", {})}
        signals[kind] = _Signal(
            title=str(raw["title"]),
            grade=raw["grade"],
            source=str(raw["source"]),
            advice=str(raw["advice"]),
            reasons=MappingProxyType(reasons),
            names=MappingProxyType(dict(names)),
        )
    return _Catalog(MappingProxyType(specs), MappingProxyType(signals))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _signal(
    kind: RiskKind,
    reason_name: str,
    day_index: int,
    metrics: Mapping[str, float],
    labels: Mapping[str, str] | None = None,
) -> RiskSignal:
    spec = _catalog().signals[kind]
    reason = spec.reasons[reason_name]
    values = {key: float(metrics[key]) for key in reason.metrics}
    texts = {key: (labels or {})[key] for key in reason.labels}
    filled = {**values, **texts}
    return RiskSignal(
        kind=kind,
        severity=reason.severity,
        day_index=int(day_index),
        metrics=MappingProxyType(values),
        labels=MappingProxyType(texts),
        title=spec.title,
        explanation=reason.explanation.format(**filled),
        advice=(reason.advice or spec.advice).format(**filled),
        evidence_grade=spec.grade,
        source=spec.source,
    )


# --- detectors on daily series ----------------------------------------------------------------


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
        _signal(
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
        for day in _days(ratio > chosen.distance_spike_ratio, every_day)
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
        _signal(
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
        for day in _days(ratio > chosen.strength_jump_ratio, every_day)
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
        _signal(
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
        for day in _days(ratio > chosen.load_spike_acwr, every_day)
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
    for day in _days(values > chosen.high_monotony, every_day):
        common = {"threshold_monotony": chosen.high_monotony, "weekly_load": weekly[day]}
        if math.isinf(values[day]):
            metrics = {**common, "mean_daily_load": weekly[day] / _DAYS_PER_WEEK}
            signals.append(_signal("high_monotony", "no_variation", day, metrics))
        else:
            metrics = {**common, "monotony": values[day], "strain": strains[day]}
            signals.append(_signal("high_monotony", "monotony", day, metrics))
    return tuple(signals)


# --- detectors on events ----------------------------------------------------------------------


def leg_session(
    start_h: float,
    sets: Iterable[LoggedSet],
    exercise_for: Callable[[str], ExerciseProfile | None],
    session_rpe: float | None = None,
    rule: HardSetRule | None = None,
) -> LegSession | None:
    """Summarise one strength session's lower-body sets, or ``None`` if it has none.

    Lower-body sets are those of lower-body exercises as defined by the hard-set rule
    (:func:`runstrong.science.muscle_volume.hard_set_rule`: strength exercises whose primary
    muscles include a leg or hip muscle). Intensity per set comes from
    :func:`runstrong.science.muscle_volume.set_percent_e1rm` (reference e1RM, else the RPE chart of
    Tuchscherer 2008); the session RPE, when given, counts as an RPE too.

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> sets = [LoggedSet(0, "leg-press", 5, 170, reference_e1rm_kg=200)]
    >>> leg_session(18.0, sets, load_catalog().get)
    LegSession(start_h=18.0, top_percent_e1rm=85.0, top_rpe=None)
    """
    chosen = hard_set_rule() if rule is None else rule
    lower_body = [
        logged for logged in sets if _is_lower_body(exercise_for(logged.exercise_slug), chosen)
    ]
    if not lower_body:
        return None
    percents = [percent for percent in map(set_percent_e1rm, lower_body) if percent is not None]
    rpes = [logged.rpe for logged in lower_body if logged.rpe is not None]
    rpes += [] if session_rpe is None else [session_rpe]
    return LegSession(
        start_h=start_h,
        top_percent_e1rm=max(percents) if percents else None,
        top_rpe=max(rpes) if rpes else None,
    )


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
    run_names = _catalog().signals["heavy_legs_before_key_run"].names
    heavy = sorted(
        (session for session in leg_sessions if _heavy(session, chosen)),
        key=lambda session: session.start_h,
    )
    starts = [session.start_h for session in heavy]
    signals = []
    for run in runs:
        if run.session_type is None or run.session_type not in run_names:
            continue
        if run.day_index > today:
            continue
        if not every_day and run.day_index != today:
            continue
        before = bisect.bisect_left(starts, run.start_h)
        if before == 0 or run.start_h - starts[before - 1] > chosen.heavy_legs_window_h:
            continue
        session = heavy[before - 1]
        common = {
            "hours_before": run.start_h - session.start_h,
            "window_h": chosen.heavy_legs_window_h,
        }
        labels = {"run_type": run_names[run.session_type]}
        percent = session.top_percent_e1rm
        if percent is not None and percent >= chosen.heavy_percent_e1rm:
            metrics = {
                **common,
                "percent_e1rm": percent,
                "threshold_percent_e1rm": chosen.heavy_percent_e1rm,
            }
            signals.append(
                _signal("heavy_legs_before_key_run", "percent_e1rm", run.day_index, metrics, labels)
            )
        else:
            metrics = {**common, "rpe": session.top_rpe or 0.0, "threshold_rpe": chosen.heavy_rpe}
            signals.append(
                _signal("heavy_legs_before_key_run", "rpe", run.day_index, metrics, labels)
            )
    return tuple(sorted(signals, key=lambda signal: signal.day_index))


def asymmetry(
    single_leg_sets: Iterable[LoggedSet],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
    exercise_names: Mapping[str, str] | None = None,
) -> tuple[RiskSignal, ...]:
    """Left-right asymmetry in single-leg work above 10 % (caution) or 15 % (high).

    Per session (day) and exercise, the best e1RM of each side
    (:func:`runstrong.science.set_one_rep_max`) is compared; when both sides are body weight
    only, the best reps. ``asymmetry = 100 − LSI`` with ``LSI = weaker / stronger × 100``. A
    measurement stays current for 28 days or until the exercise is measured again. Grade
    **weak** for predicting running injury.

    Examples
    --------
    >>> left = LoggedSet(0, "step-up", 8, 40, rpe=8, side="left")
    >>> right = LoggedSet(0, "step-up", 8, 32, rpe=8, side="right")
    >>> signal = asymmetry([left, right], n_days=3)[0]
    >>> signal.severity, round(signal.metrics["asymmetry_percent"], 1), signal.labels["weaker_side"]
    ('high', 20.0, 'right')
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    today = whole_number("n_days", n_days, 1, 10_000_000) - 1
    names = exercise_names or {}
    measures = _catalog().signals["asymmetry"].names
    by_exercise: dict[str, list[tuple[int, str, float, float]]] = defaultdict(list)
    for (day, slug), sides in sorted(_sides_by_session(single_leg_sets, today).items()):
        measured = _compare_sides(sides)
        if measured is not None:
            by_exercise[slug].append((day, *measured))
    signals = []
    for slug, measurements in by_exercise.items():
        for number, (day, measure, left, right) in enumerate(measurements):
            percent = asymmetry_percent(left, right)
            if percent <= chosen.asymmetry_caution_percent:
                continue
            high = percent > chosen.asymmetry_high_percent
            following = measurements[number + 1][0] if number + 1 < len(measurements) else None
            last = min(day + chosen.asymmetry_lookback_days - 1, today)
            last = last if following is None else min(last, following - 1)
            active = range(day, last + 1) if every_day else [today] if day <= today <= last else []
            for current in active:
                metrics = {
                    "asymmetry_percent": percent,
                    "threshold_percent": chosen.asymmetry_high_percent
                    if high
                    else chosen.asymmetry_caution_percent,
                    "limb_symmetry_index": limb_symmetry_index(left, right),
                    "left": left,
                    "right": right,
                    "days_since": current - day,
                }
                labels = {
                    "exercise": names.get(slug, slug),
                    "weaker_side": "left" if left < right else "right",
                    "measure": measures[measure],
                }
                reason = "high" if high else "caution"
                signals.append(_signal("asymmetry", reason, current, metrics, labels))
    return tuple(sorted(signals, key=lambda signal: signal.day_index))


def pain_reported(
    reports: Iterable[PainReport],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Pain of 4/10 or more, or pain at the same location twice, within the last 14 days.

    One signal per location (compared case-insensitively) on each day whose 14-day window holds
    a report scoring ≥ 4 (``high`` from 7) or ≥ 2 reports scoring above 0. Grade **expert
    opinion**.

    Examples
    --------
    >>> reports = [PainReport(0, 2, "left knee"), PainReport(5, 3, "Left knee ")]
    >>> signal = pain_reported(reports, n_days=6)[0]
    >>> signal.severity, signal.labels["location"], signal.metrics["reports"]
    ('caution', 'left knee', 2.0)
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    length = whole_number("n_days", n_days, 1, 10_000_000)
    window = chosen.pain_window_days
    by_location: dict[str, list[PainReport]] = defaultdict(list)
    for report in reports:
        if report.day_index < length and report.score > 0:
            by_location[" ".join(report.location.lower().split())].append(report)
    signals = []
    for location, located in sorted(by_location.items()):
        days = np.array([report.day_index for report in located], dtype=np.intp)
        scores = np.zeros(length)
        np.maximum.at(scores, days, [report.score for report in located])
        counts = rolling_sum(daily_totals(days, np.ones(days.size), length), window)
        padded = np.concatenate((np.zeros(window - 1), scores))
        max_scores = sliding_window_view(padded, window).max(axis=1)
        reported = np.where(scores > 0, np.arange(length), -1)
        last_report = np.maximum.accumulate(reported)
        fired = (max_scores >= chosen.pain_score) | (counts >= chosen.pain_repeat_count)
        for day in _days(fired, every_day):
            if max_scores[day] >= chosen.pain_high_score:
                reason, threshold = "high", {"threshold_score": chosen.pain_high_score}
            elif max_scores[day] >= chosen.pain_score:
                reason, threshold = "score", {"threshold_score": chosen.pain_score}
            else:
                reason, threshold = "repeated", {"threshold_count": chosen.pain_repeat_count}
            metrics = {
                **threshold,
                "max_score": max_scores[day],
                "reports": counts[day],
                "days_since": day - last_report[day],
                "window_days": window,
            }
            labels = {"location": location, "last_report": _when(int(metrics["days_since"]))}
            signals.append(_signal("pain_reported", reason, day, metrics, labels))
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
    easy_types = _catalog().signals["easy_runs_too_hard"].names
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
        _signal(
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
        for day in _days(counts >= chosen.easy_run_count, every_day)
    )


def evaluate_all(
    inputs: RiskInputs,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Run every detector; signals ordered by day, then most severe first, then kind.

    Examples
    --------
    >>> quiet = RiskInputs(np.zeros(60), np.zeros(60), np.zeros(60))
    >>> evaluate_all(quiet)
    ()
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    n_days = inputs.n_days
    if n_days == 0:
        return ()
    signals = (
        *running_distance_spike(inputs.daily_running_distance_m, chosen, every_day=every_day),
        *load_spike(inputs.daily_load, chosen, every_day=every_day),
        *high_monotony(inputs.daily_load, chosen, every_day=every_day),
        *heavy_legs_before_key_run(
            inputs.leg_sessions, inputs.runs, n_days, chosen, every_day=every_day
        ),
        *asymmetry(
            inputs.single_leg_sets,
            n_days,
            chosen,
            every_day=every_day,
            exercise_names=inputs.exercise_names,
        ),
        *strength_volume_jump(inputs.daily_lower_body_hard_sets, chosen, every_day=every_day),
        *pain_reported(inputs.pain_reports, n_days, chosen, every_day=every_day),
        *easy_runs_too_hard(inputs.runs, n_days, chosen, every_day=every_day),
    )
    return tuple(
        sorted(
            signals,
            key=lambda signal: (
                signal.day_index,
                -_SEVERITIES.index(signal.severity),
                RISK_KINDS.index(signal.kind),
            ),
        )
    )


# --- helpers ----------------------------------------------------------------------------------


def _days(fired: _BoolArray, every_day: bool) -> list[int]:
    if every_day:
        return [int(day) for day in np.flatnonzero(fired)]
    return [fired.size - 1] if fired.size and fired[-1] else []


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
    np.divide(week, baseline, out=ratio, where=baseline > 0)
    ratio[: history - 1] = np.nan
    return week, baseline, ratio


def _when(days_ago: int) -> str:
    words = _catalog().signals["pain_reported"].names
    if days_ago <= 1:
        return words["today" if days_ago == 0 else "yesterday"]
    return words["earlier"].format(days=days_ago)


def _heavy(session: LegSession, thresholds: RiskThresholds) -> bool:
    percent, rpe = session.top_percent_e1rm, session.top_rpe
    return (percent is not None and percent >= thresholds.heavy_percent_e1rm) or (
        rpe is not None and rpe >= thresholds.heavy_rpe
    )


def _is_lower_body(exercise: ExerciseProfile | None, rule: HardSetRule) -> bool:
    return (
        exercise is not None
        and exercise.category in rule.lower_body_categories
        and bool(set(exercise.primary_muscles) & set(rule.lower_body_muscles))
    )


def _sides_by_session(
    sets: Iterable[LoggedSet], today: int
) -> dict[tuple[int, str], dict[str, list[LoggedSet]]]:
    grouped: dict[tuple[int, str], dict[str, list[LoggedSet]]] = defaultdict(
        lambda: {"left": [], "right": []}
    )
    for logged in sets:
        if logged.side in ("left", "right") and logged.day_index <= today:
            grouped[(logged.day_index, logged.exercise_slug)][logged.side].append(logged)
    return grouped


def _compare_sides(sides: Mapping[str, list[LoggedSet]]) -> tuple[str, float, float] | None:
    """("e1rm" or "reps", left, right) for one exercise in one session, or None."""
    left, right = sides["left"], sides["right"]
    if not left or not right:
        return None
    left_e1rm, right_e1rm = _best_e1rm(left), _best_e1rm(right)
    if left_e1rm is not None and right_e1rm is not None:
        return "e1rm", left_e1rm, right_e1rm
    if all(logged.load_kg == 0 for logged in (*left, *right)):
        left_reps = max(logged.reps for logged in left)
        right_reps = max(logged.reps for logged in right)
        if left_reps > 0 and right_reps > 0:
            return "reps", float(left_reps), float(right_reps)
    return None


def _best_e1rm(sets: Sequence[LoggedSet]) -> float | None:
    estimates = []
    for logged in sets:
        if logged.load_kg > 0 and logged.reps >= 1:
            try:
                estimates.append(set_one_rep_max(logged.load_kg, logged.reps, logged.rpe))
            except ValidationError:
                continue
    return max(estimates) if estimates else None
