"""What ``runstrong log`` and ``runstrong edit`` share: the options of a run or a strength
session, reading set entries, days and times of day, and printing the result."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any

import typer

from runstrong.cli.common import console, emit_json
from runstrong.domain.models import SPORTS, Athlete, StrengthSet
from runstrong.domain.set_notation import parse_set_group
from runstrong.errors import ValidationError
from runstrong.library import load_catalog

__all__ = [
    "ENTRY",
    "DateOption",
    "PainLocationOption",
    "PainOption",
    "RpeOption",
    "TimeOfDayOption",
    "check_side",
    "check_sport",
    "distance_unit",
    "load_unit",
    "parse_clock",
    "parse_day",
    "parse_entries",
    "parse_entry",
    "report",
]

DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Day, YYYY-MM-DD (default: today, athlete's time zone)."),
]
TimeOfDayOption = Annotated[
    str | None,
    typer.Option("--at", help="Local start time, HH:MM (default 07:00, or now for today)."),
]
PainOption = Annotated[
    float | None, typer.Option("--pain", help="Pain or soreness during or after, 0-10.")
]
PainLocationOption = Annotated[
    str | None, typer.Option("--pain-location", help="Where it hurt, e.g. 'left knee'.")
]
RpeOption = Annotated[float | None, typer.Option("--rpe", help="Session RPE, 0-10 (CR-10).")]
#: One set entry: ``EXERCISE SETSxREPS@LOAD ...``, e.g. ``leg-press 4x6@140kg rpe8``.
ENTRY = re.compile(r"^\s*(?P<exercise>.+?)[\s:]+(?P<spec>\d+\s*[x×].*)$", re.IGNORECASE)


def parse_day(text: str, label: str = "") -> date:
    """A day given as YYYY-MM-DD; ``label`` names it in the error (``--from``)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        what = f"{label} date" if label else "date"
        raise ValidationError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def parse_clock(text: str) -> time:
    """A time of day given as HH:MM."""
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"invalid time of day {text!r}: use HH:MM") from None


def check_sport(sport: str | None) -> None:
    if sport is not None and sport not in SPORTS:
        raise ValidationError(f"unknown sport {sport!r}: use one of {', '.join(SPORTS)}")


def check_side(side: str | None) -> None:
    if side is not None and side not in ("left", "right"):
        raise ValidationError(f"invalid side {side!r}: use left or right")


def load_unit(athlete: Athlete) -> str:
    return "lb" if athlete.units == "imperial" else "kg"


def distance_unit(athlete: Athlete) -> str:
    return "mi" if athlete.units == "imperial" else "km"


def parse_entry(text: str, default_unit: str, side: str | None) -> tuple[StrengthSet, ...]:
    """The sets of one ``--set`` entry (SETSxREPS expands to that many sets)."""
    match = ENTRY.match(text)
    if not match:
        raise ValidationError(
            f"invalid set entry {text!r}: use 'EXERCISE SETSxREPS@LOAD', "
            "e.g. 'leg-press 4x6@140kg rpe8'"
        )
    catalog = load_catalog()
    name = match["exercise"].strip()
    exercise = catalog.match(name) or catalog.get(name)
    default_side = side if exercise.unilateral else None
    group = parse_set_group(match["spec"], default_unit=default_unit, side=default_side)  # type: ignore[arg-type]
    if group.side != "both" and not exercise.unilateral:
        raise ValidationError(
            f"{exercise.name} is done with both legs: drop the side {group.side!r}"
        )
    return group.expand(exercise.slug)


def parse_entries(
    entries: list[str] | None, default_unit: str, side: str | None
) -> tuple[StrengthSet, ...]:
    """The sets of all the entries, in order."""
    return tuple(s for entry in entries or [] for s in parse_entry(entry, default_unit, side))


def report(as_json: bool, document: dict[str, Any], *lines: str) -> None:
    """Print the outcome of a command: the document as JSON, or the lines of text."""
    if as_json:
        emit_json(document)
        return
    for line in lines:
        console.print(line)
