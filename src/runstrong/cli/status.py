"""``runstrong status``: load, fitness, strength balance and risk signals on a date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from runstrong.cli.common import AthleteOption, DbOption, JsonOption, console, emit_json, store_from
from runstrong.cli.status_json import signal_json, status_json
from runstrong.domain.units import format_distance, format_duration
from runstrong.errors import ValidationError
from runstrong.science import RiskSignal
from runstrong.services.status import AthleteStatus, athlete_status, signal_history

_SEVERITY_STYLE = {"info": "cyan", "caution": "yellow", "high": "bold red"}


def _parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"invalid date {text!r}: use YYYY-MM-DD") from None


def status(
    day: Annotated[
        str | None, typer.Option("--date", help="As of this day, YYYY-MM-DD (default: today).")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="List every risk signal in the log up to the date.")
    ] = False,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Volume, load (CTL/ATL/TSB, ACWR, monotony), strength, performance and risk signals."""
    as_of = _parse_day(day)
    with store_from(db) as store:
        if history:
            who, first, signals = signal_history(store, athlete, as_of)
            if as_json:
                emit_json(
                    {"athlete": who.name, "signals": [signal_json(s, first) for s in signals]}
                )
            else:
                _print_history(who.name, first, signals)
            return
        result = athlete_status(store, athlete, as_of)
    if as_json:
        emit_json(status_json(result))
    else:
        _print_status(result)


def _print_history(name: str, first: date, signals: tuple[RiskSignal, ...]) -> None:
    table = Table(title=f"Risk signals in {name}'s log ({len(signals)} signal-days)")
    for column in ("date", "severity", "signal", "grade"):
        table.add_column(column)
    for signal in signals:
        style = _SEVERITY_STYLE[signal.severity]
        table.add_row(
            (first + timedelta(days=signal.day_index)).isoformat(),
            f"[{style}]{signal.severity}[/{style}]",
            signal.title,
            signal.evidence_grade,
        )
    console.print(table)


def _print_status(status: AthleteStatus) -> None:
    units = status.athlete.units
    volume, load, perf = status.volume, status.load, status.performance
    console.print(f"[bold]{status.athlete.name}[/bold] — status on {status.as_of}")
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row(
        "running",
        f"7 days: {format_distance(volume.running_distance_7d_m, units)} in "
        f"{format_duration(volume.running_time_7d_s)} ({volume.runs_7d} "
        f"run{'s' if volume.runs_7d != 1 else ''}) · 28 days: "
        f"{format_distance(volume.running_distance_28d_m, units)}",
    )
    table.add_row(
        "strength",
        f"{volume.strength_sessions_7d} sessions in 7 days, {volume.strength_sessions_28d} in 28"
        f" · plyometric foot contacts 7 days: {volume.foot_contacts_7d:.0f}",
    )
    if volume.hard_sets_7d_by_muscle:
        table.add_row(
            "hard sets / 7 days",
            ", ".join(f"{m} {n:g}" for m, n in volume.hard_sets_7d_by_muscle.items()),
        )
    table.add_row(
        "load (AU)",
        f"7 days: running {load.running_7d_au:.0f} + strength {load.strength_7d_au:.0f}"
        + (f" + other {load.other_7d_au:.0f}" if load.other_7d_au else "")
        + f" · TRIMP {load.trimp_7d:.0f}"
        + (f" · rTSS {load.rtss_7d:.0f}" if load.rtss_7d is not None else ""),
    )
    table.add_row(
        "fitness / fatigue",
        f"CTL {load.ctl:.0f} · ATL {load.atl:.0f} · form (TSB) {load.tsb:+.0f}",
    )
    acwr = " · ".join(
        f"{label} {value:.2f}"
        for label, value in (("rolling", load.acwr_rolling), ("EWMA", load.acwr_ewma))
        if value is not None
    )
    table.add_row("ACWR", acwr or "not enough history (28 days)")
    if load.monotony is not None and load.strain is not None:
        table.add_row("monotony / strain", f"{load.monotony:.2f} / {load.strain:.0f}")
    elif load.history_days < 7:
        table.add_row("monotony / strain", "not enough history (7 days)")
    else:
        table.add_row("monotony / strain", "no day-to-day variation in the last 7 days")
    if status.leg_press_e1rm:
        first, last = status.leg_press_e1rm[0], status.leg_press_e1rm[-1]
        trend = f"{last.e1rm_kg:.0f} kg on {last.day}"
        if last.relative_to_body_mass:
            trend += f" ({last.relative_to_body_mass:.1f}× body mass)"
        if first is not last:
            trend += f", {last.e1rm_kg - first.e1rm_kg:+.0f} kg since {first.day}"
        table.add_row("leg press e1RM", trend)
    if status.side_balance is not None:
        side = status.side_balance
        table.add_row(
            "left / right",
            f"single-leg leg press on {side.day}: left {side.left_e1rm_kg:.0f} kg, right "
            f"{side.right_e1rm_kg:.0f} kg e1RM — asymmetry {side.asymmetry_percent:.0f} %",
        )
    if perf.vdot is not None:
        table.add_row("VDOT", f"{perf.vdot:.1f} from {perf.vdot_from}")
        table.add_row(
            "race predictions",
            ", ".join(f"{k} {format_duration(v)}" for k, v in perf.predicted_times_s.items()),
        )
    else:
        table.add_row("VDOT", "no race in the last 180 days: log a race or time trial")
    if perf.critical_speed_m_per_s is not None:
        table.add_row(
            "critical speed",
            f"{perf.critical_speed_m_per_s:.2f} m/s, D′ {perf.d_prime_m:.0f} m"
            + (f" ({perf.critical_speed_note})" if perf.critical_speed_note else ""),
        )
    elif perf.critical_speed_note:
        table.add_row("critical speed", perf.critical_speed_note)
    console.print(table)
    if not status.signals:
        console.print("[green]No risk signals today.[/green]")
    for signal in status.signals:
        style = _SEVERITY_STYLE[signal.severity]
        body = (
            f"{signal.explanation}\n\n[bold]What to do:[/bold] {signal.advice}\n"
            f"[dim]Evidence: {signal.evidence_grade} — {signal.source}[/dim]"
        )
        console.print(Panel(body, title=f"[{style}]{signal.severity}: {signal.title}[/{style}]"))
    _print_readiness(status)
    for note in status.notes:
        console.print(f"[dim]Note: {note}[/dim]")


def _print_readiness(status: AthleteStatus) -> None:
    state = status.readiness
    if state is None or (state.today is None and not state.signals):
        return
    if not state.signals:
        console.print("[green]Readiness: nothing outside its normal range this morning.[/green]")
    for signal in state.signals:
        choice = state.choice_for(signal.kind)
        chosen = (
            f"\n[bold]Chosen:[/bold] {choice.summary}"
            if choice
            else f"\n[dim]Act on it: runstrong checkin choose --signal {signal.kind} "
            f"--action {'|'.join(signal.actions)}[/dim]"
        )
        body = (
            f"{signal.explanation}\n\n[bold]What to do:[/bold] {signal.advice}\n"
            f"[dim]Evidence: {signal.evidence_grade} — {signal.source}[/dim]{chosen}"
        )
        console.print(Panel(body, title=f"[yellow]readiness: {signal.title}[/yellow]"))
