"""The readiness rules as data: thresholds and texts from ``readiness_signals.toml``.

Private to :mod:`runstrong.science.risk.readiness`, which re-exports the public names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, Literal, get_args

from runstrong.errors import ValidationError

ReadinessKind = Literal["hrv_low", "resting_hr_high", "sore_legs_key_run"]
ReadinessAction = Literal["swap", "lighten", "keep"]
READINESS_KINDS: Final[tuple[ReadinessKind, ...]] = get_args(ReadinessKind)
READINESS_ACTIONS: Final[tuple[ReadinessAction, ...]] = get_args(ReadinessAction)
_DATA_FILE: Final = "readiness_signals.toml"
_GRADES: Final = ("strong", "moderate", "weak", "expert opinion")


@dataclass(frozen=True, slots=True)
class ReadinessThresholds:
    """The numbers of the readiness rules; :meth:`defaults` reads them from the TOML file."""

    hrv_window_days: int
    hrv_window_min_values: int
    baseline_days: int
    baseline_min_values: int
    swc_factor: float
    consecutive_days: int
    resting_hr_rise_bpm: float
    soreness_score: float
    soreness_window_h: float
    key_run_lookahead_days: int

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValidationError(f"readiness threshold {item.name} must be a positive number")
        if self.hrv_window_min_values > self.hrv_window_days:
            raise ValidationError("hrv_window_min_values must not exceed hrv_window_days")
        if self.baseline_min_values > self.baseline_days:
            raise ValidationError("baseline_min_values must not exceed baseline_days")

    @classmethod
    def defaults(cls) -> ReadinessThresholds:
        """The defaults of ``readiness_signals.toml``.

        >>> ReadinessThresholds.defaults().swc_factor
        0.5
        """
        return _catalogue()[0]


@dataclass(frozen=True, slots=True)
class SignalText:
    """What the data file says about one signal."""

    title: str
    grade: str
    source: str
    actions: tuple[ReadinessAction, ...]
    explanation: str
    advice: str


def readiness_texts() -> Mapping[ReadinessKind, SignalText]:
    """Titles, grades, sources and actions of every readiness signal (for pages and docs)."""
    return _catalogue()[1]


@cache
def _catalogue() -> tuple[ReadinessThresholds, Mapping[ReadinessKind, SignalText]]:
    text = resources.files("runstrong.science").joinpath("data", _DATA_FILE).read_text("utf-8")
    try:
        return _parse(tomllib.loads(text))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{_DATA_FILE}: missing or malformed field ({exc!r})") from exc


def _parse(
    document: Mapping[str, Any],
) -> tuple[ReadinessThresholds, Mapping[ReadinessKind, SignalText]]:
    if document["schema_version"] != 1:
        raise ValidationError(f"{_DATA_FILE}: expected schema_version = 1")
    raw = dict(document["threshold"])
    if set(raw) != {item.name for item in fields(ReadinessThresholds)}:
        raise ValidationError(f"{_DATA_FILE}: [threshold] must list every readiness threshold")
    thresholds = ReadinessThresholds(**raw)
    if set(document["signal"]) != set(READINESS_KINDS):
        raise ValidationError(f"{_DATA_FILE}: signals must be exactly {list(READINESS_KINDS)}")
    texts: dict[ReadinessKind, SignalText] = {}
    for kind in READINESS_KINDS:
        entry = document["signal"][kind]
        actions = tuple(entry["actions"])
        if entry["grade"] not in _GRADES or not set(actions) <= set(READINESS_ACTIONS):
            raise ValidationError(f"{_DATA_FILE}: {kind} has an unknown grade or action")
        texts[kind] = SignalText(
            str(entry["title"]),
            str(entry["grade"]),
            str(entry["source"]),
            actions,
            str(entry["explanation"]),
            str(entry["advice"]),
        )
    return thresholds, MappingProxyType(texts)
