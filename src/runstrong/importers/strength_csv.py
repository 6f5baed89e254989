"""Import strength-app CSV exports (Strong, Hevy) as strength sessions.

Both apps write one row per set. Strong's columns are ``Date, Workout Name, Exercise Name,
Set Order, Weight, Reps`` (older exports add ``Weight Unit``, are often semicolon-separated and
call the duration ``Workout Duration``; newer ones have ``Duration`` and no unit column, the
weights being in the unit set in the app). Hevy's are ``title, start_time, end_time,
exercise_title, set_index, set_type, weight_kg`` (or ``weight_lbs``), ``reps, rpe``. Rows are
grouped into sessions by workout start and name.

* Warm-up sets (Strong set order ``W``, Hevy set type ``warmup``) are kept and marked
  ``warmup``, so that hard sets, e1RM and records leave them out. Timed holds (no repetitions,
  seconds in Strong's ``Seconds`` or Hevy's ``duration_seconds``) become one-repetition sets with
  their ``duration_s``. Rows with neither, or with a distance (cardio), are left out and counted
  in a warning.
* Times in these files are local: they are read in ``ImportOptions.timezone``.
* Exercise names are matched to the exercise library; unknown names keep the slug
  ``unknown:<normalised name>`` and are listed in ``ParsedFile.unmatched_exercises``.
* ``external_id`` is derived from the workout's start as written and its name, not from the file,
  so that importing a newer, cumulative export adds only the new workouts.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.domain.units import lb_to_kg
from runstrong.errors import ImportFormatError
from runstrong.importers._csv_text import (
    Table,
    parse_duration_s,
    parse_local_time,
    parse_number,
    read_table,
)
from runstrong.importers.base import (
    MAX_SLUG_CHARS,
    ExerciseMatcher,
    ImportOptions,
    ParsedFile,
    clean_text,
)

__all__ = [
    "HEVY",
    "REQUIRED_COLUMNS",
    "STRAVA_ACTIVITIES",
    "STRONG",
    "detect_kind",
    "parse",
    "unknown_slug",
]

STRONG = "strong_csv"
HEVY = "hevy_csv"
STRAVA_ACTIVITIES = "strava_activities_csv"

#: Columns each export must have (Hevy also needs ``weight_kg`` or ``weight_lbs``).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    STRONG: ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps"),
    HEVY: ("title", "start_time", "exercise_title", "reps"),
}
_STRAVA_COLUMNS = ("Activity ID", "Activity Date", "Activity Type", "Filename")
_WARM_UP = frozenset({"w", "warmup", "warm-up", "warm up"})
#: More repetitions than this in one set is a typing or export error (and would overflow the
#: store's integer column); notes longer than this are cut.
_MAX_REPS = 10_000
_MAX_HOLD_S = 3600
_MAX_NOTES_CHARS = 10_000


@dataclass
class _Session:
    """One workout being assembled from its rows."""

    raw_start: str
    title: str
    started_at: datetime
    sets: list[StrengthSet] = field(default_factory=list)
    duration_s: float | None = None
    notes: str | None = None


@dataclass
class _Tally:
    without_reps: int = 0
    unmatched: set[str] = field(default_factory=set)


def detect_kind(header: Sequence[str]) -> str | None:
    """Which export a CSV header belongs to: Strong, Hevy, a Strava index, or ``None``."""
    names = {column.strip().lower() for column in header}
    if all(column.lower() in names for column in REQUIRED_COLUMNS[STRONG]):
        return STRONG
    hevy = all(column in names for column in REQUIRED_COLUMNS[HEVY])
    if hevy and ({"weight_kg", "weight_lbs"} & names):
        return HEVY
    if all(column.lower() in names for column in _STRAVA_COLUMNS):
        return STRAVA_ACTIVITIES
    return None


def parse(data: bytes, name: str, options: ImportOptions | None = None) -> ParsedFile:
    """Read a Strong or Hevy CSV export; see the module docstring.

    Raises :class:`ImportFormatError` for text that is not UTF-8, a header that is neither
    export's (naming the missing columns), and unreadable dates or numbers (naming the line).
    """
    options = options or ImportOptions()
    table = read_table(data, name)
    kind = detect_kind(table.header)
    if kind == STRAVA_ACTIVITIES:
        return ParsedFile(
            kind, skip_reason="the index of a Strava export: import the whole export .zip instead"
        )
    if kind is None:
        raise ImportFormatError(f"{name}: not a Strong or Hevy export; {_missing(table.header)}.")
    warnings: list[str] = []
    if options.timezone is None:
        warnings.append(f"{name}: no time zone given for the workout times; read them as UTC.")
    zone = options.zone()
    catalog = options.catalog if options.catalog is not None else _packaged_catalog()
    tally = _Tally()
    reader = _strong_sessions if kind == STRONG else _hevy_sessions
    sessions = reader(table, name, zone, options, catalog, tally, warnings)
    if tally.without_reps:
        warnings.append(
            f"{name}: left out {tally.without_reps} sets without repetitions or seconds (cardio)."
        )
    built = tuple(_session(kind, s) for s in sessions if s.sets)
    if not built:
        return ParsedFile(kind, skip_reason="no sets with repetitions or seconds in the export")
    return ParsedFile(
        kind,
        strength_sessions=built,
        warnings=tuple(warnings),
        unmatched_exercises=tuple(sorted(tally.unmatched)),
    )


def unknown_slug(name: str) -> str:
    """The slug kept for an exercise the library does not know.

    >>> unknown_slug("Bench Press (Barbell)")
    'unknown:bench-press-barbell'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"
    return "unknown:" + slug[: MAX_SLUG_CHARS - len("unknown:")].rstrip("-")


