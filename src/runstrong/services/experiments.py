"""Use cases: design a personal experiment from the athlete's own log, register it, amend it.

The weekly marker comes from the evidence report's series (:func:`evidence_report`); the noise
model, the block designs and the power from :mod:`runstrong.science.evidence.experiment_design`
(docs/science.md, "Your own experiment").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import numpy as np

from runstrong.domain.experiment import DEFAULT_QUESTION, Amendment, Experiment
from runstrong.domain.models import Athlete
from runstrong.errors import Conflict, NotFound, ValidationError
from runstrong.planning.experiment_blocks import BlockSpec, skipped_sessions
from runstrong.science.evidence.experiment_design import (
    DesignOption,
    ExperimentDesign,
    NoiseModel,
    PowerPoint,
    check_order,
    design_matrix,
    design_options,
    detectable_effect,
    fit_noise_model,
    power_curve,
    random_order,
    scheduled_weeks,
)
from runstrong.science.evidence.experiment_markers import (
    EXPERIMENT_MARKERS,
    ExperimentMarker,
    check_marker,
    weeks_between_tests,
)
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.evidence import evidence_report
from runstrong.services.experiment_markers import marker_series
from runstrong.store import Store

__all__ = [
    "WEEKDAYS",
    "ExperimentPlan",
    "StartResult",
    "amend_experiment",
    "block_spec",
    "current_experiment",
    "design_experiment",
    "start_experiment",
]

MarkerChoice = ExperimentMarker
#: Fewest scheduled time trials after the run-in weeks for a time-trial design.
_MIN_TIME_TRIALS = 6
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class ExperimentPlan:
    """A design with what it can detect from this athlete's noise, and the alternatives."""

    athlete: Athlete
    marker: MarkerChoice
    design: ExperimentDesign
    start_date: date
    end_date: date
    noise: NoiseModel
    runs_per_week_with_hr: float
    detectable_effect: float
    detectable_effect_percent: float
    options: tuple[DesignOption, ...]
    curve: tuple[PowerPoint, ...]
    race_date: date | None
    test_speed_m_per_s: float | None = None

    @property
    def unit(self) -> str:
        return EXPERIMENT_MARKERS[self.marker].unit

    @property
    def label(self) -> str:
        return EXPERIMENT_MARKERS[self.marker].label


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _today(athlete: Athlete) -> date:
    return datetime.now(ZoneInfo(athlete.timezone)).date()


def weekday_number(name: str) -> int:
    """0 for "mon" … 6 for "sun" (the first three letters of an English weekday name)."""
    key = name.strip().lower()[:3]
    if key not in WEEKDAYS:
        raise ValidationError(f"unknown weekday {name!r}: use one of {', '.join(WEEKDAYS)}")
    return WEEKDAYS.index(key)


