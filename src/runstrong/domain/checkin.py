"""The morning check-in: how the runner woke up (soreness, sleep, resting HR, HRV, mood).

One per athlete and day; every field optional. HRV is kept as measured: ``rmssd_ms`` (rMSSD,
HRV4Training, Garmin, FIT ``hrv`` messages) and ``sdnn_ms`` (SDNN, Apple Health) are different
statistics and are never converted into each other (docs/science.md, "Readiness").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType
from typing import Final, Literal, get_args

from runstrong.errors import ValidationError

__all__ = [
    "CHECKIN_SOURCES",
    "SORENESS_REGIONS",
    "Checkin",
    "CheckinSource",
    "ReadinessChoice",
]

#: Soreness regions, in the order forms and charts show them (same as science.risk.readiness).
SORENESS_REGIONS: Final = (
    "quads",
    "hamstrings",
    "glutes",
    "calves",
    "hips",
    "lower_back",
    "feet_shins",
    "other",
)
CheckinSource = Literal["manual", "hrv4training", "garmin", "apple_health", "fit"]
CHECKIN_SOURCES: Final[tuple[CheckinSource, ...]] = get_args(CheckinSource)
#: Measurement fields an import may fill (the rest are the runner's own words).
_RANGES: Final[dict[str, tuple[float, float, str]]] = {
    "sleep_h": (0.0, 24.0, "h"),
    "sleep_quality": (1, 5, ""),
    "resting_hr_bpm": (20.0, 150.0, " bpm"),
    "rmssd_ms": (1.0, 400.0, " ms"),
    "sdnn_ms": (1.0, 400.0, " ms"),
    "fatigue": (1, 5, ""),
    "stress": (1, 5, ""),
}
_WHOLE: Final = ("sleep_quality", "fatigue", "stress")
_LABELS: Final = {
    "sleep_h": "sleep",
    "resting_hr_bpm": "resting heart rate",
    "rmssd_ms": "HRV rMSSD",
    "sdnn_ms": "HRV SDNN",
}
MAX_NOTE: Final = 2000
MAX_HRV_SOURCE: Final = 40


@dataclass(frozen=True, slots=True)
class Checkin:
    """A morning check-in. Scales: soreness 0 (none) to 10 per region; sleep quality, fatigue
    and stress 1 (best / lowest) to 5; sleep in hours; resting HR in bpm; HRV in ms."""

    day: date
    soreness: Mapping[str, int] = field(default_factory=dict)
    sleep_h: float | None = None
    sleep_quality: int | None = None
    resting_hr_bpm: float | None = None
    rmssd_ms: float | None = None
    sdnn_ms: float | None = None
    hrv_source: str | None = None
    fatigue: int | None = None
    stress: int | None = None
    illness: bool | None = None
    note: str | None = None
    source: CheckinSource = "manual"
    id: int | None = None

    def __post_init__(self) -> None:
        clean: dict[str, int] = {}
        for region, score in self.soreness.items():
            if region not in SORENESS_REGIONS:
                raise ValidationError(
                    f"unknown soreness region {region!r}: use {', '.join(SORENESS_REGIONS)}"
                )
            if isinstance(score, bool) or not isinstance(score, int | float):
                raise ValidationError(f"soreness of {region} must be a number from 0 to 10")
            if score != int(score) or not 0 <= score <= 10:
                raise ValidationError(
                    f"soreness of {region} must be a whole number from 0 to 10, got {score:g}"
                )
            clean[region] = int(score)
        ordered = {r: clean[r] for r in SORENESS_REGIONS if r in clean}
        object.__setattr__(self, "soreness", MappingProxyType(ordered))
        for name, (low, high, unit) in _RANGES.items():
            value = getattr(self, name)
            if value is None:
                continue
            label = _LABELS.get(name, name.replace("_", " "))
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValidationError(f"{label} must be a number")
            if not math.isfinite(value) or not low <= value <= high:
                raise ValidationError(f"{label} must be from {low:g} to {high:g}{unit}")
            if name in _WHOLE:
                if value != int(value):
                    raise ValidationError(f"{label} must be a whole number from 1 to 5")
                object.__setattr__(self, name, int(value))
            else:
                object.__setattr__(self, name, float(value))
        for name, limit in (("note", MAX_NOTE), ("hrv_source", MAX_HRV_SOURCE)):
            text = getattr(self, name)
            if text is not None:
                text = text.strip() or None
                if text is not None and len(text) > limit:
                    raise ValidationError(f"the {name.replace('_', ' ')} is longer than {limit}")
                if text is not None and "\x00" in text:
                    raise ValidationError(f"the {name.replace('_', ' ')} contains a NUL character")
                object.__setattr__(self, name, text)
        if self.source not in CHECKIN_SOURCES:
            raise ValidationError(f"unknown check-in source {self.source!r}")

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all was recorded."""
        return not self.soreness and all(
            getattr(self, f.name) is None
            for f in fields(self)
            if f.name not in ("day", "soreness", "source", "id")
        )

    @property
    def leg_soreness(self) -> int | None:
        """The worst soreness of quads, hamstrings, glutes and calves, if any was given."""
        legs = [score for region, score in self.soreness.items() if region in _LEGS]
        return max(legs) if legs else None

    def merged(self, other: Checkin) -> Checkin:
        """This check-in with every field ``other`` gives (not ``None``) taken from ``other``;
        soreness regions are merged region by region. Imports use it to fill a day."""
        values = {
            f.name: getattr(other, f.name)
            for f in fields(other)
            if f.name not in ("day", "soreness", "source", "id")
            and getattr(other, f.name) is not None
        }
        return replace(self, soreness={**self.soreness, **other.soreness}, **values)

    def filled(self, other: Checkin) -> Checkin:
        """This check-in with only its empty fields (and soreness regions) taken from
        ``other``: what another source adds to a day without overwriting what is there."""
        values = {
            f.name: getattr(other, f.name)
            for f in fields(other)
            if f.name not in ("day", "soreness", "source", "id")
            and getattr(self, f.name) is None
            and getattr(other, f.name) is not None
        }
        return replace(self, soreness={**other.soreness, **self.soreness}, **values)


_LEGS: Final = frozenset({"quads", "hamstrings", "glutes", "calves"})


@dataclass(frozen=True, slots=True)
class ReadinessChoice:
    """What the runner chose for a readiness signal on a day (``swap``, ``lighten``, ``keep``),
    with what was moved, kept for the coach and the evidence report."""

    day: date
    kind: str
    action: str
    summary: str
    detail: Mapping[str, str] = field(default_factory=dict)
    id: int | None = None