def _strong_sessions(
    table: Table,
    name: str,
    zone: tzinfo,
    options: ImportOptions,
    catalog: ExerciseMatcher,
    tally: _Tally,
    warnings: list[str],
) -> list[_Session]:
    cell = _cells(table)
    comma = table.delimiter == ";"
    has_unit = table.column("Weight Unit") is not None
    if not has_unit and options.weight_unit is None:
        warnings.append(f"{name}: the export does not say kg or lb; read the weights as kg.")
    sessions: dict[tuple[str, str], _Session] = {}
    for line, row in enumerate(table.rows, start=2):
        raw_start, title = cell(row, "Date"), cell(row, "Workout Name")
        session = sessions.get((raw_start, title))
        if session is None:
            started_at = _local_time(raw_start, zone, name, line)
            session = sessions[(raw_start, title)] = _Session(raw_start, title, started_at)
            duration = cell(row, "Duration") or cell(row, "Workout Duration")
            session.duration_s = parse_duration_s(duration)
            session.notes = clean_text(cell(row, "Workout Notes"), _MAX_NOTES_CHARS)
        order = cell(row, "Set Order").lower()
        warmup = order in _WARM_UP
        if order and not warmup and not order[0].isdigit() and order not in ("d", "f"):
            continue  # rest timers and notes rows of newer Strong exports
        reps = _reps(cell(row, "Reps"), comma, name, line, "Reps")
        seconds = _seconds(cell(row, "Seconds"), comma, name, line, "Seconds")
        distance = _number(cell(row, "Distance"), comma, name, line, "Distance")
        if not reps and (not seconds or distance):
            tally.without_reps += 1
            continue
        weight = _number(cell(row, "Weight"), comma, name, line, "Weight") or 0.0
        unit = cell(row, "Weight Unit").lower() if has_unit else (options.weight_unit or "kg")
        load_kg = lb_to_kg(weight) if unit.startswith("lb") else weight
        rpe = _number(cell(row, "RPE"), comma, name, line, "RPE")
        slug = _slug(cell(row, "Exercise Name"), catalog, tally)
        session.sets.append(_set(slug, reps, seconds, load_kg, rpe, warmup))
    return list(sessions.values())


def _hevy_sessions(
    table: Table,
    name: str,
    zone: tzinfo,
    options: ImportOptions,
    catalog: ExerciseMatcher,
    tally: _Tally,
    warnings: list[str],
) -> list[_Session]:
    del options, warnings  # Hevy names its unit in the header and needs no assumptions
    cell = _cells(table)
    comma = table.delimiter == ";"
    in_pounds = table.column("weight_kg") is None
    sessions: dict[tuple[str, str], _Session] = {}
    for line, row in enumerate(table.rows, start=2):
        raw_start, title = cell(row, "start_time"), cell(row, "title")
        session = sessions.get((raw_start, title))
        if session is None:
            started_at = _local_time(raw_start, zone, name, line)
            session = sessions[(raw_start, title)] = _Session(raw_start, title, started_at)
            end = cell(row, "end_time")
            if end:
                ended_at = _local_time(end, zone, name, line)
                session.duration_s = max((ended_at - started_at).total_seconds(), 0.0)
            session.notes = clean_text(cell(row, "description"), _MAX_NOTES_CHARS)
        warmup = cell(row, "set_type").lower() in _WARM_UP
        reps = _reps(cell(row, "reps"), comma, name, line, "reps")
        seconds = _seconds(cell(row, "duration_seconds"), comma, name, line, "duration_seconds")
        distance = cell(row, "distance_km") or cell(row, "distance_miles")
        if not reps and (not seconds or _number(distance, comma, name, line, "distance")):
            tally.without_reps += 1
            continue
        column = "weight_lbs" if in_pounds else "weight_kg"
        weight = _number(cell(row, column), comma, name, line, column) or 0.0
        load_kg = lb_to_kg(weight) if in_pounds else weight
        rpe = _number(cell(row, "rpe"), comma, name, line, "rpe")
        slug = _slug(cell(row, "exercise_title"), catalog, tally)
        session.sets.append(_set(slug, reps, seconds, load_kg, rpe, warmup))
    return list(sessions.values())


