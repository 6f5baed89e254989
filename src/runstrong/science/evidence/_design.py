"""The regression rows of the evidence model, and whether they can answer at all (private).

Builds the lagged exposure and covariates for each week with a marker (:func:`build_design`), the
collinearity diagnostics (correlation with running volume, variance inflation factor) and the
coded reasons the data cannot tell (:func:`find_problems`). Thresholds live in
:class:`EffectModelSettings`, re-exported by :mod:`runstrong.science.evidence.model`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from runstrong.science._checks import in_range, whole_number
from runstrong.science.evidence._regression import r_squared_on
from runstrong.science.evidence._wording import Problem
from runstrong.science.evidence.series import FloatArray, WeeklySeries

IntArray = npt.NDArray[np.intp]

_DAYS_PER_YEAR: Final = 365.25
_WEEKS_PER_YEAR: Final = _DAYS_PER_YEAR / 7.0


@dataclass(frozen=True, slots=True)
class EffectModelSettings:
    """Thresholds of :func:`estimate_strength_effect`; the defaults are the documented choices.

    Attributes
    ----------
    min_weeks : int
        Fewest weeks with a marker (and a full lag window before them) to fit the model.
    max_abs_correlation : float
        Largest |correlation| of lagged exposure with lagged running volume still analysed.
    max_vif : float
        Largest variance inflation factor of the exposure among the covariates.
    min_share_with_strength, max_share_with_strength : float
        The share of weeks with any strength work must lie between these.
    min_exposure_sd_fraction : float
        The lagged exposure must vary by at least this fraction of the contrast (its SD).
    season_min_weeks : int
        Season terms need marker weeks spanning at least this many weeks.
    confidence : float
        Confidence level of the intervals.
    """

    min_weeks: int = 20
    max_abs_correlation: float = 0.8
    max_vif: float = 5.0
    min_share_with_strength: float = 0.1
    max_share_with_strength: float = 0.9
    min_exposure_sd_fraction: float = 0.1
    season_min_weeks: int = 52
    confidence: float = 0.95

    def __post_init__(self) -> None:
        whole_number("min_weeks", self.min_weeks, 8, 1000)
        in_range("max_abs_correlation", self.max_abs_correlation, 0.1, 0.99)
        in_range("max_vif", self.max_vif, 1.5, 100.0)
        in_range("min_share_with_strength", self.min_share_with_strength, 0.0, 0.5)
        in_range("max_share_with_strength", self.max_share_with_strength, 0.5, 1.0)
        in_range("min_exposure_sd_fraction", self.min_exposure_sd_fraction, 0.0, 1.0)
        whole_number("season_min_weeks", self.season_min_weeks, 26, 520)
        in_range("confidence", self.confidence, 0.5, 0.999)


@dataclass(frozen=True, slots=True)
class Design:
    """The rows used (week numbers), the marker there, and the named regression columns.

    ``columns`` starts with ``"exposure"``; ``groups`` names the covariate groups (``volume``,
    ``trend``, ``season``, ``race``) and their columns.
    """

    rows: IntArray
    y: FloatArray
    exposure: FloatArray
    columns: dict[str, FloatArray]
    groups: dict[str, tuple[str, ...]]


def _lagged_mean(values: FloatArray, lag_min: int, lag_max: int) -> FloatArray:
    """Mean of ``values[t − lag_max … t − lag_min]`` for each week t (NaN without a full window)."""
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    result = np.full(values.size, np.nan)
    weeks = np.arange(lag_max, values.size)
    width = lag_max - lag_min + 1
    result[weeks] = (cumulative[weeks - lag_min + 1] - cumulative[weeks - lag_max]) / width
    return result


def build_design(
    weekly: WeeklySeries,
    strength: FloatArray,
    lag_min: int,
    lag_max: int,
    settings: EffectModelSettings,
) -> Design:
    """Rows: weeks with a marker and a full exposure window; columns as in the model."""
    exposure = _lagged_mean(strength, lag_min, lag_max)
    volume_km = _lagged_mean(weekly.running_distance_m / 1000.0, lag_min, lag_max)
    rows = np.flatnonzero(np.isfinite(weekly.marker) & np.isfinite(exposure)).astype(np.intp)
    columns: dict[str, FloatArray] = {"exposure": exposure[rows], "volume": volume_km[rows]}
    groups: dict[str, tuple[str, ...]] = {"volume": ("volume",)}
    columns["trend"] = rows / _WEEKS_PER_YEAR
    groups["trend"] = ("trend",)
    if rows.size and rows[-1] - rows[0] + 1 >= settings.season_min_weeks:
        mid_week = np.datetime64(weekly.first_week_start, "D") + 7 * rows + 3
        day_of_year = (mid_week - mid_week.astype("datetime64[Y]")).astype(np.int64) + 1
        angle = 2 * math.pi * day_of_year / _DAYS_PER_YEAR
        columns["season_sin"], columns["season_cos"] = np.sin(angle), np.cos(angle)
        groups["season"] = ("season_sin", "season_cos")
    race = weekly.race_weeks[rows].astype(np.float64)
    if race.size and 0 < race.sum() < race.size:
        columns["race"] = race
        groups["race"] = ("race",)
    if columns["volume"].size and np.ptp(columns["volume"]) == 0:
        del columns["volume"], groups["volume"]
    return Design(rows, weekly.marker[rows], columns["exposure"], columns, groups)


def window_weeks(rows: IntArray, lag_min: int, lag_max: int) -> IntArray:
    """The weeks the exposure windows of ``rows`` cover, first to last."""
    if rows.size == 0:
        return np.zeros(0, dtype=np.intp)
    return np.arange(rows[0] - lag_max, rows[-1] - lag_min + 1, dtype=np.intp)


def correlation(exposure: FloatArray, volume: FloatArray | None) -> float | None:
    """Pearson correlation of the lagged exposure with lagged running volume, if both vary."""
    if volume is None or exposure.size < 3 or exposure.std() == 0 or volume.std() == 0:
        return None
    return float(np.corrcoef(exposure, volume)[0, 1])


def vif_of_exposure(design: Design) -> tuple[float | None, str | None]:
    """Variance inflation factor of the exposure, and the covariate group it moves with most."""
    n_predictors = len(design.columns) - 1
    if design.exposure.size < n_predictors + 3 or design.exposure.std() == 0:
        return None, None
    others = [values for name, values in design.columns.items() if name != "exposure"]
    if not others:
        return 1.0, None
    r_squared = r_squared_on(design.exposure, others)
    vif = math.inf if r_squared >= 1.0 - 1e-12 else 1.0 / (1.0 - r_squared)
    partner = max(
        design.groups,
        key=lambda group: r_squared_on(
            design.exposure, [design.columns[name] for name in design.groups[group]]
        ),
    )
    return vif, partner


def find_problems(
    design: Design,
    settings: EffectModelSettings,
    *,
    n_with: int,
    n_window: int,
    min_sd: float,
    correlation: float | None,
    vif: float | None,
    partner: str | None,
) -> list[Problem]:
    """Why the data cannot tell, as coded problems (empty when the model may be read)."""
    n_used = int(design.rows.size)
    found: list[Problem] = []
    if n_used < settings.min_weeks:
        found.append(Problem("few_weeks", {"n_used": n_used}))
    if n_with == 0:
        found.append(Problem("no_strength", {"n_window": n_window}))
        return found
    share = n_with / n_window
    counts: dict[str, float | str] = {"n_with": n_with, "n_window": n_window}
    if share < settings.min_share_with_strength:
        found.append(Problem("rare_strength", counts))
    elif share > settings.max_share_with_strength:
        found.append(Problem("always_strength", counts))
    if n_used >= 2 and float(design.exposure.std()) < min_sd:
        found.append(Problem("steady_strength", {"mean": float(design.exposure.mean())}))
    if correlation is not None and abs(correlation) > settings.max_abs_correlation:
        found.append(Problem("with_volume", {"correlation": correlation}))
    if (
        vif is not None
        and vif > settings.max_vif
        and not (partner == "volume" and any(problem.code == "with_volume" for problem in found))
    ):
        found.append(Problem("with_covariate", {"vif": vif, "partner": partner or "volume"}))
    return found
