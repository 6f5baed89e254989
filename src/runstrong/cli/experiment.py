"""``runstrong experiment``: design, start, follow and analyse a personal (n-of-1) experiment."""

from __future__ import annotations

import getpass
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.errors import ValidationError
from runstrong.reports.experiment_json import design_json, experiment_json, report_json
from runstrong.services.experiment_report import ExperimentReport, experiment_report
from runstrong.services.experiments import (
    ExperimentPlan,
    amend_experiment,
    design_experiment,
    start_experiment,
    weekday_number,
)

app = typer.Typer(
    help="Your own experiment: does strength work help *your* running? (n-of-1 trial)",
    no_args_is_help=True,
)

MarkerOption = Annotated[
    str,
    typer.Option(
        help="efficiency (easy-run speed at a reference heart rate), vdot, test-hr (heart "
        "rate in the weekly test run at your test pace) or time-trial (every 4 weeks)."
    ),
]
DesignOption = Annotated[str, typer.Option(help="abab (alternating blocks) or ab.")]
BlockOption = Annotated[int, typer.Option("--block-weeks", help="Weeks per block (6–8 usual).")]
WeeksOption = Annotated[int, typer.Option("--weeks", help="Length of the experiment in weeks.")]
RunInOption = Annotated[
    int, typer.Option("--run-in", help="Weeks at the start of each block left out.")
]
DayOption = Annotated[str | None, typer.Option("--date", help="As of this day (default today).")]


def _day(text: str | None, what: str = "date") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def _plan(
    db: str | None,
    athlete: str | None,
    marker: str,
    design: str,
    block_weeks: int,
    weeks: int,
    run_in: int,
    start: str | None,
    day: str | None,
) -> ExperimentPlan:
    with store_from(db) as store:
        return design_experiment(
            store,
            athlete,
            marker=marker,
            design=design,
            block_weeks=block_weeks,
            weeks=weeks,
            run_in_weeks=run_in,
            start=_day(start, "start day"),
            as_of=_day(day),
        )


