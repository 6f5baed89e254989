"""Strength activities in FIT files: sessions with ``set`` messages become strength sessions.

A watch records a gym session as a FIT session of sport ``training`` / sub-sport
``strength_training`` with one ``set`` message per set (``set_type`` active or rest). The FIT
importer first reads every session as an :class:`Activity`; :func:`split_strength` then turns
each one that is a strength session (that sport, or any session with active sets in its time)
into a :class:`StrengthSession`:

* every active set with its repetitions and load (kg; ``0`` or no weight is body weight); a set
  with a duration and no repetitions, or in a hold category (a plank), is a timed hold;
* the rest after a set (the next ``rest`` message) is kept on the set;
* the exercise is the watch's first valid guess (``category`` / ``category_subtype`` arrays),
  mapped onto the library by ``library/fit_exercises.toml``; a guess the library does not have
  keeps the watch's own name (``unknown:bench-dip``); a set the watch did not identify
  (65534 or no guess) becomes the unidentified exercise, which the athlete can name;
* sets of the ``warm_up`` category are marked warm-up;
* start, duration and heart rate (average, maximum, the samples) come from the session.

A bad set (repetitions or weight out of range, a hold under a second, a set that overlaps the
one before) is left out with a warning naming it; an unknown category number is a warning and
the next guess is used. Everything else in the file is imported as before.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from fitdecode import profile  # type: ignore[import-untyped]

from runstrong.domain.models import Activity, StrengthSession, StrengthSet
from runstrong.library.fit_names import UNIDENTIFIED_SLUG, FitNames, load_fit_names, watch_slug

__all__ = ["MAX_SET_LOAD_KG", "MAX_SET_REPS", "split_strength"]

_FIT_TRAINING, _FIT_STRENGTH_TRAINING = 10, 20
_SET_REST, _SET_ACTIVE = 0, 1
_NOT_IDENTIFIED = 65534
#: Plausible limits of one set from a watch; outside them the set is left out with a warning.
MAX_SET_REPS = 500
MAX_SET_LOAD_KG = 1500.0
_MAX_HOLD_S = 3600.0
#: A set may start this much before the previous one ended (watch rounding) without overlapping.
_OVERLAP_TOLERANCE_S = 1.0
_SESSION_SECONDS = (60.0, 6 * 3600.0)
_WEIGHT_SCALE, _DURATION_SCALE = 16.0, 1000.0
_CATEGORIES: Mapping[int, str] = profile.FIELD_TYPES["exercise_category"].enum


@dataclass(frozen=True, slots=True)
class _Exercise:
    slug: str
    category: str | None
    warning: str | None = None


def split_strength(
    activities: Sequence[Activity],
    sessions: Sequence[Mapping[str, float]],
    sets: Sequence[Mapping[str, object]],
    file_id: str,
    name: str,
    warnings: list[str],
) -> tuple[tuple[Activity, ...], tuple[StrengthSession, ...]]:
    """The file's activities that stay activities, and its strength sessions."""
    if not sets and not any(_strength_sport(s) for s in sessions):
        return tuple(activities), ()
    names = load_fit_names()
    ordered = sorted(activities, key=lambda a: a.started_at)
    kept: list[Activity] = []
    strength: list[StrengthSession] = []
    for position, activity in enumerate(ordered):
        session = _session_of(activity, sessions, file_id)
        start = activity.started_at.timestamp()
        if len(ordered) == 1:
            mine = list(sets)
        else:
            end = (
                ordered[position + 1].started_at.timestamp()
                if position + 1 < len(ordered)
                else math.inf
            )
            mine = [s for s in sets if start - 1.0 <= _number(s, "start_time", -math.inf) < end]
        active = any(s.get("set_type") == _SET_ACTIVE for s in mine)
        if activity.sport == "transition" or not (active or _strength_sport(session)):
            kept.append(activity)
            continue
        built = _strength_session(activity, mine, names, name, warnings)
        if built is None:
            if active:
                warnings.append(
                    f"{name}: no usable sets in the strength session at {_clock(start)}; "
                    "kept it as an activity."
                )
            kept.append(activity)
        else:
            strength.append(built)
    return tuple(kept), tuple(strength)


def _session_of(
    activity: Activity, sessions: Sequence[Mapping[str, float]], file_id: str
) -> Mapping[str, float]:
    """The session message an activity was read from (by the ``#index`` of its external id)."""
    external = activity.external_id or ""
    if len(sessions) == 1:
        return sessions[0]
    suffix = external.removeprefix(file_id + "#")
    if suffix.isdigit() and int(suffix) < len(sessions):
        return sessions[int(suffix)]
    return {}


def _strength_sport(session: Mapping[str, float]) -> bool:
    return (
        session.get("sport") == _FIT_TRAINING and session.get("sub_sport") == _FIT_STRENGTH_TRAINING
    )


