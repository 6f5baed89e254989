"""The answer of a personal experiment, and simulated experiments to check it (docs/science.md).

Analysis: the weekly marker on the compared weeks (run-in left out) regressed on the block
indicator (1 in intervention weeks), an intercept and a linear trend, with AR(1) errors in
calendar weeks — :func:`~runstrong.science.evidence._regression.fit_ar1`, the evidence report's
model. Beside it a randomisation test: the indicator's GLS t under every block order the design
allowed (:func:`~.experiment_design.allowed_orders`); p is the share of orders whose |t| is at
least the one followed.

Simulation: AR(1) athletes with a chosen noise model and true effect follow the design with a
random order; the share whose interval excludes zero is the power, the share whose interval holds
the true effect the coverage. Fits are vectorised over trials (``_batch_gls``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runstrong.science.evidence._batch_gls import fit_ar1_batch
from runstrong.science.evidence.experiment_design import (
    ExperimentDesign,
    NoiseModel,
    allowed_orders,
    check_order,
    design_matrix,
    marker_mask,
    random_order,
)
from runstrong.science.evidence.model import EffectInterval

__all__ = ["ExperimentAnswer", "SimulationSummary", "analyse_experiment", "simulate_trials"]

FloatArray = npt.NDArray[np.float64]
_MAX_RANDOMISATIONS = 2000


@dataclass(frozen=True, slots=True)
class ExperimentAnswer:
    """The effect of the intervention blocks against the control blocks, in marker units.

    ``effect`` and ``percent`` are None when too few compared weeks have a marker yet.
    ``smallest_p`` is the smallest p-value the randomisation test can give with this design.
    """

    effect: EffectInterval | None
    percent: EffectInterval | None
    p_value: float | None
    randomisation_p: float | None
    n_orders: int
    smallest_p: float
    autocorrelation: float | None
    weeks_compared: int
    weeks_intervention: int
    weeks_control: int
    marker_mean: float | None


def _rows(
    marker: FloatArray, design: ExperimentDesign, order: str, through_week: int
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    indicator, compared = design_matrix(design, order)
    seen = np.arange(design.n_weeks) < through_week
    values = np.full(design.n_weeks, np.nan)
    values[: min(marker.size, design.n_weeks)] = marker[: design.n_weeks]
    rows = np.flatnonzero(compared & seen & np.isfinite(values))
    return rows.astype(np.intp), indicator


def _matrix(rows: npt.NDArray[np.intp], indicator: FloatArray) -> FloatArray:
    return np.column_stack([np.ones(rows.size), indicator[rows], rows.astype(np.float64)])


def analyse_experiment(
    marker: npt.ArrayLike,
    design: ExperimentDesign,
    order: str,
    *,
    through_week: int | None = None,
    confidence: float = 0.95,
    rho: float | None = None,
    seed: int = 0,
) -> ExperimentAnswer:
    """Analyse the design weeks' marker (index 0 = the first design week; NaN = none).

    ``through_week`` limits the analysis to the weeks before it (an interim look). ``rho`` is
    the autocorrelation measured from the athlete's log before the experiment (the noise model
    stored at start); None estimates it by REML from the experiment's own weeks, which a short
    trial does poorly (intervals too narrow: about 89 % coverage at 24 weeks in simulation).
    """
    from scipy import stats  # type: ignore[import-untyped]

    values = np.asarray(marker, dtype=np.float64)
    order = check_order(design, order)
    end = design.n_weeks if through_week is None else max(0, min(through_week, design.n_weeks))
    rows, indicator = _rows(values, design, order, end)
    orders = allowed_orders(design)
    smallest = min(1.0, 2.0 / len(orders))  # an order and its mirror give the same |t|
    n_b = int(indicator[rows].sum())
    empty = ExperimentAnswer(
        None, None, None, None, len(orders), smallest, None, int(rows.size), n_b,
        int(rows.size) - n_b, float(values[rows].mean()) if rows.size else None,
    )  # fmt: skip
    if rows.size < 6 or n_b == 0 or n_b == rows.size:
        return empty
    y = values[rows]
    matrix = _matrix(rows, indicator)
    fixed = None if rho is None else np.array([min(max(rho, 0.0), 0.95)])
    fit = fit_ar1_batch(y, matrix, rows, column=1, confidence=confidence, rho=fixed)
    estimate, low, high = float(fit.estimate[0]), float(fit.low[0]), float(fit.high[0])
    if not all(np.isfinite((estimate, low, high))):
        return empty
    effect = EffectInterval(estimate, low, high)
    mean = float(y.mean())
    percent = (
        EffectInterval(*(100 * v / abs(mean) for v in (estimate, low, high)))
        if abs(mean) > 1e-12
        else None
    )
    observed = float(fit.t_value[0])
    p_value = float(2 * stats.t.sf(abs(observed), fit.dof))
    others = orders
    if len(orders) > _MAX_RANDOMISATIONS:
        rng = np.random.default_rng(seed)
        others = tuple(random_order(design, rng) for _ in range(_MAX_RANDOMISATIONS))
    extreme = 0
    counted = 0
    for other in others:
        other_indicator, _ = design_matrix(design, other)
        column = other_indicator[rows]
        if column.min() == column.max():
            continue
        other_fit = fit_ar1_batch(y, _matrix(rows, other_indicator), rows, column=1, rho=fixed)
        t_value = float(other_fit.t_value[0])
        counted += 1
        extreme += int(abs(t_value) >= abs(observed) - 1e-9)
    return ExperimentAnswer(
        effect=effect,
        percent=percent,
        p_value=p_value,
        randomisation_p=extreme / counted if counted else None,
        n_orders=len(orders),
        smallest_p=smallest,
        autocorrelation=float(fit.rho[0]),
        weeks_compared=int(rows.size),
        weeks_intervention=n_b,
        weeks_control=int(rows.size) - n_b,
        marker_mean=mean,
    )


@dataclass(frozen=True, slots=True)
class SimulationSummary:
    """Shares of simulated trials: interval excluding zero (power) and holding the truth."""

    trials: int
    detected: float
    covered: float
    mean_estimate: float


def simulate_trials(
    noise: NoiseModel,
    design: ExperimentDesign,
    *,
    effect: float,
    trials: int,
    seed: int,
    trend_per_week: float = 0.0,
    history_weeks: int = 40,
    batch: int = 50,
) -> SimulationSummary:
    """Simulate ``trials`` athletes following ``design`` with true ``effect`` and fit each.

    As in the app, each athlete's ρ is measured (REML, capped at 0.9) from ``history_weeks``
    weeks of log before the experiment, and the experiment is analysed with it.
    """
    rng = np.random.default_rng(seed)
    detected = covered = 0
    estimates: list[float] = []
    done = 0
    weeks = np.arange(design.n_weeks)
    innovation = noise.sd * np.sqrt(1.0 - noise.rho**2)
    while done < trials:
        size = min(batch, trials - done)
        order = random_order(design, rng)
        indicator, compared = design_matrix(design, order)
        mask = marker_mask(noise, design.n_weeks, rng)
        rows = np.flatnonzero(compared & mask).astype(np.intp)
        if rows.size < 6 or indicator[rows].min() == indicator[rows].max():
            continue
        errors = _ar1(rng, history_weeks + design.n_weeks, size, noise.sd, noise.rho, innovation)
        past = np.arange(history_weeks).astype(np.intp)
        history = fit_ar1_batch(
            noise.mean + errors[:history_weeks],
            np.column_stack([np.ones(history_weeks), past.astype(np.float64)]),
            past,
            column=1,
        )
        truth = noise.mean + effect * indicator + trend_per_week * weeks
        ys = (truth[:, None] + errors[history_weeks:])[rows]
        fit = fit_ar1_batch(
            ys, _matrix(rows, indicator), rows, column=1, rho=np.minimum(history.rho, 0.9)
        )
        detected += int(np.count_nonzero((fit.low > 0) | (fit.high < 0)))
        covered += int(np.count_nonzero((fit.low <= effect) & (effect <= fit.high)))
        estimates.extend(fit.estimate.tolist())
        done += size
    return SimulationSummary(trials, detected / trials, covered / trials, float(np.mean(estimates)))


def _ar1(
    rng: np.random.Generator, n_weeks: int, size: int, sd: float, rho: float, innovation: float
) -> FloatArray:
    shocks = rng.standard_normal((n_weeks, size))
    errors = np.empty_like(shocks)
    errors[0] = sd * shocks[0]
    for week in range(1, n_weeks):
        errors[week] = rho * errors[week - 1] + innovation * shocks[week]
    return errors