@app.command("design")
def design(
    marker: MarkerOption = "efficiency",
    design: DesignOption = "abab",
    block_weeks: BlockOption = 6,
    weeks: WeeksOption = 24,
    run_in: RunInOption = 2,
    start: Annotated[str | None, typer.Option("--start", help="First day (its Monday).")] = None,
    day: DayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What a design can detect with your own marker noise, and how other designs compare."""
    plan = _plan(db, athlete, marker, design, block_weeks, weeks, run_in, start, day)
    if as_json:
        emit_json(design_json(plan))
        return
    console.print(
        f"With your data, {plan.design.n_weeks} weeks of {plan.design.kind.upper()} in "
        f"{plan.design.block_weeks}-week blocks detects a change of "
        f"{plan.detectable_effect_percent:.1f} % ({plan.detectable_effect:.3g} {plan.unit}) "
        f"in your {plan.label} with 80 % power; the trials found 2–8 % in running economy."
    )
    console.print(
        f"Your noise: week-to-week SD {plan.noise.sd:.3g} {plan.unit}, AR(1) "
        f"{plan.noise.rho:.2f}, a marker in {100 * plan.noise.marker_share:.0f} % of weeks."
    )
    table = Table(title="Other designs (detectable change at 80 % power)")
    for column in ("block weeks", "weeks", "detectable"):
        table.add_column(column)
    for o in plan.options:
        table.add_row(str(o.block_weeks), str(o.n_weeks), f"{o.detectable_effect_percent:.1f} %")
    console.print(table)
    if plan.test_speed_m_per_s:
        pace = 1000 / plan.test_speed_m_per_s
        console.print(
            f"Test run: steady, at {int(pace // 60)}:{int(pace % 60):02d} /km (± 5 %), same "
            "weekday and route every week; lower heart rate is better."
        )
    if plan.noise.test_every_weeks > 1:
        console.print(
            f"One time trial every {plan.noise.test_every_weeks} weeks, in the last week of each "
            "period: the power counts one value per period."
        )


@app.command("start")
def start(
    marker: MarkerOption = "efficiency",
    design: DesignOption = "abab",
    block_weeks: BlockOption = 6,
    weeks: WeeksOption = 24,
    run_in: RunInOption = 2,
    start_day: Annotated[
        str | None, typer.Option("--start", help="First day (default next Monday).")
    ] = None,
    order: Annotated[
        str | None, typer.Option("--order", help="Order followed, for one entered after the fact.")
    ] = None,
    test_day: Annotated[str, typer.Option("--test-day", help="Weekday of the test run.")] = "sat",
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register the experiment: the design is locked; later changes are recorded."""
    weekday = weekday_number(test_day)
    plan = _plan(db, athlete, marker, design, block_weeks, weeks, run_in, start_day, None)
    with store_from(db) as store:
        result = start_experiment(
            plan, store, started_by=getpass.getuser(), order=order, test_weekday=weekday
        )
    experiment = result.experiment
    if as_json:
        emit_json({**experiment_json(experiment), "plan_sessions_removed": result.removed_sessions})
        return
    label = "" if experiment.registered_in_advance else " (not registered in advance)"
    console.print(
        f"Registered{label}: {experiment.n_weeks} weeks from {experiment.start_date}, blocks "
        f"{experiment.block_order} (A = no heavy lower-body work, B = strength twice a week), "
        f"analysis on {experiment.analysis_date}."
    )
    if result.removed_sessions:
        console.print(
            f"Took {result.removed_sessions} planned strength session(s) in control blocks out "
            "of your plan; the runs stay as planned."
        )


@app.command("amend")
def amend(
    reason: Annotated[str, typer.Option("--reason", help="Why the design changes.")],
    analysis_date: Annotated[
        str | None, typer.Option("--analysis-date", help="New analysis day (YYYY-MM-DD).")
    ] = None,
    test_day: Annotated[
        str | None, typer.Option("--test-day", help="New weekday of the test run.")
    ] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change the analysis date or test weekday; the report shows every change."""
    with store_from(db) as store:
        experiment = amend_experiment(
            store,
            athlete,
            reason=reason,
            analysis_date=_day(analysis_date, "analysis date"),
            test_weekday=None if test_day is None else weekday_number(test_day),
        )
    if as_json:
        emit_json(experiment_json(experiment))
        return
    console.print(f"Changed and recorded ({len(experiment.amendments)} change(s) so far).")


def _report(db: str | None, athlete: str | None, day: str | None) -> ExperimentReport:
    with store_from(db) as store:
        return experiment_report(store, athlete, day=_day(day))


@app.command("status")
def status(
    day: DayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The current block, weeks left, adherence and deviations."""
    report = _report(db, athlete, day)
    if as_json:
        emit_json(report_json(report))
        return
    s = report.status
    arm = {"A": "control (no heavy lower-body work)", "B": "strength twice a week"}
    if s.arm is None:
        console.print(
            f"No block on {s.day}: the experiment runs {s.experiment.start_date} to "
            f"{s.experiment.end_date}."
        )
    else:
        console.print(
            f"Block {(s.block or 0) + 1} of {len(s.experiment.block_order)}: "
            f"{arm[s.arm]}; {s.weeks_left} week(s) left."
        )
    b_ok, b_all = s.intervention_weeks_as_assigned
    a_ok, a_all = s.control_weeks_as_assigned
    t_ok, t_all = s.tests_done
    console.print(
        f"Adherence: strength weeks {b_ok}/{b_all}, control weeks {a_ok}/{a_all}, "
        f"test runs {t_ok}/{t_all}."
    )
    for d in s.deviations:
        console.print(f"  • {d.text} — {d.cost}")


@app.command("analyse")
def analyse(
    day: DayOption = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The answer: the strength blocks against the control blocks, with its 95 % interval."""
    report = _report(db, athlete, day)
    if as_json:
        emit_json(report_json(report))
        return
    console.print(report.summary)
    for note in report.notes:
        console.print(f"  • {note}")
    table = Table(title="What the published trials found")
    for column in ("finding", "evidence", "source"):
        table.add_column(column)
    for finding in report.published:
        table.add_row(finding.statement, finding.grade, finding.source)
    console.print(table)