def design_experiment(
    store: Store,
    athlete_name: AthleteKey,
    *,
    marker: str = "efficiency",
    design: str = "abab",
    block_weeks: int = 6,
    weeks: int = 24,
    run_in_weeks: int = 2,
    start: date | None = None,
    as_of: date | None = None,
) -> ExperimentPlan:
    """What ``design`` could detect with the athlete's own marker noise, measured up to ``as_of``.

    The experiment starts on the Monday of ``start``'s week (default: next Monday after
    ``as_of``); the noise comes from the log before it.
    """
    kind = check_marker(marker)
    chosen = ExperimentDesign(design, block_weeks, weeks, run_in_weeks)  # type: ignore[arg-type]
    every = weeks_between_tests(kind)
    if every > 1:
        _, compared = design_matrix(chosen, "AB" * max(chosen.n_pairs, 1))
        tests = int(np.count_nonzero(compared & scheduled_weeks(chosen.n_weeks, every)))
        if tests < _MIN_TIME_TRIALS:
            raise ValidationError(
                f"a time trial every {every} weeks gives only {tests} time trials outside the "
                f"run-in weeks in {chosen.n_weeks} weeks of {chosen.block_weeks}-week blocks; "
                f"the comparison needs {_MIN_TIME_TRIALS}: use 8-week blocks over 32 weeks or more"
            )
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        plan = uow.plans.active(athlete.id)
    today = _today(athlete)
    day = as_of or today
    first = _monday(start) if start is not None else _monday(day) + timedelta(weeks=1)
    log_day = min(day, first - timedelta(days=1), today)
    base: Literal["efficiency", "vdot"] = "efficiency" if kind == "efficiency" else "vdot"
    report = evidence_report(store, athlete.id, marker=base, as_of=log_day)
    if kind == "efficiency" and report.marker_method == "no easy runs with heart rate":
        raise ValidationError(
            f"{athlete.name} has no easy runs with heart rate before {first}: the efficiency "
            "marker needs them (log runs with heart rate, or use --marker vdot)"
        )
    series, test_speed = report.marker, None
    if kind in ("test-hr", "time-trial"):
        measured = marker_series(store, athlete, kind, report.first_week, report.n_weeks, log_day)
        series, test_speed = measured.values, measured.test_speed_m_per_s
    if every > 1:
        noise = replace(
            fit_noise_model(series, lookback_weeks=104, min_weeks=4),
            marker_share=1 / every,
            test_every_weeks=every,
        )
    else:
        noise = fit_noise_model(series)
    end = first + timedelta(weeks=chosen.n_weeks) - timedelta(days=1)
    race = plan.request.race_date if plan is not None else None
    if race is not None and first <= race < end:
        raise ValidationError(
            f"the design ends on {end}, after your race on {race}: use fewer weeks "
            f"(at most {(race - first).days // 7} from {first}) or start after the race"
        )
    effect = detectable_effect(noise, chosen)
    recent = series[-52:]
    with_marker = np.isfinite(recent)
    return ExperimentPlan(
        athlete=athlete,
        marker=kind,
        design=chosen,
        start_date=first,
        end_date=end,
        noise=noise,
        runs_per_week_with_hr=float(with_marker.mean()) if kind != "vdot" else 0.0,
        detectable_effect=effect,
        detectable_effect_percent=100 * effect / abs(noise.mean),
        options=design_options(noise, chosen),
        curve=power_curve(noise, chosen),
        race_date=race,
        test_speed_m_per_s=test_speed,
    )


@dataclass(frozen=True, slots=True)
class StartResult:
    """The registered experiment, and how many planned strength sessions it took out."""

    experiment: Experiment
    removed_sessions: int


def _spec(e: Experiment) -> BlockSpec:
    return BlockSpec(
        e.start_date, e.block_weeks, e.n_weeks, e.run_in_weeks, e.block_order, e.test_weekday
    )


