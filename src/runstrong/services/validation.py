"""Checks on domain objects at the service boundary, shared by every way in (CLI, web, import)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runstrong.domain.models import (
    EVENT_FOCUSES,
    SESSION_TYPES,
    SEXES,
    SIDES,
    SPORTS,
    UNIT_SYSTEMS,
    Activity,
    Athlete,
    StrengthSession,
)
from runstrong.errors import ValidationError
from runstrong.library import load_catalog

#: Device clocks and hand-typed times may run a little ahead; more than this is the future.
_CLOCK_SLACK = timedelta(minutes=10)

__all__ = ["check_activity", "check_athlete", "check_strength_session", "zone_for"]


def _in_range(label: str, value: float | None, low: float, high: float, unit: str = "") -> None:
    if value is None:
        return
    if not math.isfinite(value) or not low <= value <= high:
        raise ValidationError(f"{label} must be between {low:g} and {high:g}{unit}, got {value:g}")


def _one_of(label: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValidationError(f"unknown {label} {value!r}: use one of {', '.join(allowed)}")


def zone_for(name: str) -> ZoneInfo:
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("a time zone is required: use an IANA name such as Europe/Ljubljana")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Ljubljana or UTC"
        ) from None


def check_athlete(athlete: Athlete, *, today: datetime | None = None) -> None:
    if not athlete.name.strip():
        raise ValidationError("an athlete needs a name")
    if len(athlete.name) > 120:
        raise ValidationError("an athlete's name must be at most 120 characters")
    _one_of("sex", athlete.sex, SEXES)
    _one_of("event focus", athlete.event_focus, EVENT_FOCUSES)
    _one_of("unit system", athlete.units, UNIT_SYSTEMS)
    _in_range("body mass", athlete.body_mass_kg, 25, 250, " kg")
    year = (today or datetime.now(UTC)).year
    if athlete.birth_year is not None:
        _in_range("birth year", athlete.birth_year, year - 110, year - 5)
    _in_range("resting heart rate", athlete.hr_rest_bpm, 25, 120, " bpm")
    _in_range("maximum heart rate", athlete.hr_max_bpm, 100, 240, " bpm")
    if (
        athlete.hr_rest_bpm is not None
        and athlete.hr_max_bpm is not None
        and athlete.hr_rest_bpm >= athlete.hr_max_bpm
    ):
        raise ValidationError("resting heart rate must be below maximum heart rate")
    zone_for(athlete.timezone)


def _check_started_at(started_at: datetime, now: datetime) -> None:
    if started_at.tzinfo is None:
        raise ValidationError("a session's start time needs a time zone")
    if started_at > now + _CLOCK_SLACK:
        raise ValidationError(f"a session cannot start in the future ({started_at:%Y-%m-%d %H:%M})")
    if started_at.year < 1970:
        raise ValidationError("a session cannot start before 1970")


def _check_pain(score: float | None, location: str | None) -> None:
    _in_range("pain score", score, 0, 10)
    if location is not None and not location.strip():
        raise ValidationError("a pain location cannot be blank: say where, e.g. 'left knee'")
    if location is not None and len(location) > 80:
        raise ValidationError("a pain location must be at most 80 characters")
    if location is not None and score is None:
        raise ValidationError("give a pain score from 0 to 10 with the pain location")
    if score is not None and score > 0 and location is None:
        raise ValidationError(
            "say where it hurts with the pain score, e.g. --pain-location 'left knee'"
        )


#: The most reps one set may have (the importers refuse more too).
MAX_REPS = 10_000


def _text(label: str, value: str | None, max_length: int | None) -> None:
    """Text the store can keep: no NUL characters, and within its column's length."""
    if value is None:
        return
    if "\x00" in value:
        raise ValidationError(f"{label} contains a NUL character")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(f"{label} may have at most {max_length} characters")


def check_activity(activity: Activity, *, now: datetime | None = None) -> None:
    _check_started_at(activity.started_at, now or datetime.now(UTC))
    _text("the name", activity.name, 200)
    _text("the device", activity.device, 120)
    _text("the notes", activity.notes, None)
    _text("the pain location", activity.pain_location, 80)
    _text("the external id", activity.external_id, 160)
    _check_pain(activity.pain_score, activity.pain_location)
    _one_of("sport", activity.sport, SPORTS)
    if activity.session_type is not None:
        _one_of("session type", activity.session_type, SESSION_TYPES)
    _in_range("duration", activity.moving_time_s, 1, 7 * 24 * 3600, " s")
    _in_range("elapsed time", activity.elapsed_time_s, 1, 7 * 24 * 3600, " s")
    _in_range("distance", activity.distance_m, 0, 1_000_000, " m")
    _in_range("average heart rate", activity.avg_hr_bpm, 25, 250, " bpm")
    _in_range("maximum heart rate", activity.max_hr_bpm, 25, 250, " bpm")
    _in_range("RPE", activity.rpe, 0, 10)
    if activity.is_run and activity.distance_m and activity.moving_time_s:
        speed = activity.distance_m / activity.moving_time_s
        if speed > 12.5:
            raise ValidationError(
                f"{activity.distance_m:g} m in {activity.moving_time_s:g} s is faster than any "
                "human runs: check the distance and duration"
            )


#: Services that record a strength session but not its sets (Strava's WeightTraining): such a
#: session is stored without sets, asking the runner to fill them in.
SOURCES_WITHOUT_SETS = frozenset({"strava"})


def check_strength_session(session: StrengthSession, *, now: datetime | None = None) -> None:
    _check_started_at(session.started_at, now or datetime.now(UTC))
    _text("the machine", session.machine, 120)
    _text("the notes", session.notes, None)
    _text("the pain location", session.pain_location, 80)
    _text("the external id", session.external_id, 160)
    _check_pain(session.pain_score, session.pain_location)
    if not session.sets and session.source not in SOURCES_WITHOUT_SETS:
        raise ValidationError("a strength session needs at least one set")
    _in_range("duration", session.duration_s, 60, 6 * 3600, " s")
    _in_range("session RPE", session.rpe, 0, 10)
    catalog = load_catalog()
    for item in session.sets:
        _text("an exercise name", item.exercise_slug, 120)
        if not item.exercise_slug.startswith("unknown:"):
            catalog.get(item.exercise_slug)
        _one_of("side", item.side, SIDES)
        if item.reps < 1:
            raise ValidationError(f"reps must be at least 1, got {item.reps}")
        if item.reps > MAX_REPS:
            raise ValidationError(f"reps must be at most {MAX_REPS}, got {item.reps}")
        _in_range("load", item.load_kg, 0, 1500, " kg")
        _in_range("set RPE", item.rpe, 1, 10)
        _in_range("hold", item.duration_s, 1, 3600, " s")
