"""``runstrong calc``: quick answers from the science core."""

from __future__ import annotations

import warnings
from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.common import JsonOption, console, emit_json
from runstrong.domain.units import format_duration, format_pace, parse_distance, parse_duration
from runstrong.errors import ValidationError
from runstrong.science import (
    E1RM_METHODS,
    E1rmReliabilityWarning,
    estimate_one_rep_max,
    predict_time_s,
    training_paces,
    vdot,
)

app = typer.Typer(
    help="Calculators: e1RM, VDOT, race prediction, training paces.", no_args_is_help=True
)

DistanceOption = Annotated[
    str,
    typer.Option(
        "--distance",
        "-d",
        help="Race distance: 1500, mile, 3k, 5k, 10k, 15k, half, marathon, or metres.",
    ),
]
TimeOption = Annotated[str, typer.Option("--time", "-t", help="Finish time, MM:SS or H:MM:SS.")]


@app.command("e1rm")
def e1rm(
    load: Annotated[float, typer.Option("--load", "-l", help="Load lifted in kg.")],
    reps: Annotated[int, typer.Option("--reps", "-r", help="Repetitions completed (1-20).")],
    method: Annotated[
        str, typer.Option("--method", "-m", help=f"One of {', '.join(E1RM_METHODS)}.")
    ] = "epley",
    as_json: JsonOption = False,
) -> None:
    """Estimate a one-repetition maximum from one set."""
    if method not in E1RM_METHODS:
        raise ValidationError(f"unknown method {method!r}: use one of {', '.join(E1RM_METHODS)}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", E1rmReliabilityWarning)
        value = estimate_one_rep_max(load, reps, method)  # type: ignore[arg-type]
    notes = [str(w.message) for w in caught if issubclass(w.category, E1rmReliabilityWarning)]
    if as_json:
        payload = {"e1rm_kg": round(value, 2), "method": method, "load_kg": load, "reps": reps}
        emit_json({**payload, "warnings": notes})
        return
    console.print(
        f"Estimated 1RM ({method}): [bold]{value:.1f} kg[/bold] from {load:g} kg × {reps}"
    )
    for note in notes:
        console.print(f"Note: {note}")


@app.command("vdot")
def vdot_command(distance: DistanceOption, time: TimeOption, as_json: JsonOption = False) -> None:
    """Daniels–Gilbert VDOT from a race result."""
    distance_m = parse_distance(distance)
    time_s = parse_duration(time)
    value = vdot(distance_m, time_s)
    if as_json:
        emit_json({"vdot": round(value, 2), "distance_m": distance_m, "time_s": time_s})
        return
    console.print(f"VDOT [bold]{value:.1f}[/bold] from {distance} in {format_duration(time_s)}")


@app.command("predict")
def predict(
    distance: DistanceOption,
    time: TimeOption,
    target: Annotated[str, typer.Option("--target", help="Distance to predict.")],
    method: Annotated[
        str, typer.Option("--method", "-m", help="riegel, cameron or vdot.")
    ] = "riegel",
    as_json: JsonOption = False,
) -> None:
    """Predict a race time at another distance."""
    if method not in ("riegel", "cameron", "vdot"):
        raise ValidationError(f"unknown method {method!r}: use riegel, cameron or vdot")
    distance_m = parse_distance(distance)
    target_m = parse_distance(target)
    time_s = parse_duration(time)
    predicted = predict_time_s(time_s, distance_m, target_m, method)  # type: ignore[arg-type]
    if as_json:
        emit_json(
            {
                "predicted_time_s": round(predicted, 1),
                "method": method,
                "target_distance_m": target_m,
            }
        )
        return
    console.print(
        f"{target} predicted ({method}): [bold]{format_duration(predicted)}[/bold] "
        f"from {distance} in {format_duration(time_s)}"
    )
    if not (1500 <= target_m <= 42195 and 1500 <= distance_m <= 42195):
        console.print("Note: these models were fitted to races of 1500 m to the marathon.")


@app.command("paces")
def paces(
    vdot_value: Annotated[float, typer.Option("--vdot", help="VDOT, 20-90.")],
    imperial: Annotated[bool, typer.Option("--imperial", help="Show paces per mile.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Daniels training paces for a VDOT (seconds per km in JSON)."""
    result = training_paces(vdot_value)
    rows = {
        "easy": (result.easy_slow_s_per_km, result.easy_fast_s_per_km),
        "marathon": (result.marathon_s_per_km,),
        "threshold": (result.threshold_s_per_km,),
        "interval": (result.interval_s_per_km,),
        "repetition": (result.repetition_s_per_km,),
    }
    if as_json:
        emit_json(
            {
                "vdot": vdot_value,
                "easy_s_per_km": [round(v, 1) for v in rows["easy"]],
                **{f"{k}_s_per_km": round(v[0], 1) for k, v in rows.items() if k != "easy"},
            }
        )
        return
    units = "imperial" if imperial else "metric"
    table = Table(title=f"Training paces for VDOT {vdot_value:g}")
    table.add_column("zone")
    table.add_column("pace", justify="right")
    for zone, values in rows.items():
        table.add_row(zone, " – ".join(format_pace(v, units) for v in values))
    console.print(table)