def start_experiment(
    plan: ExperimentPlan,
    store: Store,
    *,
    started_by: str,
    order: str | None = None,
    test_weekday: int = 5,
    question: str = DEFAULT_QUESTION,
) -> StartResult:
    """Register ``plan``: the order is drawn now unless the experiment is entered after the fact.

    The active training plan's strength sessions from today on that fall in control blocks are
    taken out of it (runs stay as planned, so running volume is the same in both blocks).
    """
    today = _today(plan.athlete)
    after_the_fact = plan.start_date < _monday(today)
    if not 0 <= test_weekday <= 6:
        raise ValidationError("the test-run weekday must be 0 (Monday) to 6 (Sunday)")
    if after_the_fact:
        if order is None:
            raise ValidationError(
                f"the experiment started in the past ({plan.start_date}): give the block order "
                "that was followed with --order, e.g. --order ABBA"
            )
        chosen = check_order(plan.design, order)
    else:
        if order is not None:
            raise ValidationError(
                "the block order is drawn at random when an experiment is registered in "
                "advance; --order is only for experiments entered after the fact"
            )
        chosen = random_order(plan.design, np.random.default_rng(secrets.randbits(64)))
    experiment = Experiment(
        question=question.strip() or DEFAULT_QUESTION,
        marker=plan.marker,
        design=plan.design.kind,
        block_weeks=plan.design.block_weeks,
        n_weeks=plan.design.n_weeks,
        run_in_weeks=plan.design.run_in_weeks,
        block_order=chosen,
        start_date=plan.start_date,
        analysis_date=plan.end_date,
        test_weekday=test_weekday,
        registered_in_advance=not after_the_fact,
        started_by=started_by,
        started_at=datetime.now(UTC),
        noise={
            "mean": plan.noise.mean,
            "sd": plan.noise.sd,
            "rho": plan.noise.rho,
            "marker_share": plan.noise.marker_share,
            "n_weeks": float(plan.noise.n_weeks),
            "test_every_weeks": float(plan.noise.test_every_weeks),
            **(
                {"test_speed_m_per_s": plan.test_speed_m_per_s}
                if plan.test_speed_m_per_s is not None
                else {}
            ),
        },
        detectable_effect=plan.detectable_effect,
    )
    with store.unit_of_work() as uow:
        assert plan.athlete.id is not None
        for other in uow.experiments.list_for_athlete(plan.athlete.id):
            if other.overlaps(experiment):
                raise Conflict(
                    f"{plan.athlete.name} already has an experiment from {other.start_date} to "
                    f"{other.end_date}: experiments may not overlap"
                )
        stored = uow.experiments.add(plan.athlete.id, experiment)
        training = uow.plans.active(plan.athlete.id)
        removed: set[int] = set()
        if training is not None and training.id is not None:
            future = tuple(s for s in training.sessions if s.day >= today and s.status == "planned")
            removed = skipped_sessions(_spec(stored), future)
            if removed:
                uow.plans.replace_sessions(
                    training.id, [s for s in training.sessions if s.id not in removed]
                )
        return StartResult(stored, len(removed))


def current_experiment(
    store: Store, athlete_name: AthleteKey, day: date | None = None
) -> tuple[Athlete, Experiment]:
    """The experiment running on ``day`` (default today), else the latest one."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        experiments = uow.experiments.list_for_athlete(athlete.id)
    if not experiments:
        raise NotFound(
            f"{athlete.name} has no experiment: design one with `runstrong experiment design`"
        )
    on = day or _today(athlete)
    running = [e for e in experiments if e.start_date <= on <= e.end_date]
    started = [e for e in experiments if e.start_date <= on]
    return athlete, (running or started or experiments)[-1]


def amend_experiment(
    store: Store,
    athlete_name: AthleteKey,
    *,
    reason: str,
    analysis_date: date | None = None,
    test_weekday: int | None = None,
) -> Experiment:
    """Change the analysis date or the test-run weekday; the change is recorded and reported."""
    if not reason.strip():
        raise ValidationError("say why the design changes (--reason): the report shows it")
    athlete, experiment = current_experiment(store, athlete_name)
    assert experiment.id is not None
    changes: dict[str, object] = {}
    notes: list[tuple[str, str, str]] = []
    if analysis_date is not None:
        if analysis_date < experiment.start_date:
            raise ValidationError(
                f"the analysis date {analysis_date} is before the start {experiment.start_date}"
            )
        changes["analysis_date"] = analysis_date
        notes.append(("analysis_date", str(experiment.analysis_date), str(analysis_date)))
    if test_weekday is not None:
        changes["test_weekday"] = test_weekday
        notes.append(("test_weekday", WEEKDAYS[experiment.test_weekday], WEEKDAYS[test_weekday]))
    if not notes:
        raise ValidationError("nothing to change: give a new analysis date or test weekday")
    today = _today(athlete)
    with store.unit_of_work() as uow:
        result = experiment
        for index, (name, old, new) in enumerate(notes):
            result = uow.experiments.amend(
                experiment.id,
                Amendment(today, name, old, new, reason.strip()),
                **({} if index else changes),
            )
        return result


def block_spec(store: Store, athlete_id: int, first: date, last: date) -> BlockSpec | None:
    """The athlete's experiment overlapping ``first … last`` as the planner reads it, or None."""
    with store.unit_of_work() as uow:
        experiments = uow.experiments.list_for_athlete(athlete_id)
    for e in experiments:
        if e.start_date <= last and first <= e.end_date:
            return _spec(e)
    return None