def _strength_session(
    activity: Activity,
    messages: Sequence[Mapping[str, object]],
    names: FitNames,
    name: str,
    warnings: list[str],
) -> StrengthSession | None:
    start = activity.started_at.timestamp()
    ordered = sorted(messages, key=lambda s: _number(s, "start_time", start))
    sets: list[StrengthSet] = []
    previous_end = -math.inf
    ordinal = 0
    for message in ordered:
        kind = message.get("set_type")
        duration = _scaled(message, "duration", _DURATION_SCALE)
        if kind == _SET_REST:
            if sets and duration is not None and sets[-1].rest_s is None:
                sets[-1] = _with_rest(sets[-1], duration)
            continue
        if kind != _SET_ACTIVE:
            continue
        ordinal += 1
        set_start = _number(message, "start_time", previous_end)
        offset = _offset(set_start - start)
        label = f"{name}: set {ordinal} (at {offset} of the session of {_clock(start)})"
        if set_start < previous_end - _OVERLAP_TOLERANCE_S:
            warnings.append(f"{label} overlaps the set before it; left it out.")
            continue
        built = _set(message, duration, names, label, warnings)
        if built is None:
            continue
        sets.append(built)
        if duration is not None:
            previous_end = max(previous_end, set_start + duration)
    if not sets:
        return None
    elapsed = activity.elapsed_time_s
    low, high = _SESSION_SECONDS
    return StrengthSession(
        started_at=activity.started_at,
        sets=tuple(sets),
        duration_s=elapsed if elapsed is not None and low <= elapsed <= high else None,
        source="fit",
        external_id=activity.external_id,
        avg_hr_bpm=activity.avg_hr_bpm,
        max_hr_bpm=activity.max_hr_bpm,
        hr_series=_hr_series(activity),
    )


def _set(
    message: Mapping[str, object],
    duration: float | None,
    names: FitNames,
    label: str,
    warnings: list[str],
) -> StrengthSet | None:
    """One active set, or ``None`` (with a warning) when it cannot be kept."""
    exercise = _exercise(message, names)
    if exercise.warning is not None:
        warnings.append(f"{label}: {exercise.warning}.")
    reps = message.get("repetitions")
    reps = reps if isinstance(reps, int) else 0
    load = _scaled(message, "weight", _WEIGHT_SCALE) or 0.0
    if reps > MAX_SET_REPS:
        warnings.append(f"{label}: {reps} repetitions is out of range; left it out.")
        return None
    if not 0.0 <= load <= MAX_SET_LOAD_KG:
        warnings.append(f"{label}: a load of {load:g} kg is out of range; left it out.")
        return None
    hold = reps == 0 or (exercise.category in names.hold_categories and reps <= 1)
    if hold:
        if duration is None or not 1.0 <= duration <= _MAX_HOLD_S:
            shown = "no duration" if duration is None else f"{duration:g} s"
            warnings.append(f"{label}: no repetitions and {shown}; left it out.")
            return None
        return StrengthSet(
            exercise.slug,
            1,
            load,
            warmup=exercise.category == "warm_up",
            duration_s=round(duration, 1),
        )
    return StrengthSet(exercise.slug, reps, load, warmup=exercise.category == "warm_up")


def _exercise(message: Mapping[str, object], names: FitNames) -> _Exercise:
    """The watch's first valid guess of the set's exercise."""
    categories = _guesses(message.get("category"))
    subtypes = _guesses(message.get("category_subtype"))
    unknown: list[str] = []
    for index, number in enumerate(categories):
        if number is None or number == _NOT_IDENTIFIED:
            continue
        category = _CATEGORIES.get(number)
        if category is None or category == "unknown":
            unknown.append(str(number))
            continue
        subtype = subtypes[index] if index < len(subtypes) else None
        exercise_name = _exercise_name(category, subtype)
        slug = names.slug_for(category, exercise_name) or watch_slug(category, exercise_name)
        return _Exercise(slug, category, _unknown_warning(unknown))
    return _Exercise(UNIDENTIFIED_SLUG, None, _unknown_warning(unknown))


def _unknown_warning(numbers: list[str]) -> str | None:
    if not numbers:
        return None
    return f"unknown exercise category {', '.join(numbers)} (not in the FIT profile) ignored"


def _exercise_name(category: str, subtype: int | None) -> str | None:
    if subtype is None:
        return None
    field_type = profile.FIELD_TYPES.get(f"{category}_exercise_name")
    if field_type is None:
        return None
    found = field_type.enum.get(subtype)
    return None if found is None else str(found)


def _guesses(value: object) -> tuple[int | None, ...]:
    if isinstance(value, tuple):
        return tuple(v if isinstance(v, int) else None for v in value)
    return (value,) if isinstance(value, int) else ()


def _with_rest(item: StrengthSet, rest_s: float) -> StrengthSet:
    return StrengthSet(
        item.exercise_slug,
        item.reps,
        item.load_kg,
        rpe=item.rpe,
        side=item.side,
        warmup=item.warmup,
        duration_s=item.duration_s,
        rest_s=round(rest_s, 1),
    )


def _hr_series(activity: Activity) -> tuple[tuple[float, float], ...]:
    samples = activity.samples
    if samples is None or samples.hr_bpm is None:
        return ()
    time_s = np.asarray(samples.time_s, dtype=np.float64)
    heart = np.asarray(samples.hr_bpm, dtype=np.float64)
    keep = np.isfinite(time_s) & np.isfinite(heart) & (heart > 0)
    return tuple(
        (round(float(t), 1), float(round(bpm)))
        for t, bpm in zip(time_s[keep], heart[keep], strict=True)
    )


def _scaled(message: Mapping[str, object], key: str, scale: float) -> float | None:
    value = message.get(key)
    return value / scale if isinstance(value, int) else None


def _number(message: Mapping[str, object], key: str, default: float) -> float:
    value = message.get(key)
    return float(value) if isinstance(value, int | float) else default


def _offset(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _clock(unix_s: float) -> str:
    return datetime.fromtimestamp(unix_s, UTC).strftime("%Y-%m-%d %H:%M UTC")
