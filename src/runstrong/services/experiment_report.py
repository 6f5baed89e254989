"""Use cases: where a personal experiment stands (block, weeks left, adherence, deviations), and
its answer — the effect of the intervention blocks with its interval and a randomisation test.

Science in :mod:`runstrong.science.evidence.experiment_analysis`; the wording is here because it
joins the answer with adherence, amendments and the published trials.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from runstrong.domain.experiment import Experiment
from runstrong.domain.models import Athlete
from runstrong.errors import ValidationError
from runstrong.science import PublishedFinding, published_evidence
from runstrong.science.evidence._batch_gls import gls_std_error
from runstrong.science.evidence.experiment_analysis import ExperimentAnswer, analyse_experiment
from runstrong.science.evidence.experiment_design import (
    ExperimentDesign,
    design_matrix,
    scheduled_weeks,
)
from runstrong.science.evidence.experiment_markers import (
    EXPERIMENT_MARKERS,
    one_per_period,
    weeks_between_tests,
)
from runstrong.services.athletes import AthleteKey
from runstrong.services.evidence import evidence_report
from runstrong.services.experiment_markers import marker_series
from runstrong.services.experiments import current_experiment
from runstrong.store import Store

__all__ = ["Deviation", "ExperimentReport", "ExperimentStatus", "experiment_report"]

FloatArray = npt.NDArray[np.float64]
TARGET_SESSIONS = 2
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Deviation:
    """A week that did not follow the design, and what it costs the answer."""

    week_start: date
    kind: str
    text: str
    cost: str


@dataclass(frozen=True, slots=True)
class ExperimentStatus:
    athlete: Athlete
    experiment: Experiment
    day: date
    week: int
    block: int | None
    arm: str | None
    weeks_left: int
    weeks_done: int
    intervention_weeks_as_assigned: tuple[int, int]
    control_weeks_as_assigned: tuple[int, int]
    tests_done: tuple[int, int]
    running_km_control: float | None
    running_km_intervention: float | None
    volume_level: bool
    deviations: tuple[Deviation, ...]
    detectable_effect_now: float | None


@dataclass(frozen=True, slots=True)
class ExperimentReport:
    status: ExperimentStatus
    answer: ExperimentAnswer
    interim: bool
    summary: str
    notes: tuple[str, ...]
    published: tuple[PublishedFinding, ...]
    label: str
    unit: str


def _design(experiment: Experiment) -> ExperimentDesign:
    return ExperimentDesign(
        experiment.design,  # type: ignore[arg-type]
        experiment.block_weeks,
        experiment.n_weeks,
        experiment.run_in_weeks,
    )


def _aligned(values: FloatArray, offset: int, n_weeks: int, fill: float) -> FloatArray:
    out = np.full(n_weeks, fill)
    for week in range(n_weeks):
        index = offset + week
        if 0 <= index < values.size:
            out[week] = values[index]
    return out


def _test_weeks(store: Store, athlete: Athlete, experiment: Experiment) -> set[int]:
    zone = ZoneInfo(athlete.timezone)
    start = datetime.combine(experiment.start_date, datetime.min.time(), tzinfo=zone)
    end = start + timedelta(weeks=experiment.n_weeks)
    assert athlete.id is not None
    with store.unit_of_work() as uow:
        runs = uow.activities.list_for_athlete(athlete.id, start=start, end=end)
    weeks = set()
    for run in runs:
        local = run.started_at.astimezone(zone).date()
        if run.is_run and run.avg_hr_bpm and local.weekday() == experiment.test_weekday:
            weeks.add(experiment.week_of(local))
    return weeks


def _new_marker(
    store: Store,
    athlete: Athlete,
    experiment: Experiment,
    first_week: date,
    n_weeks: int,
    last_day: date,
) -> FloatArray:
    """The test-hr series from the test runs (test weekday, the pace registered at start), or
    the time-trial series; a log that has none of them yet gives an all-NaN series."""
    speed = experiment.noise.get("test_speed_m_per_s")
    if experiment.marker == "test-hr" and speed is None:
        raise ValidationError("this test-hr experiment has no registered test pace")
    try:
        return marker_series(
            store,
            athlete,
            experiment.marker,
            first_week,
            n_weeks,
            last_day,
            test_speed_m_per_s=speed,
            test_weekday=experiment.test_weekday,
        ).values
    except ValidationError:
        if experiment.marker != "time-trial":
            raise
        return np.full(n_weeks, np.nan)


def _direction(experiment: Experiment, answer: ExperimentAnswer, unit: str) -> str:
    """The effect in plain words for a marker where lower is better (heart rate at a pace)."""
    e = answer.effect
    if e is None or experiment.marker != "test-hr":
        return ""
    word = "lower" if e.estimate < 0 else "higher"
    meaning = (
        "the same pace cost you fewer beats (better)"
        if e.estimate < 0
        else "the same pace cost you more beats (worse)"
    )
    hedge = "" if e.excludes_zero() else ", if the difference is real"
    return (
        f"Your heart rate at your test pace was {abs(e.estimate):.1f} {unit} {word} in the "
        f"strength blocks: {meaning}{hedge}; lower is better for this marker. "
    )


def _se(rows: npt.NDArray[np.intp], indicator: FloatArray, sd: float, rho: float) -> float | None:
    if rows.size < 6 or indicator[rows].min() == indicator[rows].max():
        return None
    matrix = np.column_stack([np.ones(rows.size), indicator[rows], rows.astype(np.float64)])
    return gls_std_error(matrix, rows, rho=rho, sd=sd, column=1)


def experiment_report(
    store: Store, athlete_name: AthleteKey, *, day: date | None = None
) -> ExperimentReport:
    """Status and answer of the athlete's current (or latest) experiment as of ``day``."""
    athlete, experiment = current_experiment(store, athlete_name, day)
    today = datetime.now(ZoneInfo(athlete.timezone)).date()
    on = min(day or today, today)
    design = _design(experiment)
    last_log_day = min(on, experiment.end_date)
    weeks_done = max(
        0, min(experiment.n_weeks, (last_log_day - experiment.start_date).days // 7 + 1)
    )
    if on < experiment.start_date:
        weeks_done = 0
    indicator, compared = design_matrix(design, experiment.block_order)
    marker = np.full(experiment.n_weeks, np.nan)
    sessions = np.zeros(experiment.n_weeks)
    km = np.zeros(experiment.n_weeks)
    info = EXPERIMENT_MARKERS[experiment.marker]
    every = weeks_between_tests(experiment.marker)
    if weeks_done:
        new_kind = experiment.marker in ("test-hr", "time-trial")
        report = evidence_report(
            store,
            athlete.id,
            marker="vdot" if new_kind else experiment.marker,  # type: ignore[arg-type]
            as_of=last_log_day,
        )
        offset = (experiment.start_date - report.first_week).days // 7
        series = report.marker
        if new_kind:
            series = _new_marker(store, athlete, experiment, report.first_week, report.n_weeks,
                                 last_log_day)  # fmt: skip
        marker = _aligned(series, offset, experiment.n_weeks, np.nan)
        if every > 1:
            marker = one_per_period(marker, every, higher_is_better=info.higher_is_better)
        sessions = _aligned(report.strength_sessions, offset, experiment.n_weeks, 0.0)
        km = _aligned(report.running_km, offset, experiment.n_weeks, 0.0)
    full_weeks = weeks_done if on >= experiment.end_date else max(0, weeks_done - 1)
    if experiment.marker in ("test-hr", "time-trial"):
        tested = {int(w) for w in np.flatnonzero(np.isfinite(marker))}
    else:
        tested = _test_weeks(store, athlete, experiment) if weeks_done else set()
    deviations: list[Deviation] = []
    label = info.label
    scheduled = scheduled_weeks(experiment.n_weeks, every)
    missing = {
        "test-hr": "no standard test run (steady, at your test pace ± 5 %, with heart rate)",
        "time-trial": "no time trial in this 4-week period",
    }.get(experiment.marker, f"no {label} (no test run with heart rate)")
    b_done = a_done = b_ok = a_ok = 0
    for week in range(full_weeks):
        start = experiment.start_date + timedelta(weeks=week)
        if indicator[week]:
            b_done += 1
            if sessions[week] >= TARGET_SESSIONS:
                b_ok += 1
            else:
                deviations.append(
                    Deviation(
                        start,
                        "missed_strength",
                        f"intervention week of {start}: {sessions[week]:g} of "
                        f"{TARGET_SESSIONS} strength sessions",
                        "blurs the contrast: a real effect would look smaller",
                    )
                )
        else:
            a_done += 1
            if sessions[week] == 0:
                a_ok += 1
            else:
                deviations.append(
                    Deviation(
                        start,
                        "strength_in_control",
                        f"control week of {start}: {sessions[week]:g} lower-body strength "
                        "session(s)",
                        "blurs the contrast: a real effect would look smaller",
                    )
                )
        if compared[week] and scheduled[week] and not np.isfinite(marker[week]):
            deviations.append(
                Deviation(
                    start,
                    "missed_test",
                    f"week of {start}: {missing}",
                    "one compared week fewer: the interval gets wider",
                )
            )
    noise = experiment.noise
    planned_rows = np.flatnonzero(compared & scheduled).astype(np.intp)
    kept = (
        compared & scheduled & (np.isfinite(marker) | (np.arange(experiment.n_weeks) >= full_weeks))
    )
    se_plan = _se(planned_rows, indicator, noise["sd"], noise["rho"])
    se_now = _se(np.flatnonzero(kept).astype(np.intp), indicator, noise["sd"], noise["rho"])
    detectable_now = experiment.detectable_effect * se_now / se_plan if se_plan and se_now else None
    done = np.arange(experiment.n_weeks) < full_weeks
    km_a = float(km[done & (indicator == 0)].mean()) if a_done else None
    km_b = float(km[done & (indicator == 1)].mean()) if b_done else None
    level = km_a is None or km_b is None or abs(km_a - km_b) <= 0.1 * max(km_a, km_b, 1e-9)
    due = [w for w in range(full_weeks) if compared[w] and scheduled[w]]
    week = experiment.week_of(on)
    block = experiment.block_of(on)
    status = ExperimentStatus(
        athlete=athlete,
        experiment=experiment,
        day=on,
        week=week,
        block=block,
        arm=experiment.arm_on(on),
        weeks_left=max(0, experiment.n_weeks - max(week, 0)) if on <= experiment.end_date else 0,
        weeks_done=full_weeks,
        intervention_weeks_as_assigned=(b_ok, b_done),
        control_weeks_as_assigned=(a_ok, a_done),
        tests_done=(sum(1 for w in due if w in tested), len(due)),
        running_km_control=km_a,
        running_km_intervention=km_b,
        volume_level=level,
        deviations=tuple(deviations),
        detectable_effect_now=detectable_now,
    )
    answer = analyse_experiment(
        marker, design, experiment.block_order, through_week=full_weeks, rho=noise["rho"]
    )
    interim = on < experiment.analysis_date
    evidence = published_evidence()
    return ExperimentReport(
        status=status,
        answer=answer,
        interim=interim,
        summary=_summary(experiment, answer, label, info.unit),
        notes=_notes(status, answer, interim),
        published=tuple(f for f in evidence.findings if f.outcome != "injuries"),
        label=label,
        unit=info.unit,
    )


def _summary(experiment: Experiment, answer: ExperimentAnswer, label: str, unit: str) -> str:
    if answer.effect is None:
        return (
            f"Not enough compared weeks yet: {answer.weeks_compared} weeks with your {label} "
            "after the run-in weeks, in too few blocks of each kind to compare."
        )
    e, p = answer.effect, answer.percent
    better = EXPERIMENT_MARKERS[experiment.marker].higher_is_better
    pct = f" ({p.estimate:+.1f} %, {p.low:+.1f} to {p.high:+.1f} %)" if p else ""
    text = (
        f"In your strength blocks your {label} was {e.estimate:+.3g} {unit} against your "
        f"control blocks, 95 % interval {e.low:+.3g} to {e.high:+.3g} {unit}{pct}, from "
        f"{answer.weeks_intervention} strength weeks and {answer.weeks_control} control weeks. "
    ) + _direction(experiment, answer, unit)
    if e.excludes_zero():
        helped = (e.estimate > 0) == better
        text += (
            "The interval excludes no change: in this experiment the strength work went with "
            + ("better" if helped else "worse")
            + " running for you, and because the blocks were assigned in a planned order this "
            "is evidence of cause, not only association."
        )
    else:
        text += (
            "The interval includes no change: this experiment cannot tell a real effect from "
            "week-to-week noise. An effect outside the interval is unlikely for you."
        )
    if answer.randomisation_p is not None:
        text += (
            f" Randomisation test over the {answer.n_orders} block orders the design allowed: "
            f"p = {answer.randomisation_p:.2f} (the smallest this design can give is "
            f"{answer.smallest_p:.2f})."
        )
    return text


def _notes(status: ExperimentStatus, answer: ExperimentAnswer, interim: bool) -> tuple[str, ...]:
    experiment = status.experiment
    notes = []
    if interim:
        notes.append(
            f"Interim look before the analysis date ({experiment.analysis_date}): looking early "
            "and stopping when the result looks good makes a finding less trustworthy."
        )
    if not experiment.registered_in_advance:
        notes.append(
            "Not registered in advance: the design was entered after the weeks it covers, so "
            "the block order was not drawn at random and the comparison is weaker."
        )
    if experiment.design == "ab":
        notes.append(
            "Baseline-then-intervention (AB): a change in fitness or season over the same weeks "
            "cannot be separated from the strength work."
        )
    if not status.volume_level:
        notes.append(
            "Running volume was not level between the blocks (more than 10 % apart): part of "
            "any difference may come from the running."
        )
    for item in experiment.amendments:
        notes.append(
            f"Design changed on {item.on}: {item.field} from {item.old} to {item.new} "
            f"({item.reason})."
        )
    if experiment.marker == "time-trial":
        notes.append(
            "Time trial every 4 weeks (in the last week of each 4-week period): one value per "
            "period is compared, so the interval is wider than with a weekly marker."
        )
    else:
        notes.append(
            f"Standard test run: every {_DAY_NAMES[experiment.test_weekday]}, steady, flat, "
            "same route."
        )
    return tuple(notes)
