"""Rich rendering of an athlete summary."""

from __future__ import annotations

from rich.table import Table

from runstrong.cli.common import console
from runstrong.domain.units import format_distance, format_duration
from runstrong.services.summary import AthleteSummary

_RACE_LABELS = {"5k": "5 km", "10k": "10 km", "half": "half marathon", "marathon": "marathon"}


def print_summary(summary: AthleteSummary) -> None:
    athlete = summary.athlete
    units = athlete.units
    table = Table(title=f"{athlete.name} — {athlete.event_focus} runner", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value")
    if summary.first_day and summary.last_day:
        table.add_row("log", f"{summary.first_day} to {summary.last_day}")
    table.add_row(
        "runs",
        f"{summary.runs} runs, {format_distance(summary.run_distance_m, units)}, "
        f"{summary.run_time_s / 3600:.0f} h",
    )
    if summary.other_activities:
        table.add_row("other activities", str(summary.other_activities))
    table.add_row(
        "strength",
        f"{summary.strength_sessions} sessions, {summary.strength_sets} sets",
    )
    table.add_row(
        "last 28 days",
        f"{format_distance(summary.last_28_days_run_distance_m, units)} running, "
        f"{summary.last_28_days_strength_sessions} strength sessions",
    )
    if summary.leg_press_e1rm_recent_kg is not None:
        trend = f"{summary.leg_press_e1rm_recent_kg:.0f} kg (best set by RPE, last 8 weeks)"
        if summary.leg_press_e1rm_start_kg is not None:
            trend += f", up from {summary.leg_press_e1rm_start_kg:.0f} kg in the first 8 weeks"
        table.add_row("leg press e1RM", trend)
    if summary.latest_race is not None:
        race = summary.latest_race
        table.add_row(
            "latest race",
            f"{format_distance(race.distance_m, units)} in {format_duration(race.time_s)} on "
            f"{race.day} → VDOT {race.vdot:.1f}",
        )
        predictions = ", ".join(
            f"{_RACE_LABELS[name]} {format_duration(seconds)}"
            for name, seconds in summary.predicted_times_s.items()
        )
        table.add_row("equivalent times", predictions)
    console.print(table)