def _cells(table: Table) -> Callable[[tuple[str, ...], str], str]:
    """A getter of a row's cell by column name ('' for a column the file does not have)."""
    index = {column.lower(): i for i, column in enumerate(table.header)}

    def cell(row: tuple[str, ...], column: str) -> str:
        position = index.get(column.lower())
        return row[position] if position is not None else ""

    return cell


def _local_time(text: str, zone: tzinfo, name: str, line: int) -> datetime:
    moment = parse_local_time(text)
    if moment is None:
        raise ImportFormatError(f"{name}, line {line}: cannot read the date '{text}'.")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 shifted out of range by the zone
        raise ImportFormatError(
            f"{name}, line {line}: the date '{text}' is out of range."
        ) from None


def _number(text: str, decimal_comma: bool, name: str, line: int, column: str) -> float | None:
    try:
        value = parse_number(text, decimal_comma)
    except ValueError:
        value = math.nan
    if value is not None and not math.isfinite(value):  # also refuses "nan" and "inf"
        raise ImportFormatError(
            f"{name}, line {line}: '{text}' in column {column} is not a number."
        )
    return value


def _reps(text: str, decimal_comma: bool, name: str, line: int, column: str) -> float | None:
    reps = _number(text, decimal_comma, name, line, column)
    if reps is not None and not 0 <= reps <= _MAX_REPS:
        raise ImportFormatError(
            f"{name}, line {line}: '{text}' in column {column} is not a number of repetitions."
        )
    return reps


def _seconds(text: str, decimal_comma: bool, name: str, line: int, column: str) -> float | None:
    seconds = _number(text, decimal_comma, name, line, column)
    if seconds is not None and not 0 <= seconds <= _MAX_HOLD_S:
        raise ImportFormatError(
            f"{name}, line {line}: '{text}' in column {column} is not a hold in seconds."
        )
    return seconds


def _set(
    slug: str,
    reps: float | None,
    seconds: float | None,
    load_kg: float,
    rpe: float | None,
    warmup: bool,
) -> StrengthSet:
    """One set of repetitions or, when the row has seconds and no repetitions, one hold."""
    load = round(load_kg, 3)
    if reps:
        return StrengthSet(slug, round(reps), load, rpe or None, warmup=warmup)
    return StrengthSet(slug, 1, load, rpe or None, warmup=warmup, duration_s=float(seconds or 0))


def _slug(exercise: str, catalog: ExerciseMatcher, tally: _Tally) -> str:
    matched = catalog.match(exercise)
    if matched is not None:
        return matched.slug
    tally.unmatched.add(exercise)
    return unknown_slug(exercise)


def _session(kind: str, session: _Session) -> StrengthSession:
    key = f"{session.raw_start}|{session.title}".encode()
    return StrengthSession(
        started_at=session.started_at,
        sets=tuple(session.sets),
        duration_s=session.duration_s,
        notes=session.notes,
        source=kind,
        external_id=f"{kind}:{hashlib.sha256(key).hexdigest()[:32]}",
    )


def _missing(header: Sequence[str]) -> str:
    """Which columns are missing: for the export the header resembles, or for both."""
    names = {column.strip().lower() for column in header}
    missing = {
        kind: [c for c in required if c.lower() not in names]
        for kind, required in REQUIRED_COLUMNS.items()
    }
    found = {kind: len(REQUIRED_COLUMNS[kind]) - len(missing[kind]) for kind in missing}
    if not {"weight_kg", "weight_lbs"} & names:
        missing[HEVY].append("weight_kg or weight_lbs")
    strong = f"missing Strong columns: {', '.join(missing[STRONG])}"
    hevy = f"missing Hevy columns: {', '.join(missing[HEVY])}"
    if found[STRONG] > found[HEVY]:
        return strong
    if found[HEVY] > found[STRONG]:
        return hevy
    return f"{strong}; or, for Hevy, {hevy.removeprefix('missing Hevy columns: ')}"


def _packaged_catalog() -> ExerciseMatcher:
    from runstrong.library.catalog import load_catalog

    return load_catalog()
