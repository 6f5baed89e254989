"""The weekly series the evidence model reads, and the closed sets of markers and exposures.

One row per consecutive calendar week, oldest first, the first starting on ``first_week_start``.
A week without a performance marker holds NaN in ``marker``; every other series holds a finite
value of zero or more in every week (zero is a week without strength work, without running, without
a race).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final, Literal, get_args

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MarkerKind = Literal["vdot", "efficiency", "critical_speed", "hr_drift"]
ExposureKind = Literal["sessions", "hard_sets"]
MARKER_KINDS: Final[tuple[MarkerKind, ...]] = get_args(MarkerKind)
EXPOSURE_KINDS: Final[tuple[ExposureKind, ...]] = get_args(ExposureKind)


@dataclass(frozen=True, slots=True)
class MarkerInfo:
    """How a running-performance marker is named, its unit, and which direction is better."""

    label: str
    unit: str
    higher_is_better: bool


@dataclass(frozen=True, slots=True)
class ExposureInfo:
    """How a strength exposure is named, its unit, and the default contrast ("x a week vs none")."""

    label: str
    unit: str
    default_contrast: float
    contrast_label: str


MARKERS: Final = MappingProxyType(
    {
        "vdot": MarkerInfo("VDOT", "VDOT points", higher_is_better=True),
        "efficiency": MarkerInfo(
            "easy-run speed at your reference heart rate", "m/s", higher_is_better=True
        ),
        "critical_speed": MarkerInfo("critical speed", "m/s", higher_is_better=True),
        "hr_drift": MarkerInfo(
            "heart-rate drift on long runs", "percentage points", higher_is_better=False
        ),
    }
)
# Two sessions of about six hard lower-body sets each: the 2–3 sessions a week of 3–5 sets of
# a few lifts that the trials used (docs/science.md section 5).
EXPOSURES: Final = MappingProxyType(
    {
        "sessions": ExposureInfo(
            "lower-body strength sessions",
            "sessions a week",
            default_contrast=2.0,
            contrast_label="{amount:g} lower-body strength sessions a week (against none)",
        ),
        "hard_sets": ExposureInfo(
            "hard lower-body sets",
            "hard sets a week",
            default_contrast=12.0,
            contrast_label="{amount:g} hard lower-body sets a week (against none)",
        ),
    }
)


@dataclass(frozen=True, slots=True, eq=False)
class WeeklySeries:
    """One athlete's weeks: a running-performance marker, strength work, running volume, races.

    Attributes
    ----------
    first_week_start : datetime.date
        First day of the first week (a Monday by convention; any weekday works).
    marker : FloatArray
        The weekly performance marker (e.g. the weekly median of :func:`efficiency_marker` or the
        week's best VDOT), NaN in weeks without one.
    strength_sessions : FloatArray
        Lower-body strength sessions in each week, zero or more.
    running_distance_m : FloatArray
        Running distance in each week, metres.
    marker_kind : {"vdot", "efficiency", "critical_speed", "hr_drift"}
        What ``marker`` measures; sets its label, unit and which direction is better.
    hard_sets : FloatArray or None
        Hard lower-body sets in each week (needed for ``exposure="hard_sets"``).
    race_week : BoolArray or None
        True in weeks with a race (or an all-out time trial that is not the marker itself);
        None means no race weeks.

    Examples
    --------
    >>> from datetime import date
    >>> weeks = WeeklySeries(date(2024, 1, 1), [3.0, float("nan")], [2, 0], [40_000, 35_000])
    >>> weeks.n_weeks, weeks.marker_weeks, weeks.week_start(1)
    (2, 1, datetime.date(2024, 1, 8))
    """

    first_week_start: date
    marker: FloatArray
    strength_sessions: FloatArray
    running_distance_m: FloatArray
    marker_kind: MarkerKind = "efficiency"
    hard_sets: FloatArray | None = None
    race_week: BoolArray | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.first_week_start, date):
            raise ValidationError("first_week_start must be a date (the first day of week 0)")
        if self.marker_kind not in MARKER_KINDS:
            raise ValidationError(
                f"marker_kind must be one of {', '.join(MARKER_KINDS)}, got {self.marker_kind!r}"
            )
        marker = _as_series("marker", self.marker)
        if np.any(np.isinf(marker)):
            raise ValidationError("marker must hold finite numbers, or NaN in weeks without one")
        object.__setattr__(self, "marker", marker)
        for name in ("strength_sessions", "running_distance_m", "hard_sets"):
            values = getattr(self, name)
            if values is not None:
                object.__setattr__(self, name, _non_negative_series(name, values))
        if self.race_week is None:
            object.__setattr__(self, "race_week", np.zeros(marker.size, dtype=np.bool_))
        else:
            object.__setattr__(self, "race_week", _as_series("race_week", self.race_week) != 0)
        sizes = {
            getattr(self, name).size
            for name in ("marker", "strength_sessions", "running_distance_m", "race_week")
        }
        if self.hard_sets is not None:
            sizes.add(self.hard_sets.size)
        if len(sizes) != 1:
            raise ValidationError("every series of WeeklySeries must cover the same weeks")

    @property
    def n_weeks(self) -> int:
        """Weeks in the series."""
        return int(self.marker.size)

    @property
    def marker_weeks(self) -> int:
        """Weeks with a marker value."""
        return int(np.count_nonzero(np.isfinite(self.marker)))

    @property
    def race_weeks(self) -> BoolArray:
        """True in race weeks (all False when none were given)."""
        if self.race_week is None:
            return np.zeros(self.n_weeks, dtype=np.bool_)
        return self.race_week

    @property
    def marker_info(self) -> MarkerInfo:
        """Label, unit and better direction of the marker."""
        return MARKERS[self.marker_kind]

    def week_start(self, week: int) -> date:
        """First day of week ``week`` (0 = the first week)."""
        return self.first_week_start + timedelta(weeks=week)

    def exposure(self, kind: ExposureKind) -> FloatArray:
        """The weekly strength exposure of the given kind."""
        if kind == "sessions":
            return self.strength_sessions
        if kind == "hard_sets":
            if self.hard_sets is None:
                raise ValidationError(
                    "exposure='hard_sets' needs WeeklySeries.hard_sets; pass the weekly hard "
                    "lower-body sets or use exposure='sessions'"
                )
            return self.hard_sets
        raise ValidationError(f"exposure must be one of {', '.join(EXPOSURE_KINDS)}, got {kind!r}")


def _as_series(name: str, values: npt.ArrayLike) -> FloatArray:
    try:
        series = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{name} must be a sequence of numbers, one per week") from exc
    if series.ndim != 1:
        raise ValidationError(f"{name} must be one value per week (a 1-D series)")
    return series


def _non_negative_series(name: str, values: npt.ArrayLike) -> FloatArray:
    series = _as_series(name, values)
    if not np.all(np.isfinite(series)):
        raise ValidationError(f"{name} must hold finite numbers; use 0 for a week without any")
    if np.any(series < 0):
        raise ValidationError(f"{name} must be zero or more in every week")
    return series
