"""The risk-signal catalogue: thresholds and texts read from ``science/data/risk_signals.toml``.

Private to :mod:`runstrong.science.risk`, which re-exports the public names. Defines the closed sets
(kinds, severities, evidence grades) and the per-athlete :class:`RiskThresholds` with their allowed
ranges (:class:`ThresholdSpec`), and reads the data file once, checking it against them.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, Literal, get_args

from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, whole_number

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
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)

_DATA_FILE: Final = "risk_signals.toml"
_SCHEMA_VERSION: Final = 1
_GRADES: Final[tuple[EvidenceGrade, ...]] = get_args(EvidenceGrade)


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


# --- the data file ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """One way a signal fires: its severity, the metrics and labels its texts use, the texts."""

    severity: Severity
    metrics: tuple[str, ...]
    labels: tuple[str, ...]
    explanation: str
    advice: str | None


@dataclass(frozen=True, slots=True)
class SignalTexts:
    """What the data file says about one signal; ``names`` are words for a closed set."""

    title: str
    grade: EvidenceGrade
    source: str
    advice: str
    reasons: Mapping[str, Reason]
    names: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole data file, parsed and checked."""

    thresholds: Mapping[str, ThresholdSpec]
    signals: Mapping[RiskKind, SignalTexts]


def threshold_specs() -> Mapping[str, ThresholdSpec]:
    """Default, range, unit and description of every threshold, for settings screens.

    >>> spec = threshold_specs()["load_spike_acwr"]
    >>> spec.default, spec.min, spec.max
    (1.5, 1.1, 3.0)
    """
    return catalogue().thresholds


@cache
def catalogue() -> Catalogue:
    """The packaged ``risk_signals.toml``, read and checked once."""
    text = resources.files("runstrong.science").joinpath("data", _DATA_FILE).read_text("utf-8")
    try:
        return _parse_catalog(tomllib.loads(text))
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{_DATA_FILE}: missing or malformed field ({exc!r})") from exc


@cache
def _default_thresholds() -> RiskThresholds:
    specs = catalogue().thresholds
    defaults: dict[str, Any] = {name: spec.default for name, spec in specs.items()}
    return RiskThresholds(**defaults)


def _parse_catalog(document: Mapping[str, Any]) -> Catalogue:
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
    signals: dict[RiskKind, SignalTexts] = {}
    for kind in RISK_KINDS:
        raw = document["signal"][kind]
        if raw["grade"] not in _GRADES:
            raise ValidationError(f"{_DATA_FILE}: signal {kind} has unknown grade {raw['grade']}")
        reasons = {}
        for reason_name, reason in raw["reason"].items():
            if reason["severity"] not in SEVERITIES:
                raise ValidationError(f"{_DATA_FILE}: {kind}.{reason_name} has a bad severity")
            parsed = Reason(
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
        signals[kind] = SignalTexts(
            title=str(raw["title"]),
            grade=raw["grade"],
            source=str(raw["source"]),
            advice=str(raw["advice"]),
            reasons=MappingProxyType(reasons),
            names=MappingProxyType(dict(names)),
        )
    return Catalogue(MappingProxyType(specs), MappingProxyType(signals))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
