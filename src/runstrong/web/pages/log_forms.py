"""Log forms: what the run and strength forms send, read in the athlete's units and time zone
and turned into domain objects (SI units, aware datetimes) at the edge."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time
from itertools import zip_longest
from typing import Annotated

from pydantic import BaseModel, Field

from runstrong.domain.models import SPORTS, Activity, Athlete, StrengthSession, StrengthSet
from runstrong.domain.units import METRES_PER_MILE, kg_to_lb, lb_to_kg, parse_duration
from runstrong.errors import ValidationError
from runstrong.services.history import athlete_time
from runstrong.services.prefill import SetEntry, sets_from_entries

__all__ = [
    "MAX_ROWS",
    "RunForm",
    "StrengthForm",
    "activity_from",
    "imperial",
    "load_kg",
    "load_text",
    "local_start",
    "parse_number",
    "row_entry",
    "session_from",
    "set_row",
]

#: Most set rows one form may send.
MAX_ROWS = 300
_Text = Annotated[str, Field(max_length=40)]


class RunForm(BaseModel):
    date: _Text = ""
    time: _Text = ""
    sport: _Text = "running"
    session_type: _Text = ""
    distance: _Text = ""
    duration: _Text = ""
    avg_hr: _Text = ""
    max_hr: _Text = ""
    rpe: _Text = ""
    name: Annotated[str, Field(max_length=200)] = ""
    notes: Annotated[str, Field(max_length=5000)] = ""
    pain: _Text = ""
    pain_location: Annotated[str, Field(max_length=80)] = ""


class StrengthForm(BaseModel):
    date: _Text = ""
    time: _Text = ""
    duration_min: _Text = ""
    rpe: _Text = ""
    machine: Annotated[str, Field(max_length=120)] = ""
    notes: Annotated[str, Field(max_length=5000)] = ""
    pain: _Text = ""
    pain_location: Annotated[str, Field(max_length=80)] = ""
    exercise: Annotated[list[_Text], Field(max_length=MAX_ROWS)] = []
    reps: Annotated[list[_Text], Field(max_length=MAX_ROWS)] = []
    load: Annotated[list[_Text], Field(max_length=MAX_ROWS)] = []
    set_rpe: Annotated[list[_Text], Field(max_length=MAX_ROWS)] = []
    side: Annotated[list[_Text], Field(max_length=MAX_ROWS)] = []
    #: ``work`` or ``warmup`` per row (the edit form); a form without the column logs work sets.
    kind: Annotated[list[_Text], Field(max_length=MAX_ROWS)] = []

    def rows(self) -> list[dict[str, str]]:
        columns = (self.exercise, self.reps, self.load, self.set_rpe, self.side, self.kind)
        keys = ("exercise", "reps", "load", "rpe", "side", "kind")
        return [dict(zip(keys, row, strict=True)) for row in zip_longest(*columns, fillvalue="")]


# -- units at the edge ------------------------------------------------------------------------


def imperial(athlete: Athlete) -> bool:
    return athlete.units == "imperial"


def parse_number(label: str, text: str, *, whole: bool = False) -> float | None:
    """A number typed into a form (a decimal comma is fine); ``None`` when left empty."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError(f"{label}: {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise ValidationError(f"{label}: {text.strip()!r} is not a number")
    if whole and value != int(value):
        raise ValidationError(f"{label}: {text.strip()!r} is not a whole number")
    if value < 0:
        raise ValidationError(f"{label} cannot be negative, got {text.strip()}")
    return value


def local_start(day_text: str, clock_text: str, athlete: Athlete) -> datetime:
    today = athlete_time(datetime.now(UTC), athlete.timezone).date()
    try:
        day = date.fromisoformat(day_text.strip()) if day_text.strip() else today
    except ValueError:
        raise ValidationError(f"date: {day_text.strip()!r} is not a date; use YYYY-MM-DD") from None
    try:
        clock = time.fromisoformat(clock_text.strip()) if clock_text.strip() else time(7, 0)
    except ValueError:
        raise ValidationError(f"time: {clock_text.strip()!r} is not a time; use HH:MM") from None
    return athlete_time(datetime.combine(day, clock.replace(tzinfo=None)), athlete.timezone)


def load_kg(text: str, athlete: Athlete) -> float:
    value = parse_number("load", text) or 0.0
    return lb_to_kg(value) if imperial(athlete) else value


def load_text(load_kg: float, athlete: Athlete) -> str:
    """A load as typed into the form in the athlete's unit: ``140``, ``102.5``, ``308.6``."""
    value = kg_to_lb(load_kg) if imperial(athlete) else load_kg
    return f"{round(value, 1):g}"


def activity_from(form: RunForm, athlete: Athlete) -> Activity:
    distance = parse_number("distance", form.distance)
    distance_m = None
    if distance is not None:
        distance_m = distance * (METRES_PER_MILE if imperial(athlete) else 1000.0)
    if not form.duration.strip():
        raise ValidationError("duration: give the moving time, e.g. 45:00 or 1:05:30")
    duration_s = parse_duration(form.duration)
    if form.sport not in SPORTS:
        raise ValidationError(f"unknown sport {form.sport!r}: choose one from the list")
    return Activity(
        started_at=local_start(form.date, form.time, athlete),
        sport=form.sport,  # type: ignore[arg-type]
        session_type=form.session_type or None,  # type: ignore[arg-type]
        distance_m=distance_m,
        moving_time_s=duration_s,
        elapsed_time_s=duration_s,
        avg_hr_bpm=parse_number("average heart rate", form.avg_hr),
        max_hr_bpm=parse_number("maximum heart rate", form.max_hr),
        rpe=parse_number("RPE", form.rpe),
        name=form.name.strip() or None,
        notes=form.notes.strip() or None,
        pain_score=parse_number("pain", form.pain),
        pain_location=form.pain_location.strip() or None,
    )


#: What the set-type column may send, and whether it marks a warm-up.
SET_KINDS = {"": False, "work": False, "warmup": True}


def row_entry(number: int, row: dict[str, str], athlete: Athlete) -> SetEntry:
    """One filled-in set row, read in the athlete's units: reps such as ``40s`` are a timed
    hold of 40 seconds (one repetition), ``kind`` ``warmup`` marks a warm-up set."""
    try:
        reps_text, hold_s = row["reps"].strip(), None
        if reps_text.lower().endswith("s"):  # "40s": a timed hold of 40 seconds
            hold_s = parse_number("hold", reps_text[:-1])
            if hold_s is None or not 1 <= hold_s <= 3600:
                raise ValidationError("a hold must be 1 to 3600 s, e.g. 40s")
            reps_text = "1"
        reps = parse_number("reps", reps_text, whole=True)
        if reps is None:
            raise ValidationError("give the number of reps")
        kind = row.get("kind", "").strip()
        if kind not in SET_KINDS:
            raise ValidationError(f"unknown set type {kind!r}: use work or warmup")
        return SetEntry(
            exercise=row["exercise"],
            reps=int(reps),
            load_kg=load_kg(row["load"], athlete),
            rpe=parse_number("RPE", row["rpe"]),
            side=row["side"] or "both",
            warmup=SET_KINDS[kind],
            duration_s=hold_s,
        )
    except ValidationError as exc:
        raise ValidationError(f"set {number}: {exc}") from None


def session_from(form: StrengthForm, athlete: Athlete) -> StrengthSession:
    entries: list[SetEntry] = []
    for number, row in enumerate(form.rows(), 1):
        if not row["exercise"].strip():
            continue  # an empty row, or one cleared to drop it
        entries.append(row_entry(number, row, athlete))
    minutes = parse_number("duration", form.duration_min)
    return StrengthSession(
        started_at=local_start(form.date, form.time, athlete),
        sets=sets_from_entries(entries),
        duration_s=minutes * 60 if minutes is not None else None,
        rpe=parse_number("session RPE", form.rpe),
        machine=form.machine.strip() or None,
        notes=form.notes.strip() or None,
        pain_score=parse_number("pain", form.pain),
        pain_location=form.pain_location.strip() or None,
    )


# -- views ------------------------------------------------------------------------------------


def set_row(item: StrengthSet, athlete: Athlete) -> dict[str, str]:
    rpe = f"{item.rpe:g}" if item.rpe is not None else ""
    return {
        "exercise": item.exercise_slug,
        "reps": f"{item.duration_s:g}s" if item.duration_s is not None else str(item.reps),
        "load": load_text(item.load_kg, athlete),
        "rpe": rpe,
        "side": item.side,
        "kind": "warmup" if item.warmup else "work",
    }
